"""Refusals of retention: a held document, one not yet due, one already deleted."""

from __future__ import annotations

from sealdesk.errors import PermissionDeniedError


class DocumentHeldError(PermissionDeniedError):
    """A legal hold the audit log proves is in force: nothing deletes the document."""


class NotDueError(PermissionDeniedError):
    """The document's retention period, as the log and the signing policy prove it, runs on."""
