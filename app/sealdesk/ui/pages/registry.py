"""The pages of the main window, in sidebar order. Add a page by adding a :class:`PageSpec`.

The window builds pages from this tuple, numbers the first ten's shortcuts (Ctrl+1…Ctrl+9, then
Ctrl+0; Settings, the eleventh, has Ctrl+,) in this order and looks them up by ``key``; nothing
else needs to change when a page is added or replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QStyle

from sealdesk.ui.pages.audit.page import AuditLogPage
from sealdesk.ui.pages.base import Page, PageServices
from sealdesk.ui.pages.documents.page import DocumentsPage
from sealdesk.ui.pages.evidence.page import EvidencePage
from sealdesk.ui.pages.home_page import HomePage
from sealdesk.ui.pages.incidents.page import IncidentsPage
from sealdesk.ui.pages.keys.page import KeysPage
from sealdesk.ui.pages.retention_page import RetentionPage
from sealdesk.ui.pages.revalidation.page import RevalidationPage
from sealdesk.ui.pages.roles_page import RolesPage
from sealdesk.ui.pages.settings_page import SettingsPage
from sealdesk.ui.pages.snapshots_page import SnapshotsPage

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    """``icon`` names ``resources/icons/<icon>.svg``; ``fallback_icon`` is used without it."""

    key: str
    title: str
    factory: Callable[[PageServices], Page]
    icon: str = ""
    fallback_icon: QStyle.StandardPixmap = SP.SP_FileIcon


MENU_TITLES_MARKED_HERE = (QT_TRANSLATE_NOOP("Pages", "&Keys"),
                           QT_TRANSLATE_NOOP("Pages", "&Roles"))
"""Menu titles that KeysPage and RolesPage declare as plain strings, marked for lupdate here.

:class:`~sealdesk.ui.pages.base.Page` shows ``menu_title`` translated in context "Pages", but
lupdate only files a string it sees marked; move these marks to the two classes when they are
next edited (as DocumentsPage does) and drop this tuple.
"""


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", QT_TRANSLATE_NOOP("Pages", "Home"),
             HomePage, "page-home", SP.SP_ComputerIcon),
    PageSpec("documents", QT_TRANSLATE_NOOP("Pages", "Documents"),
             DocumentsPage, "page-documents", SP.SP_FileIcon),
    PageSpec("audit", QT_TRANSLATE_NOOP("Pages", "Audit log"),
             AuditLogPage, "page-audit", SP.SP_FileDialogContentsView),
    PageSpec("evidence", QT_TRANSLATE_NOOP("Pages", "Evidence"),
             EvidencePage, "page-evidence", SP.SP_DialogSaveButton),
    PageSpec("revalidation", QT_TRANSLATE_NOOP("Pages", "Revalidation"),
             RevalidationPage, "page-revalidation", SP.SP_BrowserReload),
    PageSpec("retention", QT_TRANSLATE_NOOP("Pages", "Retention"),
             RetentionPage, "", SP.SP_FileDialogDetailedView),
    PageSpec("incidents", QT_TRANSLATE_NOOP("Pages", "Incidents"),
             IncidentsPage, "page-incidents", SP.SP_MessageBoxWarning),
    PageSpec("keys", QT_TRANSLATE_NOOP("Pages", "Keys & certificates"),
             KeysPage, "page-keys", SP.SP_DriveHDIcon),
    PageSpec("roles", QT_TRANSLATE_NOOP("Pages", "Roles"),
             RolesPage, "page-roles", SP.SP_DirHomeIcon),
    PageSpec("snapshots", QT_TRANSLATE_NOOP("Pages", "Snapshots"),
             SnapshotsPage, "page-snapshots", SP.SP_DialogSaveButton),
    PageSpec("settings", QT_TRANSLATE_NOOP("Pages", "Settings"),
             SettingsPage, "page-settings", SP.SP_FileDialogListView),
)
