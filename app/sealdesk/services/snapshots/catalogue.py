"""The complete snapshots in a snapshot folder, read from their manifests (nothing verified).

Kept apart from :mod:`.listing` (which knows the installation's context) because the context
itself asks it which snapshot to name when this version may not open a database (rollback).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sealdesk.core.bounded_json import loads
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import JSON_FILE_LIMIT, read_bounded
from sealdesk.services.snapshots.manifest import MANIFEST_NAME


@dataclass(frozen=True)
class SnapshotInfo:
    """A complete snapshot as its manifest describes it (unverified)."""

    path: Path
    name: str
    created: str
    reason: str
    tree_size: int
    objects: int
    manifest: dict[str, Any]


def list_snapshots(root: Path) -> list[SnapshotInfo]:
    """Complete snapshots under ``root``, oldest first; unreadable manifests are skipped."""
    found: list[SnapshotInfo] = []
    if not root.is_dir():
        return found
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(".") or not (folder / MANIFEST_NAME).is_file():
            continue
        try:
            data = read_bounded(folder / MANIFEST_NAME, JSON_FILE_LIMIT, "snapshot manifest")
            manifest = loads(data)
            found.append(SnapshotInfo(
                folder, folder.name, str(manifest["created"]), str(manifest.get("reason", "")),
                int(manifest["audit"]["tree_size"]), len(manifest["objects"]), manifest))
        except (SealDeskError, OSError, ValueError, KeyError, TypeError):
            continue
    return found


def snapshot_to_restore(root: Path) -> str:
    """The newest snapshot taken by a version no newer than this one, for a refusal message."""
    import sealdesk
    from sealdesk.storage.compat import version_key

    ours = version_key(sealdesk.__version__)
    usable = [info for info in list_snapshots(root)
              if version_key(info.manifest.get("software_version")) <= ours]
    if not usable:
        return f"a snapshot taken before the upgrade (none found in {root})"
    return f"the snapshot {usable[-1].path}"
