"""Authority at the moment of use: the audit log's signed statements decide, rows must agree.

Executing (or resuming) a proposal and recording a decision are decided by
:func:`sealdesk.core.rotation.offline.replay_authority` over the audit log, whose hash chain is
checked in the same pass: the custodians, the policy, the proposal's content and its verified
custodian signatures come from there, never from a status column, a tally or an editable row.
The rotation tables are a cache of those statements; :func:`check_rows` compares them and a row
that disagrees is a :class:`~sealdesk.errors.RecordIntegrityError` naming the table and row, so
the action stops before any effect. The auditor's ``verify-quorum`` runs the same replay.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import GENESIS, verify_chain
from sealdesk.core.audit.events import AuditEvent
from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.core.rotation.errors import ProposalTamperedError
from sealdesk.core.rotation.machine import Tally, check_executable
from sealdesk.core.rotation.offline import Authority, expected_now, replay_authority
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.errors import (
    PermissionDeniedError,
    RecordIntegrityError,
    SealDeskError,
    StorageError,
)
from sealdesk.services.context import AppContext
from sealdesk.services.keys.replay_cache import (
    RELEVANT,
    SnapshotTrust,
    VerifiedPrefix,
    remember,
    starting_point,
)
from sealdesk.storage.audit.repo import iter_entry_rows
from sealdesk.storage.keys import repo

P = ParamSpec("P")
R = TypeVar("R")

_HINT = ("Do not act on it. Keep the database as it is, run 'sealdesk audit verify' and "
         "'sealdesk audit verify-quorum', and find out who wrote the database.")


def _fail_closed(function: Callable[P, R]) -> Callable[P, R]:
    """A database error while reading authority refuses the action with a clear message."""

    @functools.wraps(function)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except SQLAlchemyError as exc:
            raise unreadable(exc) from exc

    return guarded


@_fail_closed
def read_authority(session: Session, *, full: bool = False,
                   snapshots: SnapshotTrust | None = None) -> Authority:
    """Check the log's hash chain and replay it, in the caller's transaction (one snapshot).

    The verification starts where :func:`~sealdesk.services.keys.replay_cache.starting_point`
    says: after the prefix this process already verified, or after a signed authority snapshot
    that passes every check (given ``snapshots``, the trust it is checked against), or at the
    genesis. ``full`` re-reads everything, as the auditor's ``verify-quorum`` does. A console
    thus pays for the whole log once, then only for new entries, and a fresh process only for
    the entries after the newest snapshot.
    """
    return replay_authority(verified_prefix(session, full=full, snapshots=snapshots).events)


def verified_prefix(session: Session, *, full: bool = False,
                    snapshots: SnapshotTrust | None = None) -> VerifiedPrefix:
    """The whole log, chain-checked, as a verified prefix (see :func:`read_authority`)."""
    start = None if full else starting_point(session, snapshots)
    size, prev = (start.size, start.head) if start else (0, GENESIS)
    events: list[tuple[int, AuditEvent]] = list(start.events) if start else []

    def rows() -> Iterator[tuple[int, bytes, bytes, bytes]]:
        for batch in iter_entry_rows(session, size):
            for row in batch:
                payload = bytes(row[3])
                if any(marker in payload for marker in RELEVANT):
                    events.append((int(row[0]), AuditEvent.from_canonical_bytes(payload)))
                yield row

    chain = verify_chain(rows(), start_index=size, start_prev=prev)
    if chain.problem is not None:
        raise RecordIntegrityError(
            f"The audit log's hash chain is broken, so it proves no authority: "
            f"{chain.problem.message}", hint=_HINT)
    verified = VerifiedPrefix(chain.tree_size, chain.head_hash, tuple(events),
                              start.source if start else "genesis")
    remember(session.get_bind(), verified)
    return verified


@_fail_closed
def proven_events(session: Session) -> tuple[tuple[int, AuditEvent], ...]:
    """The registry, policy, rotation and standby events of the log, its hash chain checked.

    For judging a custodian's signature at a past moment (a counter-signature recorded at some
    entry): replaying the events before that entry gives the registry then.
    """
    return verified_prefix(session).events


class AuthorityUnreadableError(PermissionDeniedError):
    """The custodians, the policy or the log could not be read: the action is refused."""


@_fail_closed
def policy_in_force(session: Session, *,
                    snapshots: SnapshotTrust | None = None) -> QuorumPolicy | None:
    """The quorum policy the log proves (``None`` while the bootstrap is open), rows agreeing.

    Whether the bootstrap is open, and whether a role change needs the quorum, is asked here and
    never of the ``quorum_policies`` table: deleting its rows must not reopen the bootstrap.
    """
    authority = read_authority(session, snapshots=snapshots)
    if authority.problems:
        raise RecordIntegrityError(
            "The audit log does not prove the custodian registry and policy: "
            + "; ".join(authority.problems), hint=_HINT)
    check_rows(session, authority)
    return authority.policy


def read_policy_in_force(ctx: AppContext) -> QuorumPolicy | None:
    """:func:`policy_in_force` in its own read, failing closed when it cannot be read.

    It decides whether the bootstrap is open and whether a role change needs the quorum, so it
    never starts from an authority snapshot: a snapshot is signed by the audit key alone, and a
    token holder must not be able to sign their way to an open bootstrap. Only the hot paths
    that a token holder could bypass anyway (the sealing gate, ``verify``, the display of the
    policy) start from a snapshot."""
    try:
        with ctx.database.reader() as session:
            return policy_in_force(session)
    except (SQLAlchemyError, StorageError) as exc:
        raise unreadable(exc) from exc


def unreadable(exc: BaseException) -> AuthorityUnreadableError:
    cause = exc.message if isinstance(exc, SealDeskError) else exc.__class__.__name__
    return AuthorityUnreadableError(
        f"SealDesk could not read the custodians, the quorum policy or the audit log "
        f"({cause}), so it refuses the action.",
        hint="Check that the database is reachable and that this account may read it; the "
        "action can be repeated once they can be read. Verification keeps working.")


@_fail_closed
def authorize_execution(session: Session, proposal_id: str,
                        now: dt.datetime) -> tuple[ProposalContent, Tally, ProposalStatus]:
    """Whether ``proposal_id`` may start or resume now, decided from the log alone.

    Returns the content, the verified tally and the status the log proves; raises the ceremony's
    refusals (quorum not met, expired, final) or an integrity error when the log's statements
    do not hold up or a row disagrees with them.
    """
    authority = read_authority(session)
    report = authority.report(proposal_id)
    if not report.ok:
        raise RecordIntegrityError(
            f"The audit log does not prove the authority for proposal {proposal_id}: "
            + "; ".join(report.problems), hint=_HINT)
    check_rows(session, authority, proposal_id)
    trail = authority.proposals[proposal_id]
    counted = authority.tally(proposal_id)
    status = expected_now(authority, proposal_id, now)
    check_executable(trail.content, status, counted, now)
    return trail.content, counted, status


@_fail_closed
def authorize_decision(session: Session, proposal_id: str) -> Authority:
    """Before a decision is recorded: the registry and the proposal's rows match the log."""
    authority = read_authority(session)
    if authority.problems:
        raise RecordIntegrityError(
            "The audit log does not prove the custodian registry and policy: "
            + "; ".join(authority.problems), hint=_HINT)
    check_rows(session, authority, proposal_id)
    return authority


