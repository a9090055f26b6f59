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

from sealdesk.fsutil import atomic_write_bytes, make_private_dir, private_umask, tighten_tree

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

    @property
    def default_snapshot_dir(self) -> Path:
        """Snapshots live beside the data folder, never inside it: a snapshot must survive the
        loss or replacement of the data folder it was taken from."""
        return self.data_dir.parent / f"{self.data_dir.name}-snapshots"

    def ensure(self) -> AppPaths:
        """Create the folders private to this account (0700), whatever the umask.

        From here on this process writes privately (umask 077): SQLite's database, WAL and
        shared-memory files and the token files of the demo take their modes from the umask.
        """
        private_umask()
        for folder in (self.config_dir, self.data_dir, self.log_dir):
            make_private_dir(folder)
        return self

    @property
    def tightened_marker(self) -> Path:
        """Present once every file was made private: later starts check only the top level."""
        return self.data_dir / ".private-v1"

    def tighten(self, *extra: Path) -> list[str]:
        """Make an existing installation private: folders 0700, files 0600 (issue 21).

        Installations made before SealDesk set modes itself left the database, its WAL and the
        store world-readable under a usual umask. The first start walks everything (``extra``:
        the store and snapshot folders too) and leaves :attr:`tightened_marker`; later starts
        check the folders themselves and the files directly in them (the database and its WAL),
        not every stored object again. Returns what was changed, for the audit log.
        """
        folders = dict.fromkeys((self.config_dir, self.data_dir, self.log_dir, *extra))
        changed: list[str] = []
        if self.tightened_marker.is_file():
            for folder in folders:
                changed.extend(tighten_tree(folder, recursive=False))
            return changed
        for folder in folders:
            changed.extend(tighten_tree(folder))
        atomic_write_bytes(self.tightened_marker, b"files made private by SealDesk\n")
        return changed


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
