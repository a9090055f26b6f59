"""The Incidents page: the incident register, each incident's timeline, and what to do about it.

The list and each incident's detail are read from the audit log by the services
(:mod:`sealdesk.services.incidents`) in jobs; every change (open, note, link, action items,
close, statement) is a service call in a job too, never on the GUI thread, and its failure
shows in the page's error dialog with the service's words and next step. Write actions carry
keyboard shortcuts and accessible names and are listed by :meth:`IncidentsPage.write_actions`
so auditor mode keeps them disabled (the services refuse them on a read-only context anyway).

The statement is signed with the audit key on the token: the token is found first in a job on
the TOKEN key (as the self-test does), the PIN comes from :attr:`IncidentsPage.pin_provider`,
and the signing job runs on the TOKEN key so it never interleaves with a batch. Statements are
written to ``<data>/statements`` (:func:`~sealdesk.services.incidents.statement.statements_folder`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.token.identity import TokenInfo
from sealdesk.services.countersign import Countersigned
from sealdesk.services.incidents import register
from sealdesk.services.incidents.detail import IncidentDetail, incident_detail
from sealdesk.services.incidents.register import Incident, IncidentType, LinkKind
from sealdesk.services.incidents.statement import (
    IssuedStatement,
    issue_statement_with_pin,
    statements_folder,
)
from sealdesk.services.incidents.statement_countersign import countersign_statement
from sealdesk.ui.dialogs.countersign_dialog import countersign_with_dialog
from sealdesk.ui.dialogs.incident_forms import CHOICE, TEXT, Field, ask
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest, ask_pin
from sealdesk.ui.failures import failure_text, present_failure
from sealdesk.ui.models.incidents_model import (
    ALL,
    CLOSED,
    OPEN,
    TYPE_WORDS,
    IncidentsModel,
    IncidentsProxy,
)
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.incidents.details import LINK_WORDS, IncidentDetailPane
from sealdesk.ui.token_status import read_token_info
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure

SHORTCUTS = {
    "open": "Ctrl+N", "note": "Ctrl+Shift+N", "link": "Ctrl+L", "add_action": "Ctrl+Shift+A",
    "close_action": "Ctrl+Shift+D", "close": "Ctrl+Shift+W", "statement": "Ctrl+Shift+S",
    "countersign": "Ctrl+Shift+G",
}


class IncidentsPage(Page):
    title = QT_TRANSLATE_NOOP("Pages", "Incidents")

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.pin_provider: PinProvider = ask_pin
        self.last_statement: IssuedStatement | None = None
        self._pending = 0
        self._select_after: int | None = None
        self._detail_for: int | None = None

        heading = QLabel(self.tr("Incidents"))
        heading.setObjectName("pageHeading")
        intro = QLabel(
            self.tr(
                "Every incident and every change to it is an audit event; the timeline "
                "is read from the audit log."
            )
        )
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName(self.tr("Show incidents"))
        for value, words in (
            (ALL, self.tr("All incidents")),
            (OPEN, self.tr("Open")),
            (CLOSED, self.tr("Closed")),
        ):
            self.filter_combo.addItem(words, value)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        filter_label = QLabel(self.tr("&Show:"))
        filter_label.setBuddy(self.filter_combo)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the incidents"))
        self.refresh_button.setToolTip(self.tr("Read the incidents again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(filter_label)
        header.addWidget(self.filter_combo)
        header.addWidget(self.refresh_button)

        self.toolbar = QToolBar(self.tr("Incident actions"))
        self.toolbar.setAccessibleName(self.tr("Incident actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.open_action = self._action(
            "open", self.tr("Open incident…"), self.tr("Open an incident"), self.open_incident
        )
        self.note_action = self._action(
            "note", self.tr("Add note…"), self.tr("Add a note to the incident"), self.add_note
        )
        self.link_action = self._action(
            "link", self.tr("Link…"), self.tr("Link an item to the incident"), self.link_item
        )
        self.add_action_action = self._action("add_action", self.tr("Add action item…"),
                                              self.tr("Add an action item"), self.add_action_item)
        self.close_action_action = self._action("close_action", self.tr("Close action item"),
                                                self.tr("Close the selected action item"),
                                                self.close_action_item)
        self.close_action = self._action(
            "close", self.tr("Close incident…"), self.tr("Close the incident"), self.close_incident
        )
        self.statement_action = self._action("statement", self.tr("Write statement…"),
                                             self.tr("Write the signed incident statement"),
                                             self.write_statement)
        self.countersign_action = self._action(
            "countersign", self.tr("Counter-sign statement…"),
            self.tr("Have a custodian counter-sign the statement just written"),
            self.countersign_statement)
        refresh_action = QAction(self.tr("Refresh"), self)
        refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh_action.triggered.connect(self.refresh)
        self.addAction(refresh_action)

        self.model = IncidentsModel(self)
        self.proxy = IncidentsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("incidentsTable")
        self.table.setAccessibleName(self.tr("Incidents"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(IncidentsModel.ID, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(IncidentsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.details = IncidentDetailPane()
        self.details.actions.itemSelectionChanged.connect(self._update_actions)
        self.details.actions.currentCellChanged.connect(self._update_actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.status_label = QLabel()
        self.status_label.setObjectName("fieldHelp")
        self.status_label.setAccessibleName(self.tr("Incidents status"))
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(intro)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        self._update_actions()

    def _action(self, key: str, text: str, accessible: str,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)  # keep the "…" that says a form follows
        action.setObjectName(f"{key}Action")
        action.setShortcut(QKeySequence(SHORTCUTS[key]))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{accessible} ({SHORTCUTS[key]})")
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        button = self.toolbar.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(accessible)
        return action

    # ---- the page contract -------------------------------------------------------------------

    def write_actions(self) -> list[QWidget | QAction]:
        return [self.open_action, self.note_action, self.link_action, self.add_action_action,
                self.close_action_action, self.close_action, self.statement_action,
                self.countersign_action]

    def shown(self) -> None:
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def current_incident(self) -> Incident | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.incident_at(self.proxy.mapToSource(rows[0]).row())

    def select_incident(self, incident_id: int) -> bool:
        row = self.model.row_of(incident_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    # ---- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the incidents (in a job); keep or restore the selected one."""
        self._start()
        self.services.jobs.run(partial(register.list_incidents, self.services.ctx),
                               name="Reading the incidents", on_success=self._listed,
                               on_failure=self._failed)

    def _listed(self, incidents: list[Incident]) -> None:
        current = self.current_incident()
        selected = self._select_after if self._select_after is not None else (
            current.id if current else None)  # INC-0 is a valid incident
        self._select_after = None
        self.model.set_incidents(incidents, dt.datetime.now(dt.UTC))
        open_count = sum(1 for i in incidents if i.is_open)
        self.status_label.setText(
            self.tr("{count} incident(s), {open_count} open.").format(
                count=len(incidents), open_count=open_count
            )
        )
        if selected is not None and self.select_incident(selected):
            self._load_detail(selected)
        elif self.current_incident() is None:
            self.details.clear()
        self._finish()

    def _filter_changed(self) -> None:
        self.proxy.show_only(str(self.filter_combo.currentData()))
        if self.current_incident() is None:
            self.details.clear()
        self._update_actions()

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        incident = self.current_incident()
        if incident is None:
            self.details.clear()
        else:
            self._load_detail(incident.id)
        self._update_actions()

    def _load_detail(self, incident_id: int) -> None:
        self._detail_for = incident_id
        self._start()
        self.services.jobs.run(partial(incident_detail, self.services.ctx, incident_id),
                               name="Reading the incident", on_success=self._detail_read,
                               on_failure=self._failed)

    def _detail_read(self, detail: IncidentDetail) -> None:
        if detail.incident.id == self._detail_for:  # a later selection wins
            self.details.show_detail(detail)
        self._finish()

    # ---- writing -----------------------------------------------------------------------------

    def open_incident(self) -> None:
        values = ask(
            self,
            self.tr("Open incident"),
            self.tr(
                "Failures open their own incidents; open one here "
                "for anything else (every field is recorded in the audit log)."
            ),
            [
                Field(
                    "type",
                    self.tr("&Type:"),
                    CHOICE,
                    tuple(
                        (t.value, translate("incidents_model", TYPE_WORDS[t.value]))
                        for t in IncidentType
                    ),
                ),
                Field(
                    "title", self.tr("T&itle:"), placeholder=self.tr("What is wrong, in one line")
                ),
            ],
            accept_text=self.tr("Open incident"),
        )
        if values is not None:
            self._write(
                partial(register.open_incident, self.services.ctx, values["type"], values["title"]),
                self.tr("Opening the incident"),
                lambda new_id: self.tr("Opened {incident_name}.").format(
                    incident_name=register.incident_name(new_id)
                ),
                select_result=True,
            )

    def add_note(self) -> None:
        incident = self.current_incident()
        values = incident and ask(
            self,
            self.tr("Add note to {name}").format(name=incident.name),
            self.tr("What was seen, decided, or told to whom."),
            [Field("text", self.tr("&Note:"), TEXT)],
            accept_text=self.tr("Add note"),
        )
        if incident and values:
            self._write(partial(register.add_note, self.services.ctx, incident.id,
                                values["text"]), self.tr("Adding the note"),
                        lambda _i: self.tr("Note added to {name}.").format(name=incident.name))

    def link_item(self) -> None:
        incident = self.current_incident()
        values = incident and ask(
            self,
            self.tr("Link to {name}").format(name=incident.name),
            self.tr(
                "Give a document or sealed-file SHA-256, a revalidation run "
                "number, a proposal id or an audit entry index."
            ),
            [
                Field(
                    "kind",
                    self.tr("&Kind:"),
                    CHOICE,
                    tuple((k.value, translate("details", LINK_WORDS[k.value])) for k in LinkKind),
                ),
                Field("ref", self.tr("&Item:")),
            ],
            accept_text=self.tr("Link"),
        )
        if incident and values:
            self._write(
                partial(
                    register.link, self.services.ctx, incident.id, values["kind"], values["ref"]
                ),
                self.tr("Linking"),
                lambda _i: self.tr("Linked {values} to {name}.").format(
                    values=values["kind"], name=incident.name
                ),
            )

    def add_action_item(self) -> None:
        incident = self.current_incident()
        values = incident and ask(
            self,
            self.tr("Add action item to {name}").format(name=incident.name),
            self.tr("Action items stay tracked until closed, also after the incident is closed."),
            [
                Field("text", self.tr("&Action:")),
                Field(
                    "owner",
                    self.tr("&Owner:"),
                    required=False,
                    placeholder=self.tr("Who does it (optional)"),
                ),
            ],
            accept_text=self.tr("Add action item"),
        )
        if incident and values:
            self._write(
                partial(
                    register.add_action,
                    self.services.ctx,
                    incident.id,
                    values["text"],
                    values["owner"],
                ),
                self.tr("Adding the action item"),
                lambda item: self.tr("Action item {item} added to {name}.").format(
                    item=item, name=incident.name
                ),
            )

    def close_action_item(self) -> None:
        incident, action_id = self.current_incident(), self.details.selected_open_action()
        values = (
            incident
            and action_id is not None
            and ask(
                self,
                self.tr("Close action item {action_id}").format(action_id=action_id),
                self.tr("What was done."),
                [Field("outcome", self.tr("&Outcome:"))],
                accept_text=self.tr("Close action item"),
            )
        )
        if incident and action_id is not None and values:
            self._write(
                partial(
                    register.close_action,
                    self.services.ctx,
                    incident.id,
                    action_id,
                    values["outcome"],
                ),
                self.tr("Closing the action item"),
                lambda _i: self.tr("Action item {action_id} of {name} closed.").format(
                    action_id=action_id, name=incident.name
                ),
            )

    def close_incident(self) -> None:
        incident = self.current_incident()
        values = incident and ask(
            self,
            self.tr("Close {name}").format(name=incident.name),
            self.tr("Closing records the root cause; open action items stay tracked."),
            [Field("root_cause", self.tr("&Root cause:"), TEXT)],
            accept_text=self.tr("Close incident"),
        )
        if incident and values:
            self._write(partial(register.close_incident, self.services.ctx, incident.id,
                                values["root_cause"]), self.tr("Closing the incident"),
                        lambda _i: self.tr("{name} closed.").format(name=incident.name))

    def write_statement(self) -> None:
        """Find the token (job), ask for the PIN, sign and write the statement (job)."""
        incident = self.current_incident()
        if incident is None:
            return
        self._start()
        self.services.jobs.run(partial(read_token_info, self.services.ctx),
                               name="Finding the token", key=TOKEN,
                               on_success=partial(self._statement_pin, incident.id),
                               on_failure=self._failed)

    def _statement_pin(self, incident_id: int, info: TokenInfo) -> None:
        request = PinRequest(
            info.label,
            info.serial,
            info.pin,
            reason=self.tr("The incident statement is signed with the audit key on the token."),
            demo=self.services.ctx.config.demo,
        )
        answer = self.pin_provider(request, self)
        if answer is None:
            self._say(self.tr("Statement not written: no PIN was entered."))
            self._finish()
            return
        folder = statements_folder(self.services.ctx)
        self.services.jobs.run(
            partial(issue_statement_with_pin, self.services.ctx, answer.pin, incident_id, folder),
            name="Writing the statement", key=TOKEN, on_success=self._statement_written,
            on_failure=self._failed)

    def _statement_written(self, issued: IssuedStatement) -> None:
        self.last_statement = issued
        self._finish()
        self._say(
            self.tr(
                "Statement written: {json_path} (signed: {name}; readable: {readable})."
            ).format(
                json_path=issued.json_path,
                name=issued.signature_path.name,
                readable=issued.html_path.name,
            )
        )
        self.services.refresh_token()
        self.refresh()

    def countersign_statement(self) -> None:
        """A custodian counter-signs the statement last written (their token and PIN)."""
        issued = self.last_statement
        if issued is None or self.busy:
            return
        ctx = self.services.ctx
        countersign_with_dialog(self, ctx, self.services.jobs, str(issued.json_path),
                                issued.sha256,
                                partial(countersign_statement, ctx, issued.json_path),
                                self._countersigned)

    def _countersigned(self, made: Countersigned) -> None:
        self._say(self.tr("Statement counter-signed by custodian {name}: {path}.").format(
            name=made.custodian, path=made.path))
        self.refresh()

    def _write(self, work: Callable[[], Any], name: str, message: Callable[[Any], str], *,
               select_result: bool = False) -> None:
        self._start()

        def done(result: Any) -> None:
            if select_result:
                self._select_after = int(result)
            self._finish()
            self._say(message(result))
            self.refresh()

        self.services.jobs.run(work, name=name, on_success=done, on_failure=self._failed)

    # ---- state -------------------------------------------------------------------------------

    def _start(self) -> None:
        self._pending += 1
        self._update_actions()

    def _finish(self) -> None:
        self._pending = max(0, self._pending - 1)
        self._update_actions()

    def _failed(self, failure: JobFailure) -> None:
        self._finish()
        present_failure(self, failure, title=self.tr("Incidents"))
        self._say(self.tr("Failed: ") + getattr(failure.error, "message", failure_text(failure)))

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.services.notify(text)

    def _update_actions(self) -> None:
        incident = self.current_incident()
        free = not self.busy
        is_open = incident is not None and incident.is_open
        self.open_action.setEnabled(free)
        self.note_action.setEnabled(free and incident is not None)
        for action in (self.link_action, self.add_action_action, self.close_action):
            action.setEnabled(free and is_open)
        self.close_action_action.setEnabled(
            free and self.details.selected_open_action() is not None)
        self.statement_action.setEnabled(free and incident is not None)
        self.countersign_action.setEnabled(free and self.last_statement is not None)
        self.refresh_button.setEnabled(free)
