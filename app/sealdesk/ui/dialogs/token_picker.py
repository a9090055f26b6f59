"""Choose the token to seal with, explicitly, from the tokens the module offers right now.

Opened when the seal flow meets a choice SealDesk refuses to make itself (several tokens match:
:class:`~sealdesk.errors.TokenAmbiguousError`; another token sits where the configured one
should be: :class:`~sealdesk.errors.TokenReplacedError`), and from the Settings page.

The list comes from :func:`~sealdesk.core.token.probe.probe_module` in a job (a child process:
a hanging driver cannot freeze the dialog). The choice is saved as the token's whole identity
(label, serial, maker, model) through :func:`~sealdesk.services.console.settings.apply_settings`,
so it
is checked, written atomically and recorded in the audit log like any other settings change.
Nothing else in the configuration changes. No PIN is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sealdesk.config import config_to_dict, with_token
from sealdesk.core.token.identity import TokenInfo
from sealdesk.core.token.probe import ProbeResult, probe_module
from sealdesk.errors import SealDeskError
from sealdesk.services.console.settings import SettingsResult, apply_settings
from sealdesk.services.context import AppContext
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.status_colors import DANGER, emphasis_style
from sealdesk.ui.token_poller import POLL
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure, JobRunner

COLUMNS = (
    QT_TRANSLATE_NOOP("token_picker", "Label"),
    QT_TRANSLATE_NOOP("token_picker", "Serial"),
    QT_TRANSLATE_NOOP("token_picker", "Manufacturer"),
    QT_TRANSLATE_NOOP("token_picker", "Model"),
)
INTRO = QT_TRANSLATE_NOOP(
    "token_picker",
    "Choose the token SealDesk should seal with. SealDesk remembers its serial number, "
    "maker and model, and never picks a token by itself.",
)


def save_token_choice(ctx: AppContext, info: TokenInfo) -> SettingsResult:
    """Remember ``info`` as the configured token (worker thread; audited as a settings change)."""
    chosen = with_token(ctx.config, label=info.label, serial=info.serial,
                        manufacturer=info.manufacturer, model=info.model)
    return apply_settings(ctx, config_to_dict(chosen))


class TokenPickerDialog(QDialog):
    """Lists the module's tokens; :attr:`chosen` is emitted with the saved :class:`TokenInfo`."""

    chosen = Signal(object)

    def __init__(
        self, ctx: AppContext, jobs: JobRunner, *, problem: SealDeskError | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.jobs = jobs
        self.tokens: list[TokenInfo] = []
        self._jobs_running = 0
        self._saving = False
        self._closed = False
        self.delete_when_done = False
        """Set by :func:`open_token_picker`: delete once closed and no job of it runs."""
        self.setObjectName("tokenPickerDialog")
        self.setWindowTitle(self.tr("Choose the token"))
        self.setMinimumWidth(620)

        self.problem_label = QLabel(problem.message if problem else "")
        self.problem_label.setObjectName("pickerProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(emphasis_style(DANGER))
        self.problem_label.setVisible(problem is not None)
        intro = QLabel(translate("token_picker", INTRO))
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Tokens found"))
        self.table.setHeaderLabels([translate("token_picker", c) for c in COLUMNS])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item, _column: self.use_selected())
        self.status_label = QLabel()
        self.status_label.setObjectName("pickerStatus")
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.refresh_button: QPushButton = self.buttons.addButton(
            self.tr("Refresh"), QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.refresh)
        self.use_button: QPushButton = self.buttons.addButton(
            self.tr("Use this token"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setAccessibleName(self.tr("Use the selected token"))
        self.use_button.setDefault(True)
        self.buttons.accepted.connect(self.use_selected)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.refresh()

    # --- listing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Probe the configured module again (a token may have been plugged in)."""
        cfg = self.ctx.config.token
        self._say(self.tr("Looking for tokens…"))
        self._run(partial(probe_module, cfg.module, cfg.environment,
                          timeout=cfg.timeout_seconds),
                  self.tr("Listing tokens"), POLL, self._listed)

    def _listed(self, result: ProbeResult) -> None:
        self.tokens = list(result.tokens)
        self.table.clear()
        configured = self.ctx.config.token
        for info in self.tokens:
            item = QTreeWidgetItem([info.label or self.tr("(no label)"), info.serial or "?",
                                    info.manufacturer, info.model])
            if configured.serial and info.serial == configured.serial:
                item.setToolTip(0, self.tr("The configured token"))
                font = item.font(0)
                font.setBold(True)
                for column in range(len(COLUMNS)):
                    item.setFont(column, font)
            self.table.addTopLevelItem(item)
        count = len(self.tokens)
        self._say(
            self.tr("{count} token{plural} found.").format(
                count=count, plural="s" if count != 1 else ""
            )
            if count
            else self.tr("No token is connected. Connect one and press Refresh.")
        )
        self._update_buttons()

    def selected(self) -> TokenInfo | None:
        item = self.table.currentItem()
        if item is None or not item.isSelected():
            return None
        return self.tokens[self.table.indexOfTopLevelItem(item)]

    def select_serial(self, serial: str) -> bool:
        """Select the row of the token with ``serial`` (tests, keyboard users via search)."""
        for row, info in enumerate(self.tokens):
            if info.serial == serial:
                self.table.setCurrentItem(self.table.topLevelItem(row))
                return True
        return False

    # --- saving ----------------------------------------------------------------------------

    def use_selected(self) -> None:
        info = self.selected()
        if info is None or self._jobs_running:
            return
        self._say(
            self.tr("Saving the choice of {display_name}…").format(display_name=info.display_name)
        )
        self._saving = True
        self._run(
            partial(save_token_choice, self.ctx, info),
            self.tr("Saving the token choice"),
            TOKEN,
            partial(self._saved, info),
        )

    def _saved(self, info: TokenInfo, _result: SettingsResult) -> None:
        self._saving = False
        self.chosen.emit(info)
        self.accept()

    # --- plumbing --------------------------------------------------------------------------

    def _run(self, fn: Callable[[], Any], name: str, key: str,
             on_success: Callable[[Any], None]) -> None:
        self._jobs_running += 1
        self._update_buttons()
        self.jobs.run(fn, name=name, key=key, on_success=partial(self._delivered, on_success),
                      on_failure=self._failed)

    def _delivered(self, on_success: Callable[[Any], None], result: Any) -> None:
        self._jobs_running -= 1
        if not self._closed:  # a listing that arrives after Cancel is dropped
            on_success(result)
        self._after_job()

    def _failed(self, failure: JobFailure) -> None:
        self._jobs_running -= 1
        self._saving = False
        self._say(inline_failure(self, failure), DANGER)  # SettingsRejected lists every problem
        self._after_job()

    def _after_job(self) -> None:
        self._update_buttons()
        if self._closed and self.delete_when_done and not self._jobs_running:
            self.deleteLater()  # closed while a job ran: it was kept alive for the callback

    def _update_buttons(self) -> None:
        busy = self._jobs_running > 0
        self.use_button.setEnabled(not busy and self.selected() is not None)
        self.refresh_button.setEnabled(not busy)

    def _say(self, text: str, color: str = "") -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(emphasis_style(color) if color else "")

    def done(self, result: int) -> None:
        """Close, unless a choice is being saved (its outcome must be seen)."""
        if self._saving and result != QDialog.DialogCode.Accepted:
            return
        self._closed = True
        super().done(result)
        if self.delete_when_done and not self._jobs_running:
            self.deleteLater()


def open_token_picker(
    ctx: AppContext, jobs: JobRunner, problem: SealDeskError | None = None,
    parent: QWidget | None = None,
) -> TokenPickerDialog:
    """Open the picker without blocking (window-modal); it deletes itself when done."""
    dialog = TokenPickerDialog(ctx, jobs, problem=problem, parent=parent)
    dialog.delete_when_done = True
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
