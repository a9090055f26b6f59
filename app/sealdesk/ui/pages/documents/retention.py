"""Retention and legal hold on the Documents page: a "Retention" column and three audited acts.

The column is an identity proxy that adds one column to the documents model (the model itself is
shared with other pages and stays as it is): for each row whose original SealDesk sealed, the
class, the due date and any legal hold, as the audit log proves them
(:func:`sealdesk.services.retention.retention_overview`), read in a worker.

The acts (place a hold, release one, change the class) each ask for a reason in
:class:`RetentionDialog`, run :mod:`sealdesk.services.retention` in a worker and are recorded
in the audit log with who, when and why. Releasing a hold and changing the class are signed
acts (:mod:`sealdesk.ui.signed_acts`): the job asks the console token's PIN through the page's
PIN provider once the act's checks passed. Strings go through ``self.tr`` for translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sealdesk.services import retention
from sealdesk.services.retention import DocumentStatus
from sealdesk.ui.dialogs.pin_dialog import PinProvider
from sealdesk.ui.failures import present_failure
from sealdesk.ui.pages.base import PageServices
from sealdesk.ui.signed_acts import signed_act, signing_reason
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import TOKEN, JobFailure

AnyIndex = QModelIndex | QPersistentModelIndex




class RetentionColumn(QIdentityProxyModel):
    """The documents model plus a last column, "Retention" (see the module docstring)."""

    def __init__(self, row_role: int, sort_role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._row_role, self._sort_role = row_role, sort_role
        self.statuses: dict[str, DocumentStatus] = {}

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        """The column's text follows its row: a row's SHA-256 arrives after the intake check,
        so a change of the row is a change of its Retention cell too."""
        super().setSourceModel(source)
        source.dataChanged.connect(self._row_changed)

    def _row_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        self.dataChanged.emit(self.index(top_left.row(), self.column),
                              self.index(bottom_right.row(), self.column))

    @property
    def column(self) -> int:
        source = self.sourceModel()
        return source.columnCount() if source is not None else 0

    def set_statuses(self, statuses: Sequence[DocumentStatus]) -> None:
        self.statuses = {s.document_sha256: s for s in statuses}
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, self.column), self.index(rows - 1, self.column))

    def status_of_row(self, row: int) -> DocumentStatus | None:
        document = self.sourceModel().index(row, 0).data(self._row_role)
        sha = getattr(document, "sha256", "")
        return self.statuses.get(sha) if sha else None

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column + 1

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column == self.column and not parent.isValid() and 0 <= row < self.rowCount():
            return self.createIndex(row, column)
        return super().index(row, column, parent)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def mapToSource(self, proxy: AnyIndex) -> QModelIndex:
        if proxy.isValid() and proxy.column() == self.column:
            return QModelIndex()
        return super().mapToSource(proxy)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if index.isValid() and index.column() == self.column:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return super().flags(index)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == self.column:
            if role == Qt.ItemDataRole.DisplayRole:
                return translate("RetentionColumn", "Retention")
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("RetentionColumn",
                                 "Retention class, due date and legal holds, as the audit log "
                                 "proves them")
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != self.column:
            return super().data(index, role)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        self._sort_role):
            if role >= Qt.ItemDataRole.UserRole:  # the row's own roles (RowRole, PathRole)
                return super().data(self.index(index.row(), 0), role)
            return None
        status = self.status_of_row(index.row())
        if status is None:
            return "" if role != Qt.ItemDataRole.ToolTipRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_status(status)
        return short_status(status)


def short_status(status: DocumentStatus) -> str:
    """What the column shows: "HOLD · contracts · 2022-12-31", "DUE · …" (retention ended, no
    hold), "invoices · 2036-05-01", or "Deleted (event N)"."""
    if status.deleted_entry is not None:
        return translate("RetentionColumn", "Deleted (event {n})").format(n=status.deleted_entry)
    parts = [status.class_name or translate("RetentionColumn", "no class")]
    if status.due is not None:
        parts.append(f"{status.due:%Y-%m-%d}")
    text = " · ".join(parts)
    if status.holds:
        return translate("RetentionColumn", "HOLD · {text}").format(text=text)
    return translate("RetentionColumn",
                     "DUE · {text}").format(text=text) if status.state == "due" else text


def describe_status(status: DocumentStatus) -> str:
    """The tooltip: class, due date, each hold with its case, who placed it and why."""
    if status.deleted_entry is not None:
        return translate("RetentionColumn",
                         "Deleted under retention (event {n}); the seal's hashes and the audit "
                         "events remain.").format(n=status.deleted_entry)
    none = translate("RetentionColumn", "none")
    lines = [translate("RetentionColumn", "Retention class: {c}").format(
        c=status.class_name or none)]
    if status.due is not None:
        lines.append(translate("RetentionColumn",
                               "Retention ends: {d}").format(d=f"{status.due:%Y-%m-%d}"))
    elif status.class_name:
        lines.append(translate("RetentionColumn", "The retention clock has not started yet."))
    for hold in status.holds:
        lines.append(translate("RetentionColumn",
                               "Legal hold {case}: {reason} (by {who}, {when}, event {n})").format(
            case=hold.case, reason=hold.reason, who=hold.placed_by,
            when=f"{hold.placed_at:%Y-%m-%d}", n=hold.placed_entry))
    return "\n".join(lines)


class RetentionDialog(QDialog):
    """Asks for what an audited retention act needs: a case, a class, and always a reason."""

    HOLD, RELEASE, CLASS = "hold", "release", "class"

    def __init__(self, mode: str, names: Sequence[str], *, cases: Sequence[str] = (),
                 classes: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        titles = {self.HOLD: self.tr("Place legal hold"),
                  self.RELEASE: self.tr("Release legal hold"),
                  self.CLASS: self.tr("Change retention class")}
        self.setWindowTitle(titles[mode])
        self.setMinimumWidth(460)
        shown = ", ".join(names[:3]) + (self.tr(" and {n} more").format(n=len(names) - 3)
                                        if len(names) > 3 else "")
        intro = QLabel(self.tr("Documents: {names}").format(names=shown))
        intro.setWordWrap(True)
        self.case = QLineEdit()
        self.case.setPlaceholderText(self.tr("e.g. LIT-2026-014"))
        self.case.setAccessibleName(self.tr("Case reference"))
        self.case_choice = QComboBox()
        self.case_choice.addItems(list(cases))
        self.case_choice.setAccessibleName(self.tr("Case reference"))
        self.class_choice = QComboBox()
        self.class_choice.addItems(list(classes))
        self.class_choice.setAccessibleName(self.tr("Retention class"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why — recorded in the audit log with your name "
                                               "and the time"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setFixedHeight(90)
        form = QFormLayout()
        if mode == self.HOLD:
            form.addRow(self.tr("Case reference:"), self.case)
        elif mode == self.RELEASE:
            form.addRow(self.tr("Case reference:"), self.case_choice)
        else:
            form.addRow(self.tr("New class:"), self.class_choice)
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(titles[mode])
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.case.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def values(self) -> dict[str, str]:
        reason = self.reason.toPlainText().strip()
        if self.mode == self.HOLD:
            return {"case": self.case.text().strip(), "reason": reason}
        if self.mode == self.RELEASE:
            return {"case": self.case_choice.currentText(), "reason": reason}
        return {"class_name": self.class_choice.currentText(), "reason": reason}

    def _update(self) -> None:
        values = self.values()
        ready = all(values.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)


class RetentionActions(QObject):
    """The three acts, their menu button, and the column kept current (see the module)."""

    changed = Signal()

    def __init__(self, services: PageServices, column: RetentionColumn,
                 selected_shas: Callable[[], list[str]], parent: QWidget,
                 pin_provider: Callable[[], PinProvider]) -> None:
        super().__init__(parent)
        self.services, self.column, self._selected = services, column, selected_shas
        self._pin_provider = pin_provider
        self._parent = parent
        self.place = QAction(self.tr("Place legal &hold…"), parent)
        self.release = QAction(self.tr("Re&lease legal hold…"), parent)
        self.change_class = QAction(self.tr("Change retention &class…"), parent)
        self.tips = {
            self.place: self.tr("Place a legal hold on the selected sealed documents: nothing "
                                "deletes them until it is released"),
            self.release: self.tr("Release a legal hold of the selected documents (audited)"),
            self.change_class: self.tr("Give the selected sealed documents another retention "
                                       "class of the signing policy (audited)"),
        }
        for action, tip in self.tips.items():
            action.setToolTip(tip)
        self.place.triggered.connect(lambda: self.ask(RetentionDialog.HOLD))
        self.release.triggered.connect(lambda: self.ask(RetentionDialog.RELEASE))
        self.change_class.triggered.connect(lambda: self.ask(RetentionDialog.CLASS))
        self.dialog: RetentionDialog | None = None
        for action in self.menu_actions():
            action.setEnabled(False)  # until a sealed document is selected

    def menu_actions(self) -> list[QAction]:
        return [self.place, self.release, self.change_class]

    def button(self) -> QToolButton:
        """A toolbar button "Retention" opening the three acts."""
        button = QToolButton()
        button.setText(self.tr("Retention"))
        button.setAccessibleName(self.tr("Retention and legal hold"))
        button.setToolTip(self.tr("Legal hold and retention class of the selected documents"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for action in self.menu_actions():
            button.addAction(action)
        return button

    def statuses(self) -> list[DocumentStatus]:
        return [s for sha in self._selected() if (s := self.column.statuses.get(sha))]

    def update_enabled(self) -> None:
        live = [s for s in self.statuses() if s.deleted_entry is None]
        writable = not self.services.read_only
        self.place.setEnabled(writable and bool(live))
        self.change_class.setEnabled(writable and bool(live))
        self.release.setEnabled(writable and any(s.holds for s in live))

    def refresh(self) -> None:
        """Re-read every document's retention from the log, in a worker."""
        self.services.jobs.run(lambda: retention.retention_overview(self.services.ctx),
                               name="retention overview", on_success=self._loaded,
                               on_failure=lambda _f: None)

    def _loaded(self, statuses: list[DocumentStatus]) -> None:
        self.column.set_statuses(statuses)
        self.update_enabled()
        self.changed.emit()

    def ask(self, mode: str) -> None:
        """Open the reason dialog for ``mode``; the act runs when it is accepted."""
        statuses = [s for s in self.statuses() if s.deleted_entry is None]
        if not statuses:
            return
        cases = sorted({h.case for s in statuses for h in s.holds})
        classes: list[str] = []
        if mode == RetentionDialog.CLASS:
            rules, _version = retention.retention_rules(self.services.ctx)
            classes = [c.name for c in rules.classes]
        self.dialog = RetentionDialog(mode, [s.name for s in statuses], cases=cases,
                                      classes=classes, parent=self._parent)
        self.dialog.accepted.connect(lambda: self._act(mode, statuses))
        self.dialog.open()

    def _act(self, mode: str, statuses: list[DocumentStatus]) -> None:
        assert self.dialog is not None
        values = self.dialog.values()
        shas = [s.document_sha256 for s in statuses]
        ctx = self.services.ctx
        calls = {
            RetentionDialog.HOLD: lambda: retention.place_hold(ctx, shas, **values),
            RetentionDialog.RELEASE: lambda: retention.release_hold(ctx, shas, **values),
            RetentionDialog.CLASS: lambda: retention.set_class(
                ctx, shas, values["class_name"], reason=values["reason"]),
        }
        if mode == RetentionDialog.HOLD:  # a hold only keeps documents: no PIN needed
            self.services.jobs.run(calls[mode], name=f"retention {mode}",
                                   on_success=self._done, on_failure=self._failed)
            return
        what = (self.tr("Releasing this legal hold") if mode == RetentionDialog.RELEASE else
                self.tr("Changing the retention class"))
        work = signed_act(self.services.jobs, ctx, self._pin_provider, self._parent,
                          signing_reason(what), calls[mode])
        self.services.jobs.run(work, name=f"retention {mode}", key=TOKEN,
                               on_success=self._done, on_failure=self._failed)

    def _done(self, results: list[retention.ActResult]) -> None:
        entries = ", ".join(str(r.entry) for r in results)
        self.services.notify(self.tr("Recorded in the audit log (entries {e}).").format(
            e=entries))
        self.refresh()

    def _failed(self, failure: JobFailure) -> None:
        present_failure(self._parent, failure, title=self.tr("Retention"))
        self.refresh()
