"""The token line of the status bar: which token, demo or not, and what it says about the PIN.

The state is read by a job on the ``TOKEN`` key (a module lookup can take a second on a real
reader, and SoftHSM2 is re-initialised by it) at start and after every operation.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from sealdesk.core.token import TokenSelector
from sealdesk.core.token.identity import TokenInfo
from sealdesk.core.token.module import find_token
from sealdesk.services.context import AppContext
from sealdesk.ui.status_colors import DANGER, OK, WARNING, emphasis_style


def read_token_info(ctx: AppContext) -> TokenInfo:
    """The configured token's identity and PIN state (worker thread; no login)."""
    cfg = ctx.config.token
    info, _token = find_token(cfg.module, TokenSelector(cfg.label, cfg.serial), cfg.environment)
    return info


class TokenStatusWidget(QWidget):
    """Permanent status-bar widget; the texts are also exposed for tests and screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Token status")
        self.state_label = QLabel("Token: checking…")
        self.state_label.setObjectName("tokenState")
        self.badge = QLabel("DEMO")
        self.badge.setObjectName("demoBadge")
        self.badge.setToolTip("Demo mode: a software token (SoftHSM2) and a demo PKI. "
                              "Seals made here are for trying SealDesk out only.")
        self.badge.hide()
        self.warning_label = QLabel()
        self.warning_label.setObjectName("tokenWarning")
        self.warning_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.badge)
        layout.addWidget(self.state_label)
        layout.addWidget(self.warning_label)

    def show_token(self, info: TokenInfo, *, demo: bool) -> None:
        self.badge.setVisible(demo)
        self.state_label.setText(f"Token: {info.label} · serial {info.serial or '?'}")
        self.state_label.setStyleSheet(emphasis_style(OK) if not info.pin.locked else "")
        self.state_label.setToolTip(info.display_name)
        warning = info.pin.warning()
        self.warning_label.setText(warning)
        critical = info.pin.locked or info.pin.final_try
        self.warning_label.setStyleSheet(emphasis_style(DANGER if critical else WARNING))
        self.warning_label.setVisible(bool(warning))

    def show_problem(self, message: str, *, demo: bool) -> None:
        self.badge.setVisible(demo)
        self.state_label.setText("Token: not available")
        self.state_label.setStyleSheet(emphasis_style(DANGER))
        self.state_label.setToolTip(message)
        self.warning_label.setText(message)
        self.warning_label.setStyleSheet("")
        self.warning_label.setVisible(True)

    def show_not_configured(self) -> None:
        self.badge.hide()
        self.state_label.setText("Token: none configured (verification only)")
        self.state_label.setStyleSheet("")
        self.warning_label.hide()

