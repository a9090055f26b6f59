"""Where the log's anchors stand: the newest anchored checkpoint, and whether anchoring keeps up.

Read only (the anchor folder and a snapshot of the database), for the Audit page and
``sealdesk audit anchors``. The newest anchor counts only if it passes the same checks
``audit verify`` applies (checkpoint signed by a trusted audit certificate, timestamp over it by
a trusted TSA); a newer file that fails is listed as a problem, never shown as "anchored".

Two warnings a custodian can act on:

* **not anchored**: the newest signed checkpoint in the database is larger than the newest
  valid anchor (the TSA or the anchor folder failed at the last operations);
* **stale**: the newest valid anchor is more than :data:`STALE_AFTER` older than the newest
  checkpoint: anchoring has been failing for a while, so a rewrite of that period would only be
  caught by the database's own checkpoints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sealdesk.core.audit.canonical import format_time
from sealdesk.services.audit.anchors import newest_valid_anchor
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.audit.report import AuditReport
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext
from sealdesk.storage.audit import checkpoints as checkpoint_repo

__all__ = ["STALE_AFTER", "AnchorStatus", "anchor_status"]

STALE_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class AnchorStatus:
    """What the anchor folder holds compared with the newest checkpoint in the database."""

    folder: Path
    folder_configured: bool
    """True when ``[audit] anchor_dir`` names a folder (out of band); False: the default
    folder inside the data folder, which someone who can write the data folder can also write."""
    folder_exists: bool
    timestamps_on: bool
    anchored_size: int | None = None
    anchored_at: dt.datetime | None = None
    """When the anchored checkpoint was signed (the console's clock)."""
    tsa_time: dt.datetime | None = None
    """The time the TSA certified (None: no timestamp, or from a TSA the anchors do not trust)."""
    anchor_file: str = ""
    latest_size: int | None = None
    latest_at: dt.datetime | None = None
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def unanchored(self) -> bool:
        """The newest signed checkpoint is not anchored."""
        if self.latest_size is None:
            return False
        return self.anchored_size is None or self.anchored_size < self.latest_size

    @property
    def entries_behind(self) -> int:
        if self.latest_size is None:
            return 0
        return self.latest_size - (self.anchored_size or 0)

    def to_dict(self) -> dict[str, Any]:
        def when(moment: dt.datetime | None) -> str | None:
            return None if moment is None else format_time(moment)

        return {
            "folder": str(self.folder), "folder_configured": self.folder_configured,
            "folder_exists": self.folder_exists, "timestamps_on": self.timestamps_on,
            "anchored_tree_size": self.anchored_size, "anchored_at": when(self.anchored_at),
            "tsa_time": when(self.tsa_time), "anchor_file": self.anchor_file or None,
            "latest_tree_size": self.latest_size, "latest_at": when(self.latest_at),
            "unanchored": self.unanchored, "entries_behind": self.entries_behind,
            "stale": self.stale, "problems": list(self.problems), "notes": list(self.notes),
        }

    @property
    def stale(self) -> bool:
        """The newest valid anchor is more than :data:`STALE_AFTER` behind the newest checkpoint."""
        if not self.unanchored or self.latest_at is None:
            return False
        anchored = self.tsa_time or self.anchored_at
        return anchored is None or self.latest_at - anchored > STALE_AFTER


def anchor_status(ctx: AppContext) -> AnchorStatus:
    """Read the anchor folder and the newest stored checkpoint (see the module docstring)."""
    folder = ctx.config.anchor_dir(ctx.paths)
    scratch = AuditReport()
    newest = newest_valid_anchor(folder, trust_for(ctx), scratch)
    latest_size, latest_at = _latest_checkpoint(ctx)
    problems = tuple(f.message for f in scratch.findings)
    base = AnchorStatus(
        folder=folder, folder_configured=bool(ctx.config.audit.anchor_dir),
        folder_exists=folder.is_dir(), timestamps_on=ctx.config.audit.timestamp_checkpoints,
        latest_size=latest_size, latest_at=latest_at, problems=problems,
        notes=tuple(scratch.warnings))
    if newest is None:
        return base
    checkpoint = newest.anchor.checkpoint.signed.checkpoint
    return dataclasses.replace(base, anchored_size=checkpoint.tree_size,
                               anchored_at=checkpoint.time, tsa_time=newest.timestamp,
                               anchor_file=newest.path.name)


def _latest_checkpoint(ctx: AppContext) -> tuple[int | None, dt.datetime | None]:
    """The newest stored checkpoint's size and time (as it signed them), if any."""
    with AuditReader(ctx.database) as reader, reader.session() as session:
        stored = checkpoint_repo.latest_checkpoint(session)
    if stored is None:
        return None, None
    try:
        checkpoint = stored.decode().checkpoint
    except ValueError:
        return stored.tree_size, None  # a damaged row: verify names it
    return checkpoint.tree_size, checkpoint.time
