from tests.ui.test_snapshots_page import *  # noqa
def test_dbg(qtbot, page, unexpected_errors):
    QTimer.singleShot(200, lambda: _answer_reason("x"))
    page.take_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.table.selectRow(0)
    page.verify_button.click()
    qtbot.wait(8000)
    print("SUMMARY", page.summary.toPlainText(), "STATE", page.model.checked, "ERR", [str(e.error) for e in unexpected_errors], [e.report[-1500:] for e in unexpected_errors])
    assert 0
