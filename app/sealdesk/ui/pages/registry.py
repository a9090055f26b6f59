"""The pages of the main window, in sidebar order. Add a page by adding a :class:`PageSpec`.

The window builds pages from this tuple, numbers their shortcuts (Ctrl+1…Ctrl+9) in this order
and looks them up by ``key``; nothing else needs to change when a page is added or replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStyle

from sealdesk.ui.pages.audit_page import AuditLogPage
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.documents_page import DocumentsPage
from sealdesk.ui.pages.keys_page import KeysPage
from sealdesk.ui.pages.revalidation_page import RevalidationPage
from sealdesk.ui.pages.settings_page import SettingsPage

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[PageServices], Page]
    icon: QStyle.StandardPixmap = SP.SP_FileIcon


PAGES: tuple[PageSpec, ...] = (
    PageSpec("documents", "Documents", DocumentsPage, SP.SP_FileDialogDetailedView),
    PageSpec("audit", "Audit log", AuditLogPage, SP.SP_FileDialogContentsView),
    PageSpec("revalidation", "Revalidation", RevalidationPage, SP.SP_BrowserReload),
    PageSpec("keys", "Keys & certificates", KeysPage, SP.SP_DriveHDIcon),
    PageSpec("settings", "Settings", SettingsPage, SP.SP_FileDialogListView),
)
