"""Changing a token's user PIN: the seal token or a custodian's token, chosen in the dialog.

The person picks the token, types the current PIN and the new one twice. The rule line says
what the token accepts (its own minimum and maximum PIN length) and, while typing, what is
wrong with the new PIN; the button only enables when nothing is. The change runs in a worker;
the three fields are cleared the moment the PINs are handed to it, and again on close.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.token import TokenSelector, list_tokens
from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.context import AppContext
from sealdesk.services.keys import token_pin
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner


class ChangePinDialog(QDialog):
    def __init__(self, ctx: AppContext, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.jobs = ctx, jobs
        self.tokens: list[TokenInfo] = []
        self.rules: token_pin.PinRules | None = None
        self.result_changed: token_pin.PinChanged | None = None
        self.loading = True
        self.busy = False
        self.setObjectName("changePinDialog")
        self.setWindowTitle(self.tr("Change a token's PIN"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Changes the user PIN of the seal token or of your custodian token. You need the "
            "current PIN; the change is recorded in the audit log (never the PINs)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.token_combo = QComboBox()
        self.token_combo.setAccessibleName(self.tr("Token"))
        self.token_combo.currentIndexChanged.connect(self._token_changed)
        form.addRow(self.tr("&Token:"), self.token_combo)
        self.old_edit = self._pin_field(self.tr("Current PIN"))
        self.new_edit = self._pin_field(self.tr("New PIN"))
        self.again_edit = self._pin_field(self.tr("New PIN again"))
        form.addRow(self.tr("&Current PIN:"), self.old_edit)
        form.addRow(self.tr("&New PIN:"), self.new_edit)
        form.addRow(self.tr("New PIN &again:"), self.again_edit)
        layout.addLayout(form)
        self.rule_label = QLabel()
        self.rule_label.setObjectName("pinRule")
        self.rule_label.setWordWrap(True)
        layout.addWidget(self.rule_label)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(emphasis_style(DANGER))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = QPushButton(self.tr("Change PIN"))
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.change)
        buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()
        cfg = ctx.config.token
        self.jobs.run(partial(list_tokens, cfg.module, dict(cfg.environment),
                              timeout=cfg.timeout_seconds),
                      name="Listing tokens", key=TOKEN, on_success=self._listed,
                      on_failure=self._failed)

    def _pin_field(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        edit.textChanged.connect(self._update)
        edit.returnPressed.connect(self.change)
        return edit

    # --- tokens and rules -----------------------------------------------------------------

    def _is_seal(self, info: TokenInfo) -> bool:
        return bool(self.ctx.config.has_token) and TokenSelector.from_config(
            self.ctx.config.token).matches(info)

    def _listed(self, found: list) -> None:  # type: ignore[type-arg]
        self.tokens = sorted((info for info, _ in found), key=lambda i: not self._is_seal(i))
        self.token_combo.blockSignals(True)
        self.token_combo.clear()
        for info in self.tokens:
            whose = self.tr("seal token") if self._is_seal(info) else self.tr("custodian token")
            self.token_combo.addItem(self.tr("{label} (serial {serial}, {whose})").format(
                label=info.label, serial=info.serial, whose=whose))
        self.token_combo.blockSignals(False)
        if self.tokens:
            self._token_changed()
        else:
            self.loading = False
            self.rule_label.setText(self.tr("No token found: connect it and open this again."))
        self._update()

    def index_of(self, label: str) -> int:
        return next((n for n, info in enumerate(self.tokens) if info.label == label), -1)

    def _where(self) -> CustodianToken:
        info = self.tokens[max(0, self.token_combo.currentIndex())]
        cfg = self.ctx.config.token
        return CustodianToken(cfg.module, TokenSelector(label=info.label, serial=info.serial),
                              dict(cfg.environment))

    def _token_changed(self) -> None:
        if not self.tokens:
            return
        self.loading = True
        self.rules = None
        self._update()
        self.jobs.run(partial(token_pin.pin_rules, self.ctx, self._where()),
                      name="Reading the token's PIN rules", key=TOKEN,
                      on_success=self._rules_read, on_failure=self._failed)

    def _rules_read(self, rules: token_pin.PinRules) -> None:
        self.loading = False
        self.rules = rules
        self._update()

    # --- checking and changing ------------------------------------------------------------

    def problem(self) -> str:
        """Why the button is off: shown under the fields, never quoting a PIN."""
        if self.ctx.read_only:
            return self.tr("This database is open read-only: a PIN change could not be "
                           "recorded, so it is not offered here.")
        if self.rules is None:
            return self.tr("Reading the token…")
        if not self.old_edit.text():
            return self.tr("Type the current PIN.")
        if not self.new_edit.text():
            return ""
        return self.rules.problem(self.new_edit.text(), self.again_edit.text(),
                                  self.old_edit.text())

    def _update(self) -> None:
        why = self.problem()
        limits = (self.tr("The token takes a new PIN of {low} to {high} characters.").format(
            low=self.rules.minimum, high=self.rules.maximum) if self.rules else "")
        self.rule_label.setText(" ".join(part for part in (limits, self.tr(why)) if part))
        ready = (not why and bool(self.new_edit.text()) and not self.busy
                 and not self.loading)
        self.change_button.setEnabled(ready)

    def change(self) -> None:
        if not self.change_button.isEnabled():
            return
        where = self._where()
        role = "seal" if self._is_seal(self.tokens[self.token_combo.currentIndex()]) \
            else "custodian"
        old, new, again = self.old_edit.text(), self.new_edit.text(), self.again_edit.text()
        self._clear()
        self.busy = True
        self.error_label.hide()
        self._update()
        self.jobs.run(partial(token_pin.change_token_pin, self.ctx, where, old, new, again,
                              role=role),
                      name="Changing the token's PIN", key=TOKEN,
                      on_success=self._changed, on_failure=self._failed)

    def _changed(self, done: token_pin.PinChanged) -> None:
        self.busy = False
        self.result_changed = done
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.busy = False
        self.loading = False
        self.error_label.setText(inline_failure(self, failure))
        self.error_label.show()
        self._update()

    def _clear(self) -> None:
        for edit in (self.old_edit, self.new_edit, self.again_edit):
            edit.clear()

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def done(self, result: int) -> None:
        self._clear()
        super().done(result)
