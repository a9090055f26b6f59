"""Where snapshots live and which ones exist (complete ones only; nothing is verified here).

A snapshot is a folder ``<snapshot folder>/<UTC time>-<random>``. It is built as
``.<name>.@host.pid@.partial`` and renamed when complete, so a snapshot killed half-way (kill -9,
power cut) never looks like a snapshot; the next ``snapshot create`` removes such leftovers once
their writer is gone.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sealdesk.errors import ConfigError
from sealdesk.fsutil import make_private_dir, writer_gone
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots.manifest import MANIFEST_NAME

PARTIAL_SUFFIX = ".partial"


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


def snapshot_root(ctx: AppContext, override: Path | None = None) -> Path:
    """The snapshot folder: ``override``, else the setting; refused inside the live data."""
    root = (override or ctx.config.snapshot_dir(ctx.paths)).expanduser().resolve()
    for live in (ctx.paths.data_dir.resolve(), ctx.store.root.resolve()):
        if root == live or live in root.parents:
            raise ConfigError(
                f"The snapshot folder {root} is inside the live data folder {live}.",
                hint="Choose a folder outside the data folder (ideally on another disk), in "
                "Settings (storage.snapshot_dir) or with --to.",
            )
    return make_private_dir(root)


def list_snapshots(root: Path) -> list[SnapshotInfo]:
    """Complete snapshots under ``root``, oldest first; unreadable manifests are skipped."""
    found: list[SnapshotInfo] = []
    if not root.is_dir():
        return found
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(".") or not (folder / MANIFEST_NAME).is_file():
            continue
        try:
            manifest = json.loads((folder / MANIFEST_NAME).read_bytes())
            found.append(SnapshotInfo(
                folder, folder.name, str(manifest["created"]), str(manifest.get("reason", "")),
                int(manifest["audit"]["tree_size"]), len(manifest["objects"]), manifest))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def earlier_objects(root: Path) -> dict[str, Path]:
    """Objects held by earlier snapshots (newest first wins): hash -> file to link from."""
    objects: dict[str, Path] = {}
    for info in reversed(list_snapshots(root)):
        for entry in info.manifest.get("objects", []):
            path = info.path / entry["path"]
            if entry["sha256"] not in objects and path.is_file():
                objects[entry["sha256"]] = path
    return objects


def remove_abandoned(root: Path) -> list[str]:
    """Remove half-built snapshots whose writer is gone (killed); return their names."""
    removed = []
    for folder in root.glob(f".*{PARTIAL_SUFFIX}"):
        if folder.is_dir() and writer_gone(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


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
