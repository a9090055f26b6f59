"""Retention classes, legal holds and deletion at the end of retention (issue 21 item 5).

The audit log is the authority: classes are part of the quorum-approved signing policy, a
document's class, clock, holds and deletion are events, and every decision replays them
(:mod:`ledger`); the ``retention_documents`` and ``legal_holds`` rows are a cache compared
with the log. Deletion is a ``delete_under_retention`` proposal approved by custodians
(:mod:`deletion`); :func:`destroy_content` is the one step that removes content.
"""

from sealdesk._lazy import lazy_api

_API = {
    "ActResult": "acts",
    "set_class": "acts",
    "start_clock": "acts",
    "place_hold": "acts",
    "release_hold": "acts",
    "DocumentHeldError": "errors",
    "NotDueError": "errors",
    "DeletionResult": "deletion",
    "propose_deletion": "deletion",
    "execute_deletion": "deletion",
    "destroy_content": "deletion",
    "finish_pending_destruction": "deletion",
    "require_deletable": "deletion",
    "DocumentStatus": "status",
    "retention_overview": "status",
    "due_documents": "status",
    "retention_rules": "status",
    "deleted_under_retention": "status",
    "deleted_files": "status",
    "deleted_among": "status",
    "class_for_sealing": "policy",
    "propose_classes": "policy",
    "standing_now": "ledger",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
