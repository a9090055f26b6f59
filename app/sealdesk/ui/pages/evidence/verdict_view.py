"""A bundle's verdict in words: one headline, then each document's checks, then every problem.

The checks themselves are :func:`sealdesk.core.evidence.verify_bundle`'s; this widget only words
the outcome for a compliance auditor. "Verified" is said only when the bundle was checked against
an audit certificate and seal roots the person trusts; a bundle that vouches only for itself is
"intact, not anchored", because anyone can build a consistent bundle with their own keys.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from sealdesk.core.evidence import BundleVerdict
from sealdesk.ui.status_colors import DANGER, OK, WARNING, emphasis_style


class VerdictView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict: BundleVerdict | None = None
        self.headline = QLabel(self.tr("No bundle checked yet. Check a bundle… opens one."))
        self.headline.setObjectName("verdictHeadline")
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(self.tr("Bundle verdict"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings = QPlainTextEdit()
        self.findings.setReadOnly(True)
        self.findings.setAccessibleName(self.tr("Checks and problems of the bundle"))
        self.findings.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings, 1)

    def show_checking(self, name: str) -> None:
        self.headline.setText(self.tr("Checking {0}…").format(name))
        self.headline.setStyleSheet("")

    def show_failure(self, name: str, text: str) -> None:
        self.verdict = None
        self.headline.setText(self.tr("✘ {0} cannot be checked: {1}").format(name, text))
        self.headline.setStyleSheet(emphasis_style(DANGER))
        self.summary.clear()
        self.findings.clear()

    def show_verdict(self, verdict: BundleVerdict) -> None:
        self.verdict = verdict
        text, colour = self.headline_text(verdict)
        self.headline.setText(text)
        self.headline.setStyleSheet(emphasis_style(colour))
        self.summary.setText(self._summary(verdict))
        self.findings.setPlainText(self._findings(verdict))

    def headline_text(self, verdict: BundleVerdict) -> tuple[str, str]:
        if not verdict.ok:
            count = len(verdict.all_reasons)
            return self.tr("✘ NOT VERIFIED: {0} problem(s) found. Do not rely on this bundle; "
                           "the problems are listed below.").format(count), DANGER
        if verdict.anchored:
            return self.tr("✔ VERIFIED: the bundle is intact, signed by the audit certificate "
                           "you trust, and every seal chains to your roots."), OK
        missing = [what for what, given in (
            (self.tr("the audit certificate you trust"), verdict.audit_trusted),
            (self.tr("your seal roots"), verdict.seal_roots_supplied)) if not given]
        return self.tr("⚠ Intact, but NOT ANCHORED: checked only against certificates inside "
                       "the bundle, which anyone can make. Missing: {0}.").format(
            self.tr(" and ").join(missing)), WARNING

    def _summary(self, verdict: BundleVerdict) -> str:
        trusted = (self.tr("trusted (yours)") if verdict.audit_trusted
                   else self.tr("taken from the bundle: compare its fingerprint"))
        return self.tr(
            "{6}: exported {0} UTC by {1}. Checkpoint of {2} entries; {3} audit entries "
            "proven. Audit certificate SHA-256 {4}, {5}.").format(
            verdict.created.replace("T", " ")[:19], verdict.exported_by,
            verdict.checkpoint_tree_size, verdict.entries_checked,
            verdict.audit_certificate_sha256[:16] + "…", trusted, Path(verdict.path).name)

    def _findings(self, verdict: BundleVerdict) -> str:
        lines: list[str] = []
        for doc in verdict.documents:
            state = self.tr("✔ all checks hold") if doc.ok else self.tr(
                "✘ {0} problem(s)").format(len(doc.reasons))
            lines.append(self.tr("{0}: {1}; seal {2}, sealed {3} UTC by {4}").format(
                doc.name, state, doc.indication, doc.sealed_at.replace("T", " ")[:19],
                doc.operator))
            lines += [f"    ✗ {r.message}" for r in doc.reasons]
        general = list(verdict.reasons)
        if general:
            lines += ["", self.tr("Problems with the bundle itself:")]
            lines += [f"    ✗ {r}" for r in general]
        if verdict.notes:
            lines += ["", self.tr("Notes:")] + [f"    • {n}" for n in verdict.notes]
        return "\n".join(lines) or self.tr("No problems found.")
