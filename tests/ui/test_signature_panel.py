"""The signature panel of a sealed document on the Documents page (issue 22).

Real demo token and TSA, real PDFs: a document sealed on the page, selected by keyboard, shows
the verdict, the signer, the TSA's timestamp time and the level, computed in a worker by the
same verification as the Revalidation page; an unsealed row shows no panel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sealdesk.services.context import AppContext
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.models.documents_model import DocumentStatus

WAIT_MS = 60_000


def test_a_sealed_document_shows_signer_tsa_time_level_and_verdict(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, demo_pins: Any,
    make_pdfs: Callable[..., list[Path]],
) -> None:
    page = window.show_page("documents")
    pdfs = make_pdfs(2)
    page.add_files(pdfs)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    page.pin_provider = demo_pins
    page.select_path(pdfs[0])
    page.seal_selected()  # the first document only
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    # The batch's results reach the table by a queued signal, which under load can come after
    # the flow says it is done (seen once in CI).
    qtbot.waitUntil(lambda: any(r.status is DocumentStatus.SEALED for r in page.model.rows()),
                    timeout=WAIT_MS)
    rows = page.model.rows()
    sealed = next(r for r in rows if r.status is DocumentStatus.SEALED)
    unsealed = next(r for r in rows if r.status is DocumentStatus.READY)
    assert sealed.sealed_path is not None

    page.select_path(unsealed.path)
    assert not page.signature_panel.isVisibleTo(page)  # nothing to say about an unsealed file
    with qtbot.waitSignal(page.signature_panel.shown_for, timeout=WAIT_MS) as shown:
        page.table.setFocus()
        # two rows: the other one is the sealed one
        key = Qt.Key.Key_Up if page.table.currentIndex().row() == 1 else Qt.Key.Key_Down
        qtbot.keyClick(page.table, key)  # to the sealed row, by keyboard
    assert shown.args == [sealed.sealed_path]
    assert page.signature_panel.isVisibleTo(page)

    view = page.signature_panel.view
    assert view is not None and view.seal is not None
    text = page.signature_panel.details.toPlainText()
    with sealed.sealed_path.open("rb") as handle:
        embedded = PdfFileReader(handle).embedded_signatures[0]
        signer_cn = embedded.signer_cert.subject.native["common_name"]
        token = next(extract_tst_data_iter(embedded.signer_info, signed=False))  # TSA's token
        tsa_time: dt.datetime = token["encap_content_info"]["content"].parsed["gen_time"].native
    assert text.splitlines()[0].endswith(sealed.path.name)  # the name, not the store's hash
    assert f"Sealed by\n{signer_cn} (" in text
    assert f"Timestamp\n{tsa_time.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC by " in text
    assert view.seal.signing_time is not None
    assert f"Signing time\n{view.seal.signing_time.astimezone(dt.UTC):%Y-%m-%d %H:%M}" in text
    assert "PAdES level\nB-T" in text
    assert f"Reason\n{demo_ctx.config.seal.reason}\n" in text and view.reason
    assert view.verification.indication.value in text  # the verdict badge
    assert "Certificate chain" in text
    assert view.verification.store.known and "hashes to what the audit log" in text
