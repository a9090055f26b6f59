"""The dialog a custodian uses to approve or reject a proposal with their own token.

It shows exactly what is signed: the proposal's canonical content, its SHA-256 hash, and the
statement bytes the custodian's token signs (which name that hash and the decision). The
custodian picks their token (module and token label), types the PIN here, and signs. The PIN
goes into the signing job's closure only and the field is cleared at once; the rules (registered
custodian, not the proposer, once per custodian, not expired) are the core's, and a refusal is
shown in the dialog so the custodian can read it and try another token.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.rotation.decision import Decision
from sealdesk.core.token import TokenSelector, list_tokens
from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.context import AppContext
from sealdesk.services.keys import rotation
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.keys.signing_identity import SigningIdentity, signing_identity
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.dialogs.pin_dialog import PinProvider, ask_pin
from sealdesk.ui.failures import inline_failure, show_authority_refusal
from sealdesk.ui.models.keys_model import action_title, change_text
from sealdesk.ui.signed_acts import signed_act, signing_reason
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner


def _mono(widget: QWidget) -> QWidget:
    widget.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return widget


class ApprovalDialog(QDialog):
    def __init__(self, view: ProposalView, ctx: AppContext, jobs: JobRunner,
                 parent: QWidget | None = None, *,
                 pin_provider: Callable[[], PinProvider] = lambda: ask_pin) -> None:
        super().__init__(parent)
        self.view, self.ctx, self.jobs = view, ctx, jobs
        self.pin_provider = pin_provider
        """Asks the console token's PIN: the decision is recorded as a signed act."""
        self.result_view: ProposalView | None = None
        self._tokens: list[TokenInfo] = []
        self.identity: SigningIdentity | None = None
        """Who the chosen token signs as (None until known)."""
        self._identity_asked = 0
        self.busy = False
        self.setObjectName("approvalDialog")
        self.setWindowTitle(
            self.tr("Approve or reject proposal {proposal_id}").format(proposal_id=view.proposal_id)
        )
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("<b>{title}</b> — proposal {proposal_id}").format(
                title=action_title(view.content.action), proposal_id=view.proposal_id
            )
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        layout.addLayout(self._summary())
        layout.addWidget(
            QLabel(self.tr("Proposal content (canonical JSON; its SHA-256 is the hash):"))
        )
        self.content_text = _mono(QPlainTextEdit(view.content_json))
        self.content_text.setReadOnly(True)
        self.content_text.setFixedHeight(150)
        self.content_text.setAccessibleName(self.tr("Proposal content"))
        layout.addWidget(self.content_text)
        layout.addSpacing(6)
        layout.addWidget(self._decision_box())
        layout.addWidget(self._token_box())
        self.error_label = QLabel()
        self.error_label.setObjectName("approvalError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(emphasis_style(DANGER))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = QPushButton(self.tr("Sign and approve"))
        self.sign_button.setDefault(True)
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button.clicked.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._decision_changed()
        self.pin_edit.textChanged.connect(self._update_sign)
        self.refresh_tokens()

    def _summary(self) -> QFormLayout:
        view, content = self.view, self.view.content
        form = QFormLayout()
        names = ", ".join(d.custodian for d in view.decisions if d.decision == "approve")
        change = change_text(view)
        if "algorithm" in content.params:
            change += self.tr(" (new {algorithm} key, certificate CN “{common_name}”)").format(
                algorithm=content.params["algorithm"], common_name=content.params["subject_cn"]
            )
        rows = (
            (self.tr("Change:"), change),
            (self.tr("Reason:"), content.reason),
            (self.tr("Proposed by:"), content.proposer),
            (
                self.tr("Expires:"),
                self.tr("{expires:%Y-%m-%d %H:%M} UTC").format(expires=content.expires),
            ),
            (
                self.tr("Approvals so far:"),
                self.tr("{approvals} of {required}").format(
                    approvals=view.approvals, required=view.required
                )
                + (f" ({names})" if names else ""),
            ),
        )
        for title, text in rows:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, label)
        self.hash_edit = _mono(QLineEdit(view.sha256))
        self.hash_edit.setReadOnly(True)
        self.hash_edit.setAccessibleName(self.tr("Proposal hash"))
        form.addRow(self.tr("Proposal hash (SHA-256):"), self.hash_edit)
        return form

    def _decision_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your decision"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.approve_radio = QRadioButton(self.tr("Approve"))
        self.reject_radio = QRadioButton(self.tr("Reject"))
        self.approve_radio.setChecked(True)
        group = QButtonGroup(self)
        for radio in (self.approve_radio, self.reject_radio):
            group.addButton(radio)
            row.addWidget(radio)
            radio.toggled.connect(self._decision_changed)
        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(
            self.tr("Comment recorded with your decision (optional)")
        )
        row.addWidget(self.comment_edit, 1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Your token signs exactly these bytes (UTF-8):")))
        self.statement_text = _mono(QPlainTextEdit())
        self.statement_text.setReadOnly(True)
        self.statement_text.setMaximumHeight(58)
        self.statement_text.setAccessibleName(self.tr("Signed statement"))
        layout.addWidget(self.statement_text)
        return box

    def _token_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your custodian token"))
        form = QFormLayout(box)
        self.module_edit = QLineEdit(self.ctx.config.token.module)
        self.module_edit.setAccessibleName(self.tr("PKCS#11 module"))
        self.module_edit.editingFinished.connect(self.refresh_tokens)
        form.addRow(self.tr("PKCS#11 module:"), self.module_edit)
        token_row = QHBoxLayout()
        self.token_combo = QComboBox()
        self.token_combo.setAccessibleName(self.tr("Custodian token"))
        self.token_combo.setMinimumWidth(360)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh_tokens)
        token_row.addWidget(self.token_combo, 1)
        token_row.addWidget(self.refresh_button)
        form.addRow(self.tr("Token:"), token_row)
        self.identity_label = QLabel()
        self.identity_label.setObjectName("signingAs")
        self.identity_label.setWordWrap(True)
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_label.setAccessibleName(self.tr("Who signs"))
        form.addRow(self.tr("Signing as:"), self.identity_label)
        self.token_combo.currentIndexChanged.connect(self._token_chosen)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAccessibleName(self.tr("Custodian PIN"))
        self.pin_edit.setPlaceholderText(self.tr("Your token's user PIN"))
        form.addRow(self.tr("PIN:"), self.pin_edit)
        return box

    # --- behaviour ------------------------------------------------------------------------

    @property
    def decision(self) -> Decision:
        return Decision.APPROVE if self.approve_radio.isChecked() else Decision.REJECT

    def _decision_changed(self) -> None:
        self.statement_text.setPlainText(self.view.statement(self.decision).decode("utf-8"))
        self.sign_button.setText(self.tr("Sign and approve") if self.decision == Decision.APPROVE
                                 else self.tr("Sign and reject"))

    def _environment(self, module: str) -> dict[str, str]:
        cfg = self.ctx.config.token
        return dict(cfg.environment) if module == cfg.module else {}

    def refresh_tokens(self) -> None:
        module = self.module_edit.text().strip()
        if not module:
            return
        self.token_combo.clear()
        self.token_combo.addItem(self.tr("Looking for tokens…"))
        self.jobs.run(partial(list_tokens, module, self._environment(module)),
                      name="Listing custodian tokens", key=TOKEN,
                      on_success=self._tokens_listed, on_failure=self._failed)

    def _tokens_listed(self, found: list) -> None:  # type: ignore[type-arg]
        seal_serial = self.ctx.config.token.serial
        self._tokens = [info for info, _ in found if info.serial != seal_serial]
        self.token_combo.clear()
        for info in self._tokens:
            self.token_combo.addItem(
                self.tr("{label} (serial {serial})").format(label=info.label, serial=info.serial)
            )
        if not self._tokens:
            self.token_combo.addItem(self.tr("No custodian token found: connect yours and refresh"))
        self._token_chosen()
        self._update_sign()

    def _token_chosen(self) -> None:
        """Say who the chosen token signs as: the custodian the audit log proves for its key."""
        self.identity = None
        self._identity_asked += 1
        if not self._tokens or self.token_combo.currentIndex() < 0:
            self.identity_label.setText("")
            return
        asked = self._identity_asked
        self.identity_label.setStyleSheet("")
        self.identity_label.setText(self.tr("Checking which custodian this token belongs to…"))
        self.jobs.run(partial(signing_identity, self.ctx, self._where()),
                      name="Identifying the custodian token", key=TOKEN,
                      on_success=lambda found: self._identified(asked, found),
                      on_failure=lambda failure: self._identity_failed(asked, failure))

    def _identified(self, asked: int, found: SigningIdentity) -> None:
        if asked != self._identity_asked:
            return  # another token was chosen meanwhile
        self.identity = found
        if found.registered:  # one line at 1280x720: the full fingerprint is in the tooltip
            self.identity_label.setStyleSheet("font-weight: 600;")
            self.identity_label.setText(self.tr(
                "You are signing as: {name} (certificate SHA-256 {sha}…)").format(
                    name=found.name, sha=found.cert_sha256[:16]))
            self.identity_label.setToolTip(self.tr("Certificate SHA-256: {sha}").format(
                sha=found.cert_sha256))
            self.identity_label.setAccessibleDescription(self.identity_label.toolTip())
            return
        self.identity_label.setStyleSheet(emphasis_style(DANGER))
        if found.removed:
            text = self.tr("Warning: the key of {name}, a removed custodian; signing would "
                           "be refused.").format(name=found.removed)
        else:
            text = self.tr("Warning: not a registered custodian's certificate; signing "
                           "would be refused.")
        shown = "\n".join(found.token_certificates) or self.tr("none")
        self.identity_label.setToolTip(self.tr("Certificates on this token (SHA-256):\n{shown}")
                                       .format(shown=shown))
        self.identity_label.setAccessibleDescription(self.identity_label.toolTip())
        self.identity_label.setText(text)

    def _identity_failed(self, asked: int, failure: JobFailure) -> None:
        if asked == self._identity_asked:
            self.identity_label.setStyleSheet(emphasis_style(DANGER))
            self.identity_label.setText(self.tr("Could not tell who this token signs as: "
                                                "{why}").format(why=inline_failure(self, failure)))

    def _where(self) -> CustodianToken:
        info = self._tokens[max(0, self.token_combo.currentIndex())]
        module = self.module_edit.text().strip()
        return CustodianToken(module, TokenSelector(label=info.label, serial=info.serial),
                              self._environment(module))

    def select_token(self, label: str) -> None:
        for number, info in enumerate(self._tokens):
            if info.label == label:
                self.token_combo.setCurrentIndex(number)

    def _update_sign(self) -> None:
        ready = bool(self._tokens) and bool(self.pin_edit.text()) and not self.busy
        self.sign_button.setEnabled(ready)

    def sign(self) -> None:
        """Sign with the chosen token in a worker; the PIN leaves the field now."""
        if not self._tokens or self.busy:
            return
        where = self._where()
        pin = self.pin_edit.text()
        self.pin_edit.clear()
        self.busy = True
        self.error_label.hide()
        self._update_sign()
        work = partial(rotation.decide, self.ctx, self.view.proposal_id, self.decision,
                       where, pin, comment=self.comment_edit.text().strip())
        reason = signing_reason(self.tr("Recording this decision"))
        self.jobs.run(signed_act(self.jobs, self.ctx, self.pin_provider, self, reason, work),
                      name="Signing the decision", key=TOKEN,
                      on_success=self._signed, on_failure=self._failed)

    def _signed(self, view: ProposalView) -> None:
        self.busy = False
        self.result_view = view
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.busy = False
        if show_authority_refusal(self, failure.error) is None:
            self.error_label.setText(inline_failure(self, failure))
        else:
            describe = getattr(failure.error, "describe", None)
            self.error_label.setText(describe() if describe else str(failure.error))
        self.error_label.show()
        self._update_sign()

    def reject(self) -> None:
        """Not while signing: the job's answer must find the dialog still there."""
        if not self.busy:
            super().reject()

    def done(self, result: int) -> None:
        self.pin_edit.clear()
        super().done(result)
