"""What a seal looks like: level, metadata, visible stamp and which key makes it.

A policy has a stable identifier (SHA-256 of its canonical JSON). Sealing is idempotent per
(original document, policy id): the same document sealed twice under the same policy is reported
as already sealed instead of producing a second legal artifact. The operator's name is metadata
of the act, not of the policy, so it is not part of the identifier.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from enum import StrEnum


class PadesLevel(StrEnum):
    """PAdES baseline levels (ETSI EN 319 142-1) SealDesk can produce."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"


@dataclass(frozen=True)
class VisibleStamp:
    page: int  # 1-based; -1 is the last page
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class SealPolicy:
    level: PadesLevel
    reason: str
    location: str
    key_label: str
    certificate_sha256: str
    visible: VisibleStamp | None = None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["level"] = str(self.level)
        if self.visible is not None:
            data["visible"] = {"page": self.visible.page, "box": list(self.visible.box)}
        return data

    @property
    def policy_id(self) -> str:
        canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
