"""One document's way through a wave, from intake to its result (shared by intake, wave, commit)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sealdesk.core.sealing.intake import PdfFacts, SourceDocument
from sealdesk.errors import SealDeskError
from sealdesk.services.sealing.results import Outcome
from sealdesk.services.sealing.staging import Staged
from sealdesk.storage.documents.blobstore import BlobStore


@dataclass
class Slot:
    """One document of the wave, from intake to its result."""

    source: Path
    document: SourceDocument | None = None
    facts: PdfFacts | None = None
    staged: Staged | None = None
    error: SealDeskError | None = None
    outcome: Outcome | None = None
    sealed_sha256: str = ""
    same_as: Slot | None = None
    """An earlier slot of this wave with the same original: its result is this one's too."""



def close_slots(slots: list[Slot]) -> None:
    """Close the slots' documents and remove staged files that were not committed."""
    for slot in slots:
        if slot.document is not None:
            slot.document.close()
        if slot.staged is not None and slot.outcome is not Outcome.SEALED:
            BlobStore.remove_staged_file(slot.staged.path)

