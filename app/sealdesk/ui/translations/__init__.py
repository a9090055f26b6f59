"""The GUI's languages: which one to show, and the Qt translators that show it.

Strings are marked with ``self.tr("...")`` in QObject subclasses and with :func:`translate` (Qt's
``QCoreApplication.translate``, under a name ``pyside6-lupdate`` recognises) everywhere else.
German comes from ``resources/translations/sealdesk_de.ts``, compiled to ``sealdesk_de.qm``;
``python -m sealdesk.ui.translations update`` refreshes both from the sources.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate
"""``translate("Context", "text")``: for module functions and non-QObject classes."""
