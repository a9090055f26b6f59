"""The Snapshots page: take, verify and restore snapshots, and reconcile — for a bad hour.

What an administrator needs during an incident or before a risky change, in one place: the
snapshots in the snapshot folder (newest first), *Take snapshot…* (asks why and for the token
PIN: the manifest is signed with the audit key), *Verify* (re-hashes every file, checks the
signature, the timestamp and that the snapshot's log is a prefix of the live one), *Restore to
folder…* (always into a new folder, never over the live installation) and *Reconcile now*
(cross-checks the store, the seal rows, the log and the checkpoints, and writes a signed
report). Every operation runs in a worker; the result is shown as a readable summary below the
table. The same operations are ``sealdesk snapshot create|list|verify``, ``sealdesk restore``
and ``sealdesk reconcile``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sealdesk.core.token import TokenInfo
from sealdesk.services.countersign import Countersigned
from sealdesk.services.reconcile import WrittenReport
from sealdesk.services.reconcile.countersign import countersign_report
from sealdesk.services.snapshots import (
    SnapshotInfo,
    SnapshotVerification,
    list_snapshots,
    snapshot_root,
    verify_snapshot,
)
from sealdesk.services.snapshots.operations import (
    ReconcileOutcome,
    reconcile_and_report,
    take_snapshot,
)
from sealdesk.services.snapshots.restore import RestoreResult, restore_snapshot
from sealdesk.ui.dialogs.countersign_dialog import countersign_with_dialog
from sealdesk.ui.dialogs.pin_dialog import PinProvider, PinRequest, ask_pin
from sealdesk.ui.failures import inline_failure
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.token_status import read_token_info
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure

AnyIndex = QModelIndex | QPersistentModelIndex
COUNT_WORDS = {
    "store_objects": QT_TRANSLATE_NOOP("snapshots_page", "Files in the document store"),
    "seals": QT_TRANSLATE_NOOP("snapshots_page", "Seal records"),
    "seal_events": QT_TRANSLATE_NOOP("snapshots_page", "Seal events in the audit log"),
    "log_entries": QT_TRANSLATE_NOOP("snapshots_page", "Audit log entries"),
    "checkpointed_entries": QT_TRANSLATE_NOOP(
        "snapshots_page", "Entries covered by a signed checkpoint"
    ),
    "staging_files": QT_TRANSLATE_NOOP("snapshots_page", "Unfinished files in staging"),
    "exported_copies": QT_TRANSLATE_NOOP("snapshots_page", "Exported copies recorded in the log"),
    "exported_copies_present": QT_TRANSLATE_NOOP("snapshots_page", "… still present and unchanged"),
    "exported_copies_changed": QT_TRANSLATE_NOOP("snapshots_page", "… changed since export"),
    "exported_copies_unreachable": QT_TRANSLATE_NOOP(
        "snapshots_page", "… not reachable from here (may have left the machine)"
    ),
}
"""Words for the reconciliation's counts (the report keeps its machine names)."""


class SnapshotsModel(QAbstractTableModel):
    """The complete snapshots in the snapshot folder, newest first."""

    TAKEN, REASON, ENTRIES, OBJECTS, STATE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("SnapshotsModel", "Taken (UTC)"),
        QT_TRANSLATE_NOOP("SnapshotsModel", "Reason"),
        QT_TRANSLATE_NOOP("SnapshotsModel", "Log entries"),
        QT_TRANSLATE_NOOP("SnapshotsModel", "Files"),
        QT_TRANSLATE_NOOP("SnapshotsModel", "Checked"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.snapshots: list[SnapshotInfo] = []
        self.checked: dict[str, str] = {}

    def set_snapshots(self, snapshots: list[SnapshotInfo]) -> None:
        self.beginResetModel()
        self.snapshots = sorted(snapshots, key=lambda s: s.name, reverse=True)
        self.endResetModel()

    def set_checked(self, name: str, state: str) -> None:
        self.checked[name] = state
        for row, info in enumerate(self.snapshots):
            if info.name == name:
                index = self.index(row, self.STATE)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.snapshots)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        info = self.snapshots[index.row()]
        return {
            self.TAKEN: info.created.replace("T", " ")[:19],
            self.REASON: info.reason or "—",
            self.ENTRIES: f"{info.tree_size:,}",
            self.OBJECTS: f"{info.objects:,}",
            self.STATE: self.checked.get(info.name, "not checked yet"),
        }[index.column()]


