"""``sealdesk-gui`` / ``sealdesk gui``: the desktop console's entry point.

Builds the QApplication, installs the error dialog as the last-resort exception handler, opens
the data folder in a worker (setting up demo mode on a first start without a token) and shows
the main window. :func:`build_main_window` is the same factory tests use. The language
(``[ui] language``) is applied before the first window, so the start-up window is translated too.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

import sealdesk
from sealdesk.config import load_config
from sealdesk.errors import SealDeskError
from sealdesk.paths import AppPaths, app_paths
from sealdesk.services.context import AppContext
from sealdesk.ui import refcount_guard, translations
from sealdesk.ui.auditor.mode import dress_window
from sealdesk.ui.excepthook import install_excepthook
from sealdesk.ui.main_window import MainWindow
from sealdesk.ui.pages.registry import PAGES, PageSpec
from sealdesk.ui.smoke import FLAG as SMOKE_FLAG
from sealdesk.ui.smoke import SmokeWatch
from sealdesk.ui.startup import Launcher
from sealdesk.ui.style import app_icon, apply_style
from sealdesk.ui.workers import JobRunner


def build_main_window(
    ctx: AppContext, jobs: JobRunner | None = None, pages: tuple[PageSpec, ...] = PAGES
) -> MainWindow:
    """The main window over an open context; a fresh :class:`JobRunner` unless one is given."""
    runner = jobs or JobRunner()
    window = dress_window(MainWindow(ctx, runner, pages))
    if jobs is None:
        runner.setParent(window)
    return window


def configure_application(app: QApplication) -> None:
    app.setApplicationName("SealDesk")
    app.setOrganizationName("SealDesk")
    app.setApplicationVersion(sealdesk.__version__)
    app.setDesktopFileName("sealdesk")
    app.setWindowIcon(app_icon())
    apply_style(app)


def language_setting(paths: AppPaths | None = None) -> str:
    """``[ui] language`` from config.toml, read before anything else opens.

    A configuration that cannot be read gives "auto" here: the start-up job reads it again and
    reports the problem in its own dialog (which is then in the system's language).
    """
    try:
        return load_config((paths or app_paths()).config_file).ui.language
    except SealDeskError:
        return "auto"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the console until its window closes; returns the process exit code.

    ``--smoke-test`` exits as soon as the main window is shown (see :mod:`sealdesk.ui.smoke`).
    """
    args = list(argv) if argv is not None else list(sys.argv)
    smoke = SMOKE_FLAG in args
    args = [arg for arg in args if arg != SMOKE_FLAG]
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(args)
    refcount_guard.apply()  # PySide6 6.12 on CPython 3.11 leaks refs to True/None; see module
    configure_application(app)
    translations.install(app, language_setting())
    install_excepthook()
    jobs = JobRunner()
    launcher = Launcher(jobs, lambda ctx: build_main_window(ctx, jobs))
    launcher.start()
    watch = SmokeWatch(app, launcher) if smoke else None
    if watch is not None:
        watch.start()
    try:
        return app.exec()
    finally:
        jobs.wait_for_all()
        launcher.close()


if __name__ == "__main__":
    sys.exit(main())
