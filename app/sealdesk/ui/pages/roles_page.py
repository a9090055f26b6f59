"""The Roles page: who holds which role, the log entry that proves it, grant and revoke.

For administrators. The table is :func:`sealdesk.services.access.admin.list_roles` (rows checked
against the audit log's ``role.changed`` events before they are shown), each with the log entry
that granted it; "Show proof…" builds and checks an inclusion proof of that entry against the
latest signed checkpoint (the Audit log page's proof dialog). Grant and Revoke call
:func:`~sealdesk.services.access.admin.change_role`, the service ``sealdesk role grant|revoke``
calls: operator and auditor changes apply at once; custodian and administrator changes become a
proposal for the custodians' quorum once a quorum policy is set (approved on the Keys page).
A refusal (not an administrator, the last administrator, an integrity problem) is presented
by :func:`~sealdesk.ui.failures.present_failure` in the service's own words.

A role change is a signed act (:mod:`sealdesk.ui.signed_acts`): it commits with a checkpoint
the audit key signs, so the job asks the console token's PIN (:attr:`RolesPage.pin_provider`),
once, after the change's own checks passed; a refused change asks for none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sealdesk.errors import RecordIntegrityError
from sealdesk.fsutil import atomic_write_bytes
from sealdesk.services.access.admin import AssignmentView, RoleChange, change_role, list_roles
from sealdesk.services.access.names import Role
from sealdesk.services.access.roles import roles_of
from sealdesk.services.audit.checkpoints import latest_checkpoint_file
from sealdesk.services.audit.proofs import ProofOutcome, checked_inclusion_proof
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext
from sealdesk.services.keys.custodians import current_policy
from sealdesk.services.keys.rotation import list_proposals
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.dialogs.proof_dialog import ProofDialog
from sealdesk.ui.failures import failure_text, present_failure
from sealdesk.ui.models.keys_model import RowsModel
from sealdesk.ui.models.roles_model import RolesTableModel, person_text, role_name, source_text
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.keys.support import ask_signing_pin, make_table, mono_text, section
from sealdesk.ui.signed_acts import signed_act, signing_reason
from sealdesk.ui.status_colors import DANGER, OK, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure


@dataclass(frozen=True)
class RolesState:
    assignments: list[AssignmentView]
    mine: frozenset[Role]
    identity: str
    quorum: bool
    """A custodians' quorum policy is in force: custodian/administrator changes are proposals."""
    checkpoint_size: int | None
    """Entries the latest signed checkpoint covers (None: no checkpoint yet)."""
    waiting: tuple[ProposalView, ...] = ()
    """Role proposals not yet executed (custodian and administrator changes under quorum)."""


def read_roles(ctx: AppContext) -> RolesState:
    """Everything the page shows (worker thread; database only, no token)."""
    views = list_roles(ctx)
    try:
        size: int | None = latest_checkpoint_file(ctx).signed.checkpoint.tree_size
    except RecordIntegrityError:  # none yet (or damaged): Show proof says which, when asked
        size = None
    waiting = tuple(v for v in list_proposals(ctx, open_only=True)
                    if v.content.action.changes_role)
    return RolesState(views, roles_of(ctx), ctx.actor.identity, current_policy(ctx) is not None,
                      size, waiting)


