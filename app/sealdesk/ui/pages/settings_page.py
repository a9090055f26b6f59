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
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sealdesk.config import config_to_dict
from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.console.settings import SettingsRejected, SettingsResult, apply_settings
from sealdesk.services.tsa_credentials import PasswordStore
from sealdesk.ui.dialogs.pin_dialog import PinProvider, ask_pin
from sealdesk.ui.dialogs.token_picker import open_token_picker
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.settings.display_section import DisplaySection
from sealdesk.ui.settings.encryption_section import EncryptionSection
from sealdesk.ui.settings.seal_section import SealSection
from sealdesk.ui.settings.section import SettingsSection
from sealdesk.ui.settings.storage_section import StorageSection
from sealdesk.ui.settings.token_section import TokenSection
from sealdesk.ui.settings.trust_section import TrustSection
from sealdesk.ui.settings.tsa_section import TsaSection
from sealdesk.ui.status_colors import DANGER, OK, emphasis_style
from sealdesk.ui.workers import TOKEN, JobFailure

READ_ONLY_INTRO = QT_TRANSLATE_NOOP(
    "SettingsPage",
    "Auditor mode — read only. This window reads the database copy {url}; the settings shown "
    "are this console's own (its trust anchors and policy check the copy) and cannot be "
    "changed here.")


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, services: PageServices, parent: QWidget | None = None,
                 *, passwords: PasswordStore | None = None) -> None:
        super().__init__(services, parent)
        self.passwords = passwords
        self.saving = False
        self._after_save: Callable[[], None] | None = None
        self._loaded: dict[str, Any] = {}
        jobs, ctx = services.jobs, services.ctx
        self.token_section = TokenSection(jobs)
        self.tsa_section = TsaSection(jobs, passwords)
        self.trust_section = TrustSection()
        self.seal_section = SealSection()
        self.storage_section = StorageSection(jobs, ctx.paths)
        self.display_section = DisplaySection()
        self.sections: tuple[SettingsSection, ...] = (
            self.token_section, self.tsa_section, self.trust_section, self.seal_section,
            self.storage_section, self.display_section)
        for section in self.sections:
            section.edited.connect(self._update_buttons)

        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        intro = QLabel(self.tr(READ_ONLY_INTRO).format(url=ctx.config.storage.database_url)
                       if services.read_only else
                       self.tr("Saved in {path}. Every saved change is recorded in the audit "
                               "log; passwords go to the OS keyring only.").format(
                                   path=ctx.paths.config_file))
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.tabs.setDocumentMode(True)
        for section in self.sections:
            self.tabs.addTab(_scrolled(section), section.title())
        self.pin_provider: PinProvider = ask_pin
        """The PIN dialog of signed acts started here; tests install a scripted provider."""
        self.encryption_section = EncryptionSection(ctx, jobs, lambda: self.pin_provider,
                                                    services.read_only)
        self.encryption_section.encrypted_now.connect(services.refresh_token)
        self.tabs.addTab(_scrolled(self.encryption_section), self.tr("Encryption"))
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Settings result"))
        self.banner.hide()
        self.choose_token_button = QPushButton(self.tr("Choose token…"))
        self.choose_token_button.setAccessibleName(self.tr("Choose the token to seal with"))
        self.choose_token_button.setToolTip(self.tr(
            "List the configured module's tokens and remember the one you choose (saved and "
            "audited at once)"))
        self.choose_token_button.clicked.connect(self.choose_token)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setAccessibleName(self.tr("Revert unsaved changes"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save settings"))
        self.save_button.setToolTip(self.tr("Check, save and audit the changes (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.save_action = QAction(self.tr("Save settings"), self)
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
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.load()
        if services.read_only:
            self._show_read_only()

    def _show_read_only(self) -> None:
        """Auditor mode: the copy's settings are shown, and nothing invites an edit.

        Text fields become read-only (still selectable and copyable), every other control is
        disabled, and the buttons that act (detect, test, choose, save) go away, so no edit is
        ever typed only to be refused at Save.
        """
        for body in self.sections:
            for edit in body.findChildren(QLineEdit) + body.findChildren(QPlainTextEdit):
                edit.setReadOnly(True)
            for control in (body.findChildren(QAbstractButton) + body.findChildren(QComboBox)
                            + body.findChildren(QAbstractSpinBox)):
                control.setEnabled(False)
            for button in body.findChildren(QPushButton):
                button.hide()
        for button in (self.choose_token_button, self.revert_button, self.save_button):
            button.hide()

    # --- state -----------------------------------------------------------------------------

    def load(self) -> None:
        """Fill every section from the context's configuration (discarding edits)."""
        self._loaded = config_to_dict(self.services.ctx.config)
        for section in self.sections:
            section.clear_problems()
            section.load(self.services.ctx.config)
        self._mark_problem_tabs()
        self._update_buttons()

    def _mark_problem_tabs(self) -> None:
        """A warning icon on each tab with a problem; the first such tab is brought forward,
        so a refused save never leaves its reason on a tab nobody looks at."""
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        first = -1
        for number, section in enumerate(self.sections):
            troubled = any(not error.isHidden() for error in section.errors.values())
            self.tabs.setTabIcon(number, warning if troubled else QIcon())
            self.tabs.setTabToolTip(number, self.tr("A setting on this tab needs attention")
                                    if troubled else "")
            if troubled and first < 0:
                first = number
        if first >= 0:
            self.tabs.setCurrentIndex(first)

    def collected(self) -> dict[str, Any]:
        """The configuration's dictionary form with the page's values merged in."""
        raw = copy.deepcopy(config_to_dict(self.services.ctx.config))
        for section in self.sections:
            section.collect(raw)
        return raw

    @property
    def dirty(self) -> bool:
        """Whether the person changed a field since the page was last filled.

        Compared with what was loaded, not with the context's configuration now: a change made
        elsewhere meanwhile (a token chosen, a rotation) is not an edit of this page's.
        """
        edited = copy.deepcopy(self._loaded)
        for section in self.sections:
            section.collect(edited)
        return edited != self._loaded or self.tsa_section.password_change() is not None

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
        if self.services.read_only:
            return  # the auditor lock owns these tooltips
        idle = self.tr("Nothing to save: no setting was changed.")
        busy = self.tr("A save is running; wait for its result.")
        self.save_button.setToolTip(
            busy if self.saving else self.tr("Check, save and audit the changes (Ctrl+S)")
            if dirty else idle)
        self.revert_button.setToolTip(
            busy if self.saving else self.tr("Discard your unsaved changes")
            if dirty else self.tr("Nothing to revert: no setting was changed."))
        self.choose_token_button.setToolTip(
            busy if self.saving else self.tr(
                "Save or revert your changes first: choosing a token saves at once.")
            if dirty else self.tr("List the configured module's tokens and remember the one "
                                  "you choose (saved and audited at once)"))

    def shown(self) -> None:
        self.encryption_section.refresh()
        if not self.saving and not self.dirty:
            self.load()  # another page (or a rotation) may have changed the configuration

    def may_leave(self, proceed: Callable[[], None]) -> bool:
        """Ask Save / Discard / Cancel when edits are unsaved (leaving the page, closing).

        Save starts the save and returns False; ``proceed`` runs once it succeeded (a refused
        save keeps the page, its problems shown). Discard reverts the edits and lets go.
        """
        if self.services.read_only or (not self.saving and not self.dirty):
            return True
        if self.saving:
            return False
        choice = self.ask_unsaved()
        if choice == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        if choice == QMessageBox.StandardButton.Save:
            self._after_save = proceed
            self.save()
        return False

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """The unsaved-changes question (modal; Save is the default, Escape cancels)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved settings"),
                          self.tr("You changed settings that are not saved yet."), parent=self)
        box.setObjectName("unsavedSettings")
        box.setInformativeText(self.tr(
            "Save them now (they are checked and recorded in the audit log), discard them, or "
            "stay on the Settings page."))
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        try:
            return QMessageBox.StandardButton(box.exec())
        finally:
            box.deleteLater()

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
        self._say(self.tr("Checking and saving…"))
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
        self._say(self.tr("SealDesk now seals with {token}. Recorded in the audit log.").format(
            token=info.display_name), OK)
        self.services.refresh_token()

    def _saved(self, result: SettingsResult) -> None:
        self.saving = False
        self.load()
        proceed, self._after_save = self._after_save, None
        if proceed is not None:
            proceed()  # the page was being left when Save was chosen
        if not result.changed:
            self._say(self.tr("Nothing changed."))
            return
        keys = ", ".join(change.key for change in result.changes)
        text = self.tr("Saved {count} change(s): {keys}. Recorded in the audit log.").format(
            count=len(result.changes), keys=keys)
        if result.database is not None:
            text += " " + self.tr(
                "SealDesk now uses {backend} ({url}); the switch is recorded in both audit "
                "logs.").format(backend=result.database.backend_name, url=result.database.url)
        self._say(text, OK)
        self.services.notify(text)
        self.services.refresh_token()

    def _failed(self, failure: JobFailure) -> None:
        self.saving = False
        self._after_save = None  # stay: the reason is shown here
        self._update_buttons()
        error = failure.error
        if isinstance(error, SettingsRejected):
            unplaced = [p for p in error.problems
                        if not any(s.show_problem(p.key, p.message, p.hint)
                                   for s in self.sections)]
            self._mark_problem_tabs()
            text = self._rejected_summary(error)
            if unplaced:
                text += "\n" + "\n".join(f"{p.message} {p.hint}".strip() for p in unplaced)
            self._say(text, DANGER)
        else:
            self._say(self.tr("Not saved. {reason}").format(
                reason=inline_failure(self, failure)), DANGER)

    def _rejected_summary(self, error: SettingsRejected) -> str:
        """The banner names the fields as the page labels them, never by internal key."""
        names = [self._label(p.key) for p in error.problems]
        if len(names) == 1:
            return f"{names[0]}: {error.message}\n{error.hint}"
        return self.tr("{count} settings need attention: {names}.").format(
            count=len(names), names=", ".join(names)) + f"\n{error.hint}"

    def _label(self, key: str) -> str:
        for section in self.sections:
            label = section.field_label(key)
            if label is not None:
                return label
        return self.tr("the configuration") if not key else self.tr("another setting")

    def _say(self, text: str, color: str = "") -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(emphasis_style(color) if color else "")
        self.banner.show()


def _scrolled(section: QWidget) -> QScrollArea:
    """One tab: the section at the top, scrolling vertically only if the window is very short."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.addWidget(section)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidget(holder)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setAccessibleName(section.accessibleName())
    return scroll
