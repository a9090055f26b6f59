"""Getting a checked bundle's verdict out of the console: a report file pair, or paper/PDF.

Why both HTML and JSON at once: the HTML is what a person reads, files or signs; the JSON is
what an audit tool ingests. Written side by side (atomically, each whole or not at all), they
cannot drift apart. Printing lays the same HTML out with QTextDocument, so the printout says
exactly what the exported report says; a QPrinter set to PDF output gives a PDF file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from sealdesk.core.evidence import BundleVerdict
from sealdesk.core.evidence.report import verdict_html
from sealdesk.services.evidence.report import write_verdict_report


def report_pair(target: Path) -> tuple[Path, Path]:
    """The HTML and JSON paths for a chosen report name (its suffix picks neither: both)."""
    stem = target.with_suffix("") if target.suffix.lower() in (".html", ".htm", ".json") \
        else target
    return stem.with_suffix(".html"), stem.with_suffix(".json")


def write_report_pair(verdict: BundleVerdict, target: Path) -> tuple[Path, Path]:
    """Write both reports (worker thread); return their paths."""
    html_path, json_path = report_pair(target)
    write_verdict_report(verdict, html_path)
    write_verdict_report(verdict, json_path)
    return html_path, json_path


def ask_printer(parent: QWidget | None) -> QPrinter | None:
    """The system print dialog (it offers "Print to file (PDF)"); None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QWidget.tr(dialog, "Print verdict"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_verdict(verdict: BundleVerdict, printer: QPrinter) -> None:
    """Lay the verdict report out on ``printer`` (GUI thread: QTextDocument is a GUI object)."""
    document = QTextDocument()
    document.setHtml(verdict_html(verdict))
    document.print_(printer)