class SnapshotsPage(Page):
    title = QT_TRANSLATE_NOOP("Pages", "Snapshots")

    def __init__(self, services: PageServices, parent: QWidget | None = None,
                 pin_provider: Callable[[], PinProvider] | None = None,
                 choose_folder: Callable[[QWidget], Path | None] | None = None,
                 ask_database_url: Callable[[QWidget], str | None] | None = None) -> None:
        super().__init__(services, parent)
        self._pin_provider = pin_provider or (lambda: ask_pin)
        self._choose_folder = choose_folder or _choose_new_folder
        self._ask_database_url = ask_database_url or _ask_new_database_url
        self.busy = False
        self.model = SnapshotsModel()

        heading = QLabel(self.tr("<h2>Snapshots and reconciliation</h2>"))
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Snapshots"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SnapshotsModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.take_button = self._button(
            self.tr("&Take snapshot…"),
            self.tr("Ctrl+Shift+S"),
            self.take,
            self.tr(
                "Snapshot the database, the document store and the audit "
                "log now (asks for the token PIN to sign the manifest)"
            ),
        )
        self.verify_button = self._button(
            self.tr("&Verify"),
            self.tr("Ctrl+Shift+V"),
            self.verify_selected,
            self.tr(
                "Re-hash every file of the selected snapshot and check "
                "its signature, timestamp and log"
            ),
        )
        self.restore_button = self._button(
            self.tr("&Restore to folder…"),
            "",
            self.restore_selected,
            self.tr(
                "Restore the selected snapshot into a new, empty "
                "folder; the live installation is never touched"
            ),
        )
        self.reconcile_button = self._button(
            self.tr("Re&concile now"),
            self.tr("Ctrl+Shift+R"),
            self.reconcile,
            self.tr(
                "Cross-check the store, the seal records, the audit "
                "log and the checkpoints; write a signed report"
            ),
        )
        self.countersign_button = self._button(
            self.tr("Counter-si&gn report…"), "Ctrl+Shift+G", self.countersign_last_report,
            self.tr("Have a custodian (the incident lead) counter-sign the last reconciliation "
                    "report with their own token"))
        self._last_report: WrittenReport | None = None
        self.refresh_button = self._button(self.tr("Re&fresh"), self.tr("F5"), self.refresh,
                                           self.tr("Read the snapshot folder again"))
        buttons = QHBoxLayout()
        for button in (self.take_button, self.verify_button, self.restore_button,
                       self.reconcile_button, self.countersign_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        self.summary = QTextBrowser()
        self.summary.setAccessibleName(self.tr("Result of the last operation"))
        self.summary.setOpenExternalLinks(False)
        self.summary.setPlaceholderText(
            self.tr("The result of a verification, a restore or a reconciliation appears here."))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.folder_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.summary, 1)
        QWidget.setTabOrder(self.take_button, self.verify_button)
        QWidget.setTabOrder(self.verify_button, self.restore_button)
        QWidget.setTabOrder(self.restore_button, self.reconcile_button)
        QWidget.setTabOrder(self.reconcile_button, self.countersign_button)
        QWidget.setTabOrder(self.countersign_button, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.table)
        QWidget.setTabOrder(self.table, self.summary)
        self._update_buttons()

    # --- the page's life --------------------------------------------------------------------

    def shown(self) -> None:
        self.refresh()

    def write_actions(self) -> list[QWidget]:
        return [self.take_button, self.restore_button, self.reconcile_button,
                self.countersign_button]

    def selected(self) -> SnapshotInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.snapshots[rows[0].row()] if rows else None

    def refresh(self) -> None:
        ctx = self.services.ctx

        def read() -> tuple[Path, list[SnapshotInfo]]:
            root = snapshot_root(ctx)
            return root, list_snapshots(root) if root.is_dir() else []

        self.services.jobs.run(read, name="Reading the snapshot folder",
                                on_success=self._listed, on_failure=self._failed)

    def _listed(self, found: tuple[Path, list[SnapshotInfo]]) -> None:
        root, snapshots = found
        self.model.set_snapshots(snapshots)
        count = self.tr("{count} snapshot{plural}").format(
            count=len(snapshots), plural="s" if len(snapshots) != 1 else ""
        )
        self.folder_label.setText(
            self.tr(
                "Snapshot folder: {folder} — {count}. Keep it apart from the data "
                "folder, ideally on other media."
            ).format(folder=html.escape(str(root)), count=count)
        )
        self._update_buttons()

    # --- operations -------------------------------------------------------------------------

    def take(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Take snapshot"),
            self.tr(
                "Why is this snapshot taken? (recorded in the audit log, "
                "e.g. 'before update to 0.2' or 'incident 12: before restore')"
            ),
        )
        if not ok:
            return
        self._with_pin(self.tr("The snapshot's manifest is signed with the audit key."),
                       lambda pin: self._start(
                           lambda: take_snapshot(self.services.ctx, pin, reason=reason.strip()),
                           self.tr("Taking a snapshot"), self._taken))

    def verify_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        ctx = self.services.ctx
        self.model.set_checked(chosen.name, self.tr("checking…"))
        self._start(
            lambda: verify_snapshot(ctx, chosen.path),
            self.tr("Verifying {name}").format(name=chosen.name),
            self._verified,
            token=False,
        )

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        target = self._choose_folder(self)
        if target is None:
            return
        database_url = None
        if chosen.manifest.get("database", {}).get("kind") == "postgresql":
            database_url = self._ask_database_url(self)  # a PostgreSQL dump needs a new database
            if not database_url:
                return
        ctx = self.services.ctx
        self._start(
            lambda: restore_snapshot(ctx, chosen.path, target, database_url),
            self.tr("Restoring {name}").format(name=chosen.name),
            self._restored,
            token=False,
        )

    def reconcile(self) -> None:
        self._with_pin(self.tr("The reconciliation report is signed with the audit key."),
                       lambda pin: self._start(
                           lambda: reconcile_and_report(self.services.ctx, pin),
                           self.tr("Reconciling"), self._reconciled))

    def countersign_last_report(self) -> None:
        """A custodian counter-signs the last report (dialog with their token and PIN)."""
        report = self._last_report
        if report is None or self.busy:
            return
        ctx = self.services.ctx
        countersign_with_dialog(self, ctx, self.services.jobs, str(report.json_path),
                                report.sha256, partial(countersign_report, ctx, report.json_path),
                                self._countersigned)

    def _countersigned(self, made: Countersigned) -> None:
        self.summary.append(self.tr("<p><b>Counter-signed</b> by custodian {name}: {path} "
                                    "(audit entry {entry}).</p>").format(
            name=html.escape(made.custodian), path=html.escape(str(made.path)),
            entry=made.entry))
        bar = self.summary.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.services.notify(self.tr("Report counter-signed by {name}.").format(
            name=made.custodian))

    # --- results ----------------------------------------------------------------------------

    def _taken(self, result: object) -> None:
        self._show(
            self.tr(
                "<b>Snapshot taken:</b> {snapshot}"
                "<br>{files} file(s) of documents "
                "({copied} copied, {shared} "
                "shared with an earlier snapshot), log of {entries} "
                "entries."
            ).format(
                snapshot=html.escape(str(getattr(result, "path", ""))),
                files=getattr(result, "objects", 0),
                copied=getattr(result, "copied", 0),
                shared=getattr(result, "linked", 0),
                entries=getattr(result, "tree_size", 0),
            )
        )
        self.refresh()

    def _verified(self, result: SnapshotVerification) -> None:
        name = result.path.name
        if result.ok:
            self.model.set_checked(name, self.tr("VERIFIED"))
            self._show(
                self.tr(
                    "<b style='color:#1b7f3b'>VERIFIED</b> {snapshot}: "
                    "{files_checked} file(s) intact; its log of {tree_size} "
                    "entries is a prefix of the live log ({live_size}); timestamped "
                    "{timestamp}."
                ).format(
                    snapshot=html.escape(name),
                    files_checked=result.files_checked,
                    tree_size=result.tree_size,
                    live_size=result.live_size,
                    timestamp=html.escape(result.timestamp),
                )
            )
            return
        self.model.set_checked(name, self.tr("FAILED"))
        items = "".join(f"<li>{html.escape(p)}</li>" for p in result.problems)
        self._show(
            self.tr(
                "<b style='color:#b3261e'>FAILED</b> {snapshot}: "
                "{count} problem(s)<ul>{items}</ul>Do not restore from this "
                "snapshot; verify an older one."
            ).format(snapshot=html.escape(name), count=len(result.problems), items=items)
        )

    def _restored(self, result: RestoreResult) -> None:
        left = "".join(f"<li>{html.escape(str(item))}</li>" for item in result.not_carried)
        self._show(
            self.tr(
                "<b>Restored</b> {snapshot} into "
                "{folder}.<br>{count} seal(s) made "
                "after the snapshot were carried over from the live installation."
            ).format(
                snapshot=html.escape(result.snapshot),
                folder=html.escape(str(result.path)),
                count=len(result.carried_over),
            )
            + (
                self.tr("<br>Its database is the new PostgreSQL database {url}.").format(
                    url=html.escape(result.database_url))
                if result.database_url
                else ""
            )
            + (
                self.tr(
                    "<br><b>Not carried over</b> (listed, nothing dropped silently):<ul>{left}</ul>"
                ).format(left=left)
                if left
                else self.tr("<br>Nothing was left behind.")
            )
            + self.tr(
                "<br>Point SEALDESK_HOME at that folder to use it; the live folder is unchanged."
            )
        )

    def _reconciled(self, outcome: ReconcileOutcome) -> None:
        self._last_report = outcome.report
        self._update_buttons()
        result = outcome.result
        counts = "".join(
            self.tr("<tr><td>{what}</td><td align='right'>{number:,}</td></tr>").format(
                what=html.escape(translate("snapshots_page", COUNT_WORDS.get(k, k))), number=v
            )
            for k, v in result.counts.items()
        )
        findings = "".join(
            self.tr("<li><b>{kind}</b> {subject}: {detail}. <i>{action}</i></li>").format(
                kind=html.escape(f.kind),
                subject=html.escape(f.subject),
                detail=html.escape(f.detail),
                action=html.escape(f.action),
            )
            for f in result.findings
        )
        verdict = (
            self.tr("<b style='color:#1b7f3b'>Everything reconciles.</b>")
            if result.clean
            else self.tr("<b style='color:#b3261e'>{count} finding(s)</b>").format(
                count=len(result.findings)
            )
        )
        copies = "".join(
            f"<li><b>{html.escape(c.state)}</b> {html.escape(c.path)}. "
            f"<i>{html.escape(c.action)}</i></li>"
            for c in result.exported_copies if c.state != "present")
        self._show(
            f"{verdict}<table>{counts}</table>"
            + (f"<ul>{findings}</ul>" if findings else "")
            + (self.tr("Exported copies that changed or cannot be reached from here:")
               + f"<ul>{copies}</ul>" if copies else "")
            + self.tr("Signed report: {report}").format(
                report=html.escape(str(outcome.report.json_path))
            )
        )

    # --- plumbing ---------------------------------------------------------------------------

    def _button(self, text: str, shortcut: str, slot: Callable[[], None],
                tooltip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip + (f" ({shortcut})" if shortcut else ""))
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
        button.clicked.connect(slot)
        return button

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        writable = not self.services.read_only
        self.take_button.setEnabled(writable and not self.busy)
        self.reconcile_button.setEnabled(writable and not self.busy)
        self.countersign_button.setEnabled(
            writable and not self.busy and getattr(self, "_last_report", None) is not None)
        self.verify_button.setEnabled(chosen and not self.busy)
        self.restore_button.setEnabled(chosen and writable and not self.busy)
        why = "" if chosen else self.tr(" — select a snapshot first")
        self.verify_button.setStatusTip(why)

    def _with_pin(self, reason: str, then: Callable[[str | None], None]) -> None:
        """Find the token (worker), ask for its PIN (GUI thread), then go on with it."""
        if self.busy:
            return

        def ask(info: TokenInfo) -> None:
            request = PinRequest(info.label, info.serial, info.pin, reason=reason,
                                 demo=self.services.ctx.config.demo)
            answer = self._pin_provider()(request, self)
            if answer is None:
                self._show(self.tr("Cancelled: no PIN was entered."))
                return
            then(answer.pin)

        self.services.jobs.run(lambda: read_token_info(self.services.ctx),
                                name="Finding the token", key=TOKEN, on_success=ask,
                                on_failure=self._failed)

    def _start(self, work: Callable[[], object], name: str,
               done: Callable[[object], None], *, token: bool = True) -> None:
        self.busy = True
        self._update_buttons()
        self.services.notify(f"{name}…")

        def finished(result: object) -> None:
            self.busy = False
            self._update_buttons()
            self.services.notify(self.tr("{name}: done.").format(name=name))
            done(result)

        self.services.jobs.run(work, name=name, key=TOKEN if token else None,
                                on_success=finished, on_failure=self._failed)

    def _failed(self, failure: JobFailure) -> None:
        """The failure beside the result (and in a dialog when it is a bug, with its report)."""
        self.busy = False
        self._update_buttons()
        self._show(
            self.tr("<b>Failed:</b> {reason}").format(
                reason=html.escape(inline_failure(self, failure))
            )
        )

    def _show(self, text: str) -> None:
        self.summary.setHtml(text)


def _choose_new_folder(parent: QWidget) -> Path | None:
    folder = QFileDialog.getExistingDirectory(
        parent,
        translate(
            "snapshots_page", "Restore into which new folder? (choose or create an empty one)"
        ),
    )
    return Path(folder) if folder else None


def _ask_new_database_url(parent: QWidget) -> str | None:
    """The new, empty PostgreSQL database a PostgreSQL snapshot is restored into."""
    url, ok = QInputDialog.getText(
        parent,
        translate("snapshots_page", "Restore into which new database?"),
        translate(
            "snapshots_page",
            "This snapshot holds a PostgreSQL database.\n"
            "Create a new, empty database first (createdb NEWDB) and enter its URL,\n"
            "e.g. postgresql://user@host:5432/NEWDB.\n\n"
            "The live database and any database with tables are refused.\n"
            "Put the password in ~/.pgpass, never in the URL.",
        ),
    )
    return url.strip() if ok and url.strip() else None
