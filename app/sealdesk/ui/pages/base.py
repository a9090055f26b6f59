"""What every page of the main window gets and may offer back.

A page is a QWidget built from :class:`PageServices` (the application context, the one job runner
and a few window functions). Pages never reach for the window itself: the services are the whole
contract, so a page can be built alone in a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from sealdesk.services.context import AppContext
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import JobRunner


def _ignore(*_args: object) -> None:
    """Default for window functions when a page is built without a window (tests)."""


@dataclass(frozen=True)
class PageServices:
    ctx: AppContext
    jobs: JobRunner
    notify: Callable[[str], None] = _ignore
    """Show a short message in the status bar."""
    refresh_token: Callable[[], None] = _ignore
    """Re-read the token state (after an operation that logged in or failed to)."""
    refresh_sealing: Callable[[], None] = _ignore
    """Re-read whether sealing is allowed (maintenance mode, self-test owed) and show it."""
    show_page: Callable[[str], object] = _ignore
    """Bring the page with this key forward (a menu shortcut used while another page shows)."""

    @property
    def read_only(self) -> bool:
        """Auditor mode: nothing may be written; pages keep their write actions disabled."""
        return bool(getattr(self.ctx, "read_only", False))


class Page(QWidget):
    """Base of all pages; override what you need."""

    title = QT_TRANSLATE_NOOP("Pages", "Page")
    menu_title = ""
    """Title of the window menu holding :meth:`menu_actions` ("" for none)."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        # class titles are marked for translation (context "Pages") and shown translated
        self.title = translate("Pages", type(self).title)
        self.menu_title = translate("Pages", type(self).menu_title) if self.menu_title else ""
        self.setAccessibleName(self.title)

    def shown(self) -> None:
        """Called each time the page becomes the current one (refresh cheap state here)."""

    def menu_actions(self) -> list[QAction | None]:
        """The page's entries in the window's menu bar, in order (None: a separator)."""
        return []

    def may_leave(self, proceed: Callable[[], None]) -> bool:
        """Whether the window may leave this page (or close) now.

        A page with unsaved work asks its user; it returns False to stay, and calls ``proceed``
        later if the user chose to finish first (e.g. Save) and that succeeded.
        """
        return True

    def write_actions(self) -> list[QWidget | QAction]:
        """Buttons and actions that change something; auditor mode keeps them disabled.

        Override to list them; pages that do not are covered by the table in
        :mod:`sealdesk.ui.auditor.lock`.
        """
        return []

    def shutdown(self) -> None:
        """Called when the window closes: cancel long work; the window then joins the jobs."""
