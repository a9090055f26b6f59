"""The signing policy: what every seal must use, as a quorum-approved, versioned statement.

Trust anchors (by certificate SHA-256), the timestamp authority URL, the PAdES level and the
allowed seal key algorithms decide what a seal proves; they are changed by a
``change_signing_policy`` proposal that the custodians' quorum approves, and recorded in the
log as a ``policy.changed`` event with ``{"policy": "signing"}``. The log is its only store:
there is no table to edit. ``config.toml`` keeps the local things (module path, folders,
database URL) and copies of these values, which :func:`deviations` compares with the policy.
The seal key in use is not part of it: which key is active is proven by the ``key.activated``
events of quorum-approved rotations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sealdesk.core.retention.classes import RetentionRules
from sealdesk.core.token.keygen import KeyAlgorithm
from sealdesk.errors import InputError

PADES_LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


@dataclass(frozen=True)
class SigningPolicy:
    trust_anchors: tuple[str, ...]
    """SHA-256 (lowercase hex) of each trust anchor certificate, sorted."""
    tsa_url: str
    """The timestamp authority; "" means the demo TSA (demo installations only)."""
    pades_level: str
    algorithms: tuple[str, ...]
    version: int = 0
    retention: RetentionRules = field(default_factory=RetentionRules)
    """Retention classes and the default class of a seal (issue 21); none before it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "trust_anchors", tuple(sorted(set(self.trust_anchors))))
        object.__setattr__(self, "algorithms", tuple(sorted(set(self.algorithms))))
        if self.pades_level not in PADES_LEVELS:
            raise InputError(f"PAdES level {self.pades_level!r} is not one of "
                             f"{', '.join(PADES_LEVELS)}.")
        for sha in self.trust_anchors:
            if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
                raise InputError(f"Trust anchor {sha!r} is not a SHA-256 in lowercase hex.")
        known = {a.value for a in KeyAlgorithm}
        unknown = [a for a in self.algorithms if a not in known]
        if unknown or not self.algorithms:
            raise InputError(f"Allowed algorithms must be among {', '.join(sorted(known))} "
                             f"(got {', '.join(self.algorithms) or 'none'}).")
        if self.tsa_url and not self.tsa_url.startswith(("https://", "http://")):
            raise InputError(f"The TSA URL {self.tsa_url!r} is not an http(s) URL.")

    def to_json(self) -> dict[str, Any]:
        """The policy as proposed and recorded; ``retention`` only when it has classes, so a
        policy without them is byte for byte what releases before retention wrote."""
        data: dict[str, Any] = {
            "trust_anchors": list(self.trust_anchors), "tsa_url": self.tsa_url,
            "pades_level": self.pades_level, "algorithms": list(self.algorithms)}
        if self.retention:
            data["retention"] = self.retention.to_json()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], version: int = 0) -> SigningPolicy:
        keys = set(data) - {"retention"}
        if keys != {"trust_anchors", "tsa_url", "pades_level", "algorithms"}:
            raise InputError(f"A signing policy has exactly trust_anchors, tsa_url, "
                             f"pades_level and algorithms (and optionally retention), not "
                             f"{sorted(data)}.")
        retention = (RetentionRules.from_json(data["retention"]) if "retention" in data
                     else RetentionRules())
        return cls(tuple(data["trust_anchors"]), str(data["tsa_url"]),
                   str(data["pades_level"]), tuple(data["algorithms"]), version, retention)


def deviations(policy: SigningPolicy, *, anchors: Iterable[str], tsa_url: str,
               pades_level: str, algorithm: str) -> list[str]:
    """What the local configuration does differently from the policy, one line each."""
    found = []
    local = tuple(sorted(set(anchors)))
    if local != policy.trust_anchors:
        found.append(f"trust anchors (trust.anchors) differ ({len(local)} configured, "
                     f"{len(policy.trust_anchors)} in signing policy v{policy.version})")
    if tsa_url != policy.tsa_url:
        found.append(f"TSA (tsa.url) {tsa_url or '(demo)'!s} instead of "
                     f"{policy.tsa_url or '(demo)'}")
    if pades_level != policy.pades_level:
        found.append(f"PAdES level (seal.level) {pades_level} instead of {policy.pades_level}")
    if algorithm not in policy.algorithms:
        found.append(f"seal key algorithm {algorithm} is not allowed "
                     f"({', '.join(policy.algorithms)})")
    return found


LEVEL_ORDER = {level: rank for rank, level in enumerate(PADES_LEVELS)}


def verification_differences(policy: SigningPolicy | None, *, anchors: Iterable[str],
                             levels: Iterable[str]) -> list[str]:
    """How a verification departs from the signing policy the log proves, one line each.

    ``anchors`` are the SHA-256 of the certificates the verification trusted, ``levels`` the
    PAdES levels of the seals it found. A seal above the policy's level is no departure (LTV
    augmentation raises B-T to B-LT/B-LTA on purpose); one below it is.
    """
    if policy is None:
        return ["no signing policy is proven by the audit log"]
    found = []
    local = set(anchors)
    extra = sorted(local - set(policy.trust_anchors))
    missing = sorted(set(policy.trust_anchors) - local)
    if extra:
        found.append(f"trusted {len(extra)} anchor(s) not in signing policy v{policy.version} "
                     f"({', '.join(sha[:16] + '…' for sha in extra)})")
    if missing:
        found.append(f"did not trust {len(missing)} anchor(s) of signing policy "
                     f"v{policy.version} ({', '.join(sha[:16] + '…' for sha in missing)})")
    low = sorted({lv for lv in levels
                  if LEVEL_ORDER.get(lv, -1) < LEVEL_ORDER[policy.pades_level]})
    if low:
        found.append(f"seal level {', '.join(low)} is below {policy.pades_level} of signing "
                     f"policy v{policy.version}")
    return found
