"""Timestamp authority settings: URL, account name, and a password that goes to the OS keyring.

The password field is write-only: it is never filled from the keyring. Beside it the section
says whether a password is stored (read in a job: a keyring may sit behind D-Bus and be slow or
locked), so a person knows whether typing one would add or replace it.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from sealdesk.config import Config
from sealdesk.services.console.settings import PASSWORD_KEY, PasswordChange
from sealdesk.services.tsa_credentials import PasswordState, PasswordStore, password_state
from sealdesk.ui.failures import present_failure
from sealdesk.ui.settings.section import SettingsSection, set_nested
from sealdesk.ui.workers import JobFailure, JobRunner


class TsaSection(SettingsSection):
    def __init__(self, jobs: JobRunner, passwords: PasswordStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("TsaSection", "Timestamp authority (RFC 3161)"),
                         parent)
        self.jobs = jobs
        self.passwords = passwords
        self._remove_password = False
        self._demo_available = False
        self._state_request = 0

        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://timestamp.example.com/tsr")
        self.url_edit.setAccessibleName(self.tr("TSA URL"))
        self.url_edit.textEdited.connect(self._url_edited)
        self.add_field(self.tr("URL:"), self.url_edit, "tsa.url")
        self.demo_note = self.add_note("tsa.url", self.tr("Demo timestamp authority"))

        self.username_edit = QLineEdit()
        self.username_edit.setPlaceholderText(self.tr("optional"))
        self.username_edit.setAccessibleName(self.tr("TSA username"))
        self.username_edit.textEdited.connect(self.edited)
        self.username_edit.editingFinished.connect(self.refresh_password_state)
        self.add_field(self.tr("Username:"), self.username_edit, "tsa.username")

        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("TSA password"))
        self.password_edit.textEdited.connect(self._password_edited)
        self.forget_button = QPushButton(self.tr("Forget stored password"))
        self.forget_button.setAccessibleName(self.tr("Forget the stored TSA password"))
        self.forget_button.clicked.connect(self.forget_password)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.password_edit, 1)
        line.addWidget(self.forget_button)
        self.add_field(self.tr("Password:"), row, PASSWORD_KEY, marks=self.password_edit)
        self.password_status = self.add_note(PASSWORD_KEY, self.tr("TSA password state"))

        self.timeout_spin = QDoubleSpinBox()
        self.timeout_spin.setRange(0.5, 600)
        self.timeout_spin.setDecimals(1)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setAccessibleName(self.tr("TSA timeout"))
        self.timeout_spin.valueChanged.connect(lambda _v: self.edited.emit())
        self.add_field(self.tr("Timeout:"), self.timeout_spin, "tsa.timeout_seconds")

    def load(self, config: Config) -> None:
        tsa = config.tsa
        self._demo_available = bool(tsa.demo_cert and tsa.demo_key)
        self.url_edit.setText(tsa.url)
        self.username_edit.setText(tsa.username)
        self.timeout_spin.setValue(float(tsa.timeout_seconds))
        self.password_edit.clear()
        self._remove_password = False
        self._update_demo_note()
        self.refresh_password_state()

    def collect(self, raw: dict[str, Any]) -> None:
        set_nested(raw, "tsa.url", self.url_edit.text().strip())
        set_nested(raw, "tsa.username", self.username_edit.text().strip())
        value = self.timeout_spin.value()
        set_nested(raw, "tsa.timeout_seconds", int(value) if value.is_integer() else value)

    def password_change(self) -> PasswordChange | None:
        """What to do with the keyring on save: nothing, store the typed password, or forget."""
        if self.password_edit.text():
            return PasswordChange(self.password_edit.text())
        return PasswordChange("") if self._remove_password else None

    def forget_password(self) -> None:
        self.password_edit.clear()
        self._remove_password = True
        self._password_note(self.tr("The stored password will be removed when you save."))
        self.edited.emit()

    def refresh_password_state(self) -> None:
        """Ask the keyring in a job; only the answer to the latest question is shown."""
        username = self.username_edit.text().strip()
        self._state_request += 1
        self._password_note(self.tr("Checking the OS keyring…") if username else "")
        self.jobs.run(partial(password_state, username, self.passwords),
                      name="Reading the keyring state",
                      on_success=partial(self._show_state, self._state_request),
                      on_failure=self._state_failed)

    def _show_state(self, request: int, state: str) -> None:
        if self._remove_password or request != self._state_request:
            return
        texts = {
            PasswordState.STORED: self.tr("A password is stored in the OS keyring; type a new "
                                          "one to replace it."),
            PasswordState.NOT_STORED: self.tr("No password stored. Type one if the TSA asks for "
                                              "it; it is kept in the OS keyring, never in the "
                                              "configuration."),
            PasswordState.NO_USERNAME: self.tr("Enter a username first if the TSA needs an "
                                               "account."),
            PasswordState.UNAVAILABLE: self.tr("No OS keyring is available on this system, so no "
                                               "TSA password can be stored."),
        }
        self._password_note(texts.get(state, state))
        self.forget_button.setEnabled(state == PasswordState.STORED)

    def _state_failed(self, failure: JobFailure) -> None:
        present_failure(self, failure)

    def _url_edited(self, _text: str) -> None:
        self._update_demo_note()
        self.edited.emit()

    def _password_edited(self, _text: str) -> None:
        self._remove_password = False
        self.edited.emit()

    def _password_note(self, text: str) -> None:
        self.set_note(self.password_status, text)

    def _update_demo_note(self) -> None:
        demo = self._demo_available and not self.url_edit.text().strip()
        note = self.tr("Empty: demo mode's offline timestamp authority is used.")
        self.set_note(self.demo_note, note if demo else "")
