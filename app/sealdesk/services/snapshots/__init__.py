"""Snapshots of all writable state (database, store, log), their verification and restore.

Public API below (loaded on first use, see :mod:`sealdesk._lazy`): :func:`create_snapshot`,
:func:`list_snapshots` / :func:`snapshot_root`, :func:`verify_snapshot`.
"""

from sealdesk._lazy import lazy_api

_API = {
    "SnapshotInfo": "catalogue",
    "SnapshotResult": "create",
    "SnapshotVerification": "verify",
    "create_snapshot": "create",
    "list_snapshots": "catalogue",
    "snapshot_root": "listing",
    "verify_snapshot": "verify",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
