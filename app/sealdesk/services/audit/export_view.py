"""Export what the Audit log page shows (its filters applied) as CSV or JSON.

For a report or a spreadsheet: one row per event with its readable name and summary beside the
machine fields. The JSON form also carries each entry's canonical payload and entry hash, so a
reader can match every line to the log (``sealdesk audit verify`` proves the log itself). Read
page by page from one browser (never the whole log in memory at once), written through a
temporary file and renamed, so a half-written export never appears.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from sealdesk.errors import InputError, OperationCancelledError
from sealdesk.fsutil import atomic_output
from sealdesk.services.audit.browse import AuditBrowser, AuditFilter, AuditLine
from sealdesk.services.progress import CancelFlag, ProgressCallback, no_progress

__all__ = ["CSV_COLUMNS", "export_view"]

CSV_COLUMNS = ("index", "time_utc", "event", "event_type", "actor", "summary", "subject")
PAGE = 500


def export_view(browser: AuditBrowser, flt: AuditFilter, target: Path, *,
                progress: ProgressCallback = no_progress,
                cancel: CancelFlag | None = None) -> int:
    """Write the events matching ``flt`` to ``target`` (.csv or .json); returns how many."""
    kind = target.suffix.lower()
    if kind not in (".csv", ".json"):
        raise InputError(f"Cannot export the audit log as {target.name}.",
                         hint="Choose a file name ending in .csv or .json.")
    cancel = cancel or CancelFlag()
    count = 0
    with atomic_output(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = _csv_writer(text) if kind == ".csv" else None
        if writer is None:
            text.write("[\n")
        for line in _lines(browser, flt, cancel):
            if writer is not None:
                writer.writerow(_csv_row(line))
            else:
                text.write((",\n" if count else "") + json.dumps(
                    _json_row(browser, line), ensure_ascii=False, sort_keys=True))
            count += 1
            if count % PAGE == 0:
                progress(count, 0, f"{count:,} events written")
        if writer is None:
            text.write("\n]\n")
        text.flush()
        text.detach()  # atomic_output closes (fsyncs, renames) the binary file itself
    progress(count, count, f"{count:,} events written")
    return count


def _lines(browser: AuditBrowser, flt: AuditFilter, cancel: CancelFlag) -> Iterator[AuditLine]:
    before: int | None = None
    while True:
        if cancel.cancelled:
            raise OperationCancelledError("Export cancelled; no file was written.")
        page = browser.filtered_page(flt, before, PAGE)
        yield from page
        if len(page) < PAGE:
            return
        before = page[-1].index


def _csv_writer(text: io.TextIOWrapper) -> csv.DictWriter[str]:
    writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    return writer


def _csv_row(line: AuditLine) -> dict[str, object]:
    return {"index": line.index, "time_utc": line.time.isoformat(), "event": line.name,
            "event_type": line.event_type, "actor": line.actor, "summary": line.summary,
            "subject": line.subject}


def _json_row(browser: AuditBrowser, line: AuditLine) -> dict[str, object]:
    row: dict[str, object] = dict(_csv_row(line))
    entry = browser.entry(line.index)
    if entry is not None:
        row["payload"] = json.loads(entry.payload)
        row["entry_hash"] = entry.entry_hash.hex()
    return row
