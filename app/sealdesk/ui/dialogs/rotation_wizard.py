"""The rotation wizard: choose the key, set the new key's parameters, review, propose.

Proposing records the proposal (and adopts the current key into the key registry the first
time); nothing happens to the token until the custodians approved and someone executes. The last
page shows the proposal hash and the exact statement custodians will sign, so the proposer can
read it out to them or compare it with what their approval dialog shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.core.token.keygen import KeyAlgorithm
from sealdesk.services.context import AppContext
from sealdesk.services.keys.inventory import KeyRow, expiry_text
from sealdesk.services.keys.proposals import propose_key_rotation
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.pin_dialog import PinProvider, ask_pin
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.signed_acts import signed_act, signing_reason
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner

LIFETIMES = ((QT_TRANSLATE_NOOP("rotation_wizard", "24 hours"), 24),
             (QT_TRANSLATE_NOOP("rotation_wizard", "3 days"), 72),
             (QT_TRANSLATE_NOOP("rotation_wizard", "7 days"), 168),
             (QT_TRANSLATE_NOOP("rotation_wizard", "14 days"), 336),
             (QT_TRANSLATE_NOOP("rotation_wizard", "30 days"), 720))
ALGORITHMS = (
    (KeyAlgorithm.EC_P256, QT_TRANSLATE_NOOP("rotation_wizard", "EC P-256 (recommended)")),
    (KeyAlgorithm.EC_P384, "EC P-384"),
    (KeyAlgorithm.RSA_3072, "RSA 3072"),
    (KeyAlgorithm.RSA_2048, "RSA 2048"),
)


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class RotationWizard(QWizard):
    def __init__(self, ctx: AppContext, jobs: JobRunner, keys: list[KeyRow],
                 policy: QuorumPolicy | None, custodians: int,
                 parent: QWidget | None = None, *,
                 pin_provider: Callable[[], PinProvider] = lambda: ask_pin) -> None:
        super().__init__(parent)
        self.ctx, self.jobs = ctx, jobs
        self.pin_provider = pin_provider
        """Asks the console token's PIN: the proposal is recorded as a signed act."""
        self.keys = {k.role: k for k in keys if k.role and k.registry_status != "retired"}
        self.policy, self.custodians = policy, custodians
        self.result_view: ProposalView | None = None
        self.busy = False
        self.setObjectName("rotationWizard")
        self.setWindowTitle(self.tr("Rotate a key"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 520)
        self.choose = self._choose_page()
        self.params = self._params_page()
        self.review = ReviewPage(self)
        self.done_page = self._done_page()
        for page in (self.choose, self.params, self.review, self.done_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._entered)

    @property
    def purpose(self) -> str:
        return "audit" if self.audit_radio.isChecked() else "seal"

    def _choose_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Which key?"))
        page.setSubTitle(
            self.tr(
                "A rotation generates a new key pair on the seal token, has it "
                "certified and makes it active. The old key is retired, not deleted: "
                "documents sealed with it keep validating."
            )
        )
        layout = QVBoxLayout(page)
        self.seal_radio = QRadioButton(self.tr("Rotate the seal key (used for every new seal)"))
        self.audit_radio = QRadioButton(
            self.tr("Rotate the audit key (signs the audit log's checkpoints)")
        )
        self.seal_radio.setChecked(True)
        self.current_label = _label("")
        for widget in (self.seal_radio, self.audit_radio, self.current_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.seal_radio.toggled.connect(self._describe_current)
        self._describe_current()
        return page

    def _describe_current(self) -> None:
        key = self.keys.get(self.purpose)
        if key is None:
            self.current_label.setText(self.tr("The current key could not be read from the token."))
            return
        now = dt.datetime.now(dt.UTC)
        expiry = expiry_text(key.not_after, now) if key.not_after else self.tr("no certificate")
        self.current_label.setText(
            self.tr("Current key: {label} ({algorithm}), certificate {subject}, {expiry}.").format(
                label=key.label, algorithm=key.algorithm, subject=key.subject or "—", expiry=expiry
            )
        )

    def _params_page(self) -> QWizardPage:
        page = ParamsPage()
        page.setTitle(self.tr("The new key"))
        page.setSubTitle(self.tr("Approvers sign exactly these parameters."))
        form = QFormLayout(page)
        self.algorithm_combo = QComboBox()
        for algorithm, text in ALGORITHMS:
            self.algorithm_combo.addItem(translate("rotation_wizard", text), algorithm)
        self.label_edit = QLineEdit()
        self.cn_edit = QLineEdit()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("Why is the key rotated now? Approvers read this.")
        )
        self.reason_edit.setMaximumHeight(90)
        self.lifetime_combo = QComboBox()
        for text, hours in LIFETIMES:
            self.lifetime_combo.addItem(translate("rotation_wizard", text), hours)
        self.lifetime_combo.setCurrentIndex(1)
        form.addRow(self.tr("Algorithm:"), self.algorithm_combo)
        form.addRow(self.tr("New key label:"), self.label_edit)
        form.addRow(self.tr("Certificate name (CN):"), self.cn_edit)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        form.addRow(self.tr("Approvals accepted for:"), self.lifetime_combo)
        page.registerField("label*", self.label_edit)
        self.reason_edit.textChanged.connect(page.completeChanged)
        page.wizard_ref = self
        return page

    def _done_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Proposed"))
        page.setFinalPage(True)
        layout = QVBoxLayout(page)
        self.done_label = _label("")
        self.statement_text = QPlainTextEdit()
        self.statement_text.setReadOnly(True)
        self.statement_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.statement_text.setMaximumHeight(80)
        layout.addWidget(self.done_label)
        layout.addWidget(QLabel(self.tr("Each approving custodian's token signs exactly:")))
        layout.addWidget(self.statement_text)
        layout.addStretch(1)
        return page

    def _entered(self, page_id: int) -> None:
        if self.page(page_id) is self.params and not self.label_edit.text():
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
            self.label_edit.setText(f"{self.purpose}-{stamp}")
            key = self.keys.get(self.purpose)
            cn = key.subject.split("CN=", 1)[1].split(",")[0] if key and "CN=" in key.subject \
                else f"SealDesk {self.purpose} key"
            self.cn_edit.setText(cn)
        if self.page(page_id) is self.review:
            self.review.describe()

    def summary(self) -> str:
        required = self.policy.required(f"rotate_{self.purpose}_key") if self.policy else 0  # type: ignore[arg-type]
        certificate = (self.tr("issued automatically by the demo CA") if self.ctx.config.demo else
                       self.tr("issued by your CA from the exported CSR, then imported"))
        return self.tr(
            "Rotate the {purpose} key: generate {algorithm} "
            "key '{label}' on the token (non-extractable), certificate "
            "'{common_name}' {certificate}; activate it; retire "
            "'{old_label}'.\n\n"
            "Reason: {reason}\n\n"
            "Needs {required} of {custodians} custodian approvals within "
            "{lifetime}."
        ).format(
            purpose=self.purpose,
            algorithm=self.algorithm_combo.currentText(),
            label=self.label_edit.text(),
            common_name=self.cn_edit.text(),
            certificate=certificate,
            old_label=self.keys[self.purpose].label if self.purpose in self.keys else "?",
            reason=self.reason_edit.toPlainText().strip(),
            required=required,
            custodians=self.custodians,
            lifetime=self.lifetime_combo.currentText(),
        )

    def propose(self) -> None:
        self.busy = True
        self.review.error_label.hide()
        work = partial(propose_key_rotation, self.ctx, self.purpose,
                       reason=self.reason_edit.toPlainText().strip(),
                       algorithm=self.algorithm_combo.currentData(),
                       label=self.label_edit.text(), subject_cn=self.cn_edit.text().strip(),
                       expires_in=dt.timedelta(hours=self.lifetime_combo.currentData()))
        reason = signing_reason(self.tr("Recording this proposal"))
        self.jobs.run(
            signed_act(self.jobs, self.ctx, self.pin_provider, self, reason, work),
            name="Recording the proposal", key=TOKEN,
            on_success=self._proposed, on_failure=self._failed)

    def _proposed(self, view: ProposalView) -> None:
        self.busy = False
        self.result_view = view
        self.done_label.setText(
            self.tr(
                "Proposal {proposal_id} is recorded.\n\nProposal hash (SHA-256):\n{sha256}"
                "\n\nCustodians now approve it with their own tokens: select it on the Keys & "
                "certificates page and choose “Approve / reject…”, or run 'sealdesk rotation "
                "approve {proposal_id}'. It expires {expires:%Y-%m-%d %H:%M} UTC."
            ).format(proposal_id=view.proposal_id, sha256=view.sha256, expires=view.content.expires)
        )
        self.statement_text.setPlainText(view.statement().decode("utf-8"))
        self.next()

    def _failed(self, failure: JobFailure) -> None:
        self.busy = False
        self.review.error_label.setText(inline_failure(self, failure))
        self.review.error_label.show()

    def reject(self) -> None:
        if not self.busy:
            super().reject()


class ParamsPage(QWizardPage):
    wizard_ref: RotationWizard

    def isComplete(self) -> bool:
        return super().isComplete() and bool(self.wizard_ref.reason_edit.toPlainText().strip())


class ReviewPage(QWizardPage):
    def __init__(self, wizard: RotationWizard) -> None:
        super().__init__()
        self.wizard_ref = wizard
        self.setTitle(self.tr("Review and propose"))
        self.setSubTitle(
            self.tr(
                "Nothing changes on the token until the custodians approved and the "
                "proposal is executed."
            )
        )
        layout = QVBoxLayout(self)
        self.text = _label("")
        self.error_label = _label("")
        self.error_label.setStyleSheet(emphasis_style(DANGER))
        self.error_label.hide()
        layout.addWidget(self.text)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Propose"))

    def describe(self) -> None:
        self.text.setText(self.wizard_ref.summary())

    def validatePage(self) -> bool:
        """Propose in a worker; the wizard moves on when the proposal is recorded."""
        wizard = self.wizard_ref
        if wizard.result_view is not None:
            return True
        if not wizard.busy:
            wizard.propose()
        return False
