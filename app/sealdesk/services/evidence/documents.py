"""A document inside a checked bundle, for the preview (see core.evidence.document)."""

from sealdesk.core.evidence.document import PREVIEW_LIMIT, read_document

__all__ = ["PREVIEW_LIMIT", "read_document"]
