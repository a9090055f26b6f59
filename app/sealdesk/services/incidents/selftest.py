"""Update safety: after an update, nothing is sealed until a self-test on this installation passes.

A regressive update (a library that now writes a broken CMS, a changed default, a migration
that lost something) must be noticed on a canary, not on a customer's contract. The database
remembers which software version last passed the self-test (``software_state``; a new
installation records the version that created it). When the running version differs, or the
database comes from a version before self-tests,
:func:`sealdesk.services.sealing.gates.require_sealing_allowed` refuses to
seal, and the Documents page and ``sealdesk seal`` say "Self-test required after update".

:func:`run_selftest` proves, with the configured token and TSA:

1. the audit log verifies (chain, Merkle roots, signed checkpoints; the head included);
2. the seal key seals a canary PDF (made now, never added to the documents: it lives under
   ``<data>/selftest/``, outside the store and the database's document list);
3. the canary verifies (SealDesk's validator, the configured trust anchors and revocation mode).

The outcome is recorded as ``selftest.passed``/``selftest.failed`` (version, each check, the
canary's hashes); a pass also records the version, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sealdesk
from sealdesk.core.audit.events import EventType
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.sealing.sealer import Sealer
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.core.token.prompts import PinProvider
from sealdesk.core.validation import DocumentReport, Indication
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import atomic_output, sha256_file
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.checkpoints import checkpoint_after_operation
from sealdesk.services.audit.log import record
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.detection import on_selftest_failed
from sealdesk.services.keys.standby import seal_token
from sealdesk.services.progress import ProgressCallback, no_progress
from sealdesk.services.revalidation.verification import policy_from, verify_file
from sealdesk.services.sealing.gates import SelftestStatus, read_selftest_status
from sealdesk.services.sealing.policy import seal_policy_from
from sealdesk.services.sealing.token_session import BatchToken
from sealdesk.services.tsa_credentials import tsa_password
from sealdesk.storage.incidents.models import SINGLE_ROW, SoftwareState


@dataclass
class SelftestResult:
    version: str
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    """(check, passed, detail) in order; the run stops at the first failure."""
    error: SealDeskError | None = None

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(ok for _, ok, _ in self.checks) and self.error is None


def status(ctx: AppContext) -> SelftestStatus:
    """Whether this version still owes its self-test on this database."""
    return read_selftest_status(ctx)


def run_selftest(
    ctx: AppContext, pin: str | None, *, pin_provider: PinProvider | None = None,
    progress: ProgressCallback = no_progress,
) -> SelftestResult:
    """Run the checks of the module docstring and record the outcome (see there)."""
    require_role(ctx, (Role.OPERATOR, Role.ADMINISTRATOR), "run the self-test")
    result = SelftestResult(sealdesk.__version__)
    canary: dict[str, object] = {}
    connection: BatchToken | None = None
    try:
        progress(0, 3, "Verifying the audit log…")
        report = verify_log(ctx)
        result.checks.append(("audit log", report.ok, report.summary().splitlines()[0]))
        if report.ok:
            progress(1, 3, "Sealing the canary document…")
            choice = seal_token(ctx)  # the standby, if an operator switched to it
            connection = BatchToken(ctx, pin, pin_provider=pin_provider,
                                    token_config=choice.token)
            connection.open()
            canary = _seal_canary(ctx, connection, choice.key_label, result)
            progress(2, 3, "Verifying the canary…")
    except SealDeskError as exc:
        result.error = exc
        result.checks.append(("run", False, exc.message))
    try:
        _record(ctx, result, canary)
        if connection is not None and connection.is_open:
            checkpoint_after_operation(ctx, connection.token)
    finally:
        if connection is not None:
            connection.close()
    progress(3, 3, "Done")
    return result


def _seal_canary(ctx: AppContext, connection: BatchToken, key_label: str,
                 result: SelftestResult) -> dict[str, object]:
    folder = ctx.paths.data_dir / "selftest"
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    source = make_text_pdf(folder / "canary.pdf", "SealDesk self-test canary", [
        f"Software version {result.version}", f"Made {now:%Y-%m-%d %H:%M:%S} UTC",
        "Not a document: proves that this installation still seals and verifies."])
    anchors = ctx.trust_anchors()
    timestamper = (build_timestamper(ctx.config.tsa, tsa_password(ctx.config.tsa))
                   if ctx.config.tsa.url or ctx.config.tsa.is_demo else None)
    sealer = Sealer(connection.token, key_label, timestamper=timestamper,
                    chain=anchors, trust_anchors=anchors, pin=connection.pin)
    try:
        policy = seal_policy_from(ctx.config, sealer.certificate_sha256, key_label)
        sealed = folder / "canary.sealed.pdf"
        with atomic_output(sealed) as handle:
            sealer.seal(source, handle, policy, ctx.actor.name)
    finally:
        sealer.forget_pin()
    result.checks.append(("seal canary", True, f"sealed with {key_label!r} "
                          f"at level {policy.level}"))
    verification = verify_file(sealed, policy_from(ctx))
    indication = verification.indication
    result.checks.append(("verify canary", indication == Indication.PASSED,
                          f"{indication}: {_first_reason(verification.report)}"))
    return {"canary_sha256": sha256_file(source), "sealed_sha256": sha256_file(sealed),
            "certificate_sha256": sealer.certificate_sha256, "indication": str(indication)}


def _first_reason(report: DocumentReport) -> str:
    if report.indication == Indication.PASSED:
        return "the seal is intact, valid and trusted"
    findings = [f.message for s in report.signatures for f in s.findings]
    return findings[0] if findings else "see 'sealdesk verify' on the canary"


def _record(ctx: AppContext, result: SelftestResult, canary: dict[str, object]) -> None:
    kind = EventType.SELFTEST_PASSED if result.passed else EventType.SELFTEST_FAILED
    details = {"version": result.version, **canary,
               "checks": [{"check": c, "passed": ok, "detail": d} for c, ok, d in result.checks]}
    with ctx.database.transaction() as session:
        entry = record(session, ctx.event(kind, {"check": "update"}, details))
        if not result.passed:
            on_selftest_failed(session, ctx, result.version, entry.index)
        if result.passed:
            row = session.get(SoftwareState, SINGLE_ROW) or SoftwareState(id=SINGLE_ROW)
            row.version, row.selftest_at = result.version, dt.datetime.now(dt.UTC)
            row.audit_index = entry.index
            session.add(row)
