"""One group of the Settings page: labelled fields, each with room for its own error message.

A section reads its fields from a :class:`~sealdesk.config.Config` (:meth:`load`), writes them
into the configuration's dictionary form (:meth:`collect`), and shows a problem under the field
it belongs to (:meth:`show_problem`, by dotted key such as ``"tsa.url"``). The page never needs
to know which widget edits which key.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from sealdesk.config import Config
from sealdesk.ui.status_colors import DANGER


def set_nested(raw: dict[str, Any], key: str, value: Any) -> None:
    """``set_nested(raw, "seal.visible.box", b)`` sets ``raw["seal"]["visible"]["box"] = b``."""
    *parents, last = key.split(".")
    node = raw
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


class FieldError(QLabel):
    """The red line under a field; hidden while there is nothing to say."""

    def __init__(self, field_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {DANGER};")
        self.setAccessibleName(f"{field_name} problem")
        self.hide()

    def show_message(self, message: str, hint: str = "") -> None:
        self.setText(f"{message} {hint}".strip())
        self.setToolTip(hint)
        self.show()

    def clear(self) -> None:
        super().clear()
        self.hide()


class SettingsSection(QGroupBox):
    """Base of the page's groups; ``edited`` fires on every change a person makes."""

    edited = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        """The label a person reads for each key ("URL" for ``tsa.url``), for messages."""
        self._columns: dict[str, QVBoxLayout] = {}

    def add_field(self, label: str, widget: QWidget, key: str, help_text: str = "",
                  *, marks: QWidget | None = None) -> None:
        """A form row: ``widget`` over its help line and its (hidden) error line.

        ``marks`` is the input outlined in red on a problem when ``widget`` is a row of several.
        """
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if help_text:
            note = QLabel(help_text)
            note.setObjectName("fieldHelp")
            note.setWordWrap(True)
            column.addWidget(note)
        error = FieldError(label.rstrip(":"))
        column.addWidget(error)
        if not widget.accessibleName():
            widget.setAccessibleName(label.rstrip(":"))
        self.form.addRow(label, box)
        self._columns[key] = column
        self.errors[key] = error
        self.fields[key] = marks or widget
        self.labels[key] = label.replace("&", "").rstrip(":")

    def add_note(self, key: str, name: str, object_name: str = "fieldHelp") -> QLabel:
        """A line under the field for ``key`` (above its error) that hides itself while empty."""
        note = QLabel()
        note.setObjectName(object_name)
        note.setWordWrap(True)
        note.setAccessibleName(name)
        note.hide()
        column = self._columns[key]
        column.insertWidget(column.count() - 1, note)
        return note

    @staticmethod
    def set_note(note: QLabel, text: str) -> None:
        note.setText(text)
        note.setVisible(bool(text))

    def show_problem(self, key: str, message: str, hint: str = "") -> bool:
        """Show ``message`` under the field for ``key``; False if this section has no such key."""
        error = self.errors.get(key)
        if error is None:
            return False
        error.show_message(message, hint)
        self.fields[key].setProperty("invalid", True)
        self._restyle(self.fields[key])
        return True

    def clear_problem(self, key: str) -> None:
        self.errors[key].clear()
        self.fields[key].setProperty("invalid", False)
        self._restyle(self.fields[key])

    def clear_problems(self) -> None:
        for key in self.errors:
            self.clear_problem(key)

    def field_label(self, key: str) -> str | None:
        """``Section › Field`` as the page shows it, or None if this section has no such key."""
        label = self.labels.get(key)
        return None if label is None else f"{self.title()} › {label}"

    def problem_text(self, key: str) -> str:
        error = self.errors.get(key)
        return error.text() if error is not None and not error.isHidden() else ""

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def load(self, config: Config) -> None:
        raise NotImplementedError

    def collect(self, raw: dict[str, Any]) -> None:
        """Write this section's values into ``raw`` (the configuration's dictionary form)."""
        raise NotImplementedError
