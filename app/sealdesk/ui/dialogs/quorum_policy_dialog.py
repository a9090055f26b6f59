"""Setting the quorum policy from the Keys page, as ``sealdesk custodian policy`` does.

How many custodian approvals each kind of action needs, out of the N registered custodians:
one number for every action, and a per-action number where it should differ. While the
bootstrap is open (no policy yet) the first policy is set at once and closes the bootstrap;
afterwards the form makes a ``change_policy`` proposal the current quorum must approve.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSpinBox, QWidget

from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians as custodian_service
from sealdesk.services.keys.proposals import propose_policy_change
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.proposal_form import ProposalForm
from sealdesk.ui.models.keys_model import action_title
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import JobRunner


def set_quorum_policy(ctx: AppContext, policy: QuorumPolicy, reason: str) -> ProposalView | str:
    """The first policy (bootstrap) at once, or a change_policy proposal; worker thread."""
    if custodian_service.bootstrap_open(ctx):
        done = custodian_service.set_initial_policy(ctx, policy)
        return translate("QuorumPolicyDialog",
                         "Quorum policy set (bootstrap closed): {rules}").format(
            rules=done.describe())
    return propose_policy_change(ctx, policy, reason=reason or "Change the quorum policy")


class QuorumPolicyDialog(ProposalForm):
    def __init__(self, ctx: AppContext, jobs: JobRunner, current: QuorumPolicy | None,
                 custodians: int, parent: QWidget | None = None) -> None:
        bootstrap = current is None
        super().__init__(
            ctx, jobs, translate("QuorumPolicyDialog", "Quorum policy"),
            (translate("QuorumPolicyDialog",
                       "Set the first quorum policy: how many custodians must approve each kind of "
                       "action. It applies at once and closes the bootstrap; from then on changes "
                       "need the custodians' approval.") if bootstrap else
             translate("QuorumPolicyDialog",
                       "Propose a new quorum policy: the custodians approve the change under the "
                       "policy in force (version {version}).").format(version=current.version)),
            translate("QuorumPolicyDialog", "Set policy") if bootstrap else
            translate("QuorumPolicyDialog", "Propose policy"), parent)
        self.setObjectName("quorumPolicyDialog")
        self.custodians = custodians
        self.bootstrap = bootstrap
        top = max(1, custodians)
        base = max(current.thresholds.values()) if current else min(2, top)
        self.default_spin = QSpinBox()
        self.default_spin.setRange(1, top)
        self.default_spin.setValue(min(base, top))
        self.default_spin.setSuffix(translate("QuorumPolicyDialog", " of {n}").format(n=custodians))
        self.add_row(self.tr("&Every action needs:"), self.default_spin,
                     self.tr("Approvals needed, unless an action below says otherwise"))
        self.default_spin.valueChanged.connect(self._default_changed)
        box = QGroupBox(self.tr("Per action"))
        grid = QGridLayout(box)
        self.spins: dict[ActionType, QSpinBox] = {}
        for number, action in enumerate(ActionType):
            spin = QSpinBox()
            spin.setRange(1, top)
            spin.setValue(min(current.required(action) if current else base, top))
            spin.setAccessibleName(action_title(action))
            spin.valueChanged.connect(self.update_state)
            label = QLabel(action_title(action))
            label.setBuddy(spin)
            grid.addWidget(label, number // 2, (number % 2) * 2)
            grid.addWidget(spin, number // 2, (number % 2) * 2 + 1)
            self.spins[action] = spin
        self.body.addWidget(box)
        if not bootstrap:
            self.add_reason(required=False)
        self.update_state()

    def _default_changed(self, value: int) -> None:
        for spin in self.spins.values():
            spin.setValue(value)

    def policy(self) -> QuorumPolicy:
        return QuorumPolicy({action: spin.value() for action, spin in self.spins.items()})

    def missing(self) -> str:
        if self.custodians == 0:
            return self.tr("Register the first custodians before setting the policy.")
        return super().missing()

    def start(self) -> None:
        self.submit(partial(set_quorum_policy, self.ctx, self.policy(),
                            self.reason_edit.text().strip()), "Setting the quorum policy",
                    self.tr("Setting this quorum policy") if self.bootstrap else
                    self.tr("Recording this proposal"))
