"""Proposing a signing policy from the Keys page, as ``sealdesk policy propose`` does.

The form starts from the policy in force (or, for a first policy, from what the configuration
uses now): the trust anchors (SHA-256 of each certificate), the timestamp authority, the PAdES
level and the seal key algorithms allowed. What is proposed replaces the whole policy; the
custodians approve it in the approval dialog and it is executed like every quorum change. The
proposer may sign the proposal with their own custodian token (and then cannot approve it).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.rotation.signing_policy import PADES_LEVELS, SigningPolicy
from sealdesk.core.token.keygen import KeyAlgorithm
from sealdesk.errors import SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.keys.proposals import propose_signing_policy
from sealdesk.services.keys.signing_policy import anchor_hash_of_file, anchor_hashes
from sealdesk.ui.dialogs.proposal_form import ProposalForm
from sealdesk.ui.translations import translate
from sealdesk.ui.widgets.custodian_token_box import CustodianTokenBox
from sealdesk.ui.workers import JobRunner

_SHA256 = re.compile(r"[0-9a-f]{64}")




class SigningPolicyDialog(ProposalForm):
    def __init__(self, ctx: AppContext, jobs: JobRunner, current: SigningPolicy | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, jobs, translate("SigningPolicyDialog", "Propose a signing policy"),
            (translate("SigningPolicyDialog",
                       "Change the signing policy in force (version {version}): every seal must "
                       "use these trust anchors, this timestamp authority, this PAdES level and "
                       "one of these key algorithms. The custodians approve the proposal, then it "
                       "is executed.").format(version=current.version) if current else
             translate("SigningPolicyDialog",
                       "No signing policy is adopted yet: sealing follows the configuration as it "
                       "is. The values below are what the configuration uses now; the custodians "
                       "approve the proposal, then it is executed.")),
            translate("SigningPolicyDialog", "Propose"), parent)
        self.setObjectName("signingPolicyDialog")
        self.tsa_edit = QLineEdit(current.tsa_url if current else ctx.config.tsa.url)
        self.tsa_edit.setPlaceholderText(self.tr("empty: the demo timestamp authority"))
        self.add_row(self.tr("&Timestamp authority:"), self.tsa_edit,
                     self.tr("The RFC 3161 service every seal must be timestamped by"))
        self.level_combo = QComboBox()
        self.level_combo.addItems(list(PADES_LEVELS))
        self.level_combo.setCurrentText(current.pades_level if current
                                        else ctx.config.seal.level.value)
        self.add_row(self.tr("PAdES &level:"), self.level_combo,
                     self.tr("The baseline level every seal must have"))
        self.algorithm_checks: dict[str, QCheckBox] = {}
        allowed = set(current.algorithms) if current else {KeyAlgorithm.EC_P256.value}
        algorithms = QWidget()
        row = QGridLayout(algorithms)
        row.setContentsMargins(0, 0, 0, 0)
        for number, algorithm in enumerate(KeyAlgorithm):
            check = QCheckBox(algorithm.value)
            check.setChecked(algorithm.value in allowed)
            check.toggled.connect(self.update_state)
            row.addWidget(check, 0, number)
            self.algorithm_checks[algorithm.value] = check
        label = self.add_row(self.tr("Seal key &algorithms:"), algorithms,
                             self.tr("The seal key must use one of these; a rotation to "
                                     "another algorithm is refused"))
        label.setBuddy(self.algorithm_checks[KeyAlgorithm.EC_P256.value])
        self.anchor_list = QListWidget()
        self.anchor_list.setAccessibleName(self.tr("Trust anchors (SHA-256)"))
        self.anchor_list.setMaximumHeight(90)
        try:
            anchors = current.trust_anchors if current else anchor_hashes(ctx.config)
        except SealDeskError:
            anchors = ()  # an unreadable configured anchor: the person adds them here
        self.anchor_list.addItems(list(anchors))
        anchor_box = QWidget()
        anchor_column = QVBoxLayout(anchor_box)
        anchor_column.setContentsMargins(0, 0, 0, 0)
        anchor_column.addWidget(self.anchor_list)
        buttons = QHBoxLayout()
        self.add_file_button = QPushButton(self.tr("Add certificate &file…"))
        self.add_file_button.clicked.connect(self.add_anchor_file)
        self.add_hash_button = QPushButton(self.tr("Add S&HA-256…"))
        self.add_hash_button.clicked.connect(self.ask_anchor_hash)
        self.remove_anchor_button = QPushButton(self.tr("Remo&ve"))
        self.remove_anchor_button.clicked.connect(self.remove_anchor)
        for button in (self.add_file_button, self.add_hash_button, self.remove_anchor_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        anchor_column.addLayout(buttons)
        anchor_label = self.add_row(self.tr("Trust a&nchors:"), anchor_box)
        anchor_label.setBuddy(self.anchor_list)
        self.expiry_spin = QSpinBox()
        self.expiry_spin.setRange(1, 30 * 24)
        self.expiry_spin.setValue(72)
        self.expiry_spin.setSuffix(self.tr(" hours"))
        self.add_row(self.tr("Approvals &open for:"), self.expiry_spin,
                     self.tr("How long the custodians may approve (at most 30 days)"))
        self.add_reason(required=True)
        self.sign_check = QCheckBox(self.tr("&Sign the proposal with my custodian token (I then "
                                            "cannot approve it myself)"))
        self.sign_check.toggled.connect(self._sign_toggled)
        self.body.addWidget(self.sign_check)
        self.token_box: CustodianTokenBox | None = None
        self.update_state()

    # --- anchors --------------------------------------------------------------------------

    def anchors(self) -> tuple[str, ...]:
        return tuple(self.anchor_list.item(i).text() for i in range(self.anchor_list.count()))

    def add_anchor(self, sha: str) -> bool:
        sha = sha.strip().lower()
        if not _SHA256.fullmatch(sha):
            self._problem(self.tr("{value} is not a SHA-256 (64 hexadecimal characters).")
                          .format(value=sha or self.tr("An empty value")))
            return False
        if sha not in self.anchors():
            self.anchor_list.addItem(sha)
        self.update_state()
        return True

    def add_anchor_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Trust anchor certificate"), "",
                                              self.tr("Certificates (*.pem *.crt *.cer *.der)"))
        if name:
            try:
                self.add_anchor(anchor_hash_of_file(name))  # one small file the person chose
            except SealDeskError as exc:
                self._problem(exc.describe())

    def ask_anchor_hash(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Trust anchor"),
                                        self.tr("SHA-256 of the anchor certificate:"))
        if ok:
            self.add_anchor(text)

    def remove_anchor(self) -> None:
        for item in self.anchor_list.selectedItems():
            self.anchor_list.takeItem(self.anchor_list.row(item))
        self.update_state()

    def _problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # --- proposing ------------------------------------------------------------------------

    def _sign_toggled(self, on: bool) -> None:
        if on and self.token_box is None:
            self.token_box = CustodianTokenBox(self.ctx, self.jobs, self.tr("Your custodian "
                                                                             "token"))
            self.token_box.changed.connect(self.update_state)
            self.body.addWidget(self.token_box)
        if self.token_box is not None:
            self.token_box.setVisible(on)
        self.update_state()

    def policy(self) -> SigningPolicy:
        algorithms = tuple(a for a, check in self.algorithm_checks.items() if check.isChecked())
        return SigningPolicy(self.anchors(), self.tsa_edit.text().strip(),
                             self.level_combo.currentText(), algorithms)

    def missing(self) -> str:
        if not any(check.isChecked() for check in self.algorithm_checks.values()):
            return self.tr("Allow at least one seal key algorithm.")
        if self.sign_check.isChecked() and self.token_box is not None and self.token_box.missing:
            return self.token_box.missing
        return super().missing()

    def start(self) -> None:
        try:
            policy = self.policy()
        except SealDeskError as exc:  # e.g. a TSA address that is not http(s)
            self._problem(exc.describe())
            return
        kwargs: dict[str, object] = {"expires_in": dt.timedelta(hours=self.expiry_spin.value())}
        signed = self.sign_check.isChecked() and self.token_box is not None
        if signed:
            where, pin = self.token_box.take()  # type: ignore[union-attr]
            kwargs.update(proposer_token=where, pin=pin)
        self.submit(partial(propose_signing_policy, self.ctx, policy,
                            reason=self.reason_edit.text().strip(), **kwargs),
                    "Proposing a signing policy", self.tr("Recording this proposal"))
