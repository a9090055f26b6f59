"""Adding and removing a custodian from the Keys page, as ``sealdesk custodian add|remove`` do.

Adding: the new custodian's certificate file, their name and key label, and their own token with
its PIN: the token signs the registration statement, proving it holds the certified key. While
the bootstrap is open (no quorum policy yet) the custodian is registered at once; afterwards the
same form makes an ``add_custodian`` proposal for the quorum. Removing is always a proposal.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from sealdesk.core.rotation.custodian import DEFAULT_KEY_LABEL
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians as custodian_service
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.keys.custodians import CustodianInfo
from sealdesk.services.keys.proposals import propose_add_custodian, propose_remove_custodian
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.proposal_form import ProposalForm
from sealdesk.ui.translations import translate
from sealdesk.ui.widgets.custodian_token_box import CustodianTokenBox
from sealdesk.ui.workers import JobRunner


def add_custodian(ctx: AppContext, name: str, certificate: Path, key_label: str,
                  where: CustodianToken, pin: str, reason: str) -> ProposalView | str:
    """Register (bootstrap) or propose (afterwards) a custodian; worker thread."""
    data = read_bounded(certificate, CERTIFICATE_LIMIT, "certificate")
    if custodian_service.bootstrap_open(ctx):
        custodian_service.check_new_custodian(ctx, name, data, key_label)  # before the PIN
        done = custodian_service.register_custodian(ctx, name, data, where, pin,
                                                    key_label=key_label)
        return translate("CustodianForms",
                         "Registered custodian {name!r} (bootstrap; certificate {sha}…). "
                         "Register the others, then set the quorum policy.").format(
                             name=done.name, sha=done.cert_sha256[:16])
    return propose_add_custodian(ctx, name, data, where, pin,
                                 reason=reason or f"Add custodian {name}", key_label=key_label)


class AddCustodianDialog(ProposalForm):
    def __init__(self, ctx: AppContext, jobs: JobRunner, bootstrap: bool,
                 parent: QWidget | None = None) -> None:
        intro = (translate("CustodianForms",
                           "While no quorum policy is set, the custodian is registered at "
                           "once. Their token proves that it holds the key their "
                           "certificate certifies.") if bootstrap else
                 translate("CustodianForms",
                           "The custodians' quorum decides: this makes a proposal to add "
                           "them. The new custodian's token proves now that it holds the key "
                           "their certificate certifies."))
        super().__init__(ctx, jobs, translate("CustodianForms", "Add a custodian"), intro,
                         translate("CustodianForms", "Register custodian") if bootstrap else
                         translate("CustodianForms", "Propose adding"), parent)
        self.setObjectName("addCustodianDialog")
        self.bootstrap = bootstrap
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Dana Weber"))
        self.certificate_edit = QLineEdit()
        self.certificate_edit.setPlaceholderText(self.tr("their certificate file (PEM or DER)"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.certificate_edit, 1)
        line.addWidget(self.browse_button)
        self.key_label_edit = QLineEdit(DEFAULT_KEY_LABEL)
        self.add_row(self.tr("&Name:"), self.name_edit)
        cert_label = self.add_row(self.tr("&Certificate:"), row)
        cert_label.setBuddy(self.certificate_edit)
        self.certificate_edit.setAccessibleName(self.tr("Certificate file"))
        self.add_row(self.tr("&Key label:"), self.key_label_edit,
                     self.tr("Label of the custodian's key on their token"))
        if not bootstrap:
            self.add_reason(required=False)
        self.token_box = CustodianTokenBox(ctx, jobs, self.tr("The new custodian's token"))
        self.body.addWidget(self.token_box)
        for edit in (self.name_edit, self.certificate_edit, self.key_label_edit):
            edit.textChanged.connect(self.update_state)
        self.token_box.changed.connect(self.update_state)
        self.update_state()

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("The custodian's certificate"), "",
                                              self.tr("Certificates (*.pem *.crt *.cer *.der)"))
        if name:
            self.certificate_edit.setText(name)

    def missing(self) -> str:
        if not self.name_edit.text().strip():
            return self.tr("Type the custodian's name.")
        if not self.certificate_edit.text().strip():
            return self.tr("Choose the custodian's certificate file.")
        if not self.key_label_edit.text().strip():
            return self.tr("Give the label of the key on their token.")
        return self.token_box.missing or super().missing()

    def start(self) -> None:
        where, pin = self.token_box.take()
        self.submit(partial(add_custodian, self.ctx, self.name_edit.text().strip(),
                            Path(self.certificate_edit.text().strip()),
                            self.key_label_edit.text().strip(), where, pin,
                            self.reason_edit.text().strip()),
                    "Adding a custodian",
                    self.tr("Registering this custodian") if self.bootstrap else
                    self.tr("Recording this proposal"))


class RemoveCustodianDialog(ProposalForm):
    def __init__(self, ctx: AppContext, jobs: JobRunner, custodians: list[CustodianInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, jobs, translate("CustodianForms", "Remove a custodian"),
            translate("CustodianForms",
                "Removing a custodian needs the quorum: this makes a proposal to remove them. "
                "SealDesk refuses it if the policy could no longer be met."),
            translate("CustodianForms", "Propose removal"), parent)
        self.setObjectName("removeCustodianDialog")
        self.custodian_combo = QComboBox()
        for info in custodians:
            self.custodian_combo.addItem(
                self.tr("{name} (certificate {sha}…)").format(name=info.name,
                                                             sha=info.cert_sha256[:16]),
                info.name)
        self.add_row(self.tr("&Custodian:"), self.custodian_combo)
        self.add_reason(required=True)
        self.update_state()

    def missing(self) -> str:
        if self.custodian_combo.count() == 0:
            return self.tr("No custodian is registered.")
        return super().missing()

    def start(self) -> None:
        self.submit(partial(propose_remove_custodian, self.ctx,
                            self.custodian_combo.currentData(),
                            reason=self.reason_edit.text().strip()),
                    "Proposing a custodian removal", self.tr("Recording this proposal"))
