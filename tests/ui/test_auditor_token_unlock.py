"""Issue 21 item 4 in the GUI: an auditor's window over an encrypted copy opens its documents
with the auditor's own token, and shows hashes and a calm note without it.

The auditor's certificate is added as the product does it: a 2-of-3 quorum-approved
``add_storage_recipient`` proposal (the rotation ceremony's installation, real SoftHSM tokens).
The copy (database and store folder) is opened as the auditor would, and the unlock action of
that window asks for the auditor's token, key label and PIN, never for the console token.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token.storage_key import generate_recovery_keypair
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.encryption.rotation import (
    execute_store_proposal,
    propose_storage_recipient,
)
from sealdesk.services.encryption.setup import enable_encryption
from sealdesk.services.encryption.unlock import store_is_locked, store_unlocked
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.ui.auditor.mode import copy_window
from sealdesk.ui.auditor.token_unlock import TokenUnlockDialog
from sealdesk.ui.workers import JobRunner
from tests.encryption.test_recovery import _recovery_certificate
from tests.fixtures.tokens import SoftToken
from tests.rotation.conftest import Ceremony, ceremony, ceremony_template, custodian_ca
from tests.ui.conftest import ScriptedPins

__all__ = ["ceremony", "ceremony_template", "custodian_ca"]
AUDITOR_PIN = "31337"
WAIT_MS = 60_000


def _auditor_copy(ceremony: Ceremony, tmp_path: Path) -> tuple[Path, SoftToken]:
    """Two documents sealed into an encrypted store whose recipients name the auditor; the
    database (WAL folded in) and the store copied to ``copy/`` as the auditor receives them."""
    ctx = ceremony.ctx
    enable_encryption(ctx)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = [make_text_pdf(inbox / f"a{i}.pdf", f"a{i}", ["For the auditors"]) for i in range(2)]
    assert seal_documents(ctx, files, DEMO_PIN).count(Outcome.SEALED) == 2
    cfg = ctx.config.token
    auditor = SoftToken(cfg.module, Path(cfg.environment["SOFTHSM2_CONF"]), "x",
                        AUDITOR_PIN).add_token("Auditor Firm")
    with auditor.session() as session:
        public = generate_recovery_keypair(session, "auditor-1", b"au-1")
    certificate = _recovery_certificate(public, tmp_path).read_bytes()
    view = propose_storage_recipient(ctx, certificate, "auditor.pem", role="auditor",
                                     reason="Annual audit 2026")
    ceremony.decide(view.proposal_id, "Alice")
    ceremony.decide(view.proposal_id, "Carol")
    with store_unlocked(ctx, DEMO_PIN):
        executed, _result = execute_store_proposal(ctx, view.proposal_id)
    assert executed.status.value == "executed"
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("sealdesk.db", "sealdesk.db-wal"):
        if (ctx.paths.data_dir / name).exists():
            shutil.copy2(ctx.paths.data_dir / name, copy / name)
    folded = sqlite3.connect(copy / "sealdesk.db")
    folded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folded.close()
    shutil.copytree(ctx.store.root, copy / "store")
    return copy / "sealdesk.db", auditor


def test_an_auditor_window_opens_the_copy_with_the_auditors_token(
        qtbot: QtBot, jobs: JobRunner, ceremony: Ceremony, tmp_path: Path) -> None:
    db_file, auditor = _auditor_copy(ceremony, tmp_path)
    ctx = open_database_copy(db_file)
    window = copy_window(ctx, jobs)  # closes the context when it is closed
    window.show()
    qtbot.waitExposed(window)
    lock = window.archive_lock
    assert lock.encrypted and lock.indicator.text() == "Document archive: locked"
    assert lock.offered and window.auditor_unlock.dialog is None  # nothing asked by itself

    # Without the token: hashes and the trail, and a calm note instead of the document.
    sealed = window.show_page("sealed")
    qtbot.waitUntil(lambda: sealed.table.rowCount() == 2 and jobs.idle, timeout=WAIT_MS)
    assert len(sealed.rows[0].sealed_sha256) == 64
    qtbot.waitUntil(lambda: "Audit trail" in sealed.details.toPlainText(), timeout=WAIT_MS)
    assert "open them with your token" in sealed.preview.message.text()
    sealed.show_report()  # reading the stored file: StoreLockedError, shown calmly
    qtbot.waitUntil(lambda: jobs.idle, timeout=WAIT_MS)
    assert sealed.details.toPlainText().startswith("This copy's documents are encrypted")

    pins = ScriptedPins([AUDITOR_PIN])
    lock.pin_provider = pins
    assert lock.action.isEnabled()
    lock.action.trigger()
    dialog = window.auditor_unlock.dialog
    assert isinstance(dialog, TokenUnlockDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Open documents with your token"
    assert not dialog.continue_button.isEnabled()  # no module yet (a copy names no token)
    dialog.box.module_edit.setFocus()
    QTest.keyClicks(dialog.box.module_edit, auditor.module)
    dialog.key_edit.setFocus()  # leaving the module field lists its tokens (Refresh too)
    QTest.mouseClick(dialog.box.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.box.listing, timeout=WAIT_MS)
    assert dialog.box.tokens, dialog.box.token_combo.currentText()
    assert dialog.box.select_token("Auditor Firm")
    assert not dialog.continue_button.isEnabled()  # the key label is still missing
    QTest.keyClicks(dialog.key_edit, "auditor-1")
    assert dialog.missing == "" and dialog.continue_button.isEnabled()
    assert dialog.continue_button.isDefault()
    QTest.keyClick(dialog.key_edit, Qt.Key.Key_Return)  # Continue is the default button
    assert not dialog.isVisible() and dialog.result() == 1  # accepted
    qtbot.waitUntil(lambda: not lock.busy and jobs.idle, timeout=WAIT_MS)

    assert [r.token_label for r in pins.requests] == ["Auditor Firm"]
    assert pins.requests[0].reason == ("The document archive is encrypted; your recipient key "
                                       "opens it.")
    assert lock.last_failure == ""
    assert not store_is_locked(ctx)
    assert lock.indicator.text() == "Document archive: unlocked"
    assert not lock.action.isEnabled()
    qtbot.waitUntil(lambda: sealed.preview.document.pageCount() > 0, timeout=WAIT_MS)
    assert sealed.preview.current_path is not None
    sealed.show_report()
    qtbot.waitUntil(lambda: getattr(sealed, "report_dialog", None) is not None,
                    timeout=WAIT_MS)
    sealed.report_dialog.close()
    window.close()
    jobs.wait_for_all()
