"""The Documents page's widgets that need no page state: its actions, toolbar and table view.

Kept apart from the page so the page module holds behaviour only (intake, sealing, preview).
Every action has a keyboard shortcut and appears in the window's Documents menu (see
:meth:`DocumentCommands.menu_actions`); the toolbar's buttons take Tab focus, and Tab leaves the
table instead of walking its cells, so the whole page works without a mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QToolBar, QWidget

from sealdesk.ui.models.documents_model import DocumentsTableModel as M
from sealdesk.ui.style import themed_icon
from sealdesk.ui.translations import translate

SEAL_SELECTED_KEYS = QKeySequence("Ctrl+Return")
SEAL_ALL_KEYS = QKeySequence("Ctrl+Shift+Return")
SAVE_ALL_KEYS = QKeySequence("Ctrl+Shift+S")


class DocumentCommands:
    """The page's actions; the page connects them and keeps their enabled state current.

    ``tips`` holds each action's tooltip while it is enabled; the page replaces a disabled
    action's tooltip by the reason it is disabled.
    """

    def __init__(self, owner: QWidget) -> None:
        sp = QStyle.StandardPixmap
        icon = owner.style().standardIcon
        seal_icon = themed_icon("action-seal", sp.SP_DialogApplyButton)
        self.add = QAction(
            icon(sp.SP_DialogOpenButton), translate("DocumentCommands", "&Add files…"), owner
        )
        self.add.setShortcut(QKeySequence.StandardKey.Open)
        self.seal_selected = QAction(
            seal_icon, translate("DocumentCommands", "&Seal selected"), owner
        )
        self.seal_selected.setShortcut(SEAL_SELECTED_KEYS)
        self.seal_all = QAction(seal_icon, translate("DocumentCommands", "Seal &all"), owner)
        self.seal_all.setShortcut(SEAL_ALL_KEYS)
        self.remove = QAction(
            icon(sp.SP_TrashIcon), translate("DocumentCommands", "&Remove from list"), owner
        )
        self.remove.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save = QAction(
            icon(sp.SP_DialogSaveButton), translate("DocumentCommands", "Save sealed &copy…"), owner
        )
        self.save_all = QAction(
            icon(sp.SP_DialogSaveButton),
            translate("DocumentCommands", "Save a&ll sealed copies…"),
            owner,
        )
        self.save_all.setShortcut(SAVE_ALL_KEYS)
        self.tips = {
            self.add: translate("DocumentCommands", "Add PDF documents to seal"),
            self.seal_selected: translate(
                "DocumentCommands", "Seal the selected documents with the token"
            ),
            self.seal_all: translate("DocumentCommands", "Seal every document that is ready"),
            self.remove: translate(
                "DocumentCommands", "Remove from the list (sealed copies stay in the store)"
            ),
            self.save: translate("DocumentCommands", "Save a copy of the selected sealed document"),
            self.save_all: translate(
                "DocumentCommands", "Save every sealed copy in the list to a folder"
            ),
        }
        for action, tip in self.tips.items():
            action.setToolTip(with_keys(tip, action))
            owner.addAction(action)

    def menu_actions(self) -> list[QAction | None]:
        """The window's Documents menu, in order (None: a separator)."""
        return [self.add, None, self.seal_selected, self.seal_all, None, self.save,
                self.save_all, None, self.remove]

    def toolbar(self) -> QToolBar:
        bar = QToolBar(translate("DocumentCommands", "Document actions"))
        bar.setAccessibleName(translate("DocumentCommands", "Document actions"))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.add, self.seal_selected, self.seal_all, self.remove):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.save)
        bar.addAction(self.save_all)
        for action in (self.add, self.seal_selected, self.seal_all, self.remove, self.save,
                       self.save_all):
            button = bar.widgetForAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # toolbars default to NoFocus
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        return bar

    def buttons(self, bar: QToolBar) -> list[QWidget]:
        """The toolbar's buttons in Tab order."""
        return [bar.widgetForAction(a) for a in (self.add, self.seal_selected, self.seal_all,
                                                 self.remove, self.save, self.save_all)]


def with_keys(tip: str, action: QAction) -> str:
    """``tip (Ctrl+O)``: the shortcut in the tooltip, as the operator types it."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({keys})" if keys else tip


def documents_table(model: QAbstractItemModel) -> QTableView:
    """A sortable, row-selecting view; columns whose text changes during a batch are fixed."""
    table = QTableView()
    table.setAccessibleName(translate("view", "Documents"))
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setTabKeyNavigation(False)  # Tab moves on to the preview; arrows move between rows
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
              M.STATUS: metrics.horizontalAdvance("Already sealed") + 48,
              M.SEALED_AT: metrics.horizontalAdvance("2026-12-31 23:59") + 24}
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width)
    return table
