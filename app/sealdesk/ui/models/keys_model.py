"""Table models of the Keys & certificates page: token slots, keys with expiry, proposals.

Each model holds a short list of frozen rows (a token has a handful of keys, a console a few
proposals). :meth:`RowsModel.set_rows` keeps the view's selection when the same rows come back
with new values (``dataChanged``) and resets only when rows appear or disappear. Sorting is left
to a proxy over :data:`RowsModel.SortRole` (native values: dates sort as dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.services.keys.inventory import ExpiryLevel, KeyRow, TokenRow
from sealdesk.services.keys.views import ProposalView
from sealdesk.ui.status_colors import DANGER, INFO, MUTED, OK, WARNING
from sealdesk.ui.translations import translate

AnyIndex = QModelIndex | QPersistentModelIndex
EXPIRY_COLORS = {ExpiryLevel.NOTICE: INFO, ExpiryLevel.WARNING: WARNING,
                 ExpiryLevel.CRITICAL: DANGER, ExpiryLevel.EXPIRED: DANGER}
STATUS_COLORS = {ProposalStatus.PROPOSED: INFO, ProposalStatus.APPROVED: OK,
                 ProposalStatus.EXECUTING: WARNING, ProposalStatus.EXECUTED: OK,
                 ProposalStatus.REJECTED: DANGER, ProposalStatus.EXPIRED: MUTED}


STATUS_WORDS = {
    ProposalStatus.PROPOSED: QT_TRANSLATE_NOOP("ProposalStatus", "proposed"),
    ProposalStatus.APPROVED: QT_TRANSLATE_NOOP("ProposalStatus", "approved"),
    ProposalStatus.EXECUTING: QT_TRANSLATE_NOOP("ProposalStatus", "executing"),
    ProposalStatus.EXECUTED: QT_TRANSLATE_NOOP("ProposalStatus", "executed"),
    ProposalStatus.REJECTED: QT_TRANSLATE_NOOP("ProposalStatus", "rejected"),
    ProposalStatus.EXPIRED: QT_TRANSLATE_NOOP("ProposalStatus", "expired"),
}
"""A proposal's status as shown (translated where displayed: :func:`status_text`)."""

ACTION_TITLES = (
    QT_TRANSLATE_NOOP("ActionType", "Rotate the seal key"),
    QT_TRANSLATE_NOOP("ActionType", "Rotate the audit key"),
    QT_TRANSLATE_NOOP("ActionType", "Retire a key"),
    QT_TRANSLATE_NOOP("ActionType", "Change the quorum policy"),
    QT_TRANSLATE_NOOP("ActionType", "Add a custodian"),
    QT_TRANSLATE_NOOP("ActionType", "Remove a custodian"),
    QT_TRANSLATE_NOOP("ActionType", "Grant a role"),
    QT_TRANSLATE_NOOP("ActionType", "Revoke a role"),
    QT_TRANSLATE_NOOP("ActionType", "Change the signing policy"),
    QT_TRANSLATE_NOOP("ActionType", "Register a standby seal token"),
    QT_TRANSLATE_NOOP("ActionType", "Delete documents at the end of retention"),
)
"""The core's action titles (core has no Qt), marked here; :func:`action_title` shows them."""

KEY_STATUS_WORDS = (
    QT_TRANSLATE_NOOP("KeyStatus", "active"),
    QT_TRANSLATE_NOOP("KeyStatus", "pending"),
    QT_TRANSLATE_NOOP("KeyStatus", "retired"),
    QT_TRANSLATE_NOOP("KeyStatus", "standby"),
)


def status_text(status: ProposalStatus) -> str:
    """A proposal status in the GUI's language (the English word is the CLI's)."""
    return translate("ProposalStatus", STATUS_WORDS.get(status, str(status)))


def action_title(action: Any) -> str:
    """An action's title (``ActionType.title``) in the GUI's language."""
    return translate("ActionType", action.title)


def key_status_text(status: str) -> str:
    """A key registry status ("active", "pending", "retired") in the GUI's language."""
    return translate("KeyStatus", status)


def expiry_words(not_after: dt.datetime, now: dt.datetime) -> str:
    """What :func:`~sealdesk.services.keys.inventory.expiry_text` says, translated."""
    days = (not_after - now).days
    if not_after <= now:
        return translate("KeysTableModel", "expired {days} days ago").format(
            days=(now - not_after).days)
    if days == 0:
        return translate("KeysTableModel", "expires today")
    if days == 1:
        return translate("KeysTableModel", "expires in 1 day")
    return translate("KeysTableModel", "expires in {days} days").format(days=days)


def _utc(moment: dt.datetime | None) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") if moment else ""


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows; subclasses say what each cell shows."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    RowRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None, *, identity: Callable[[Any], object] = id) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._identity = identity

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        same = [self._identity(r) for r in rows] == [self._identity(r) for r in self._rows]
        if same and rows:
            self._rows = list(rows)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == self.RowRole:
            return row
        if role == self.SortRole:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.color(row, column)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column) or None
        return None

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        return self.display(row, column)

    def color(self, row: Any, column: int) -> str:
        return ""

    def tooltip(self, row: Any, column: int) -> str:
        return ""


