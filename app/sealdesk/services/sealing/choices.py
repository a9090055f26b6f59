"""What the person chose for one batch in the seal dialog: reason, location and PAdES level.

Settings hold the defaults (``[seal]``); a compliance officer may seal one batch with another
reason or location ("Approved by the board", "Berlin"), or at another level, the way Acrobat
asks at signing time. The choices travel with the batch as this value: the shared
configuration is never changed for one batch, so a second window or the next batch still
starts from the Settings defaults. The level stays subject to the signing policy gate
(:func:`~sealdesk.services.sealing.gates.require_signing_policy_followed`), which refuses a
level the signed policy does not allow before anything is sealed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sealdesk.config import PadesLevel, SealConfig

__all__ = ["SealChoices"]

MAX_TEXT = 256
"""Reason and location are written into every seal; a bound keeps a paste from bloating it."""


@dataclass(frozen=True)
class SealChoices:
    """Overrides of the ``[seal]`` settings for one batch (None: keep the setting)."""

    reason: str | None = None
    location: str | None = None
    level: PadesLevel | None = None

    def __post_init__(self) -> None:
        for name in ("reason", "location"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, " ".join(value.split())[:MAX_TEXT])
        if self.level is not None:
            object.__setattr__(self, "level", PadesLevel(self.level))

    def applied_to(self, seal: SealConfig) -> SealConfig:
        """``seal`` with these choices in place of its defaults."""
        return dataclasses.replace(
            seal,
            reason=seal.reason if self.reason is None else self.reason,
            location=seal.location if self.location is None else self.location,
            level=self.level or seal.level,
        )
