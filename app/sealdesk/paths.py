"""Where SealDesk keeps its configuration, data and logs.

Paths come from platformdirs so that SealDesk behaves like a native application on every OS.
``SEALDESK_HOME`` overrides all of them with one folder: tests give every test its own, and a
portable installation (a USB stick for an offline auditor) can carry everything in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "SealDesk"
HOME_ENV = "SEALDESK_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The folders SealDesk writes to; created on demand, never at import time."""

    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def store_dir(self) -> Path:
        """Content-addressed store of originals and sealed outputs."""
        return self.data_dir / "store"

    @property
    def demo_dir(self) -> Path:
        """Demo token, demo PKI and demo TSA keys (demo mode only)."""
        return self.data_dir / "demo"

    @property
    def default_database_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'sealdesk.db'}"

    def ensure(self) -> AppPaths:
        for folder in (self.config_dir, self.data_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    """The paths for this user, or for the folder named by ``SEALDESK_HOME``."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "logs")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
