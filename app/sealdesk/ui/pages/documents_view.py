"""The Documents page's widgets that need no page state: its actions, toolbar and table view.

Kept apart from the page so the page module holds behaviour only (intake, sealing, preview).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QToolBar, QWidget

from sealdesk.ui.models.documents_model import DocumentsTableModel as M
from sealdesk.ui.style import themed_icon


class DocumentCommands:
    """The page's actions; the page connects them and keeps their enabled state current."""

    def __init__(self, owner: QWidget) -> None:
        sp = QStyle.StandardPixmap
        icon = owner.style().standardIcon
        seal_icon = themed_icon("action-seal", sp.SP_DialogApplyButton)
        self.add = QAction(icon(sp.SP_DialogOpenButton), "Add files…", owner)
        self.add.setToolTip("Add PDF documents (Ctrl+O)")
        self.seal_selected = QAction(seal_icon, "Seal selected", owner)
        self.seal_selected.setToolTip("Seal the selected documents with the token")
        self.seal_all = QAction(seal_icon, "Seal all", owner)
        self.seal_all.setToolTip("Seal every document that is ready")
        self.remove = QAction(icon(sp.SP_TrashIcon), "Remove", owner)
        self.remove.setToolTip("Remove from the list (sealed copies stay in the store)")
        self.remove.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save = QAction(icon(sp.SP_DialogSaveButton), "Save sealed copy…", owner)
        self.save.setToolTip("Save a copy of the selected sealed document")
        for action in (self.add, self.seal_selected, self.seal_all, self.remove, self.save):
            owner.addAction(action)

    def toolbar(self) -> QToolBar:
        bar = QToolBar("Document actions")
        bar.setAccessibleName("Document actions")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.add, self.seal_selected, self.seal_all, self.remove):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.save)
        return bar


def documents_table(model: QAbstractItemModel) -> QTableView:
    """A sortable, row-selecting view; columns whose text changes during a batch are fixed."""
    table = QTableView()
    table.setAccessibleName("Documents")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # insertion order until asked
    header.setSectionResizeMode(M.NAME, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(M.SIZE, QHeaderView.ResizeMode.ResizeToContents)
    metrics = table.fontMetrics()
    widths = {M.SHA256: metrics.horizontalAdvance("0123456789ab…") + 24,
              M.STATUS: metrics.horizontalAdvance("Already sealed") + 48}
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width)
    return table
