"""Evidence bundles: one signed zip that proves documents, their seals and their audit trail.

Qt-free, database-free and token-free for verification: :func:`verify_bundle` needs only the
bundle (and, optionally, the audit certificate and root certificates the auditor trusts). The
export side (:mod:`sealdesk.services.evidence.export`) gathers the parts from the database and the
store and signs the manifest with the audit key; the format is described in
:mod:`sealdesk.core.evidence.manifest`.
"""

from sealdesk.core.evidence.verdict import BundleVerdict, DocumentVerdict, Reason
from sealdesk.core.evidence.verify import verify_bundle

__all__ = ["BundleVerdict", "DocumentVerdict", "Reason", "verify_bundle"]
