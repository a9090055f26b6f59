"""The token line of the status bar: which token, demo or not, and what it says about the PIN.

The state comes from :class:`~sealdesk.ui.token_poller.TokenPoller` every few seconds (a
child-process probe, safe during a batch), so a token pulled out shows as "Token removed" at
once. :func:`read_token_info` is the in-process lookup the seal flow uses before asking for the PIN.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from sealdesk.core.token import TokenSelector
from sealdesk.core.token.identity import TokenInfo
from sealdesk.core.token.module import find_token
from sealdesk.core.token.status import TokenState, TokenStatus
from sealdesk.services.context import AppContext
from sealdesk.ui.status_colors import DANGER, INFO, OK, WARNING, emphasis_style
from sealdesk.ui.translations import translate

STATUS_TEXT_LIMIT = 90
"""Longer messages are cut in the status bar; the tooltip holds the whole text and the hint."""

_PROBLEM_TITLES = {
    TokenState.ABSENT: QT_TRANSLATE_NOOP("token_status", "Token removed"),
    TokenState.REPLACED: QT_TRANSLATE_NOOP("token_status", "Token: not the configured one"),
    TokenState.AMBIGUOUS: QT_TRANSLATE_NOOP("token_status", "Token: choose one"),
    TokenState.MODULE_ERROR: QT_TRANSLATE_NOOP("token_status", "Token: module error"),
}


def read_token_info(ctx: AppContext) -> TokenInfo:
    """The configured token's identity and PIN state (worker thread; no login).

    The whole remembered identity (serial, maker, model) takes part, as in the batch itself, so
    a replaced token is refused here already, before anyone types a PIN for it.
    """
    cfg = ctx.config.token
    info, _token = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment,
                              timeout=cfg.timeout_seconds)
    return info


def _shortened(text: str) -> str:
    """``text`` for the status bar: without the list of other tokens present, and cut to fit."""
    if " (present: " in text:
        text = text.split(" (present: ", 1)[0] + "."
    if len(text) <= STATUS_TEXT_LIMIT:
        return text
    return text[: STATUS_TEXT_LIMIT - 1].rstrip() + "…"


class TokenStatusWidget(QWidget):
    """Permanent status-bar widget; the texts are also exposed for tests and screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Token status"))
        self.state: TokenState | None = None
        """The last state shown (None before the first poll), for tests and the seal flow."""
        self.state_label = QLabel(self.tr("Token: checking…"))
        self.state_label.setObjectName("tokenState")
        self.badge = QLabel(self.tr("DEMO"))
        self.badge.setObjectName("demoBadge")
        self.badge.setToolTip(self.tr("Demo mode: a software token (SoftHSM2) and a demo PKI. "
                                      "Seals made here are for trying SealDesk out only."))
        self.badge.hide()
        self.warning_label = QLabel()
        self.warning_label.setObjectName("tokenWarning")
        self.warning_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.badge)
        layout.addWidget(self.state_label)
        layout.addWidget(self.warning_label)

    def show_status(self, status: TokenStatus, *, demo: bool) -> None:
        """Show one poll's result (see :class:`~sealdesk.core.token.status.TokenState`)."""
        self.state = status.state
        if status.state is TokenState.NOT_CONFIGURED:
            self.show_not_configured()
        elif status.state is TokenState.READY and status.info is not None:
            self.show_token(status.info, demo=demo, notice=status.notice)
        else:
            title = translate(
                "token_status", _PROBLEM_TITLES.get(status.state, "Token: not available")
            )
            self.show_problem(status.message, demo=demo, title=title, hint=status.hint)

    def show_token(self, info: TokenInfo, *, demo: bool, notice: str = "") -> None:
        self.badge.setVisible(demo)
        self.state_label.setText(
            self.tr("Token: {label} · serial {serial}").format(
                label=info.label, serial=info.serial or "?"
            )
        )
        self.state_label.setStyleSheet(emphasis_style(OK) if not info.pin.locked else "")
        self.state_label.setToolTip(info.display_name)
        warning = info.pin.warning()
        critical = info.pin.locked or info.pin.final_try
        color = DANGER if critical else WARNING
        if not warning and notice:  # e.g. the label changed: worth knowing, nothing wrong
            warning, color = notice, INFO
        self.warning_label.setText(_shortened(warning))
        self.warning_label.setToolTip(notice if notice and notice != warning else warning)
        self.warning_label.setStyleSheet(emphasis_style(color))
        self.warning_label.setVisible(bool(warning))

    def show_problem(self, message: str, *, demo: bool, title: str = "Token: not available",
                     hint: str = "") -> None:
        self.badge.setVisible(demo)
        self.state_label.setText(title)
        self.state_label.setStyleSheet(emphasis_style(DANGER))
        details = f"{message}\n{hint}" if hint else message
        self.state_label.setToolTip(details)
        self.warning_label.setText(_shortened(message))
        self.warning_label.setToolTip(details)
        self.warning_label.setStyleSheet("")
        self.warning_label.setVisible(bool(message))

    def show_not_configured(self) -> None:
        self.badge.hide()
        self.state_label.setText(self.tr("Token: none configured (verification only)"))
        self.state_label.setStyleSheet("")
        self.warning_label.hide()

