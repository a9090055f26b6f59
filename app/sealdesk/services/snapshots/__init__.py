"""Snapshots of all writable state (database, store, log), their verification and restore.

Public API: :func:`create_snapshot`, :func:`list_snapshots` / :func:`snapshot_root`,
:func:`verify_snapshot`.
"""

from sealdesk.services.snapshots.create import SnapshotResult, create_snapshot
from sealdesk.services.snapshots.listing import SnapshotInfo, list_snapshots, snapshot_root
from sealdesk.services.snapshots.verify import SnapshotVerification, verify_snapshot

__all__ = [
    "SnapshotInfo",
    "SnapshotResult",
    "SnapshotVerification",
    "create_snapshot",
    "list_snapshots",
    "snapshot_root",
    "verify_snapshot",
]
