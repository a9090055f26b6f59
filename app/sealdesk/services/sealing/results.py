"""How each document of a batch went, and the batch as a whole (what the GUI and CLI show)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sealdesk.errors import SealDeskError


class Outcome(StrEnum):
    SEALED = "sealed"
    ALREADY_SEALED = "already sealed"
    FAILED = "failed"
    NOT_STARTED = "not started"


@dataclass
class DocumentResult:
    source: Path
    outcome: Outcome
    sha256: str = ""
    sealed_sha256: str = ""
    stored_path: Path | None = None
    exported_path: Path | None = None
    error: SealDeskError | None = None


@dataclass
class BatchResult:
    results: list[DocumentResult] = field(default_factory=list)
    cancelled: bool = False
    stopped_by: SealDeskError | None = None
    notices: list[str] = field(default_factory=list)
    """Things the person should know once (label changed, PIN per signature), in order."""
    always_authenticate: bool = False
    """The seal key asked for the PIN for every signature (given from memory, per signature)."""

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.stopped_by is None and self.count(Outcome.FAILED) == 0
