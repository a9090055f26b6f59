"""Keep every write action of a page disabled in auditor mode, whatever the page does later.

Pages enable and disable their buttons as selections change; in auditor mode a write action
must stay disabled through all of that. A small guard re-disables a widget on every
``EnabledChange`` event and an action on every ``changed`` signal, so pages need no auditor
logic of their own: they list their write actions (:meth:`Page.write_actions`), or appear in
:data:`WRITE_ACTIONS` below. The services refuse writes on a read-only context anyway
(:func:`sealdesk.services.access.roles.require_role`); this is the visible half of the same rule.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from sealdesk.ui.pages.base import Page
from sealdesk.ui.translations import translate

WRITE_ACTIONS: dict[str, tuple[str, ...]] = {
    "documents": ("commands.add", "commands.seal_selected", "commands.seal_all",
                  "commands.remove"),
    "keys": ("rotate_button", "approve_button", "execute_button", "import_button"),
    "settings": ("save_button", "revert_button", "save_action", "tsa_section.forget_button"),
    "revalidation": ("run_button", "run_action"),
}
"""Write actions of pages that do not list their own, by attribute path on the page."""

READ_ONLY_TIP = QT_TRANSLATE_NOOP("lock", "Auditor mode — read only: nothing can be changed here.")


class _EnabledGuard(QObject):
    """Event filter that turns a widget off again whenever something turns it on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget)
                and watched.isEnabled()):
            watched.setEnabled(False)
        return False


def write_actions_of(key: str, page: Page) -> list[QWidget | QAction]:
    found: list[QWidget | QAction] = list(page.write_actions())
    for path in WRITE_ACTIONS.get(key, ()):
        target: object = page
        for name in path.split("."):
            target = getattr(target, name, None)
            if target is None:
                break
        if isinstance(target, QWidget | QAction) and target not in found:
            found.append(target)
    return found


def lock(items: list[QWidget | QAction], owner: QObject) -> None:
    """Disable ``items`` for good (the guard lives as long as ``owner``)."""
    guard = _EnabledGuard(owner)
    for item in items:
        item.setEnabled(False)
        item.setToolTip(translate("lock", READ_ONLY_TIP))
        if isinstance(item, QAction):
            item.changed.connect(lambda action=item: _keep_off(action))
        else:
            item.installEventFilter(guard)


def _keep_off(action: QAction) -> None:
    if action.isEnabled():
        action.setEnabled(False)


def lock_page(key: str, page: Page) -> list[QWidget | QAction]:
    items = write_actions_of(key, page)
    lock(items, page)
    return items
