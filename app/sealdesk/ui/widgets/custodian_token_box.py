"""Choosing a custodian's own token and typing its PIN, for the custodian and policy forms.

The same choice the approval dialog offers (module, token, PIN), as one widget: the tokens are
listed in a job on the TOKEN key (never the configured seal token), the custodian picks one
explicitly, and the PIN leaves the field the moment it is taken (:meth:`take`), so it lives only
in the job that logs in.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from sealdesk.core.token import TokenSelector, list_tokens
from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.context import AppContext
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.ui.failures import failure_text
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner


class CustodianTokenBox(QGroupBox):
    """Module, token and PIN of a custodian's own token; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, ctx: AppContext, jobs: JobRunner, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.ctx, self.jobs = ctx, jobs
        self.tokens: list[TokenInfo] = []
        self.listing = False
        self._keep = ""
        """The serial of the token chosen before a new listing (chosen again if still there)."""
        form = QFormLayout(self)
        self.module_edit = QLineEdit(ctx.config.token.module)
        self.module_edit.setAccessibleName(self.tr("PKCS#11 module of the custodian's token"))
        self.module_edit.editingFinished.connect(self.refresh)
        self.token_combo = QComboBox()
        self.token_combo.setAccessibleName(self.tr("Custodian token"))
        self.token_combo.setMinimumWidth(320)
        self.token_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.setToolTip(self.tr("List the module's tokens again (after plugging "
                                               "one in)"))
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.token_combo, 1)
        row.addWidget(self.refresh_button)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAccessibleName(self.tr("Custodian PIN"))
        self.pin_edit.setPlaceholderText(self.tr("the token's user PIN"))
        self.pin_edit.textChanged.connect(lambda _t: self.changed.emit())
        for text, field in ((self.tr("PKCS#11 &module:"), self.module_edit),
                            (self.tr("&Token:"), row), (self.tr("P&IN:"), self.pin_edit)):
            label = QLabel(text)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                form.addRow(label, field)
            else:
                label.setBuddy(self.token_combo)
                form.addRow(label, field)
        self.refresh()

    def _environment(self, module: str) -> dict[str, str]:
        cfg = self.ctx.config.token
        return dict(cfg.environment) if module == cfg.module else {}

    def refresh(self) -> None:
        module = self.module_edit.text().strip()
        if not module or self.listing:
            return
        self.listing = True
        chosen = self.token_combo.currentIndex()
        self._keep = self.tokens[chosen].serial if 0 <= chosen < len(self.tokens) else ""
        self.token_combo.clear()
        self.token_combo.addItem(self.tr("Looking for tokens…"))
        self.jobs.run(partial(list_tokens, module, self._environment(module)),
                      name="Listing custodian tokens", key=TOKEN,
                      on_success=self._listed, on_failure=self._failed)

    def _listed(self, found: list) -> None:  # type: ignore[type-arg]
        self.listing = False
        seal_serial = self.ctx.config.token.serial
        self.tokens = [info for info, _ in found if info.serial != seal_serial]
        self.token_combo.clear()
        for info in self.tokens:
            self.token_combo.addItem(self.tr("{label} (serial {serial})").format(
                label=info.label, serial=info.serial))
        if not self.tokens:
            self.token_combo.addItem(self.tr("No custodian token found: connect it and "
                                             "refresh"))
        for number, info in enumerate(self.tokens):  # listed again: keep the one chosen
            if info.serial == self._keep:
                self.token_combo.setCurrentIndex(number)
        self.changed.emit()

    def _failed(self, failure: JobFailure) -> None:
        self.listing = False
        self.tokens = []
        self.token_combo.clear()
        self.token_combo.addItem(failure_text(failure))
        self.changed.emit()

    def select_token(self, label: str) -> bool:
        for number, info in enumerate(self.tokens):
            if info.label == label:
                self.token_combo.setCurrentIndex(number)
                return True
        return False

    @property
    def missing(self) -> str:
        """What is still needed before the token can be used ("" when ready)."""
        if self.listing:
            return self.tr("Looking for the custodian's token…")
        if not self.tokens:
            return self.tr("Connect the custodian's token and press Refresh.")
        if not self.pin_edit.text():
            return self.tr("Type the custodian token's PIN.")
        return ""

    def take(self) -> tuple[CustodianToken, str]:
        """The chosen token and the PIN; the PIN field is cleared now."""
        info = self.tokens[max(0, self.token_combo.currentIndex())]
        module = self.module_edit.text().strip()
        where = CustodianToken(module, TokenSelector(label=info.label, serial=info.serial),
                               self._environment(module))
        pin = self.pin_edit.text()
        self.pin_edit.clear()
        return where, pin
