"""The evidence-bundle viewer: open a bundle, see the verdict, the documents and every reason.

Auditor mode by nature: it needs no token and no database; the bundle is checked by
:func:`sealdesk.core.evidence.verify_bundle` in a worker (a seal validation takes a second or
two). The auditor can re-check against the audit certificate and root certificates they trust
(obtained out of band); until then the verdict says it is self-contained.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.evidence import BundleVerdict, DocumentVerdict, verify_bundle
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded
from sealdesk.ui.auditor.badge import mode_banner
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.status_colors import DANGER, OK, WARNING
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import JobFailure, JobRunner

COLUMNS = (
    QT_TRANSLATE_NOOP("bundle_viewer", "Checks"),
    QT_TRANSLATE_NOOP("bundle_viewer", "Seal"),
    QT_TRANSLATE_NOOP("bundle_viewer", "Document"),
    QT_TRANSLATE_NOOP("bundle_viewer", "Sealed at (UTC)"),
    QT_TRANSLATE_NOOP("bundle_viewer", "Operator"),
    QT_TRANSLATE_NOOP("bundle_viewer", "Level"),
    QT_TRANSLATE_NOOP("bundle_viewer", "Sealed SHA-256"),
)
DOCUMENT_COLUMN = 2
BUNDLE_FILTER = QT_TRANSLATE_NOOP("bundle_viewer", "Evidence bundles (*.zip);;All files (*)")
PEM_FILTER = QT_TRANSLATE_NOOP(
    "bundle_viewer", "Certificates (*.pem *.crt *.cer *.der);;All files (*)"
)


class BundleViewer(QWidget):
    """A top-level window on one bundle (``open_bundle`` loads another into it)."""

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("bundleViewer")
        self.setWindowTitle(self.tr("Evidence bundle — SealDesk auditor mode (read only)"))
        self.resize(1180, 720)
        self.jobs = jobs
        self.path: Path | None = None
        self.trusted_cert: bytes | None = None
        self.anchors: list[bytes] = []
        self.verdict: BundleVerdict | None = None
        self.banner = mode_banner(
            self.tr("Evidence bundle: nothing is written; no token is needed.")
        )
        self.headline = QLabel(self.tr("Open an evidence bundle (.zip) to check it."))
        self.headline.setObjectName("verdictHeadline")
        self.headline.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("bundle_viewer", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DOCUMENT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Documents in the bundle"))
        self.table.itemSelectionChanged.connect(self._show_document)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName(self.tr("Checks of the selected document"))
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Problems and notes"))
        self.problems.setMaximumHeight(110)
        self.open_button = self._button(self.tr("Open bundle…"), self.choose_bundle)
        self.cert_button = self._button(self.tr("Trusted audit certificate…"), self.choose_cert)
        self.root_button = self._button(self.tr("Trusted root…"), self.choose_root)
        self._layout()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.headline, 1)
        for button in (self.open_button, self.cert_button, self.root_button):
            bar.addWidget(button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([640, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        body = QVBoxLayout()
        body.setContentsMargins(16, 10, 16, 16)
        body.addLayout(bar)
        body.addWidget(self.summary)
        body.addWidget(split, 1)
        body.addWidget(QLabel(self.tr("Problems and notes")))
        body.addWidget(self.problems)
        layout.addLayout(body, 1)

    # --- actions ---------------------------------------------------------------------------

    def choose_bundle(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open evidence bundle"), "", translate("bundle_viewer", BUNDLE_FILTER)
        )
        if name:
            self.open_bundle(Path(name))

    def choose_cert(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Audit certificate you trust"), "",
                                              translate("bundle_viewer", PEM_FILTER))
        if name and (data := self._certificate_file(Path(name))) is not None:
            self.trusted_cert = data
            self.recheck()

    def choose_root(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Root certificate you trust"), "", translate("bundle_viewer", PEM_FILTER)
        )
        if name and (data := self._certificate_file(Path(name))) is not None:
            self.anchors.append(data)
            self.recheck()

    def _certificate_file(self, path: Path) -> bytes | None:
        """A chosen certificate file (small, regular): its bytes, or None with the reason shown."""
        try:
            return read_bounded(path, CERTIFICATE_LIMIT, "certificate")
        except SealDeskError as exc:
            self.headline.setText(exc.message)
            self.headline.setStyleSheet(f"color: {DANGER}; font-weight: 600;")
            self.problems.setPlainText(exc.hint)
            return None

    def open_bundle(self, path: Path) -> None:
        self.path = Path(path)
        self.recheck()

    def recheck(self) -> None:
        if self.path is None:
            return
        path, cert, anchors = self.path, self.trusted_cert, tuple(self.anchors)
        self.headline.setText(self.tr("Checking {name}…").format(name=path.name))
        self.headline.setStyleSheet("")
        self.jobs.run(lambda: verify_bundle(path, cert, anchors), name="Checking the bundle",
                      on_success=self.show_verdict, on_failure=self._failed)

    # --- results ---------------------------------------------------------------------------

    def show_verdict(self, verdict: BundleVerdict) -> None:
        self.verdict = verdict
        colour = OK if verdict.ok and verdict.anchored else WARNING if verdict.ok else DANGER
        self.headline.setText(verdict.headline())
        self.headline.setStyleSheet(f"color: {colour}; font-weight: 600; font-size: 15px;")
        self.summary.setText(_summary(verdict))
        self.table.setRowCount(len(verdict.documents))
        for row, doc in enumerate(verdict.documents):
            count = len(doc.reasons)
            checks = (
                self.tr("✓ all hold")
                if doc.ok
                else self.tr("✗ {count} problem{plural}").format(
                    count=count, plural="s" * (count != 1)
                )
            )
            values = (checks, doc.indication, doc.name, doc.sealed_at.replace("T", " ")[:19],
                      doc.operator, doc.level, doc.sealed_sha256[:16] + "…")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (0, 1):
                    good = doc.ok if column == 0 else doc.indication == "PASSED"
                    item.setForeground(QColor(OK if good else DANGER))
                if column == len(values) - 1:
                    item.setToolTip(doc.sealed_sha256)
                self.table.setItem(row, column, item)
        unique = dict.fromkeys(str(r) for r in verdict.all_reasons)
        lines = [f"✗ {r}" for r in unique] + [f"• {n}" for n in verdict.notes]
        self.problems.setPlainText("\n".join(lines) or self.tr("No problems found."))
        if verdict.documents:  # the first document with a problem, else the first
            self.table.selectRow(next((i for i, d in enumerate(verdict.documents)
                                       if not d.ok), 0))

    def _show_document(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if self.verdict is None or not rows:
            return
        self.details.setPlainText(document_text(self.verdict.documents[rows[0].row()]))

    def _failed(self, failure: JobFailure) -> None:
        """Shown in the viewer; a bug also gets the error dialog (it used to be swallowed)."""
        message, _, hint = inline_failure(self, failure).partition("\n")
        self.headline.setText(
            self.tr("Cannot check this bundle: {message}").format(message=message)
        )
        self.headline.setStyleSheet(f"color: {DANGER}; font-weight: 600;")
        self.table.setRowCount(0)
        self.details.clear()
        self.problems.setPlainText(hint)


def _summary(verdict: BundleVerdict) -> str:
    cert = (
        translate("bundle_viewer", "trusted (yours)")
        if verdict.audit_trusted
        else translate("bundle_viewer", "from the bundle — compare it")
    )
    roots = (
        translate("bundle_viewer", "your roots")
        if verdict.seal_roots_supplied
        else translate("bundle_viewer", "roots inside the bundle")
    )
    created = verdict.created.replace("T", " ")[:19]
    taken = verdict.checkpoint_time.replace("T", " ")[:19]
    return translate(
        "bundle_viewer",
        "Exported {created} UTC by {exported_by}.  Checkpoint: "
        "{checkpoint_tree_size} entries ({taken} UTC), "
        "{entries_checked} entries proven.  Seals checked offline against {roots}."
        "\nAudit certificate SHA-256 {audit_certificate_sha256} ({cert}).",
    ).format(
        created=created,
        exported_by=verdict.exported_by,
        checkpoint_tree_size=verdict.checkpoint_tree_size,
        taken=taken,
        entries_checked=verdict.entries_checked,
        roots=roots,
        audit_certificate_sha256=verdict.audit_certificate_sha256,
        cert=cert,
    )


def document_text(doc: DocumentVerdict) -> str:
    lines = [
        doc.name,
        "",
        translate("bundle_viewer", "Original SHA-256"),
        f"  {doc.original_sha256}",
        translate("bundle_viewer", "Sealed SHA-256"),
        f"  {doc.sealed_sha256}",
        translate("bundle_viewer", "In the bundle:  {member}").format(member=doc.member),
        translate("bundle_viewer", "Audit entries:  {entries}").format(
            entries=", ".join(map(str, doc.entries)) or translate("bundle_viewer", "none")
        ),
        "",
    ]
    lines += [f"✓ {fact}" for fact in doc.facts]
    lines += [f"✗ {r.message}" if r.member == doc.member else f"✗ {r}" for r in doc.reasons]
    return "\n".join(lines)
