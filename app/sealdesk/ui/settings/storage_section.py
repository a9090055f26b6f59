"""Where the records live (database URL, with a connection test) and the revalidation schedule.

"Test connection" runs the same check saving does (connect, bring the schema up, count the
audit entries) in a job, so a person learns that a PostgreSQL server refuses them before any
setting changes.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QWidget

from sealdesk.config import Config
from sealdesk.paths import AppPaths
from sealdesk.services.console.database_check import DatabaseCheck, test_database_url
from sealdesk.ui.failures import present_failure
from sealdesk.ui.settings.section import SettingsSection, set_nested
from sealdesk.ui.status_colors import OK, emphasis_style
from sealdesk.ui.workers import JobFailure, JobRunner


class StorageSection(SettingsSection):
    def __init__(self, jobs: JobRunner, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("StorageSection", "Database and revalidation"),
                         parent)
        self.jobs = jobs
        self.paths = paths
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("Database URL"))
        self.url_edit.setPlaceholderText(self.tr("SQLite in the data folder (default)"))
        self.url_edit.textEdited.connect(self._url_edited)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setAccessibleName(self.tr("Test the database connection"))
        self.test_button.clicked.connect(self.test_connection)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.url_edit, 1)
        line.addWidget(self.test_button)
        self.add_field(self.tr("Database:"), row, "storage.database_url",
                       self.tr("Empty for the local SQLite file; postgresql://user@host/db for "
                               "a database shared by several consoles (password in ~/.pgpass)."),
                       marks=self.url_edit)
        self.test_result = self.add_note("storage.database_url",
                                         self.tr("Connection test result"), "connectionResult")

        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(0, 3650)
        self.interval_spin.setSuffix(self.tr(" days"))
        self.interval_spin.setSpecialValueText(self.tr("Off (on demand only)"))
        self.interval_spin.setAccessibleName(self.tr("Revalidation interval"))
        self.interval_spin.valueChanged.connect(lambda _v: self.edited.emit())
        self.add_field(self.tr("Revalidate every:"), self.interval_spin,
                       "revalidation.interval_days",
                       self.tr("Re-prove every stored seal on this schedule (0 = only when "
                               "asked)."))

    def load(self, config: Config) -> None:
        self.url_edit.setText(config.storage.database_url)
        self.interval_spin.setValue(config.revalidation.interval_days)
        self.set_note(self.test_result, "")

    def collect(self, raw: dict[str, Any]) -> None:
        set_nested(raw, "storage.database_url", self.url_edit.text().strip())
        set_nested(raw, "revalidation.interval_days", self.interval_spin.value())

    @property
    def testing(self) -> bool:
        return not self.test_button.isEnabled()

    def test_connection(self) -> None:
        url = self.url_edit.text().strip() or self.paths.default_database_url
        self.clear_problem("storage.database_url")
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.set_note(self.test_result, self.tr("Connecting…"))
        self.jobs.run(partial(test_database_url, url), name="Testing the database connection",
                      on_success=self._tested, on_failure=self._test_failed)

    def _tested(self, check: DatabaseCheck) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet(emphasis_style(OK))
        self.set_note(self.test_result, check.describe())

    def _test_failed(self, failure: JobFailure) -> None:
        self.test_button.setEnabled(True)
        self.set_note(self.test_result, "")
        if not failure.expected:
            present_failure(self, failure)
            return
        self.show_problem("storage.database_url", failure.error.message, failure.error.hint)

    def _url_edited(self, _text: str) -> None:
        self.set_note(self.test_result, "")
        self.edited.emit()
