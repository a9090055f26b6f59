"""Token settings: the PKCS#11 module, which token (chosen from what "Detect tokens" finds), and
the labels of the seal and audit keys.

The token's identity (label, serial, maker, model) is never typed: it is taken from a detected
token, so a typo cannot point SealDesk at the wrong token. Detection runs as a job on the token
key (it opens unauthenticated sessions) and never asks for a PIN.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from sealdesk.config import Config
from sealdesk.services.console.token_discovery import DetectedToken, detect_tokens
from sealdesk.ui.failures import present_failure
from sealdesk.ui.settings.section import SettingsSection, set_nested
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner

MODULE_FILTER = QT_TRANSLATE_NOOP("TokenSection",
                                  "PKCS#11 modules (*.so *.so.* *.dylib *.dll);;All files (*)")
IDENTITY_KEYS = ("label", "serial", "manufacturer", "model")


class TokenSection(SettingsSection):
    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("TokenSection", "Token (PKCS#11)"), parent)
        self.jobs = jobs
        self._environment: dict[str, str] = {}
        self._identity: dict[str, str] = dict.fromkeys(IDENTITY_KEYS, "")
        self.detected: list[DetectedToken] = []

        self.module_edit = QLineEdit()
        self.module_edit.setPlaceholderText("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")
        self.module_edit.setAccessibleName(self.tr("PKCS#11 module path"))
        self.module_edit.textEdited.connect(self.edited)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setAccessibleName(self.tr("Browse for the PKCS#11 module"))
        self.browse_button.clicked.connect(self.browse)
        self.detect_button = QPushButton(self.tr("Detect tokens"))
        self.detect_button.setAccessibleName(self.tr("Detect tokens"))
        self.detect_button.setToolTip(self.tr("List the tokens this module offers (no PIN needed)"))
        self.detect_button.clicked.connect(self.detect)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.module_edit, 1)
        line.addWidget(self.browse_button)
        line.addWidget(self.detect_button)
        self.add_field(self.tr("Module:"), row, "token.module",
                       self.tr("The token vendor's PKCS#11 library (see the README for common "
                               "paths)."),
                       marks=self.module_edit)

        self.token_combo = QComboBox()
        self.token_combo.setAccessibleName(self.tr("Token"))
        self.token_combo.activated.connect(self._token_chosen)
        self.add_field(self.tr("Token:"), self.token_combo, "token.serial")
        self.detect_status = self.add_note("token.serial", self.tr("Token detection"))

        self.seal_label = self._label_combo(self.tr("Seal key label"))
        self.audit_label = self._label_combo(self.tr("Audit key label"))
        self.add_field(self.tr("Seal key:"), self.seal_label, "token.seal_key_label",
                       self.tr("Label of the seal key pair and its certificate on the token."))
        self.add_field(self.tr("Audit key:"), self.audit_label, "token.audit_key_label",
                       self.tr("Signs the audit log's checkpoints."))

    def _label_combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setAccessibleName(name)
        combo.editTextChanged.connect(lambda _text: self.edited.emit())
        return combo

    # --- load / collect --------------------------------------------------------------------

    def load(self, config: Config) -> None:
        token = config.token
        self._environment = dict(token.environment)
        self._identity = {key: getattr(token, key) for key in IDENTITY_KEYS}
        self.module_edit.setText(token.module)
        self.token_combo.clear()
        if token.label or token.serial:
            self.token_combo.addItem(self.tr("{label} — serial {serial} (configured)").format(
                label=token.label or self.tr("(no label)"), serial=token.serial or "?"), None)
        else:
            self.token_combo.addItem(self.tr("No token chosen: use “Detect tokens”"), None)
        self.detected = []
        self.set_note(self.detect_status, "")
        for combo, value in ((self.seal_label, token.seal_key_label),
                             (self.audit_label, token.audit_key_label)):
            combo.clear()
            combo.setEditText(value)

    def collect(self, raw: dict[str, Any]) -> None:
        module = self.module_edit.text().strip()
        set_nested(raw, "token.module", module)
        for key, value in self._identity.items():
            set_nested(raw, f"token.{key}", value)
        set_nested(raw, "token.environment", dict(self._environment))
        set_nested(raw, "token.seal_key_label", self.seal_label.currentText().strip())
        set_nested(raw, "token.audit_key_label", self.audit_label.currentText().strip())

    # --- actions ---------------------------------------------------------------------------

    def browse(self) -> None:
        start = self.module_edit.text() or "/usr/lib"
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the PKCS#11 module"), start,
                                              self.tr(MODULE_FILTER))
        if path:
            self.module_edit.setText(path)
            self.edited.emit()

    def detect(self) -> None:
        """List the module's tokens in a job; the result fills the token and label choices."""
        module = self.module_edit.text().strip()
        self.clear_problem("token.module")
        self.detect_button.setEnabled(False)
        self._status(self.tr("Looking for tokens…"))
        self.jobs.run(partial(detect_tokens, module, self._environment), name="Detecting tokens",
                      key=TOKEN, on_success=self._detected, on_failure=self._detect_failed)

    def _detected(self, tokens: list[DetectedToken]) -> None:
        self.detect_button.setEnabled(True)
        self.detected = tokens
        if not tokens:
            self._status(self.tr("The module answered, but no initialised token is "
                                 "connected. Connect the token and detect again."))
            return
        self.token_combo.clear()
        current = 0
        for index, found in enumerate(tokens):
            self.token_combo.addItem(found.title, index)
            if found.info.serial and found.info.serial == self._identity["serial"]:
                current = index
        self.token_combo.setCurrentIndex(current)
        self._token_chosen(current)
        count = len(tokens)
        self._status((self.tr("1 token found. Choose the one to seal with.") if count == 1 else
                      self.tr("{count} tokens found. Choose the one to seal with.")).format(
                          count=count))

    def _detect_failed(self, failure: JobFailure) -> None:
        self.detect_button.setEnabled(True)
        self.set_note(self.detect_status, "")
        if not failure.expected:
            present_failure(self, failure)
            return
        self.show_problem("token.module", failure.error.message, failure.error.hint)

    def _status(self, text: str) -> None:
        self.set_note(self.detect_status, text)

    def _token_chosen(self, row: int) -> None:
        index = self.token_combo.itemData(row)
        if index is None or not 0 <= index < len(self.detected):
            return
        found = self.detected[index]
        self._identity = {key: getattr(found.info, key) for key in IDENTITY_KEYS}
        for combo in (self.seal_label, self.audit_label):
            text = combo.currentText()
            combo.clear()
            combo.addItems(list(found.certificate_labels))
            combo.setEditText(text)
        if found.problem:
            self._status(found.problem)
        self.edited.emit()
