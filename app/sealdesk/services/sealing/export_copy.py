"""The export copy of a sealed document (``NAME.sealed.pdf`` in the folder the person chose).

Written last, after the seal is committed and its file promoted, through a temporary file and an
atomic rename, so the folder only ever shows complete documents. A crash mid-copy leaves a
hidden temporary file (``.NAME.sealed.pdf.@host.pid@.XXXX.part``) that recovery cannot know
about (the folder is not SealDesk's); the next export of the same name removes such leftovers
of writers that are gone (:func:`sealdesk.fsutil.writer_gone`), and rerunning the batch exports
every document again ("already sealed" documents are exported too).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.errors import StorageError
from sealdesk.fsutil import CHUNK, atomic_output, sha256_file, writer_gone
from sealdesk.services import _testing as crashpoints
from sealdesk.services.audit.log import record_all
from sealdesk.services.context import AppContext
from sealdesk.storage.documents.blobstore import BlobStore

log = logging.getLogger(__name__)

COPIES_PER_EVENT = 200
"""Export copies listed in one ``document.exported`` event (a big batch writes several)."""


def export_copy(store: BlobStore, sealed_sha256: str, source: Path, export_dir: Path | None
                ) -> Path | None:
    """Copy the stored sealed file to ``export_dir`` as ``<name>.sealed.pdf`` (never overwriting).

    A file of that name with other content is kept, and the copy goes to
    ``<name>.sealed-2.pdf`` (then ``-3``, …); one with the same content is reused.
    """
    if export_dir is None:
        return None
    target = export_dir / f"{source.stem}.sealed.pdf"
    number = 1
    while target.exists():
        if sha256_file(target) == sealed_sha256:
            remove_leftovers(target)
            return target
        number += 1
        target = export_dir / f"{source.stem}.sealed-{number}.pdf"
    remove_leftovers(target)
    try:
        with store.open_object(sealed_sha256) as src, atomic_output(target) as dst:
            shutil.copyfileobj(src, crashpoints.guard_writes(dst, "export_write"), CHUNK)
    except OSError as exc:
        raise _export_error(exc, target) from exc
    return target


def record_export_copies(ctx: AppContext, copies: Iterable[tuple[Path, str]]) -> int:
    """Record where sealed copies were written and their SHA-256 (``document.exported``).

    One transaction for the batch, before its closing checkpoint covers it, so that
    ``sealdesk reconcile`` can later say of each copy whether it is still there and unchanged.
    The copies are already written: a failure to record them is logged, never undoes the batch.
    """
    listed = [{"path": str(path.resolve()), "sealed_sha256": sha} for path, sha in copies]
    if not listed or ctx.read_only:
        return 0
    chunks = [listed[i:i + COPIES_PER_EVENT] for i in range(0, len(listed), COPIES_PER_EVENT)]
    events = [ctx.event(EventType.DOCUMENT_EXPORTED, {"copies": str(len(chunk))},
                        {"copies": chunk}) for chunk in chunks]
    try:
        with ctx.database.transaction() as session:
            record_all(session, events)
    except Exception as exc:  # the copies exist; the record is best effort
        log.warning("The export copies of this batch were not recorded: %s", exc)
        return 0
    return len(listed)


def remove_leftovers(target: Path) -> list[Path]:
    """Delete temporary copies for ``target`` whose writing process is gone."""
    removed = []
    if not target.parent.is_dir():
        return removed
    for leftover in target.parent.glob(f".{_glob_escape(target.name)}.*.part"):
        if writer_gone(leftover.name):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _export_error(exc: OSError, target: Path) -> StorageError:
    if exc.errno == 28:  # ENOSPC
        return StorageError(
            f"The disk is full (writing the copy {target.name} in {target.parent}).",
            hint="Free some space there and seal again: the seal itself is kept, and the copy "
            "is written when the document is reported as already sealed.",
        )
    return StorageError(
        f"The sealed copy {target.name} could not be written to {target.parent}: "
        f"{exc.strerror or exc}.",
        hint="Check that the folder exists and is writable, then seal again: the seal itself "
        "is kept and the copy is written on the next run.",
    )
