"""Seal a batch of documents: one token session, one login, each seal committed with its event.

For each document, in this order (the failure model of DESIGN.md):

1. intake checks; a refused file is reported and recorded as ``document.seal_failed``;
2. idempotency: an original already sealed under the same policy is reported, not resealed;
3. the seal is written to a staging file and fsynced; it must begin with the very bytes intake
   checked (the original is the sealed file's prefix; it is not stored a second time);
4. one transaction records the document, the seal and its ``document.sealed`` audit event;
5. the staging file is promoted to its content address; an export copy is written last.

A crash between 4 and 5 is finished by recovery at the next start; a crash before 4 leaves only a
staging file, which recovery discards. So a sealed file exists exactly when its event does.

The documents go through these steps in waves of up to 32 (:mod:`sealdesk.services.sealing.wave`):
several seals of a wave run at once and the wave commits in one transaction, in input order.
Cancelling lets the seals already running finish and be committed; the rest are not started.

Real tokens interrupt batches (:mod:`sealdesk.services.sealing.token_session`): a token pulled out
pauses
the batch through the front end's waiter; after reinsertion the session is reopened and the batch
goes on with the documents that failed (finished ones are never resealed: step 2). A module that
stops answering abandons the batch: nothing is committed for the documents in flight.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from sealdesk.core.rotation.standby import PRIMARY
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.sealer import ALWAYS_AUTHENTICATE_NOTICE, Sealer
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.core.token.prompts import NoticeCallback, PinProvider, TokenWaiter
from sealdesk.errors import (
    InputError,
    KeyNotFoundError,
    SealDeskError,
    TokenError,
    TokenNotPresentError,
)
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.checkpoints import checkpoint_after_operation
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.recorded import require_recorded_recipients
from sealdesk.services.incidents.detection import on_batch_stopped
from sealdesk.services.keys.snapshot_record import record_snapshot
from sealdesk.services.keys.standby import (
    PrimaryTokenUnavailableError,
    SealToken,
    offer_hint,
    offers_standby,
    seal_token,
)
from sealdesk.services.progress import CancelFlag, ProgressCallback, no_progress
from sealdesk.services.retention.policy import class_for_sealing
from sealdesk.services.sealing.choices import SealChoices
from sealdesk.services.sealing.export_copy import record_export_copies
from sealdesk.services.sealing.gates import (
    require_sealing_allowed,
    require_signing_policy_followed,
    require_usable_certificate,
)
from sealdesk.services.sealing.intake import WaveIntake, intake_wave
from sealdesk.services.sealing.policy import seal_policy_from
from sealdesk.services.sealing.results import BatchResult, DocumentResult, Outcome
from sealdesk.services.sealing.token_session import BatchToken
from sealdesk.services.sealing.wave import Tick, plan_waves, seal_wave
from sealdesk.services.tsa_credentials import tsa_password

__all__ = ["BatchResult", "DocumentResult", "Outcome", "seal_documents"]


def seal_documents(
    ctx: AppContext,
    files: list[Path],
    pin: str | None,
    *,
    export_dir: Path | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelFlag | None = None,
    pin_provider: PinProvider | None = None,
    waiter: TokenWaiter | None = None,
    on_notice: NoticeCallback | None = None,
    retention: str | None = None,
    choices: SealChoices | None = None,
) -> BatchResult:
    """Seal ``files`` with the configured token and key; see the module docstring.

    ``pin`` is the PIN for the login (None: the reader's PIN pad). ``pin_provider`` is asked for
    another PIN after a wrong one and after a reinsertion (without it, a wrong PIN raises and the
    batch's PIN is reused after reinsertion); ``waiter`` decides whether to wait for a removed
    token (default: stop); ``on_notice`` shows notices at once (they are also on the result).
    ``retention`` names the retention class of the signing policy the new seals record (None:
    the policy's default); an unknown class refuses the batch before the token is opened.
    ``choices`` are the reason, location and PAdES level chosen for this batch in place of the
    ``[seal]`` settings; a level the signing policy does not allow refuses before any seal.
    """
    require_role(ctx, Role.OPERATOR, "seal documents")
    require_sealing_allowed(ctx)  # maintenance mode, self-test owed after an update
    require_recorded_recipients(ctx)  # never stored for a key a file editor added, or in clear
    retention_class = class_for_sealing(ctx, retention)
    cancel = cancel or CancelFlag()
    batch = BatchResult()

    def notify(text: str) -> None:
        batch.notices.append(text)
        if on_notice is not None:
            on_notice(text)

    choice = seal_token(ctx)  # the primary, or the standby an operator switched to (the log says)
    connection = BatchToken(ctx, pin, pin_provider=pin_provider, waiter=waiter, notice=notify,
                            token_config=choice.token)
    started_at = dt.datetime.now(dt.UTC)
    try:
        _open(ctx, connection, choice)  # inside: a login whose event cannot be written logs out
        _seal_with(ctx, connection, choice, files, export_dir, progress, cancel, batch,
                   retention_class, choices or SealChoices())
    finally:
        connection.close()
    if choice.which == PRIMARY and choice.standby is not None and offers_standby(batch.stopped_by):
        notify(f"A standby seal token is registered ({choice.standby.describe()}). "
               + offer_hint())
    on_batch_stopped(ctx, batch.stopped_by, (r.sha256 for r in batch.results
                                             if r.outcome is Outcome.FAILED), started_at)
    return batch


def _open(ctx: AppContext, connection: BatchToken, choice: SealToken) -> None:
    """Log in; a missing or hung primary with a registered standby offers the switch.

    A primary that answers more slowly than ``standby.slow_seconds`` seals on, with a notice
    offering the standby: the choice stays with the person, never automatic."""
    started = time.monotonic()
    try:
        connection.open()
    except TokenError as exc:
        if choice.which == PRIMARY and choice.standby is not None and offers_standby(exc):
            raise PrimaryTokenUnavailableError(exc, choice.standby) from exc
        raise
    seconds = time.monotonic() - started
    if (choice.which == PRIMARY and choice.standby is not None
            and seconds > ctx.config.standby.slow_seconds):
        connection.notify(f"The primary seal token took {seconds:.2f} s to log in (more than "
                          f"{ctx.config.standby.slow_seconds:g} s). A standby seal token is "
                          f"registered ({choice.standby.describe()}). " + offer_hint())


def _seal_with(
    ctx: AppContext,
    connection: BatchToken,
    choice: SealToken,
    files: list[Path],
    export_dir: Path | None,
    progress: ProgressCallback,
    cancel: CancelFlag,
    batch: BatchResult,
    retention_class: str = "",
    choices: SealChoices | None = None,
) -> None:
    choices = choices or SealChoices()
    anchors = ctx.trust_anchors()
    timestamper = (
        build_timestamper(ctx.config.tsa, tsa_password(ctx.config.tsa))
        if ctx.config.tsa.url or ctx.config.tsa.is_demo
        else None
    )

    sealers: list[Sealer] = []  # every one holds the batch PIN until forgotten

    def new_sealer() -> Sealer:
        made = Sealer(
            connection.token, choice.key_label, timestamper=timestamper,
            chain=anchors, trust_anchors=anchors, pin=connection.pin,
        )
        sealers.append(made)  # holds the PIN: forgotten in the finally below, whatever happens
        expected = choice.expected_certificate_sha256
        if expected and made.certificate_sha256 != expected:
            raise KeyNotFoundError(
                f"The standby token holds another certificate under {choice.key_label!r} than "
                "the one the custodians registered; SealDesk does not seal with it.",
                hint="Connect the registered standby token, or switch back to the primary.")
        require_usable_certificate(ctx, made.certificate_sha256)
        require_signing_policy_followed(  # before any seal
            ctx, made.certificate.dump(), choices.level.value if choices.level else None)
        if made.always_authenticate and not batch.always_authenticate:
            batch.always_authenticate = True
            connection.notify(ALWAYS_AUTHENTICATE_NOTICE)
        return made

    try:
        _seal_all(ctx, connection, new_sealer(), new_sealer, files, export_dir, progress, cancel,
                  batch, retention_class, choices)
    finally:
        for sealer in sealers:
            sealer.forget_pin()
    record_export_copies(ctx, ((r.exported_path, r.sealed_sha256) for r in batch.results
                               if r.exported_path is not None and r.sealed_sha256))
    if connection.is_open and checkpoint_after_operation(ctx, connection.token) is not None:
        record_snapshot(ctx, connection.token)


def _seal_all(
    ctx: AppContext,
    connection: BatchToken,
    sealer: Sealer,
    new_sealer: Callable[[], Sealer],
    files: list[Path],
    export_dir: Path | None,
    progress: ProgressCallback,
    cancel: CancelFlag,
    batch: BatchResult,
    retention_class: str = "",
    choices: SealChoices | None = None,
) -> None:
    policy = seal_policy_from(ctx.config, sealer.certificate_sha256, sealer.key_label, choices)
    total = len(files)
    done = 0  # documents of the waves finished (committed or failed)
    ticked = 0  # documents reported so far: the finished waves plus those of the current one

    def tick(path: Path) -> None:
        nonlocal ticked
        ticked += 1
        progress(min(ticked, total), total, path.name)

    progress(0, total, "")
    waves = plan_waves(files)
    with WaveIntake(waves) as intake:
        for index, wave in enumerate(waves):
            if cancel.cancelled or batch.stopped_by is not None:
                batch.results.extend(DocumentResult(path, Outcome.NOT_STARTED) for path in wave)
                continue
            ticked = done
            results = seal_wave(ctx, sealer, policy, intake.take(index), export_dir, cancel,
                                tick, retention_class=retention_class)
            sealer, policy = _reseal_interrupted(ctx, connection, sealer, policy, new_sealer,
                                                 results, done, total, export_dir, cancel, tick,
                                                 retention_class, choices)
            for result in results:
                batch.results.append(result)
                if (batch.stopped_by is None and result.error is not None
                        and not isinstance(result.error, InputError)):
                    batch.stopped_by = result.error  # token, TSA, storage: the rest would fail
            done += len(wave)
            progress(done, total, wave[-1].name)
    batch.cancelled = cancel.cancelled and batch.count(Outcome.NOT_STARTED) > 0


def _reseal_interrupted(
    ctx: AppContext, connection: BatchToken, sealer: Sealer, policy: SealPolicy,
    new_sealer: Callable[[], Sealer], results: list[DocumentResult], done: int, total: int,
    export_dir: Path | None, cancel: CancelFlag, tick: Tick, retention_class: str = "",
    choices: SealChoices | None = None,
) -> tuple[Sealer, SealPolicy]:
    """If the token was pulled out mid-wave: wait for it, reconnect, seal those documents again.

    Updates ``results`` in place and returns the Sealer and policy to go on with (new ones
    after a reconnection: the session is a new one, and the token's certificate may be too).
    """
    while again := _interrupted(results, cancel):
        first = results[again[0]]
        assert isinstance(first.error, TokenNotPresentError)
        try:
            if not connection.reconnect(first.source.name, first.error, done + again[0], total):
                break
            sealer.forget_pin()
            sealer = new_sealer()
        except SealDeskError as exc:  # another token, locked PIN, declined PIN, …
            for index in again:
                if results[index].outcome is Outcome.FAILED:
                    results[index] = DocumentResult(
                        results[index].source, Outcome.FAILED, results[index].sha256, error=exc,
                    )
            break
        policy = seal_policy_from(ctx.config, sealer.certificate_sha256, sealer.key_label,
                                  choices)
        slots = intake_wave([results[i].source for i in again])
        retried = seal_wave(ctx, sealer, policy, slots, export_dir, cancel, tick,
                            retention_class=retention_class)
        for index, result in zip(again, retried, strict=True):
            results[index] = result
    return sealer, policy


def _interrupted(results: list[DocumentResult], cancel: CancelFlag) -> list[int]:
    """Positions to seal again after a reinsertion: the pulled-out ones and those not started."""
    if not any(isinstance(r.error, TokenNotPresentError) for r in results):
        return []
    return [
        i for i, r in enumerate(results)
        if isinstance(r.error, TokenNotPresentError)
        or (r.outcome is Outcome.NOT_STARTED and not cancel.cancelled)
    ]
