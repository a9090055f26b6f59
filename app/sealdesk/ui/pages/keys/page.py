"""The Keys & certificates page: the token's keys and certificates, and the rotation ceremony.

Top: the module's tokens and the keys on the configured one, with certificate expiry coloured
at 90, 30 and 7 days and a banner for the first in-use certificate to expire. Bottom: the
proposals with their status and approvals so far, the custodians and the policy, and a details
pane. "Rotate a key…" opens the wizard, "Approve / reject…" the custodian's approval dialog,
"Execute…" asks for the seal token's PIN and runs the (resumable) execution in a worker.
Everything that touches the token or the database runs through the job runner.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.errors import SealDeskError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded
from sealdesk.services.keys import rotation
from sealdesk.services.keys.inventory import ExpiryLevel, Inventory, read_inventory
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.approval_dialog import ApprovalDialog
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.dialogs.rotation_wizard import RotationWizard
from sealdesk.ui.failures import inline_failure, show_authority_refusal
from sealdesk.ui.models.keys_model import (
    EXPIRY_COLORS,
    KeysTableModel,
    ProposalsTableModel,
    RowsModel,
    SlotsTableModel,
)
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.keys.details import (
    banner_text,
    policy_text,
    proposal_text,
    signing_policy_text,
)
from sealdesk.ui.pages.keys.execute import ExecuteFlow
from sealdesk.ui.pages.keys.support import (
    RotationState,
    ask_signing_pin,
    column,
    fit_rows,
    make_table,
    mono_text,
    read_rotation_state,
    section,
    show_quorum_report,
)
from sealdesk.ui.status_colors import emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure


class KeysPage(Page):
    title = "Keys & certificates"

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.pin_provider: PinProvider = ask_signing_pin
        """Asks the token's PIN for every signed act of the page (wizard, approval, execution)."""
        self.inventory = Inventory()
        self.state = RotationState([], [], None)
        self.loading = 0
        self.slots_model = SlotsTableModel(self)
        self.keys_model = KeysTableModel(self)
        self.proposals_model = ProposalsTableModel(self)
        self.slots_table, _ = make_table(self.slots_model, "Tokens")
        self.keys_table, _ = make_table(self.keys_model, "Keys and certificates")
        self.proposals_table, self.proposals_proxy = make_table(
            self.proposals_model, "Proposals", stretch=ProposalsTableModel.CHANGE)
        self.slots_label = section("Tokens")
        self.keys_label = section("Keys and certificates")
        self.details = mono_text("Proposal details", "Select a proposal to see its content, "
                                 "hash, decisions and execution steps.")
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.policy_label = QLabel()
        self.policy_label.setWordWrap(True)
        self.signing_label = QLabel()
        self.signing_label.setObjectName("signingPolicy")
        self.signing_label.setAccessibleName("Signing policy in force")
        self.signing_label.setWordWrap(True)
        self.signing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal: ErrorDialog | None = None
        self.status_label = QLabel()
        self.flow = ExecuteFlow(services, lambda: self.pin_provider, self)
        self.flow.step.connect(self.status_label.setText)
        self.flow.finished.connect(self._executed)
        self._select_after = ""
        self._buttons()
        self._layout()
        self.proposals_table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_actions()

    def _buttons(self) -> None:
        def button(text: str, tip: str, slot: object) -> QPushButton:
            made = QPushButton(text)
            made.setToolTip(tip)
            made.clicked.connect(slot)
            return made

        self.refresh_button = button("Refresh", "Read the token and the proposals again",
                                     self.refresh)
        self.rotate_button = button("Rotate a key…", "Propose a new seal or audit key",
                                    self.open_wizard)
        self.approve_button = button("Approve / reject…", "Sign your decision with your own "
                                     "custodian token", self.open_approval)
        self.execute_button = button("Execute…", "Run (or resume) an approved proposal on "
                                     "the seal token", lambda: self.execute_selected())
        self.import_button = button("Import certificate…", "Import the certificate your CA "
                                    "issued for the CSR", self.import_certificate)
        self.verify_button = button("Verify quorum", "Re-verify the approvals from the audit "
                                    "log alone", self.verify_selected)

    def _layout(self) -> None:
        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        top_bar = QHBoxLayout()
        top_bar.addWidget(heading)
        top_bar.addStretch(1)
        top_bar.addWidget(self.refresh_button)
        top_bar.addWidget(self.rotate_button)
        bar = QHBoxLayout()
        bar.addWidget(section("Rotation proposals"))
        bar.addStretch(1)
        for button in (self.approve_button, self.execute_button, self.import_button,
                       self.verify_button):
            bar.addWidget(button)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.proposals_table)
        lower.addWidget(self.details)
        lower.setSizes([900, 420])
        top = column(self.slots_label, self.slots_table, self.keys_label, self.keys_table)
        bottom = column(bar, self.policy_label, self.signing_label, lower)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)

    # --- loading --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.loading > 0 or self.flow.running

    def shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        ctx = self.services.ctx
        self.loading += 2
        self.services.jobs.run(partial(read_inventory, ctx), name="Reading the token's keys",
                               key=TOKEN, on_success=self._inventory_read,
                               on_failure=self._load_failed)
        self.services.jobs.run(partial(read_rotation_state, ctx), name="Reading proposals",
                               on_success=self._state_read, on_failure=self._load_failed)

    def _inventory_read(self, inventory: Inventory) -> None:
        self.loading -= 1
        self.inventory = inventory
        self.slots_model.set_rows(inventory.tokens)
        self.keys_model.set_rows(inventory.keys)
        fit_rows(self.slots_table, self.slots_model.rowCount(), 5)
        ours = next((t for t in inventory.tokens if t.configured), None)
        self.keys_label.setText(f"Keys and certificates on {ours.label!r}" if ours
                                else "Keys and certificates")
        module = Path(self.services.ctx.config.token.module).name
        self.slots_label.setText(f"Tokens ({module})" if module else "Tokens")
        text, level = banner_text(inventory, dt.datetime.now(dt.UTC))
        color = EXPIRY_COLORS.get(level) if level not in (None, ExpiryLevel.OK) else None
        self.banner.setText(text)
        self.banner.setStyleSheet(emphasis_style(color) if color else "")
        self.banner.setVisible(bool(text))
        self._update_actions()

    def _state_read(self, state: RotationState) -> None:
        self.loading -= 1
        selected = self.selected_proposal()
        self.state = state
        self.proposals_model.set_rows(state.proposals)
        self.policy_label.setText(policy_text(state.custodians, state.policy))
        self.signing_label.setText(signing_policy_text(state.standing))
        wanted = self._select_after or (selected.proposal_id if selected else "")
        self._select_after = ""
        if wanted:
            self.select_proposal(wanted)
        self._selection_changed()

    def _load_failed(self, failure: JobFailure) -> None:
        self.loading -= 1
        refusal = show_authority_refusal(self, failure.error)
        if refusal is not None:
            self.refusal = refusal
            self.signing_label.setText("Signing policy and approvals not shown: the authority "
                                       "check refused (see the dialog).")
            self.banner.setText(getattr(failure.error, "message", str(failure.error)))
        else:
            self.banner.setText(inline_failure(self, failure))
        self.banner.show()
        self._update_actions()

    # --- selection and actions ------------------------------------------------------------

    def selected_proposal(self) -> ProposalView | None:
        rows = self.proposals_table.selectionModel().selectedRows()
        return self.proposals_proxy.data(rows[0], RowsModel.RowRole) if rows else None

    def select_proposal(self, proposal_id: str) -> None:
        for row in range(self.proposals_proxy.rowCount()):
            index = self.proposals_proxy.index(row, 0)
            if self.proposals_proxy.data(index, RowsModel.RowRole).proposal_id == proposal_id:
                self.proposals_table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        view = self.selected_proposal()
        self.details.setPlainText(proposal_text(view) if view else "")
        self._update_actions()

    def _update_actions(self) -> None:
        view = self.selected_proposal()
        ok = view is not None and not view.problem
        status = view.status if view is not None else None
        self.approve_button.setEnabled(ok and status is not None and status.open_for_decisions)
        self.execute_button.setEnabled(ok and not self.flow.running and status in (
            ProposalStatus.APPROVED, ProposalStatus.EXECUTING))
        self.import_button.setEnabled(ok and not self.flow.running
                                      and status == ProposalStatus.EXECUTING
                                      and view is not None and view.content.action.rotates_key)
        self.verify_button.setEnabled(view is not None)
        self.rotate_button.setEnabled(self.state.policy is not None)

    def open_wizard(self) -> RotationWizard:
        wizard = RotationWizard(self.services.ctx, self.services.jobs, self.inventory.keys,
                                self.state.policy, len(self.state.custodians), self,
                                pin_provider=lambda: self.pin_provider)
        wizard.finished.connect(lambda _r: self._wizard_closed(wizard))
        wizard.open()
        return wizard

    def _wizard_closed(self, wizard: RotationWizard) -> None:
        if wizard.result_view is not None:
            self.services.notify(f"Proposal {wizard.result_view.proposal_id} recorded.")
            self._select_after = wizard.result_view.proposal_id
            self.refresh()
        wizard.deleteLater()

    def open_approval(self) -> ApprovalDialog | None:
        view = self.selected_proposal()
        if view is None:
            return None
        dialog = ApprovalDialog(view, self.services.ctx, self.services.jobs, self,
                                pin_provider=lambda: self.pin_provider)
        dialog.finished.connect(lambda _r: self._approval_closed(dialog))
        dialog.open()
        return dialog

    def _approval_closed(self, dialog: ApprovalDialog) -> None:
        if dialog.result_view is not None:
            view = dialog.result_view
            last = view.decisions[-1]
            verb = "approved" if last.decision == "approve" else "rejected"
            self.services.notify(f"{last.custodian} {verb} proposal {view.proposal_id}: "
                                 f"{view.approvals} of {view.required} approvals, "
                                 f"{view.status.value}.")
            self.refresh()
        dialog.deleteLater()

    def execute_selected(self, certificate: bytes | None = None) -> bool:
        view = self.selected_proposal()
        return view is not None and self.flow.start(view, certificate)

    def import_certificate(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Certificate issued for the CSR", "",
                                              "Certificates (*.pem *.crt *.cer *.der)")
        if not name:
            return
        try:
            certificate = read_bounded(Path(name), CERTIFICATE_LIMIT, "certificate")
        except SealDeskError as exc:  # a folder, a device, a pipe, or far too large
            self.banner.setText(exc.describe())
            self.banner.show()
            return
        self.execute_selected(certificate)

    def _executed(self, result: object) -> None:
        self.status_label.setText("")
        if result is not None:
            self.services.notify(result.message)  # type: ignore[attr-defined]
            if getattr(result, "waiting_for_certificate", False):
                QMessageBox.information(self, "Certificate needed", result.message)  # type: ignore[attr-defined]
        self.refresh()

    def verify_selected(self) -> None:
        view = self.selected_proposal()
        if view is None:
            return
        self.services.jobs.run(
            partial(rotation.verify_quorum_offline, self.services.ctx, view.proposal_id),
            name="Verifying the quorum", on_success=self._verified)

    def _verified(self, report: rotation.QuorumReport) -> None:
        self.last_verification = report
        show_quorum_report(self, report)
