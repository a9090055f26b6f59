"""Capture the Revalidation page under Xvfb (DISPLAY must be set).

Usage (a window manager such as openbox gives the windows their frames):
    Xvfb :96 -screen 0 1400x900x24 &  DISPLAY=:96 openbox &
    SEALDESK_HOME=/tmp/reval-shots DISPLAY=:96 .venv/bin/python \
        docs/screenshots/capture_revalidation.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Starts the loopback test PKI (real OCSP responder, CRLs and TSA), seals documents with its
keys on the demo token through the real sealing service (a good signer, a revoked one, an
expired one, one under an untrusted root, a timestamp from an untrusted TSA), adds bulk seals,
damages two stored copies, then drives the real main window: the empty page, a run in
progress, the finished run (failures first) with details, and the incidents-only filter.
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication
from screen import grab_screen, spin, wait_until

from sealdesk.services.context import AppContext
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.models.revalidation_model import ResultsModel
from sealdesk.ui.pages.revalidation.page import RevalidationPage
from sealdesk.ui.workers import JobRunner
from tests.fixtures.pki import start_test_pki
from tests.revalidation.support import flip_byte, make_installation, register_fast_seals

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
HOME = Path(os.environ.get("SEALDESK_HOME", "."))
DOCUMENTS = [
    ("Invoice 2024-0113", "ec", {}),
    ("Contract renewal Acme", "revoked", {}),
    ("Board minutes March", "expired", {}),
    ("Supplier declaration", "untrusted", {}),
    ("Delivery note 88412", "ec", {"untrusted_tsa": True}),
    ("Audit letter Q1", "ec", {}),
    ("Price list 2024", "ec", {}),
]


def prepare() -> AppContext:
    pki, _server, _thread = start_test_pki()
    inst = make_installation(HOME, pki)
    for title, signer, options in DOCUMENTS:
        inst.seal([inst.document(title, title)], signer, **options)
    register_fast_seals(inst, 160, prefix="Archive record")
    _damage(inst.ctx, b"Audit letter Q1", remove=False)
    _damage(inst.ctx, b"Archive record document 00042", remove=True)
    return inst.ctx


def _damage(ctx: AppContext, marker: bytes, *, remove: bool) -> None:
    """Flip a byte of (or delete) the stored sealed copy whose page shows ``marker``."""
    for path in sorted(p for p in ctx.store.objects.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if marker in data and b"/ByteRange" in data:
            path.unlink() if remove else flip_byte(path, marker)
            return


app: QApplication


def shot(name: str) -> None:
    grab_screen(OUT / f"{name}.png", settle=0.3)


def select(page: RevalidationPage, name: str) -> None:
    model = page.proxy
    for row in range(model.rowCount()):
        index = model.index(row, ResultsModel.NAME)
        if index.data() == name:
            page.table.setCurrentIndex(index)
            return
    raise LookupError(name)


def main() -> None:
    global app
    app = QApplication(sys.argv[:1])
    configure_application(app)
    OUT.mkdir(parents=True, exist_ok=True)
    ctx = prepare()
    jobs = JobRunner()
    window = build_main_window(ctx, jobs)
    window.resize(1400, 860)
    window.move(0, 0)
    window.show()
    page = window.show_page("revalidation")
    assert isinstance(page, RevalidationPage)
    spin(1.0)
    shot("revalidation-1-empty")

    page.start_run()
    wait_until(lambda: page.progress.isVisible() and page.progress.value() >= 40, timeout=300)
    shot("revalidation-2-running")

    wait_until(lambda: page._cancel is None and not page.progress.isVisible(), timeout=300)
    spin(1.5)
    select(page, "Audit letter Q1.pdf")
    spin(1.0)
    shot("revalidation-3-finished-failed-detail")

    select(page, "Contract renewal Acme.pdf")
    spin(1.0)
    shot("revalidation-4-revoked-chain")

    page.filter.setCurrentIndex(1)
    select(page, "Delivery note 88412.pdf")
    spin(1.0)
    shot("revalidation-5-incidents-only")

    jobs.wait_for_all()
    window.close()


if __name__ == "__main__":  # worker processes re-import this module: nothing may run then
    main()
