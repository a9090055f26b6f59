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

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
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
from sealdesk.services.keys.certificate_details import CertificateDetails, certificate_details
from sealdesk.services.keys.custodians import CustodianInfo, list_custodians
from sealdesk.services.keys.inventory import ExpiryLevel, Inventory, KeyRow, read_inventory
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.approval_dialog import ApprovalDialog
from sealdesk.ui.dialogs.certificate_dialog import CertificateDialog
from sealdesk.ui.dialogs.change_pin_dialog import ChangePinDialog
from sealdesk.ui.dialogs.custodian_forms import AddCustodianDialog, RemoveCustodianDialog
from sealdesk.ui.dialogs.error_dialog import ErrorDialog
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.dialogs.proposal_form import ProposalForm
from sealdesk.ui.dialogs.quorum_policy_dialog import QuorumPolicyDialog
from sealdesk.ui.dialogs.retire_key_dialog import RetireKeyDialog
from sealdesk.ui.dialogs.rotation_wizard import RotationWizard
from sealdesk.ui.dialogs.signing_policy_dialog import SigningPolicyDialog
from sealdesk.ui.failures import inline_failure, present_failure, show_authority_refusal
from sealdesk.ui.models.keys_model import (
    EXPIRY_COLORS,
    KeysTableModel,
    ProposalsTableModel,
    RowsModel,
    SlotsTableModel,
    action_title,
    status_text,
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
    certificate_reason,
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
    title = QT_TRANSLATE_NOOP("Pages", "Keys & certificates")
    menu_title = QT_TRANSLATE_NOOP("Pages", "&Keys")

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
        self.slots_table, _ = make_table(self.slots_model, self.tr("Tokens"))
        self.keys_table, _ = make_table(self.keys_model,
                                             self.tr("Keys and certificates"))
        self.proposals_table, self.proposals_proxy = make_table(
            self.proposals_model, self.tr("Proposals"), stretch=ProposalsTableModel.CHANGE)
        self.slots_label = section(self.tr("Tokens"))
        self.keys_label = section(self.tr("Keys and certificates"))
        self.details = mono_text(self.tr("Proposal details"),
                                 self.tr("Select a proposal to see its content, hash, "
                                         "decisions and execution steps."))
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.policy_label = QLabel()
        self.policy_label.setWordWrap(True)
        self.signing_label = QLabel()
        self.signing_label.setObjectName("signingPolicy")
        self.signing_label.setAccessibleName(self.tr("Signing policy in force"))
        self.signing_label.setWordWrap(True)
        self.signing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal: ErrorDialog | None = None
        self.status_label = QLabel()
        self.flow = ExecuteFlow(services, lambda: self.pin_provider, self)
        self.flow.step.connect(self.status_label.setText)
        self.flow.finished.connect(self._executed)
        self._select_after = ""
        self.last_form: ProposalForm | None = None
        self.custodians_dialog: QMessageBox | None = None
        self.certificate_dialog: CertificateDialog | None = None
        self.pin_dialog: ChangePinDialog | None = None
        self.quorum_box: QMessageBox | None = None
        self._buttons()
        self._layout()
        self.proposals_table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.keys_table.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_actions()

    def _buttons(self) -> None:
        def button(text: str, tip: str, slot: object) -> QPushButton:
            made = QPushButton(text)
            made.setToolTip(tip)
            made.clicked.connect(slot)
            return made

        self.refresh_button = button(
            self.tr("Refresh"), self.tr("Read the token and the proposals again"),
            self.refresh)
        self.rotate_button = button(
            self.tr("Rotate a key…"), self.tr("Propose a new seal or audit key"),
            self.open_wizard)
        self.approve_button = button(
            self.tr("Approve / reject…"),
            self.tr("Sign your decision with your own custodian token"), self.open_approval)
        self.execute_button = button(
            self.tr("Execute…"),
            self.tr("Run (or resume) an approved proposal on the seal token"),
            lambda: self.execute_selected())
        self.import_button = button(
            self.tr("Import certificate…"),
            self.tr("Import the certificate your CA issued for the CSR"),
            self.import_certificate)
        self.verify_button = button(
            self.tr("Verify quorum"), self.tr("Re-verify the approvals from the audit log alone"),
            self.verify_selected)
        self.add_custodian_button = button(
            self.tr("Add custodian…"), self.tr("Register a custodian (bootstrap) or propose "
                                               "adding one; their token proves possession"),
            self.open_add_custodian)
        self.remove_custodian_button = button(
            self.tr("Remove custodian…"), self.tr("Propose removing a custodian"),
            self.open_remove_custodian)
        self.quorum_button = button(
            self.tr("Quorum policy…"), self.tr("Set the first quorum policy, or propose a new "
                                               "one"), self.open_quorum_policy)
        self.signing_button = button(
            self.tr("Signing policy…"), self.tr("Propose trust anchors, TSA, PAdES level and "
                                                "key algorithms for every seal"),
            self.open_signing_policy)
        self.retire_button = button(
            self.tr("Retire key…"), self.tr("Propose retiring a pending key"),
            self.open_retire_key)
        self.custodians_button = button(
            self.tr("Custodians…"), self.tr("Every custodian, also removed ones: certificate, "
                                            "key label, validity"), self.show_custodians)
        self.certificate_button = button(
            self.tr("Certificate…"), self.tr("Details of the selected key's certificate, its "
                                             "chain, and export as PEM or DER"),
            self.open_certificate)
        self.change_pin_button = button(
            self.tr("Change PIN…"), self.tr("Change the user PIN of the seal token or of a "
                                            "custodian token"), self.open_change_pin)
        self.tips = {widget: widget.toolTip() for widget in self._action_buttons()}
        self._menu_actions()

    def _action_buttons(self) -> list[QPushButton]:
        return [self.rotate_button, self.approve_button, self.execute_button,
                self.import_button, self.verify_button, self.custodians_button,
                self.add_custodian_button,
                self.remove_custodian_button, self.quorum_button, self.signing_button,
                self.retire_button, self.certificate_button, self.change_pin_button]

    def _menu_actions(self) -> None:
        """The Keys menu: every button, with a shortcut (used while the page has the focus;
        chosen from the menu, the page comes forward first)."""
        entries = (
            (self.refresh_button, self.tr("&Refresh"), "F5"),
            (self.rotate_button, self.tr("R&otate a key…"), "Ctrl+Shift+K"),
            (self.retire_button, self.tr("Re&tire a pending key…"), "Ctrl+Shift+R"),
            None,
            (self.approve_button, self.tr("&Approve or reject…"), "Ctrl+Shift+A"),
            (self.execute_button, self.tr("&Execute…"), "Ctrl+Shift+E"),
            (self.import_button, self.tr("&Import certificate…"), "Ctrl+Shift+I"),
            (self.verify_button, self.tr("&Verify quorum"), "Ctrl+Shift+Q"),
            None,
            (self.add_custodian_button, self.tr("Add &custodian…"), "Ctrl+Shift+N"),
            (self.remove_custodian_button, self.tr("Re&move custodian…"), "Ctrl+Shift+D"),
            (self.quorum_button, self.tr("&Quorum policy…"), "Ctrl+Shift+P"),
            (self.signing_button, self.tr("&Signing policy…"), "Ctrl+Shift+L"),
            (self.custodians_button, self.tr("List c&ustodians…"), "Ctrl+Shift+U"),
            None,
            (self.certificate_button, self.tr("Certificate &details…"), "Ctrl+Shift+C"),
            (self.change_pin_button, self.tr("C&hange token PIN…"), "Ctrl+Shift+H"),
        )
        self.actions_by_button: dict[QPushButton, QAction] = {}
        self._menu: list[QAction | None] = []
        for entry in entries:
            if entry is None:
                self._menu.append(None)
                continue
            widget, text, keys = entry
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, b=widget: self._from_menu(b))
            self.addAction(action)
            self.actions_by_button[widget] = action
            self._menu.append(action)

    def _from_menu(self, button: QPushButton) -> None:
        self.services.show_page("keys")
        if button.isEnabled():
            button.click()

    def menu_actions(self) -> list[QAction | None]:
        return list(self._menu)

    def write_actions(self) -> list[QWidget | QAction]:
        buttons = [self.add_custodian_button, self.remove_custodian_button,
                   self.quorum_button, self.signing_button, self.retire_button,
                   self.rotate_button, self.approve_button, self.execute_button,
                   self.import_button, self.change_pin_button]
        return [*buttons, *(self.actions_by_button[b] for b in buttons)]

    def _layout(self) -> None:
        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        top_bar = QHBoxLayout()
        top_bar.addWidget(heading)
        top_bar.addStretch(1)
        top_bar.addWidget(self.refresh_button)
        top_bar.addWidget(self.certificate_button)
        top_bar.addWidget(self.change_pin_button)
        top_bar.addWidget(self.rotate_button)
        bar = QHBoxLayout()
        bar.addWidget(section(self.tr("Rotation proposals")))
        bar.addStretch(1)
        for button in (self.approve_button, self.execute_button, self.import_button,
                       self.verify_button):
            bar.addWidget(button)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.proposals_table)
        lower.addWidget(self.details)
        lower.setSizes([900, 420])
        top = column(self.slots_label, self.slots_table, self.keys_label, self.keys_table)
        people = QHBoxLayout()
        people.addWidget(section(self.tr("Custodians and policies")))
        people.addStretch(1)
        for button in (self.custodians_button, self.add_custodian_button,
                       self.remove_custodian_button, self.quorum_button, self.signing_button,
                       self.retire_button):
            people.addWidget(button)
        bottom = column(people, self.policy_label, self.signing_label, bar, lower)
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
        self.services.jobs.run(partial(read_inventory, ctx),
                               name=self.tr("Reading the token's keys"),
                               key=TOKEN, on_success=self._inventory_read,
                               on_failure=self._load_failed)
        self.services.jobs.run(partial(read_rotation_state, ctx), name=self.tr("Reading proposals"),
                               on_success=self._state_read, on_failure=self._load_failed)

    def _inventory_read(self, inventory: Inventory) -> None:
        self.loading -= 1
        self.inventory = inventory
        self.slots_model.set_rows(inventory.tokens)
        self.keys_model.set_rows(inventory.keys)
        fit_rows(self.slots_table, self.slots_model.rowCount(), 5)
        ours = next((t for t in inventory.tokens if t.configured), None)
        self.keys_label.setText(
            self.tr("Keys and certificates on {label!r}").format(label=ours.label) if ours
            else self.tr("Keys and certificates"))
        module = Path(self.services.ctx.config.token.module).name
        self.slots_label.setText(self.tr("Tokens ({module})").format(module=module) if module
                                 else self.tr("Tokens"))
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
            self.signing_label.setText(self.tr("Signing policy and approvals not shown: the "
                                               "authority check refused (see the dialog)."))
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
        for button, why in self.reasons_disabled().items():
            button.setEnabled(not why)
            button.setToolTip(why or self.tips.get(button, ""))
            action = self.actions_by_button.get(button)
            if action is not None:
                action.setEnabled(not why)

    def reasons_disabled(self) -> dict[QPushButton, str]:
        """For each action button, why it is off now ("" when it may be used): the tooltip
        says so, so nobody wonders what a grey button is waiting for."""
        view = self.selected_proposal()
        status = view.status if view is not None else None
        pick = self.tr("Select a proposal first.")
        damaged = (self.tr("This proposal has an integrity problem; see its details.")
                   if view is not None and view.problem else "")
        running = self.tr("An execution is running.") if self.flow.running else ""
        no_policy = ("" if self.state.policy is not None else
                     self.tr("Set the custodians' quorum policy first (Quorum policy…)."))
        pending = [k for k in self.inventory.keys if k.registry_status == "pending"]

        def about(default: str) -> str:
            return pick if view is None else damaged or default

        return {
            self.approve_button: about(
                "" if status is not None and status.open_for_decisions else
                self.tr("Decisions are closed: this proposal is {status}.").format(
                    status=status_text(status) if status is not None else "")),
            self.execute_button: about(running or (
                "" if status in (ProposalStatus.APPROVED, ProposalStatus.EXECUTING) else
                self.tr("Only an approved proposal can be executed; this one is {status}.")
                .format(status=status_text(status) if status is not None else ""))),
            self.import_button: about(running or (
                "" if status == ProposalStatus.EXECUTING and view is not None
                and view.content.action.rotates_key else
                self.tr("Only a key rotation that is waiting for its certificate takes one."))),
            self.verify_button: pick if view is None else "",
            self.rotate_button: no_policy,
            self.add_custodian_button: "",
            self.remove_custodian_button: no_policy or (
                "" if self.state.custodians else self.tr("No custodian is registered.")),
            self.quorum_button: "" if self.state.custodians else self.tr(
                "Register the first custodians first (Add custodian…)."),
            self.signing_button: no_policy,
            self.custodians_button: "",
            self.retire_button: no_policy or ("" if pending else self.tr(
                "No pending key: only a key a rotation generated but never activated can be "
                "retired.")),
            self.certificate_button: certificate_reason(self, self.selected_key()),
            self.change_pin_button: "" if self.services.ctx.config.has_token else self.tr(
                "No token is configured."),
        }

    def selected_key(self) -> KeyRow | None:
        rows = self.keys_table.selectionModel().selectedRows()
        proxy = self.keys_table.model()
        return proxy.data(rows[0], RowsModel.RowRole) if rows else None

    def open_certificate(self) -> None:
        key = self.selected_key()
        if key is not None and key.certificate_sha256:
            self.services.jobs.run(
                partial(certificate_details, self.services.ctx, key.label),
                name=self.tr("Reading the certificate"), key=TOKEN,
                on_success=self._certificate_read,
                on_failure=lambda failure: present_failure(self, failure))

    def _certificate_read(self, details: CertificateDetails) -> None:
        self.certificate_dialog = CertificateDialog(details, self)
        self.certificate_dialog.open()

    def open_change_pin(self) -> ChangePinDialog:
        dialog = ChangePinDialog(self.services.ctx, self.services.jobs, self)
        dialog.finished.connect(lambda _r: self._pin_changed(dialog))
        dialog.open()
        self.pin_dialog = dialog
        return dialog

    def _pin_changed(self, dialog: ChangePinDialog) -> None:
        done = dialog.result_changed
        if done is not None:
            self.services.notify(self.tr("The PIN of token {label!r} was changed.").format(
                label=done.label))

    # --- custodians and policies ----------------------------------------------------------

    def _open_form(self, form: ProposalForm) -> ProposalForm:
        form.pin_provider = lambda: self.pin_provider  # each act asks the console token's PIN
        form.finished.connect(lambda _r: self._form_closed(form))
        form.open()
        return form

    def _form_closed(self, form: ProposalForm) -> None:
        if form.result_view is not None:
            self.services.notify(self.tr("Proposal {id} recorded: {action}.").format(
                id=form.result_view.proposal_id,
                action=action_title(form.result_view.content.action)))
            self._select_after = form.result_view.proposal_id
            self.refresh()
        elif form.result_message:
            self.services.notify(form.result_message)
            self.status_label.setText(form.result_message)
            self.refresh()
        if self.last_form is not None:
            self.last_form.deleteLater()
        self.last_form = form
        """Kept until the next form closes: what it did stays readable (tests, screen
        readers going back to it); one at a time, so nothing piles up."""

    def open_add_custodian(self) -> ProposalForm:
        return self._open_form(AddCustodianDialog(self.services.ctx, self.services.jobs,
                                                  self.state.policy is None, self))

    def open_remove_custodian(self) -> ProposalForm:
        return self._open_form(RemoveCustodianDialog(self.services.ctx, self.services.jobs,
                                                     self.state.custodians, self))

    def open_quorum_policy(self) -> ProposalForm:
        return self._open_form(QuorumPolicyDialog(self.services.ctx, self.services.jobs,
                                                  self.state.policy,
                                                  len(self.state.custodians), self))

    def open_signing_policy(self) -> ProposalForm:
        standing = self.state.standing
        current = standing.signing_policy if standing is not None else None
        return self._open_form(SigningPolicyDialog(self.services.ctx, self.services.jobs,
                                                   current, self))

    def show_custodians(self) -> None:
        """What ``sealdesk custodian list --all`` prints, in a window (read only)."""
        self.services.jobs.run(partial(list_custodians, self.services.ctx,
                                       include_removed=True),
                               name=self.tr("Listing custodians"),
                               on_success=self._custodians_listed,
                               on_failure=lambda failure: present_failure(self, failure))

    def _custodians_listed(self, people: list[CustodianInfo]) -> None:
        lines = [self.tr("{name}: key label {label!r}, certificate valid until {until} UTC, "
                         "{subject}, SHA-256 {sha}{removed}").format(
                     name=c.name, label=c.key_label, until=f"{c.not_after:%Y-%m-%d %H:%M}",
                     subject=c.subject, sha=c.cert_sha256,
                     removed="" if c.active else self.tr(" (removed)")) for c in people]
        text = "\n\n".join(lines) or self.tr("No custodian is registered yet.")
        self.custodians_dialog = QMessageBox(QMessageBox.Icon.Information,
                                             self.tr("Custodians"), text, parent=self)
        self.custodians_dialog.setObjectName("custodiansList")
        self.custodians_dialog.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.custodians_dialog.open()

    def open_retire_key(self) -> ProposalForm:
        pending = [k.label for k in self.inventory.keys if k.registry_status == "pending"]
        return self._open_form(RetireKeyDialog(self.services.ctx, self.services.jobs, pending,
                                               self))

    def open_wizard(self) -> RotationWizard:
        wizard = RotationWizard(self.services.ctx, self.services.jobs, self.inventory.keys,
                                self.state.policy, len(self.state.custodians), self,
                                pin_provider=lambda: self.pin_provider)
        wizard.finished.connect(lambda _r: self._wizard_closed(wizard))
        wizard.open()
        return wizard

    def _wizard_closed(self, wizard: RotationWizard) -> None:
        if wizard.result_view is not None:
            self.services.notify(self.tr("Proposal {id} recorded.").format(
                id=wizard.result_view.proposal_id))
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
            text = (self.tr("{custodian} approved proposal {id}: {approvals} of {required} "
                            "approvals, {status}.") if last.decision == "approve" else
                    self.tr("{custodian} rejected proposal {id}: {approvals} of {required} "
                            "approvals, {status}."))
            self.services.notify(text.format(
                custodian=last.custodian, id=view.proposal_id, approvals=view.approvals,
                required=view.required, status=status_text(view.status)))
            self.refresh()
        dialog.deleteLater()

    def execute_selected(self, certificate: bytes | None = None) -> bool:
        view = self.selected_proposal()
        return view is not None and self.flow.start(view, certificate)

    def import_certificate(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate issued for the CSR"), "",
            self.tr("Certificates") + " (*.pem *.crt *.cer *.der)")
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
                QMessageBox.information(self, self.tr("Certificate needed"), result.message)  # type: ignore[attr-defined]
        self.refresh()

    def verify_selected(self) -> None:
        view = self.selected_proposal()
        if view is None:
            return
        self.services.jobs.run(
            partial(rotation.verify_quorum_offline, self.services.ctx, view.proposal_id),
            name=self.tr("Verifying the quorum"), on_success=self._verified)

    def _verified(self, report: rotation.QuorumReport) -> None:
        self.last_verification = report
        self.status_label.setText(report.verdict())
        self.quorum_box = show_quorum_report(self, report)
