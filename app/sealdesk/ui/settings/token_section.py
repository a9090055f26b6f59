"""Token settings: the PKCS#11 module, which token (chosen from what "Detect tokens" finds), and
the labels of the seal and audit keys.

The token's identity (label, serial, maker, model) is never typed: it is taken from a detected
token, so a typo cannot point SealDesk at the wrong token. Detection runs as a job on the token
key (it opens unauthenticated sessions) and never asks for a PIN.
"""

from __future__ import annotations

from functools import partial
from typing import Any

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

MODULE_FILTER = "PKCS#11 modules (*.so *.so.* *.dylib *.dll);;All files (*)"
IDENTITY_KEYS = ("label", "serial", "manufacturer", "model")


class TokenSection(SettingsSection):
    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__("Token (PKCS#11)", parent)
        self.jobs = jobs
        self._environment: dict[str, str] = {}
        self._identity: dict[str, str] = dict.fromkeys(IDENTITY_KEYS, "")
        self.detected: list[DetectedToken] = []

        self.module_edit = QLineEdit()
        self.module_edit.setPlaceholderText("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")
        self.module_edit.setAccessibleName("PKCS#11 module path")
        self.module_edit.textEdited.connect(self.edited)
        self.browse_button = QPushButton("Browse…")
        self.browse_button.setAccessibleName("Browse for the PKCS#11 module")
        self.browse_button.clicked.connect(self.browse)
        self.detect_button = QPushButton("Detect tokens")
        self.detect_button.setAccessibleName("Detect tokens")
        self.detect_button.setToolTip("List the tokens this module offers (no PIN needed)")
        self.detect_button.clicked.connect(self.detect)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.module_edit, 1)
        line.addWidget(self.browse_button)
        line.addWidget(self.detect_button)
        self.add_field("Module:", row, "token.module",
                       "The token vendor's PKCS#11 library (see the README for common paths).",
                       marks=self.module_edit)

        self.token_combo = QComboBox()
        self.token_combo.setAccessibleName("Token")
        self.token_combo.activated.connect(self._token_chosen)
        self.add_field("Token:", self.token_combo, "token.serial")
        self.detect_status = self.add_note("token.serial", "Token detection")

        self.seal_label = self._label_combo("Seal key label")
        self.audit_label = self._label_combo("Audit key label")
        self.add_field("Seal key:", self.seal_label, "token.seal_key_label",
                       "Label of the seal key pair and its certificate on the token.")
        self.add_field("Audit key:", self.audit_label, "token.audit_key_label",
                       "Signs the audit log's checkpoints.")

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
            self.token_combo.addItem(f"{token.label or '(no label)'} — serial "
                                     f"{token.serial or '?'} (configured)", None)
        else:
            self.token_combo.addItem("No token chosen: use “Detect tokens”", None)
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
        path, _ = QFileDialog.getOpenFileName(self, "Choose the PKCS#11 module", start,
                                              MODULE_FILTER)
        if path:
            self.module_edit.setText(path)
            self.edited.emit()

    def detect(self) -> None:
        """List the module's tokens in a job; the result fills the token and label choices."""
        module = self.module_edit.text().strip()
        self.clear_problem("token.module")
        self.detect_button.setEnabled(False)
        self._status("Looking for tokens…")
        self.jobs.run(partial(detect_tokens, module, self._environment), name="Detecting tokens",
                      key=TOKEN, on_success=self._detected, on_failure=self._detect_failed)

    def _detected(self, tokens: list[DetectedToken]) -> None:
        self.detect_button.setEnabled(True)
        self.detected = tokens
        if not tokens:
            self._status("The module answered, but no initialised token is "
                                       "connected. Connect the token and detect again.")
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
        self._status(f"{count} token{'s' if count != 1 else ''} found. "
                                   "Choose the one to seal with.")

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
