"""Start-up recovery: finish or discard what a crash left in the document store.

The sealing protocol commits the seal and its audit event before promoting the staged file, so
after a crash exactly these situations need repair:

* a staged file whose hash matches a committed seal whose stored copy is missing: promote it
  (the crash hit between commit and rename);
* a staged file no seal refers to: discard it (the crash hit before commit; nothing happened
  legally, and the document will be sealed again);
* a temporary copy (``objects/ab/.NAME.@host.pid@.XXXX.part``) whose rename never happened:
  delete it (the copy of an original was interrupted; the next seal copies it again).

Files whose writer still runs (their name carries host and pid: another console or a CLI batch
on the same store) are left alone, and counted as in flight: touching them would break a batch
that is doing nothing wrong. A committed seal whose file is missing with no staged copy cannot be
repaired; it is reported (and revalidation flags it), never hidden. What recovery did is itself
recorded in the log. The GUI runs this at start; the CLI before every sealing batch.

Recovery ends with a quick reconciliation (counts and findings per kind, without re-reading
every stored file; see :mod:`sealdesk.services.reconcile`): it is on the report for the caller
to show, and part of the recorded event when recovery had to act.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.fsutil import writer_gone
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from sealdesk.services.keys.registry import reconcile_config
from sealdesk.services.reconcile.checks import reconcile
from sealdesk.services.retention.status import deleted_among
from sealdesk.storage.documents import repo as seal_repo


@dataclass
class RecoveryReport:
    promoted: list[str] = field(default_factory=list)
    discarded: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    temporary_removed: list[str] = field(default_factory=list)
    config_reconciled: list[str] = field(default_factory=list)
    """Key labels the configuration had to take back from the key registry (see below)."""
    in_flight: int = 0
    """Staged or temporary files another running process is still writing (left alone)."""
    reconciliation: dict[str, object] = field(default_factory=dict)
    """Counts and findings per kind after recovery (see module docstring)."""

    @property
    def acted(self) -> bool:
        return bool(self.promoted or self.discarded or self.missing or self.temporary_removed
                    or self.config_reconciled)

    def summary(self) -> str:
        """One line for a terminal or the status bar."""
        return (f"Recovered after an interrupted run: {len(self.promoted)} seal(s) finished, "
                f"{len(self.discarded) + len(self.temporary_removed)} unfinished file(s) "
                f"discarded, {len(self.missing)} missing (see the audit log).")


def recover(ctx: AppContext) -> RecoveryReport:
    report = RecoveryReport()
    for temporary in ctx.store.temporary_files():
        if writer_gone(temporary.name):
            temporary.unlink(missing_ok=True)
            report.temporary_removed.append(temporary.name)
        else:
            report.in_flight += 1
    for record in ctx.store.orphan_staged_records():  # a crash between the two renames
        if _claim(record, report) and (sha256 := ctx.store.finish_promotion(record)):
            report.promoted.append(sha256)
    staged = [p for p in ctx.store.staged_files() if _claim(p, report)]
    with ctx.database.reader() as session:
        for path in staged:
            digest = ctx.store.staged_sha256(path)  # None: an envelope never recorded
            if digest and seal_repo.seals_by_sealed_hash(session, digest):
                if ctx.store.contains(digest):
                    ctx.store.discard_staged(path)
                    report.discarded.append(digest)
                else:
                    ctx.store.promote(path, digest)
                    report.promoted.append(digest)
            else:
                ctx.store.discard_staged(path)
                report.discarded.append(digest or path.name)
        for seal in seal_repo.all_seals(session):
            if not ctx.store.contains(seal.sealed_sha256):
                report.missing.append(seal.sealed_sha256)
    deleted = deleted_among(ctx, report.missing)  # deleted under retention: not missing
    report.missing = [sha for sha in report.missing if sha not in deleted]
    # A crash between writing config.toml and committing a key activation leaves the file
    # naming a key the database never activated: the registry is the truth.
    report.config_reconciled = reconcile_config(ctx)
    report.reconciliation = reconcile(ctx, contents=False).summary()
    if report.acted:
        record_now(ctx, ctx.event(
            EventType.RECOVERY_PERFORMED,
            {"console": ctx.console_id},
            {
                "promoted": report.promoted,
                "discarded_uncommitted": report.discarded,
                "missing_sealed_files": report.missing,
                "temporary_files_removed": len(report.temporary_removed),
                "left_in_flight": report.in_flight,
                "config_reconciled": report.config_reconciled,
                "reconciliation": report.reconciliation,
            },
        ))
    return report


def _claim(path: Path, report: RecoveryReport) -> bool:
    """Whether recovery may act on a staged file: its writer is gone (else count it)."""
    if writer_gone(path.name):
        return True
    report.in_flight += 1
    return False
