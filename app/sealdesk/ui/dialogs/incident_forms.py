"""The small forms of the Incidents page: open an incident, a note, a link, an action item…

One dialog class built from a list of :class:`Field` values, so every form behaves the same:
labels with mnemonics, accessible names, OK disabled until every required field has text,
Enter (or Ctrl+Enter in a multi-line field) to accept, Escape to cancel. What the answers
mean is checked by the services (lengths, types, that a linked item exists); the form only
refuses to send nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

LINE, TEXT, CHOICE = "line", "text", "choice"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    """With a ``&`` mnemonic."""
    kind: str = LINE
    choices: tuple[tuple[str, str], ...] = ()
    """For ``CHOICE``: (value, words) pairs."""
    required: bool = True
    placeholder: str = ""


class IncidentForm(QDialog):
    """A modal form; :meth:`values` after ``exec()`` returned ``Accepted``."""

    def __init__(self, title: str, intro: str, fields: list[Field],
                 parent: QWidget | None = None, *, accept_text: str = "OK") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("incidentForm")
        self.setMinimumWidth(460)
        self._fields = fields
        self.widgets: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        form = QFormLayout()
        for spec in fields:
            widget = self._widget(spec)
            label = QLabel(spec.label)
            label.setBuddy(widget)
            form.addRow(label, widget)
            self.widgets[spec.name] = widget
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_text)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        self._update()
        self.widgets[fields[0].name].setFocus()  # the first field, not the OK button

    def _widget(self, spec: Field) -> QLineEdit | QPlainTextEdit | QComboBox:
        name = spec.label.replace("&", "").rstrip(":")
        widget: QLineEdit | QPlainTextEdit | QComboBox
        if spec.kind == CHOICE:
            widget = QComboBox()
            for value, words in spec.choices:
                widget.addItem(words, value)
        elif spec.kind == TEXT:
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setPlaceholderText(spec.placeholder or self.tr("Ctrl+Enter to finish"))
            widget.setFixedHeight(96)
            widget.textChanged.connect(self._update)
        else:
            widget = QLineEdit()
            widget.setPlaceholderText(spec.placeholder)
            widget.textChanged.connect(self._update)
        widget.setObjectName(spec.name)
        widget.setAccessibleName(name)
        return widget

    def _text(self, name: str) -> str:
        widget = self.widgets[name]
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        return widget.text().strip()

    def _complete(self) -> bool:
        return all(self._text(f.name) for f in self._fields if f.required)

    def _update(self) -> None:
        self.ok_button.setEnabled(self._complete())

    def accept(self) -> None:
        if self._complete():
            super().accept()

    def values(self) -> dict[str, str]:
        return {f.name: self._text(f.name) for f in self._fields}


def ask(parent: QWidget, title: str, intro: str, fields: list[Field], *,
        accept_text: str = "OK") -> dict[str, str] | None:
    """Show the form modally; its values, or None when cancelled."""
    form = IncidentForm(title, intro, fields, parent, accept_text=accept_text)
    try:
        return form.values() if form.exec() == QDialog.DialogCode.Accepted else None
    finally:
        form.deleteLater()
