"""Table model of the Roles page: one row per role held, with the log entry that granted it.

Rows are :class:`~sealdesk.services.access.admin.AssignmentView` values (a handful per
installation), so the model is a :class:`~sealdesk.ui.models.keys_model.RowsModel` like the
Keys page's tables: selection survives a refresh that brings the same assignments back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from sealdesk.services.access.admin import AssignmentView
from sealdesk.ui.models.keys_model import RowsModel
from sealdesk.ui.translations import translate


def role_name(role: str) -> str:
    """The role as people call it (translated), from its stored value."""
    names = {"operator": translate("RolesTableModel", "Operator"),
             "custodian": translate("RolesTableModel", "Custodian"),
             "auditor": translate("RolesTableModel", "Auditor"),
             "administrator": translate("RolesTableModel", "Administrator")}
    return names.get(role, role)


def source_text(source: str) -> str:
    """How the role was given, in words: set-up, a direct grant, or an approved proposal."""
    if source == "bootstrap (implicit)":
        return translate("RolesTableModel", "installation owner (no role assigned yet)")
    if source == "bootstrap":
        return translate("RolesTableModel", "installation owner (set-up)")
    if source == "direct":
        return translate("RolesTableModel", "granted by an administrator")
    if source.startswith("proposal "):
        return translate("RolesTableModel",
                         "approved by the custodians ({proposal})").format(proposal=source)
    return source


def person_text(view: AssignmentView) -> str:
    if view.any_name:
        return translate("RolesTableModel", "{account} (any name)").format(account=view.os_user)
    return translate("RolesTableModel",
                     "{account} as “{name}”").format(account=view.os_user, name=view.operator)


class RolesTableModel(RowsModel):
    ROLE, PERSON, UID, GRANTED, BY, HOW, ENTRY = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent, identity=lambda r: (r.os_user, r.operator, r.role))
        self.headers = (self.tr("Role"), self.tr("Held by"), self.tr("User id"),
                        self.tr("Granted (UTC)"), self.tr("Granted by"), self.tr("How"),
                        self.tr("Log entry"))
        self.HEADERS = self.headers  # type: ignore[misc]  # RowsModel counts columns by it

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def display(self, row: AssignmentView, column: int) -> str:
        if column == self.ROLE:
            return role_name(row.role.value)
        if column == self.PERSON:
            return person_text(row)
        if column == self.UID:
            return "" if row.os_uid is None else str(row.os_uid)
        if column == self.GRANTED:
            return row.granted_at.strftime("%Y-%m-%d %H:%M") if row.granted_at else \
                self.tr("since set-up")
        if column == self.BY:
            return row.granted_by.split(" (os:", 1)[0]
        if column == self.HOW:
            return source_text(row.source)
        return "" if row.entry is None else str(row.entry)

    def sort_value(self, row: AssignmentView, column: int) -> Any:
        if column == self.ENTRY:
            return -1 if row.entry is None else row.entry
        if column == self.UID:
            return -1 if row.os_uid is None else row.os_uid
        return self.display(row, column)

    def tooltip(self, row: AssignmentView, column: int) -> str:
        if row.entry is None:
            return self.tr("No log entry yet: the installation's owner holds every role until "
                           "the first role change is recorded.")
        return self.tr("Granted by audit log entry {entry} (hash {hash}). Select the row and "
                       "choose Show proof to check it against a signed checkpoint.").format(
            entry=row.entry, hash=row.entry_hash[:16] + "…")
