"""The Settings page: edit the configuration, save it through the settings service, see why not.

The sections (:mod:`sealdesk.ui.settings`) turn widgets into the configuration's dictionary form;
the page merges them over the current configuration (so keys without a widget, such as the
module environment, are kept) and hands the result to
:func:`sealdesk.services.console.settings.apply_settings` in a job on the token key: a save waits
for a
running seal batch instead of switching its database half-way. Problems come back per key and
are shown under their fields; every saved change is recorded in the audit log by the service.
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sealdesk.config import config_to_dict
from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.console.settings import SettingsRejected, SettingsResult, apply_settings
from sealdesk.services.tsa_credentials import PasswordStore
from sealdesk.ui.dialogs.token_picker import open_token_picker
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.settings.seal_section import SealSection
from sealdesk.ui.settings.section import SettingsSection
from sealdesk.ui.settings.storage_section import StorageSection
from sealdesk.ui.settings.token_section import TokenSection
from sealdesk.ui.settings.trust_section import TrustSection
from sealdesk.ui.settings.tsa_section import TsaSection
from sealdesk.ui.status_colors import DANGER, OK, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure

READ_ONLY_INTRO = ("Auditor mode — read only. This window reads the database copy {url}; the "
                   "settings shown are this console's own (its trust anchors and policy check "
                   "the copy) and cannot be changed here.")


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, services: PageServices, parent: QWidget | None = None,
                 *, passwords: PasswordStore | None = None) -> None:
        super().__init__(services, parent)
        self.passwords = passwords
        self.saving = False
        jobs, ctx = services.jobs, services.ctx
        self.token_section = TokenSection(jobs)
        self.tsa_section = TsaSection(jobs, passwords)
        self.trust_section = TrustSection()
        self.seal_section = SealSection()
        self.storage_section = StorageSection(jobs, ctx.paths)
        self.sections: tuple[SettingsSection, ...] = (
            self.token_section, self.tsa_section, self.trust_section, self.seal_section,
            self.storage_section)
        for section in self.sections:
            section.edited.connect(self._update_buttons)

        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        intro = QLabel(READ_ONLY_INTRO.format(url=ctx.config.storage.database_url)
                       if services.read_only else
                       f"Saved in {ctx.paths.config_file}. Every saved change is recorded in "
                       "the audit log; passwords go to the OS keyring only.")
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        grid.addWidget(self.token_section, 0, 0)
        grid.addWidget(self.tsa_section, 1, 0)
        grid.addWidget(self.trust_section, 2, 0)
        grid.addWidget(self.seal_section, 0, 1)
        grid.addWidget(self.storage_section, 1, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        body = QWidget()
        body.setObjectName("settingsBody")
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName("Settings")

        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Settings result")
        self.banner.hide()
        self.choose_token_button = QPushButton("Choose token…")
        self.choose_token_button.setAccessibleName("Choose the token to seal with")
        self.choose_token_button.setToolTip("List the configured module's tokens and remember "
                                            "the one you choose (saved and audited at once)")
        self.choose_token_button.clicked.connect(self.choose_token)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setAccessibleName("Revert unsaved changes")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save settings")
        self.save_button.setToolTip("Check, save and audit the changes (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.save_action = QAction("Save settings", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_token_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.load()
        if services.read_only:
            self._show_read_only(body)

    def _show_read_only(self, body: QWidget) -> None:
        """Auditor mode: the copy's settings are shown, and nothing invites an edit.

        Text fields become read-only (still selectable and copyable), every other control is
        disabled, and the buttons that act (detect, test, choose, save) go away, so no edit is
        ever typed only to be refused at Save.
        """
        for edit in body.findChildren(QLineEdit) + body.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        for control in (body.findChildren(QAbstractButton) + body.findChildren(QComboBox)
                        + body.findChildren(QAbstractSpinBox)):
            control.setEnabled(False)
        actions = [self.choose_token_button, self.revert_button, self.save_button]
        for button in [*body.findChildren(QPushButton), *actions]:
            button.hide()

    # --- state -----------------------------------------------------------------------------

    def load(self) -> None:
        """Fill every section from the context's configuration (discarding edits)."""
        for section in self.sections:
            section.clear_problems()
            section.load(self.services.ctx.config)
        self._update_buttons()

    def collected(self) -> dict[str, Any]:
        """The configuration's dictionary form with the page's values merged in."""
        raw = copy.deepcopy(config_to_dict(self.services.ctx.config))
        for section in self.sections:
            section.collect(raw)
        return raw

    @property
    def dirty(self) -> bool:
        return (self.collected() != config_to_dict(self.services.ctx.config)
                or self.tsa_section.password_change() is not None)

    def problem_text(self, key: str) -> str:
        """The error shown under the field for ``key`` ("" if none); for tests and screen
        readers that want the text without finding the label."""
        for section in self.sections:
            if key in section.errors:
                return section.problem_text(key)
        return ""

    def _update_buttons(self) -> None:
        dirty = self.dirty
        self.save_button.setEnabled(dirty and not self.saving)
        self.revert_button.setEnabled(dirty and not self.saving)
        self.choose_token_button.setEnabled(not dirty and not self.saving)  # saves at once

    def shown(self) -> None:
        if not self.saving and not self.dirty:
            self.load()  # another page (or a rotation) may have changed the configuration

    # --- actions ---------------------------------------------------------------------------

    def revert(self) -> None:
        self.banner.hide()
        self.load()

    def save(self) -> bool:
        """Apply the page's values in a job; False if there is nothing to save or a save runs."""
        if self.saving or not self.dirty:
            return False
        self.saving = True
        self._update_buttons()
        for section in self.sections:
            section.clear_problems()
        self._say("Checking and saving…")
        job = partial(apply_settings, self.services.ctx, self.collected(),
                      password=self.tsa_section.password_change(), passwords=self.passwords)
        self.services.jobs.run(job, name="Saving settings", key=TOKEN,
                               on_success=self._saved, on_failure=self._failed)
        return True

    def choose_token(self) -> None:
        """The token picker (:mod:`sealdesk.ui.dialogs.token_picker`) over the saved module."""
        picker = open_token_picker(self.services.ctx, self.services.jobs, parent=self)
        picker.chosen.connect(self._token_chosen)

    def _token_chosen(self, info: TokenInfo) -> None:
        self.load()
        self._say(f"SealDesk now seals with {info.display_name}. Recorded in the audit log.", OK)
        self.services.refresh_token()

    def _saved(self, result: SettingsResult) -> None:
        self.saving = False
        self.load()
        if not result.changed:
            self._say("Nothing changed.")
            return
        keys = ", ".join(change.key for change in result.changes)
        text = f"Saved {len(result.changes)} change(s): {keys}. Recorded in the audit log."
        if result.database is not None:
            text += (f" SealDesk now uses {result.database.backend_name} "
                     f"({result.database.url}); the switch is recorded in both audit logs.")
        self._say(text, OK)
        self.services.notify(text)
        self.services.refresh_token()

    def _failed(self, failure: JobFailure) -> None:
        self.saving = False
        self._update_buttons()
        error = failure.error
        if isinstance(error, SettingsRejected):
            unplaced = [p for p in error.problems
                        if not any(s.show_problem(p.key, p.message, p.hint)
                                   for s in self.sections)]
            text = self._rejected_summary(error)
            if unplaced:
                text += "\n" + "\n".join(f"{p.message} {p.hint}".strip() for p in unplaced)
            self._say(text, DANGER)
        else:
            self._say(f"Not saved. {inline_failure(self, failure)}", DANGER)

    def _rejected_summary(self, error: SettingsRejected) -> str:
        """The banner names the fields as the page labels them, never by internal key."""
        names = [self._label(p.key) for p in error.problems]
        if len(names) == 1:
            return f"{names[0]}: {error.message}\n{error.hint}"
        return f"{len(names)} settings need attention: {', '.join(names)}.\n{error.hint}"

    def _label(self, key: str) -> str:
        for section in self.sections:
            label = section.field_label(key)
            if label is not None:
                return label
        return "the configuration" if not key else "another setting"

    def _say(self, text: str, color: str = "") -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(emphasis_style(color) if color else "")
        self.banner.show()
