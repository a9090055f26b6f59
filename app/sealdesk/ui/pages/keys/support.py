"""Pieces of the Keys & certificates page: its data loader, its PIN prompt, its tables."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.rotation.offline import QuorumReport
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.context import AppContext
from sealdesk.services.keys import rotation
from sealdesk.services.keys.custodians import CustodianInfo, current_policy, list_custodians
from sealdesk.services.keys.inventory import KeyRow
from sealdesk.services.keys.signing_policy import PolicyStanding, policy_standing
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.pin_dialog import PinAnswer, PinDialog, PinRequest
from sealdesk.ui.models.keys_model import RowsModel
from sealdesk.ui.translations import translate


@dataclass(frozen=True)
class RotationState:
    proposals: list[ProposalView]
    custodians: list[CustodianInfo]
    policy: QuorumPolicy | None
    standing: PolicyStanding | None = None
    """The signing policy in force and its approvals, replayed from the log."""


def read_rotation_state(ctx: AppContext) -> RotationState:
    """Proposals, custodians and policy (worker thread; database only)."""
    return RotationState(rotation.list_proposals(ctx), list_custodians(ctx), current_policy(ctx),
                         policy_standing(ctx))


def ask_signing_pin(request: PinRequest, parent: QWidget | None = None) -> PinAnswer | None:
    """The PIN dialog for a signed act (proposal, decision, execution), its button saying so."""
    dialog = PinDialog(request, parent)
    dialog.ok_button.setText(dialog.tr("Log in and sign"))
    try:
        dialog.exec()
        return dialog.take_answer()
    finally:
        dialog.deleteLater()


def make_table(
    model: RowsModel, name: str, stretch: int | None = None
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A read-only, sortable, single-selection table over ``model`` (through a proxy)."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(RowsModel.SortRole)
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's order until asked
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table, proxy


def show_quorum_report(parent: QWidget, report: QuorumReport) -> QMessageBox:
    """The offline quorum check's outcome in a message box: the verdict line first (the same
    sentence ``sealdesk audit verify-quorum`` ends with), then the facts behind it."""
    lines = [translate("QuorumReport", "Approvals verified from the audit log: {names}").format(
        names=", ".join(report.approvals) or translate("QuorumReport", "none"))]
    if report.started:
        lines.append(translate("QuorumReport", "Required when execution started: {m}").format(
            m=report.required))
    lines += [translate("QuorumReport", "Problem: {problem}").format(problem=p)
              for p in report.problems] + report.notes
    title = (translate("QuorumReport", "Quorum verified") if report.ok
             else translate("QuorumReport", "Quorum does NOT verify"))
    box = QMessageBox(QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
                      title, report.verdict(), parent=parent)
    box.setInformativeText("\n".join(lines))
    box.setObjectName("quorumReport")
    box.open()
    return box


def certificate_reason(widget: QWidget, key: KeyRow | None) -> str:
    """Why "Certificate…" is off ("" when a key with a certificate is selected)."""
    if key is None:
        return widget.tr("Select a key in the Keys and certificates table first.")
    if not key.certificate_sha256:
        return widget.tr("The selected key has no certificate on the token.")
    return ""


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setStyleSheet("font-weight: 600;")
    return label


def mono_text(name: str, placeholder: str) -> QPlainTextEdit:
    text = QPlainTextEdit()
    text.setReadOnly(True)
    text.setAccessibleName(name)
    text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    text.setPlaceholderText(placeholder)
    return text


def column(*parts: QWidget | QLayout) -> QWidget:
    """A widget stacking ``parts`` without margins; the last one takes the spare height."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for number, part in enumerate(parts):
        stretch = 1 if number == len(parts) - 1 else 0
        if isinstance(part, QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return holder


def fit_rows(table: QTableView, rows: int, most: int) -> None:
    """Make a short table exactly as tall as its rows (at most ``most``): always wholly seen."""
    shown = min(max(rows, 1), most)
    height = table.horizontalHeader().height() + 4
    table.setFixedHeight(height + shown * table.verticalHeader().defaultSectionSize())
