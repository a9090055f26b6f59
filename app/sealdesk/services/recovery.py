"""Start-up recovery: finish or discard what a crash left in the document store.

The sealing protocol commits the seal and its audit event before promoting the staged file, so
after a crash exactly two situations need repair:

* a staged file whose hash matches a committed seal whose stored copy is missing: promote it
  (the crash hit between commit and rename);
* a staged file no seal refers to: discard it (the crash hit before commit; nothing happened
  legally, and the document will be sealed again).

A committed seal whose file is missing with no staged copy cannot be repaired; it is reported
(and revalidation flags it), never hidden. What recovery did is itself recorded in the log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sealdesk.core.audit.events import EventType
from sealdesk.fsutil import sha256_file
from sealdesk.services.audit_log import record_now
from sealdesk.services.context import AppContext
from sealdesk.storage import seal_repo


@dataclass
class RecoveryReport:
    promoted: list[str] = field(default_factory=list)
    discarded: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def acted(self) -> bool:
        return bool(self.promoted or self.discarded or self.missing)


def recover(ctx: AppContext) -> RecoveryReport:
    report = RecoveryReport()
    staged = ctx.store.staged_files()
    with ctx.database.reader() as session:
        for path in staged:
            digest = sha256_file(path)
            if seal_repo.seals_by_sealed_hash(session, digest):
                if ctx.store.contains(digest):
                    path.unlink()
                    report.discarded.append(digest)
                else:
                    ctx.store.promote(path, digest)
                    report.promoted.append(digest)
            else:
                path.unlink()
                report.discarded.append(digest)
        for seal in seal_repo.all_seals(session):
            if not ctx.store.contains(seal.sealed_sha256):
                report.missing.append(seal.sealed_sha256)
    if report.acted:
        record_now(ctx, ctx.event(
            EventType.RECOVERY_PERFORMED,
            {"console": ctx.console_id},
            {
                "promoted": report.promoted,
                "discarded_uncommitted": report.discarded,
                "missing_sealed_files": report.missing,
            },
        ))
    return report
