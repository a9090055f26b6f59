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

from sealdesk.config import PadesLevel, SealConfig, VisibleStampConfig
from sealdesk.core.sealing.sealer import STAMP_TEXT
from sealdesk.errors import InputError

__all__ = ["SealChoices", "placed_stamp", "stamp_text"]

MAX_TEXT = 256
"""Reason and location are written into every seal; a bound keeps a paste from bloating it."""


@dataclass(frozen=True)
class SealChoices:
    """Overrides of the ``[seal]`` settings for one batch (None: keep the setting)."""

    reason: str | None = None
    location: str | None = None
    level: PadesLevel | None = None
    visible: VisibleStampConfig | None = None
    """A visible stamp placed for this batch (drawn on the preview); None: the setting's."""

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
            visible=seal.visible if self.visible is None else self.visible,
        )


def placed_stamp(page: int, box: tuple[int, int, int, int]) -> VisibleStampConfig:
    """A visible stamp on ``page`` (1-based) at ``box`` (PDF points), checked like the setting.

    Raises :class:`~sealdesk.errors.InputError` for an empty or reversed box (the same rule as
    ``seal.visible.box`` in Settings).
    """
    x1, y1, x2, y2 = (int(v) for v in box)
    if page < 1 or x2 <= x1 or y2 <= y1 or min(x1, y1) < 0:
        raise InputError(
            f"The visible seal box {[x1, y1, x2, y2]} on page {page} is empty.",
            hint="Give the lower-left corner first, then the upper-right corner, in PDF points.")
    return VisibleStampConfig(enabled=True, page=page, box=(x1, y1, x2, y2))


def stamp_text(signer: str, when: str) -> str:
    """The text the visible stamp carries (the sealer's template), for a live preview."""
    return STAMP_TEXT % {"signer": signer, "ts": when}
