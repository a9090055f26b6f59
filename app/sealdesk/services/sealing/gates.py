"""The gates in front of every seal: maintenance switch, owed self-test, compromised keys, and
the signing policy the custodians' quorum approved.

Each gate reads its state from the database at the moment of use and **fails closed**: if the
state cannot be read (database unreachable, permission refused, a table missing), nothing is
sealed and the person is told why. A gate that treated "could not read" as "off" would let a
database user who revokes SELECT on one table turn the maintenance switch off for everyone.

The switches themselves are operated by :mod:`sealdesk.services.incidents` (which sits above
sealing: it re-seals and runs the self-test's canary seal); sealing only reads them here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

import sealdesk
from sealdesk.errors import PermissionDeniedError, SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.keys.registry import algorithm_of
from sealdesk.services.keys.signing_policy import require_configuration_follows
from sealdesk.storage.incidents.models import (
    SINGLE_ROW,
    KeyCompromise,
    MaintenanceState,
    SoftwareState,
)

SELFTEST_REQUIRED_TITLE = "Self-test required after update"

T = TypeVar("T")


@dataclass(frozen=True)
class Maintenance:
    """The switch as read: ``enabled`` with why, who and since when (UTC)."""

    enabled: bool
    reason: str = ""
    by: str = ""
    since: dt.datetime | None = None

    def describe(self) -> str:
        if not self.enabled:
            return "Sealing is allowed."
        return f"Sealing is stopped: {self.reason} ({self.when_and_who()})."

    def when_and_who(self) -> str:
        since = f"{self.since:%Y-%m-%d %H:%M} UTC" if self.since is not None else "unknown"
        return f"since {since}, by {self.by}"


@dataclass(frozen=True)
class SelftestStatus:
    required: bool
    reason: str = ""
    last_version: str | None = None
    last_passed_at: dt.datetime | None = None


class GateUnreadableError(PermissionDeniedError):
    """A gate's state could not be read, so sealing is refused (fail closed)."""


def read_maintenance(ctx: AppContext) -> Maintenance:
    """The maintenance switch; raises :class:`GateUnreadableError` when it cannot be read."""
    row = _read(ctx, "the maintenance switch",
                lambda session: session.get(MaintenanceState, SINGLE_ROW))
    return maintenance_from_row(row)


def maintenance_from_row(row: MaintenanceState | None) -> Maintenance:
    if row is None or not row.enabled:
        return Maintenance(False)
    return Maintenance(True, row.reason, row.changed_by, as_utc(row.since))


def read_selftest_status(ctx: AppContext) -> SelftestStatus:
    """Whether this version still owes its self-test on this database."""
    row = _read(ctx, "the self-test state", lambda session: session.get(SoftwareState, SINGLE_ROW))
    current = sealdesk.__version__
    if row is None:
        return SelftestStatus(True, "the database was last used by a SealDesk version from "
                              f"before self-tests; this is {current}")
    passed_at = as_utc(row.selftest_at) if row.selftest_at is not None else None
    if row.version != current:
        return SelftestStatus(True, f"SealDesk was updated from {row.version} to {current}",
                              row.version, passed_at)
    return SelftestStatus(False, "", row.version, passed_at)


def compromised_certificates(ctx: AppContext) -> dict[str, KeyCompromise]:
    """Every certificate marked compromised, by its SHA-256."""
    rows = _read(ctx, "the list of compromised keys",
                 lambda session: list(session.execute(select(KeyCompromise)).scalars()))
    return {r.certificate_sha256: r for r in rows}


def require_sealing_allowed(ctx: AppContext) -> None:
    """Refuse sealing while maintenance mode is on, or while the self-test is owed."""
    state = read_maintenance(ctx)
    if state.enabled:
        raise PermissionDeniedError(
            f"Sealing is stopped: {state.reason} ({state.when_and_who()}).",
            hint="Verification, revalidation and evidence export still work. An administrator "
            "allows sealing again with 'sealdesk maintenance off'.",
        )
    owed = read_selftest_status(ctx)
    if owed.required:
        raise PermissionDeniedError(
            f"{SELFTEST_REQUIRED_TITLE}: {owed.reason}. Nothing is sealed until the self-test "
            "passes.",
            hint="Run 'sealdesk selftest' (or 'Run self-test' on the Documents page): it seals "
            "and verifies a canary document and verifies the audit log.",
        )


def require_usable_certificate(ctx: AppContext, certificate_sha256: str) -> None:
    """Refuse to seal with a certificate marked compromised (a configuration pointing back)."""
    marked = compromised_certificates(ctx).get(certificate_sha256)
    if marked is not None:
        raise PermissionDeniedError(
            f"The seal key {marked.key_label!r} is marked compromised (since "
            f"{marked.compromised_since:%Y-%m-%d %H:%M} UTC); SealDesk does not seal with it.",
            hint="Check the seal key label in Settings: it must name the new active key.",
        )


def require_signing_policy_followed(ctx: AppContext, certificate_der: bytes,
                                    chosen_level: str | None = None) -> None:
    """Refuse to seal when the configuration differs from the signing policy in force.

    The policy is replayed from the log (never from a row); an unreadable log refuses (fail
    closed). An installation that has not adopted a signing policy yet seals as before: the
    first executed ``change_signing_policy`` proposal turns this gate on. ``chosen_level`` is
    the level chosen for this batch (seal dialog, ``--level``), checked in place of the setting.
    """
    algorithm = algorithm_of(x509.load_der_x509_certificate(certificate_der))
    require_configuration_follows(ctx, algorithm, chosen_level)


def as_utc(when: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; they were stored in UTC."""
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _read(ctx: AppContext, what: str, query: Callable[..., T]) -> T:
    try:
        with ctx.database.reader() as session:
            return query(session)
    except (SealDeskError, SQLAlchemyError) as exc:
        raise GateUnreadableError(
            f"SealDesk could not read {what}, so it does not seal ({_cause(exc)}).",
            hint="Check that the database is reachable and that this account may read it; "
            "sealing resumes once the state can be read. Verification keeps working.",
        ) from exc


def _cause(exc: BaseException) -> str:
    if isinstance(exc, SealDeskError):
        return exc.message
    return exc.__class__.__name__
