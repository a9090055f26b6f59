"""The signing policy under quorum: propose, apply, read, and compare the configuration.

The policy lives in the audit log only (``policy.changed`` with ``{"policy": "signing"}``,
written when an approved ``change_signing_policy`` proposal is executed); reading it replays
the log (:func:`read_authority`), so no table can be edited to change it. The sealing gate
calls :func:`require_configuration_follows` before a seal: a configuration that uses another
TSA, level, trust anchor or key algorithm than the policy in force is refused, and an
unreadable policy refuses (fail closed). Without any signing policy yet, sealing works as
before (an installation opts in by proposing its first policy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sealdesk.config import Config
from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.core.rotation.signing_policy import SigningPolicy, deviations
from sealdesk.errors import ConfigError, PermissionDeniedError, StorageError
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_authority, unreadable
from sealdesk.services.keys.replay_cache import snapshot_trust


class SigningPolicyDeviationError(PermissionDeniedError):
    """The configuration does not follow the signing policy the quorum approved."""


def signing_policy_in_force(ctx: AppContext) -> SigningPolicy | None:
    try:
        with ctx.database.reader() as session:
            return read_authority(session, snapshots=snapshot_trust(ctx)).signing_policy
    except (SQLAlchemyError, StorageError) as exc:
        raise unreadable(exc) from exc


@dataclass(frozen=True)
class Approval:
    """One verified custodian approval, as the log recorded it."""

    custodian: str
    at: dt.datetime
    entry: int


@dataclass(frozen=True)
class PolicyStanding:
    """What the log proves about policies: the signing policy in force and how it got there.

    Everything here comes from the replayed, hash-chain-checked log (never from a row), so
    ``sealdesk policy show`` and the Keys page show what an auditor's replay would show.
    """

    signing_policy: SigningPolicy | None
    proposal_id: str = ""
    reason: str = ""
    proposer: str = ""
    entry: int | None = None
    """The ``policy.changed`` entry that put it in force."""
    in_force_since: dt.datetime | None = None
    approvals: tuple[Approval, ...] = ()
    quorum_policy_version: int | None = None
    """The quorum policy version in force (None while the bootstrap is open)."""
    problems: tuple[str, ...] = field(default_factory=tuple)
    """Registry and policy-chain problems the replay found (each names its entry)."""


def policy_standing(ctx: AppContext) -> PolicyStanding:
    """The signing policy in force, the proposal and approvals that made it, from the log."""
    try:
        with ctx.database.reader() as session:
            authority = read_authority(session, snapshots=snapshot_trust(ctx))
    except (SQLAlchemyError, StorageError) as exc:
        raise unreadable(exc) from exc
    quorum = authority.policy.version if authority.policy is not None else None
    problems = tuple(authority.problems)
    if authority.signing_policy is None or authority.signing_policy_set is None:
        return PolicyStanding(None, quorum_policy_version=quorum, problems=problems)
    pid, entry, since = authority.signing_policy_set
    trail = authority.proposals[pid]
    approvals = tuple(Approval(name, at, index) for name, at, index in trail.approvals_logged)
    return PolicyStanding(authority.signing_policy, pid, trail.content.reason,
                          trail.content.proposer, entry, since, approvals, quorum, problems)


def policy_from_configuration(config: Config, algorithms: tuple[str, ...]) -> SigningPolicy:
    """A policy equal to what ``config`` uses now (what a first proposal usually asks for)."""
    return SigningPolicy(anchor_hashes(config), config.tsa.url, config.seal.level.value,
                         algorithms)


def anchor_hashes(config: Config) -> tuple[str, ...]:
    return tuple(anchor_hash_of_file(p) for p in config.trust.anchors)


def anchor_hash_of_file(path: str | Path) -> str:
    """SHA-256 of a trust anchor certificate file (PEM or DER), as the policy names it."""
    try:
        return hashlib.sha256(_der(Path(path).read_bytes())).hexdigest()
    except OSError as exc:
        raise ConfigError(f"The trust anchor file {str(path)!r} cannot be read: {exc}.",
                          hint="Check Settings > Trust anchors, or the path given.") from exc
    except ValueError as exc:
        raise ConfigError(f"The trust anchor file {str(path)!r} is not a certificate.",
                          hint="Give a PEM or DER certificate file, or its SHA-256.") from exc


def _der(data: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data).public_bytes(serialization.Encoding.DER)
    return data


def change_signing_policy(ctx: AppContext, session: Session, content: ProposalContent,
                          now: dt.datetime) -> dict[str, object]:
    """Applier of an executed change_signing_policy proposal (one ``applied`` step)."""
    current = read_authority(session).signing_policy
    version = (current.version if current else 0) + 1
    policy = SigningPolicy.from_json(content.params["signing_policy"], version)
    record(session, ctx.event(
        EventType.POLICY_CHANGED, {"policy": "signing"},
        {"version": version, "signing_policy": policy.to_json(),
         "proposal_id": content.proposal_id, "bootstrap": False},
    ))
    return {"version": version}


def require_configuration_follows(ctx: AppContext, algorithm: str,
                                  chosen_level: str | None = None) -> SigningPolicy | None:
    """Refuse a seal whose configuration deviates from the signing policy in force.

    ``chosen_level`` is a PAdES level the person chose for this batch (seal dialog, ``--level``)
    in place of ``seal.level``; a level the policy does not allow is refused with a sentence
    that names the choice, not the setting, since the setting may well be right."""
    policy = signing_policy_in_force(ctx)
    if policy is None:
        return None
    if chosen_level is not None and chosen_level != policy.pades_level:
        raise SigningPolicyDeviationError(
            f"PAdES level {chosen_level} was chosen for this batch, but signing policy "
            f"v{policy.version} allows only {policy.pades_level}. Nothing was sealed.",
            hint=f"Seal again with level {policy.pades_level}, or propose a policy with the "
            "other level for the custodians to approve ('sealdesk policy propose').")
    level = chosen_level or ctx.config.seal.level.value
    found = deviations(policy, anchors=anchor_hashes(ctx.config), tsa_url=ctx.config.tsa.url,
                       pades_level=level, algorithm=algorithm)
    if found:
        raise SigningPolicyDeviationError(
            f"The configuration does not follow signing policy v{policy.version}: "
            + "; ".join(found) + ".",
            hint="Set config.toml (or Settings) back to the policy ('sealdesk policy show' "
            "lists it), or propose the change with 'sealdesk policy propose' for the "
            "custodians to approve ('sealdesk rotation approve', then 'rotation execute').")
    return policy