def check_rows(session: Session, authority: Authority, proposal_id: str | None = None) -> None:
    """Raise naming the first row of the rotation tables that disagrees with the log."""
    _check_custodians(session, authority)
    _check_policies(session, authority)
    if proposal_id is not None:
        _check_proposal(session, authority, proposal_id)


def _refuse(what: str) -> RecordIntegrityError:
    return RecordIntegrityError(f"{what}; the audit log's signed statements say otherwise.",
                                hint=_HINT)


def _check_custodians(session: Session, authority: Authority) -> None:
    rows = repo.custodian_records(session, include_removed=True)
    seen = set()
    for row in rows:
        proven = authority.custodians.get(row.certificate_sha256)
        label = f"custodians row {row.id} ({row.name!r})"
        if proven is None:
            raise _refuse(f"{label} names a custodian the log never registered")
        if (bytes(row.certificate_der) != proven.certificate_der or row.name != proven.name
                or row.key_label != proven.key_label):
            raise _refuse(f"{label} differs from the custodian the log registered")
        if (row.status == "active") != proven.active:
            state = "active" if proven.active else "removed"
            raise _refuse(f"{label} has status {row.status!r} but the custodian is {state}")
        seen.add(row.certificate_sha256)
    missing = set(authority.custodians) - seen
    if missing:
        names = ", ".join(sorted(authority.custodians[s].name for s in missing))
        raise _refuse(f"the custodians table lacks rows for {names}")


def _check_policies(session: Session, authority: Authority) -> None:
    rows = {r.version: r for r in repo.policy_records(session)}
    for version, row in rows.items():
        proven = authority.policies.get(version)
        if proven is None or json.loads(row.thresholds_json) != proven:
            raise _refuse(f"quorum_policies row version {version} ({row.thresholds_json}) "
                          "is not a policy the log set")
    if set(authority.policies) - set(rows):
        raise _refuse("the quorum_policies table lacks policy versions the log set")


def _check_proposal(session: Session, authority: Authority, proposal_id: str) -> None:
    trail = authority.proposals.get(proposal_id)
    record = repo.proposal(session, proposal_id)
    label = f"rotation_proposals row {proposal_id}"
    if trail is None:
        raise _refuse(f"{label} has no rotation.proposed event")
    if record.content_sha256 != trail.content.sha256() \
            or bytes(record.content) != trail.content.canonical_bytes():
        raise ProposalTamperedError(
            f"{label} holds other content than the rotation.proposed event recorded: it was "
            "changed after it was proposed.", hint=_HINT)
    if record.status != trail.recorded_status.value:
        raise _refuse(f"{label} has status {record.status!r}, but the log records "
                      f"{trail.recorded_status.value!r}")
    proven = {(d.custodian_cert_sha256, d.signed_bytes, d.signature) for d in trail.decisions}
    rows = repo.decision_records(session, proposal_id)
    for row in rows:
        if (row.custodian_sha256, bytes(row.statement), bytes(row.signature)) not in proven:
            raise _refuse(f"rotation_decisions row {row.id} (custodian "
                          f"{row.custodian_sha256[:16]}…) is not a decision the log recorded "
                          f"for proposal {proposal_id}")
    if len(rows) != len(proven):
        raise _refuse(f"rotation_decisions lacks decisions the log recorded for {proposal_id}")
