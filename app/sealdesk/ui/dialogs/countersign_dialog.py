"""The dialog a custodian uses to counter-sign a document with their own token.

Used where the reconciliation report is shown (Snapshots page) and where the incident statement
is written (Incidents page): one dialog for the one mechanism
(:mod:`sealdesk.services.countersign`). It names the document and its SHA-256, lists the tokens
of the module (a job), takes the custodian's PIN, and runs the page's signing function in a job
on the TOKEN key. The PIN goes into the job's closure only and the field is cleared at once.
Which custodian signs is read from the token by the service, never chosen here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.token import TokenSelector, list_tokens
from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.context import AppContext
from sealdesk.services.countersign import Countersigned
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner

SignFunction = Callable[[CustodianToken, str | None], Countersigned]


class CountersignDialog(QDialog):
    """Counter-sign one document; :attr:`result` holds the counter-signature once made."""

    def __init__(self, ctx: AppContext, jobs: JobRunner, document: str, digest: str,
                 sign: SignFunction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.jobs, self._sign = ctx, jobs, sign
        self.result_value: Countersigned | None = None
        self._tokens: list[TokenInfo] = []
        self.busy = False
        self.setObjectName("countersignDialog")
        self.setWindowTitle(self.tr("Counter-sign as a custodian"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Your custodian token signs the SHA-256 of this document. The counter-signature is "
            "written beside it and recorded in the audit log; anyone can check it later with "
            "the document."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        facts = QFormLayout()
        name = QLabel(document)
        name.setWordWrap(True)
        facts.addRow(self.tr("Document:"), name)
        self.digest_edit = QLineEdit(digest)
        self.digest_edit.setReadOnly(True)
        self.digest_edit.setAccessibleName(self.tr("Document SHA-256"))
        facts.addRow(self.tr("SHA-256:"), self.digest_edit)
        layout.addLayout(facts)
        layout.addLayout(self._token_form())
        self.error_label = QLabel()
        self.error_label.setObjectName("countersignError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(emphasis_style(DANGER))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = QPushButton(self.tr("Counter-sign"))
        self.sign_button.setDefault(True)
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button.clicked.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pin_edit.textChanged.connect(self._update_sign)
        self.refresh_tokens()

    def _token_form(self) -> QFormLayout:
        form = QFormLayout()
        self.module_edit = QLineEdit(self.ctx.config.token.module)
        self.module_edit.setAccessibleName(self.tr("PKCS#11 module"))
        self.module_edit.editingFinished.connect(self.refresh_tokens)
        form.addRow(self.tr("PKCS#11 module:"), self.module_edit)
        row = QHBoxLayout()
        self.token_combo = QComboBox()
        self.token_combo.setAccessibleName(self.tr("Custodian token"))
        self.token_combo.setMinimumWidth(340)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh_tokens)
        row.addWidget(self.token_combo, 1)
        row.addWidget(refresh)
        form.addRow(self.tr("Your token:"), row)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAccessibleName(self.tr("Custodian PIN"))
        self.pin_edit.setPlaceholderText(self.tr("Your custodian token's user PIN"))
        form.addRow(self.tr("PIN:"), self.pin_edit)
        return form

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
        seal = self.ctx.config.token
        self._tokens = [info for info, _ in found
                        if not (info.serial == seal.serial
                                or (not seal.serial and info.label == seal.label))]
        self.token_combo.clear()
        for info in self._tokens:
            self.token_combo.addItem(self.tr("{label} (serial {serial})").format(
                label=info.label, serial=info.serial))
        if not self._tokens:
            self.token_combo.addItem(self.tr("No custodian token found: connect yours and "
                                             "refresh"))
        self._update_sign()

    def select_token(self, label: str) -> None:
        for number, info in enumerate(self._tokens):
            if info.label == label:
                self.token_combo.setCurrentIndex(number)

    def _update_sign(self) -> None:
        self.sign_button.setEnabled(bool(self._tokens) and bool(self.pin_edit.text())
                                    and not self.busy)

    def sign(self) -> None:
        """Sign in a worker with the chosen token; the PIN leaves the field now."""
        if not self._tokens or self.busy:
            return
        info = self._tokens[max(0, self.token_combo.currentIndex())]
        module = self.module_edit.text().strip()
        where = CustodianToken(module, TokenSelector(label=info.label, serial=info.serial),
                               self._environment(module))
        pin = self.pin_edit.text()
        self.pin_edit.clear()
        self.busy = True
        self.error_label.hide()
        self._update_sign()
        self.jobs.run(partial(self._sign, where, pin), name="Counter-signing", key=TOKEN,
                      on_success=self._signed, on_failure=self._failed)

    def _signed(self, made: Countersigned) -> None:
        self.busy = False
        self.result_value = made
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.busy = False
        self.error_label.setText(inline_failure(self, failure))
        self.error_label.show()
        self._update_sign()

    def reject(self) -> None:
        """Not while signing: the job's answer must find the dialog still there."""
        if not self.busy:
            super().reject()

    def done(self, result: int) -> None:
        self.pin_edit.clear()
        super().done(result)


def countersign_with_dialog(parent: QWidget, ctx: AppContext, jobs: JobRunner, document: str,
                            digest: str, sign: SignFunction,
                            then: Callable[[Countersigned], None]) -> CountersignDialog:
    """Open the dialog (non-blocking); ``then`` receives the counter-signature once made."""
    dialog = CountersignDialog(ctx, jobs, document, digest, sign, parent)
    dialog.accepted.connect(lambda: dialog.result_value and then(dialog.result_value))
    dialog.open()
    return dialog
