"""Benchmark of the Audit page on a large log: first paint, scrolling, filters (offscreen Qt).

    python bench/audit_page_bench.py --events 1000000           # generates the log first
    python bench/audit_page_bench.py --db /tmp/sdbench/log-1000000.db
    python bench/audit_page_bench.py --smoke

Times are wall-clock from the user's action (page shown, scrollbar moved, filter typed) until
every visible row shows its data, with the real page, model and job runner; the GUI thread only
waits for worker results, it is never blocked by a query.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from bench.audit_db_gen import generate_log
from sealdesk.config import Config
from sealdesk.paths import AppPaths
from sealdesk.services.context import Actor, AppContext
from sealdesk.storage.audit.query import AuditFilter
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.documents.blobstore import BlobStore
from sealdesk.storage.schema import upgrade_schema
from sealdesk.ui.pages.audit.page import AuditLogPage
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.workers import JobRunner


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 60.0) -> float:
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the page did not finish")
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - started


def _visible_loaded(page: AuditLogPage) -> bool:
    table, model = page.table, page.model
    if model.rowCount() == 0:
        return False
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    return all(model.data(model.index(r, model.TYPE)) != "…" for r in range(first, last + 1))


def run(database: Database, folder: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = AppPaths(folder / "config", folder / "data", folder / "logs")
    ctx = AppContext(paths, Config(), database, BlobStore(folder / "store"), Actor("bench"))
    jobs = JobRunner()
    started = time.perf_counter()
    page = AuditLogPage(PageServices(ctx, jobs))
    page.resize(1400, 860)
    page.show()
    _wait(app, lambda: _visible_loaded(page))
    print(f"first paint (page built, rows on screen): {1000 * (time.perf_counter() - started):7.1f}"
          f" ms for a log of {page.model.rowCount():,} entries")
    bar = page.table.verticalScrollBar()
    for label, value in (("middle", bar.maximum() // 2), ("end", bar.maximum()),
                         ("top", 0)):
        bar.setValue(value)
        seconds = _wait(app, lambda: _visible_loaded(page))
        print(f"scroll to the {label:6}: {1000 * seconds:7.1f} ms")
    for label, flt in (
        ("type = document.seal_failed", AuditFilter(event_types=("document.seal_failed",))),
        ("actor contains 'rossi'", AuditFilter(actor="rossi")),
        ("document hash prefix", AuditFilter(document="abdaf8a5425908e6")),
        ("text search, common ('contract')", AuditFilter(text="contract")),
        ("text search, rare (full scan)", AuditFilter(text="deed-2024-0000003.pdf")),
    ):
        started = time.perf_counter()
        page.apply_filter(flt)
        _wait(app, lambda: not page.model.loading and (_visible_loaded(page)
                                                       or page.model.rowCount() == 0))
        print(f"filter {label:34}: {1000 * (time.perf_counter() - started):7.1f} ms "
              f"({page.model.rowCount()} rows shown)")
    page.apply_filter(AuditFilter())
    _wait(app, lambda: not page.model.loading and _visible_loaded(page))
    print(f"rows held in memory after all that: {page.model.cached_rows:,}")
    page.shutdown()
    jobs.wait_for_all()
    page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing SealDesk SQLite database")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sealdesk-page-bench-"))
    path = args.db or folder / "audit.db"
    database = Database(create_database_engine(f"sqlite:///{path}"))
    upgrade_schema(database)
    if args.db is None:
        events = 3000 if args.smoke else args.events
        generated = generate_log(database, events)
        print(f"generated {events:,} entries in {generated.seconds:.1f} s")
    run(database, folder)
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
