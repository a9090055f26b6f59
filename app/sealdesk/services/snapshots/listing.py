"""Where snapshots live and which ones exist (complete ones only; nothing is verified here).

A snapshot is a folder ``<snapshot folder>/<UTC time>-<random>``. It is built as
``.<name>.@host.pid@.partial`` and renamed when complete, so a snapshot killed half-way (kill -9,
power cut) never looks like a snapshot; the next ``snapshot create`` removes such leftovers once
their writer is gone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sealdesk.errors import ConfigError
from sealdesk.fsutil import make_missing_dirs, writer_gone
from sealdesk.services.context import AppContext
from sealdesk.services.snapshots.catalogue import list_snapshots
from sealdesk.services.snapshots.manifest import EarlierObject
from sealdesk.storage.documents.encryption import KEY_SUFFIX

PARTIAL_SUFFIX = ".partial"


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
    return make_missing_dirs(root)  # an existing folder (media, a share) keeps its mode


def earlier_objects(root: Path) -> dict[str, EarlierObject]:
    """Objects held by earlier snapshots (newest first wins): name -> file to link from."""
    objects: dict[str, EarlierObject] = {}
    for info in reversed(list_snapshots(root)):
        for entry in info.manifest.get("objects", []):
            path = info.path / entry["path"]
            if path.name not in objects and not path.name.endswith(KEY_SUFFIX) \
                    and path.is_file():
                objects[path.name] = EarlierObject(path, entry["sha256"])
    return objects


def remove_abandoned(root: Path) -> list[str]:
    """Remove half-built snapshots whose writer is gone (killed); return their names."""
    removed = []
    for folder in root.glob(f".*{PARTIAL_SUFFIX}"):
        if folder.is_dir() and writer_gone(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
