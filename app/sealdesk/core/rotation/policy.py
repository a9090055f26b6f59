"""The quorum policy: how many custodian approvals (M) each kind of action needs, out of N.

N is the number of registered, active custodians. A policy is valid only if every threshold is
between 1 and N, so no action becomes impossible and none needs nobody. Changing the policy is
itself an action that needs its own quorum (``change_policy``); only the very first policy is set
without one, by the administrator, while no policy exists yet (the bootstrap).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sealdesk.core.rotation.actions import DEFAULT_THRESHOLDS, FALLBACK_THRESHOLDS, ActionType
from sealdesk.errors import InputError


@dataclass(frozen=True)
class QuorumPolicy:
    thresholds: Mapping[ActionType, int]
    version: int = 1

    def __post_init__(self) -> None:
        missing = [a.value for a in ActionType
                   if a not in self.thresholds and a not in FALLBACK_THRESHOLDS
                   and a not in DEFAULT_THRESHOLDS]
        if missing:
            raise InputError(f"The quorum policy has no threshold for {', '.join(missing)}.",
                             hint="Give a number of approvals for every action type.")
        for action, m in self.thresholds.items():
            if isinstance(m, bool) or not isinstance(m, int) or m < 1:
                raise InputError(f"The threshold for {ActionType(action).value} must be a "
                                 f"whole number of at least 1, not {m!r}.")

    def required(self, action: ActionType) -> int:
        """Actions newer than the policy use their fallback's threshold (FALLBACK_THRESHOLDS):
        granting the custodian or administrator role is the same trust decision as adding a
        custodian; the signing policy is a policy like the quorum policy."""
        action = ActionType(action)
        if action not in self.thresholds and action in DEFAULT_THRESHOLDS:
            return DEFAULT_THRESHOLDS[action]
        if action not in self.thresholds and action in FALLBACK_THRESHOLDS:
            return int(self.thresholds[FALLBACK_THRESHOLDS[action]])
        return int(self.thresholds[action])

    def check_satisfiable(self, custodians: int) -> None:
        """Refuse a policy (or a custodian removal) that would leave an action impossible."""
        too_high = {a.value: m for a, m in self.thresholds.items() if m > custodians}
        if too_high:
            detail = ", ".join(f"{a} needs {m}" for a, m in sorted(too_high.items()))
            raise InputError(
                f"Only {custodians} custodian(s) would be registered, but {detail}.",
                hint="Register more custodians first, or lower the thresholds.",
            )

    def to_json(self) -> dict[str, int]:
        return {ActionType(a).value: int(m) for a, m in sorted(self.thresholds.items())}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], version: int = 1) -> QuorumPolicy:
        try:
            thresholds = {ActionType(k): v for k, v in data.items()}
        except ValueError as exc:
            raise InputError(f"Unknown action in the quorum policy: {exc}.",
                             hint=f"Actions: {', '.join(a.value for a in ActionType)}.") from None
        return cls(thresholds, version)

    @classmethod
    def uniform(cls, m: int, overrides: Mapping[ActionType, int] | None = None) -> QuorumPolicy:
        """Every action needs ``m`` approvals, except those in ``overrides``.

        Actions with a default threshold (deletion under retention) are left out unless
        overridden: a policy names them only when it asks for more, and a policy without them
        is one that releases before them can still read."""
        thresholds = {a: m for a in ActionType if a not in DEFAULT_THRESHOLDS}
        thresholds.update(overrides or {})
        return cls(thresholds)

    def describe(self) -> str:
        return ", ".join(f"{a}: {m}" for a, m in self.to_json().items())