class RolesPage(Page):
    title = "Roles"
    menu_title = "&Roles"

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.title = self.tr("Roles")
        self.pin_provider: PinProvider = ask_signing_pin
        """Asks the console token's PIN for each grant or revoke (a signed act)."""
        self.state = RolesState([], frozenset(), services.ctx.actor.identity, False, None)
        self.loading = 0
        self.changing = False
        self.last_change: RoleChange | None = None
        self.proof_dialog: ProofDialog | None = None
        self.model = RolesTableModel(self)
        self.table, self.proxy = make_table(self.model, self.tr("Role assignments"),
                                            stretch=RolesTableModel.HOW)
        self.details = mono_text(self.tr("Proof of the selected assignment"),
                                 self.tr("Select an assignment to see the log entry that "
                                         "granted it."))
        self._actions()
        self._form()
        self._layout()
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self._update_actions()

    # --- building -------------------------------------------------------------------------

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: self._from_menu(slot))
        self.addAction(action)
        return action

    def _actions(self) -> None:
        self.grant_action = self._action(self.tr("&Grant role"), "Ctrl+G", self.grant)
        self.revoke_action = self._action(self.tr("Re&voke role"), "Ctrl+Shift+G", self.revoke)
        self.proof_action = self._action(self.tr("Show &proof of the assignment…"), "Ctrl+P",
                                         self.show_proof)
        self.refresh_action = self._action(self.tr("&Refresh"), "F5", self.refresh)

    def _from_menu(self, slot: object) -> None:
        self.services.show_page("roles")
        slot()  # type: ignore[operator]

    def menu_actions(self) -> list[QAction | None]:
        return [self.grant_action, self.revoke_action, None, self.proof_action,
                self.refresh_action]

    def write_actions(self) -> list[QWidget | QAction]:
        return [self.grant_button, self.revoke_button, self.grant_action, self.revoke_action]

    def _form(self) -> None:
        self.role_combo = QComboBox()
        for role in Role:
            self.role_combo.addItem(role_name(role.value), role.value)
        self.role_combo.setAccessibleName(self.tr("Role"))
        self.account_edit = QLineEdit()
        self.account_edit.setAccessibleName(self.tr("Operating-system account"))
        self.account_edit.setPlaceholderText(self.tr("the person's login name, e.g. jdoe"))
        self.operator_edit = QLineEdit()
        self.operator_edit.setAccessibleName(self.tr("Operator name"))
        self.operator_edit.setPlaceholderText(self.tr("empty: any name under that account"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("recorded in the audit log; approvers "
                                                    "read it"))
        self.grant_button = QPushButton(self.tr("&Grant"))
        self.grant_button.setAccessibleName(self.tr("Grant the role"))
        self.grant_button.clicked.connect(self.grant)
        self.revoke_button = QPushButton(self.tr("Re&voke"))
        self.revoke_button.setAccessibleName(self.tr("Revoke the role"))
        self.revoke_button.clicked.connect(self.revoke)
        self.show_proof_button = QPushButton(self.tr("Show &proof…"))
        self.show_proof_button.setAccessibleName(self.tr("Show the proof of the assignment"))
        self.show_proof_button.clicked.connect(self.show_proof)
        for edit in (self.account_edit, self.operator_edit):
            edit.textChanged.connect(self._update_actions)

    def _layout(self) -> None:
        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        intro = QLabel(self.tr(
            "Who may seal (operator), approve key actions (custodian), read and verify "
            "(auditor) and administer. A role belongs to an operating-system account, bound "
            "to its user id, under any operator name or one. Every grant and revoke is "
            "recorded in the audit log; once the custodians' quorum policy is set, custodian "
            "and administrator changes need their approval."))
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)
        self.you_label = QLabel()
        self.you_label.setObjectName("yourRoles")
        self.you_label.setWordWrap(True)
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("waitingRoleChanges")
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setAccessibleName(self.tr("Role changes waiting for the custodians"))
        self.waiting_label.hide()

        form_box = QGroupBox(self.tr("Grant or revoke a role"))
        form = QFormLayout(form_box)
        for text, widget in ((self.tr("&Role:"), self.role_combo),
                             (self.tr("&Account:"), self.account_edit),
                             (self.tr("Operator &name:"), self.operator_edit),
                             (self.tr("Rea&son:"), self.reason_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.grant_button)
        row.addWidget(self.revoke_button)
        form.addRow(row)
        self.quorum_note = QLabel()
        self.quorum_note.setObjectName("fieldHelp")
        self.quorum_note.setWordWrap(True)
        form.addRow(self.quorum_note)

        proof_box = QWidget()
        proof_column = QVBoxLayout(proof_box)
        proof_column.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(section(self.tr("Proof in the audit log")))
        bar.addStretch(1)
        bar.addWidget(self.show_proof_button)
        proof_column.addLayout(bar)
        proof_column.addWidget(self.details, 1)

        lower = QWidget()
        lower_row = QHBoxLayout(lower)
        lower_row.setContentsMargins(0, 0, 0, 0)
        lower_row.addWidget(proof_box, 1)
        lower_row.addWidget(form_box, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("rolesSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([240, 300])
        self.splitter.setChildrenCollapsible(False)

        self.status_label = QLabel()
        self.status_label.setObjectName("rolesStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.you_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.status_label)

    # --- loading --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.loading > 0 or self.changing

    def shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.loading += 1
        self.services.jobs.run(partial(read_roles, self.services.ctx), name="Reading roles",
                               on_success=self._read, on_failure=self._read_failed)

    def _read(self, state: RolesState) -> None:
        self.loading -= 1
        self.state = state
        self.model.set_rows(state.assignments)
        held = ", ".join(role_name(r.value) for r in sorted(state.mine)) or self.tr("no role")
        self.you_label.setText(self.tr("You are {identity}; you hold: {roles}.").format(
            identity=state.identity, roles=held))
        self.quorum_note.setText(
            self.tr("Operator and auditor changes apply at once. Custodian and administrator "
                    "changes become a proposal: the custodians approve it on the Keys & "
                    "certificates page, then it is executed there.") if state.quorum else
            self.tr("No quorum policy is set yet, so every change applies at once."))
        lines = [self.waiting_text(view) for view in state.waiting]
        self.waiting_label.setText("\n".join(lines))
        self.waiting_label.setVisible(bool(lines))
        self._selected()

    def waiting_text(self, view: ProposalView) -> str:
        params = view.content.params
        who = params.get("os_user", "")
        if params.get("operator", "*") != "*":
            who = f"{who} (as operator {params['operator']!r})"
        text = (self.tr("Waiting for the custodians: proposal {id} grants the {role} role to "
                        "{who} ({approvals} of {required} approvals).")
                if view.content.action.value == "grant_role" else
                self.tr("Waiting for the custodians: proposal {id} revokes the {role} role from "
                        "{who} ({approvals} of {required} approvals)."))
        return text.format(id=view.proposal_id, role=role_name(str(params.get("role", ""))),
                           who=who, approvals=view.approvals, required=view.required)

    def _read_failed(self, failure: JobFailure) -> None:
        self.loading -= 1
        present_failure(self, failure)  # an integrity refusal names the row that is wrong
        self._say(failure_text(failure), DANGER)
        self._update_actions()

    # --- selection ------------------------------------------------------------------------

    def selected(self) -> AssignmentView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], RowsModel.RowRole) if rows else None

    def select(self, os_user: str, role: Role) -> bool:
        for row in range(self.proxy.rowCount()):
            view = self.proxy.data(self.proxy.index(row, 0), RowsModel.RowRole)
            if view.os_user == os_user and view.role == role:
                self.table.selectRow(row)
                return True
        return False

    def _selected(self) -> None:
        view = self.selected()
        self.details.setPlainText(self.proof_text(view) if view else "")
        if view is not None:  # the form follows the selection, ready to revoke
            self.role_combo.setCurrentIndex(self.role_combo.findData(view.role.value))
            self.account_edit.setText(view.os_user)
            self.operator_edit.setText("" if view.any_name else view.operator)
        self._update_actions()

    def proof_text(self, view: AssignmentView) -> str:
        lines = [self.tr("{role} — held by {person}").format(
                     role=role_name(view.role.value), person=person_text(view)),
                 self.tr("Bound to user id: {uid}").format(
                     uid=self.tr("not bound (the account had no user id here)")
                     if view.os_uid is None else view.os_uid),
                 self.tr("How: {how}").format(how=source_text(view.source)),
                 self.tr("Granted by: {who}").format(who=view.granted_by)]
        if view.entry is None:
            lines.append(self.tr("No log entry yet: the installation's owner holds every role "
                                 "until the first role change is recorded."))
            return "\n".join(lines)
        lines += ["", self.tr("Audit log entry: {entry}").format(entry=view.entry),
                  self.tr("Entry hash: {hash}").format(hash=view.entry_hash)]
        size = self.state.checkpoint_size
        if size is not None and view.entry < size:
            lines.append(self.tr("Covered by the latest signed checkpoint ({size} entries): "
                                 "Show proof checks the signature and the audit path.")
                         .format(size=size))
        else:
            lines.append(self.tr("Not yet covered by a signed checkpoint: one is taken at "
                                 "the end of the next sealing or key operation."))
        lines.append(self.tr("Command line: sealdesk audit proof --event {entry}").format(
            entry=view.entry))
        return "\n".join(lines)

    # --- actions --------------------------------------------------------------------------

    def _why_not_change(self) -> str:
        """Why Grant and Revoke are off now ("" when they may be used)."""
        if self.services.read_only:
            return self.tr("Auditor mode — read only: nothing can be changed here.")
        if self.changing:
            return self.tr("A role change is being recorded; wait for its result.")
        if self.loading and not self.state.assignments:
            return self.tr("Reading the role assignments…")
        if Role.ADMINISTRATOR not in self.state.mine:
            admins = sorted({v.os_user for v in self.state.assignments
                             if v.role == Role.ADMINISTRATOR})
            return self.tr("Only an administrator can grant or revoke roles; you ({identity}) "
                           "are not one. Administrators: {admins}.").format(
                identity=self.state.identity, admins=", ".join(admins) or self.tr("nobody"))
        if not self.account_edit.text().strip():
            return self.tr("Type the person's operating-system account first.")
        return ""

    def _update_actions(self) -> None:
        why = self._why_not_change()
        for widget, tip in ((self.grant_button, self.tr("Grant the chosen role to the account "
                                                         "(Ctrl+G); recorded in the audit log")),
                            (self.revoke_button, self.tr("Revoke the chosen role from the "
                                                         "account (Ctrl+Shift+G); recorded in "
                                                         "the audit log"))):
            widget.setEnabled(not why)
            widget.setToolTip(why or tip)
        self.grant_action.setEnabled(not why)
        self.revoke_action.setEnabled(not why)
        view = self.selected()
        size = self.state.checkpoint_size
        proof_why = (self.tr("Select an assignment first.") if view is None else
                     self.tr("This assignment has no log entry yet (installation owner).")
                     if view.entry is None else
                     self.tr("No signed checkpoint covers entry {entry} yet: one is taken at "
                             "the end of the next sealing or key operation.").format(
                         entry=view.entry) if size is None or view.entry >= size else "")
        self.show_proof_button.setEnabled(not proof_why)
        self.proof_action.setEnabled(not proof_why)
        self.show_proof_button.setToolTip(proof_why or self.tr(
            "Build the inclusion proof of the granting entry and check it against the latest "
            "signed checkpoint (Ctrl+P)"))

    def grant(self) -> bool:
        return self._change(grant=True)

    def revoke(self) -> bool:
        return self._change(grant=False)

    def _change(self, *, grant: bool) -> bool:
        if self._why_not_change():
            return False
        role = Role(self.role_combo.currentData())
        account = self.account_edit.text().strip()
        operator = self.operator_edit.text().strip() or "*"
        reason = self.reason_edit.text().strip()
        self.changing = True
        self._update_actions()
        self._say(self.tr("Recording the change…"))
        ctx, jobs = self.services.ctx, self.services.jobs
        what = (self.tr("Granting the {role} role to {account}") if grant else
                self.tr("Revoking the {role} role from {account}")).format(
            role=role_name(role.value), account=account)
        work = signed_act(jobs, ctx, lambda: self.pin_provider, self, signing_reason(what),
                          partial(change_role, ctx, role, account, operator, grant=grant,
                                  reason=reason))
        jobs.run(work, name="Changing a role", key=TOKEN, on_success=self._changed,
                 on_failure=self._change_failed)
        return True

    def _changed(self, change: RoleChange) -> None:
        self.changing = False
        self.last_change = change
        self.reason_edit.clear()
        text = self.change_text(change)
        self._say(text, OK)
        self.services.notify(text)
        self.refresh()

    def change_text(self, change: RoleChange) -> str:
        who = change.os_user if change.operator == "*" else f"{change.os_user}/{change.operator}"
        role = role_name(change.role.value)
        if change.applied:
            return (self.tr("{role} role granted to {who}. Recorded in the audit log.")
                    if change.granted else
                    self.tr("{role} role revoked from {who}. Recorded in the audit log.")
                    ).format(role=role, who=who)
        return (self.tr("Proposal {id} made: the {role} role goes to {who} once the custodians "
                        "approve it and it is executed (Keys & certificates page).")
                if change.granted else
                self.tr("Proposal {id} made: the {role} role is taken from {who} once the "
                        "custodians approve it and it is executed (Keys & certificates page).")
                ).format(id=change.proposal_id, role=role, who=who)

    def _change_failed(self, failure: JobFailure) -> None:
        self.changing = False
        self._update_actions()
        self._say(self.tr("Not changed. {reason}").format(reason=failure_text(failure)), DANGER)
        present_failure(self, failure)

    def show_proof(self) -> None:
        view = self.selected()
        if view is None or view.entry is None or not self.show_proof_button.isEnabled():
            return
        ctx, entry = self.services.ctx, view.entry
        self.services.jobs.run(
            lambda: checked_inclusion_proof(ctx.database, entry, trust_for(ctx)),
            name="Building the proof", on_success=self._proof_built,
            on_failure=lambda failure: present_failure(self, failure))

    def _proof_built(self, outcome: ProofOutcome) -> None:
        self.proof_dialog = ProofDialog(outcome, self._save_proof, self)
        self.proof_dialog.open()

    def _save_proof(self, path: object, data: bytes) -> None:
        self.services.jobs.run(lambda: atomic_write_bytes(path, data),  # type: ignore[arg-type]
                               name="Saving the proof",
                               on_success=lambda _r: self.services.notify(
                                   self.tr("Saved {path}").format(path=path)),
                               on_failure=lambda failure: present_failure(self, failure))

    def _say(self, text: str, color: str = "") -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(emphasis_style(color) if color else "")
        self.status_label.show()