class SlotsTableModel(RowsModel):
    """The module's tokens, the configured seal token first."""

    LABEL, SERIAL, MODEL, SLOT, USE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("SlotsTableModel", "Token"),
        QT_TRANSLATE_NOOP("SlotsTableModel", "Serial"),
        QT_TRANSLATE_NOOP("SlotsTableModel", "Model"),
        QT_TRANSLATE_NOOP("SlotsTableModel", "Slot"),
        QT_TRANSLATE_NOOP("SlotsTableModel", "Use"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent, identity=lambda r: (r.slot_id, r.serial))

    def set_rows(self, rows: Sequence[Any]) -> None:
        super().set_rows(sorted(rows, key=lambda r: (not r.configured, r.label)))

    def display(self, row: TokenRow, column: int) -> str:
        values = (row.label, row.serial, row.model, str(row.slot_id),
                  self.tr("seal and audit keys (configured)") if row.configured else "")
        return values[column]

    def color(self, row: TokenRow, column: int) -> str:
        return WARNING if row.pin_warning and column == self.LABEL else ""

    def tooltip(self, row: TokenRow, column: int) -> str:
        return row.pin_warning


class KeysTableModel(RowsModel):
    """Keys on the configured token; the expiry column is coloured at 90/30/7 days."""

    LABEL, ROLE, ALGORITHM, SUBJECT, EXPIRES, STATUS = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("KeysTableModel", "Key label"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Used for"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Algorithm"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Certificate subject"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Valid until"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Expiry"),
    )

    def __init__(self, parent: Any = None, now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent, identity=lambda r: (r.label, r.key_id))
        self._now = now or (lambda: dt.datetime.now(dt.UTC))

    def display(self, row: KeyRow, column: int) -> str:
        if column == self.LABEL:
            return row.label
        if column == self.ROLE:
            role = {"seal": self.tr("Seals"), "audit": self.tr("Audit checkpoints")}.get(
                row.role, ""
            )
            status = row.registry_status
            if status and status != "active":
                word = key_status_text(status)
                return f"{role} ({word})" if role else word[:1].upper() + word[1:]
            return role or "—"
        if column == self.ALGORITHM:
            return row.algorithm
        if column == self.SUBJECT:
            return _cn(row.subject) if row.subject else self.tr("(no certificate)")
        if column == self.EXPIRES:
            return _utc(row.not_after)
        if row.not_after is None:
            return ""
        return expiry_words(row.not_after, self._now())

    def sort_value(self, row: KeyRow, column: int) -> Any:
        if column in (self.EXPIRES, self.STATUS):
            return row.not_after.timestamp() if row.not_after else float("inf")
        return self.display(row, column)

    def color(self, row: KeyRow, column: int) -> str:
        if row.registry_status == "retired":
            return MUTED
        level = row.level(self._now())
        if column in (self.EXPIRES, self.STATUS) and level is not None:
            return EXPIRY_COLORS.get(level, "")
        return ""

    def tooltip(self, row: KeyRow, column: int) -> str:
        if not row.subject:
            return ""
        return self.tr(
            "Subject: {subject}\nIssuer: {issuer}\n"
            "Certificate SHA-256: {certificate_sha256}\nKey id: {key_id}"
        ).format(
            subject=row.subject,
            issuer=row.issuer,
            certificate_sha256=row.certificate_sha256,
            key_id=row.key_id,
        )


class ProposalsTableModel(RowsModel):
    ID, ACTION, CHANGE, STATUS, APPROVALS, PROPOSER, EXPIRES = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Proposal"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Action"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Change"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Status"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Approvals"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Proposed by"),
        QT_TRANSLATE_NOOP("ProposalsTableModel", "Expires"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent, identity=lambda r: r.proposal_id)

    def display(self, row: ProposalView, column: int) -> str:
        content = row.content
        if column == self.ID:
            return row.proposal_id
        if column == self.ACTION:
            return action_title(content.action)
        if column == self.CHANGE:
            return change_text(row)
        if column == self.STATUS:
            return self.tr("integrity problem") if row.problem else status_text(row.status)
        if column == self.APPROVALS:
            rejected = (
                self.tr(", {rejections} rejected").format(rejections=row.rejections)
                if row.rejections
                else ""
            )
            return self.tr("{approvals} of {required}{rejected}").format(
                approvals=row.approvals, required=row.required, rejected=rejected
            )
        if column == self.PROPOSER:
            return content.proposer.split(" (os:", 1)[0]
        return _utc(content.expires)

    def sort_value(self, row: ProposalView, column: int) -> Any:
        if column == self.EXPIRES:
            return row.content.expires.timestamp()
        if column == self.APPROVALS:
            return row.approvals
        return self.display(row, column)

    def color(self, row: ProposalView, column: int) -> str:
        if column != self.STATUS:
            return ""
        return DANGER if row.problem else STATUS_COLORS.get(row.status, "")

    def tooltip(self, row: ProposalView, column: int) -> str:
        params = row.content.params
        algorithm = (
            self.tr("\nNew key: {algorithm}").format(algorithm=params["algorithm"])
            if "algorithm" in params
            else ""
        )
        return self.tr("Reason: {reason}{algorithm}\nHash: {sha256}").format(
            reason=row.content.reason, algorithm=algorithm, sha256=row.sha256
        )


def change_text(view: ProposalView) -> str:
    """One line saying what the proposal changes."""
    target, params = view.content.target, view.content.params
    if view.content.action.rotates_key:
        return f"{target.get('label', '?')} → {params.get('label')}"
    if "name" in target:
        return str(target["name"])
    if "thresholds" in params:
        values = sorted(set(params["thresholds"].values()))
        return translate("keys_model", "thresholds ") + "/".join(str(v) for v in values)
    return str(target.get("label", ""))


def _cn(subject: str) -> str:
    for part in subject.split(","):
        if part.startswith("CN="):
            return part[3:]
    return subject
