"""Start-up: open the data folder (creating the demo token on a first start) in a worker.

Opening the database runs migrations and a first start provisions a SoftHSM2 token and a demo
PKI (a second or two); both happen in a job while a small window says what is going on, so the
desktop never shows a frozen, blank window. Recovery of what a crash left in the document store
runs here too, before anything can be sealed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QVBoxLayout, QWidget

from sealdesk.errors import SealDeskError
from sealdesk.paths import AppPaths, app_paths
from sealdesk.services import alerts
from sealdesk.services.console.demo import DEMO_LABEL, DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.recovery import RecoveryReport, recover
from sealdesk.services.progress import ProgressCallback
from sealdesk.ui.failures import present_failure
from sealdesk.ui.translations import translate
from sealdesk.ui.workers import JobFailure, JobRunner


@dataclass
class Startup:
    ctx: AppContext
    demo_created: bool = False
    demo_error: SealDeskError | None = None
    recovery: RecoveryReport | None = None


def prepare_context(progress: ProgressCallback, paths: AppPaths | None = None) -> Startup:
    """Open the context; without a configured token, set up demo mode first (worker thread)."""
    paths = paths or app_paths()
    progress(0, 0, translate("startup", "Opening the data folder…"))
    ctx = alerts.install(AppContext.open(paths))
    startup = Startup(ctx)
    if not ctx.config.has_token:
        progress(
            0,
            0,
            translate(
                "startup",
                "First start: setting up the demo token (SoftHSM2), demo certificates "
                "and an offline timestamp authority…",
            ),
        )
        try:
            init_demo(paths)
        except SealDeskError as exc:
            startup.demo_error = exc  # still start: verification works without a token
        else:
            ctx.close()
            startup.ctx = alerts.install(AppContext.open(paths))
            startup.demo_created = True
    progress(0, 0, translate("startup", "Checking the document store…"))
    startup.recovery = recover(startup.ctx)
    return startup


class StartupWindow(QWidget):
    """A small window with a busy bar and the current start-up step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startupWindow")
        self.setWindowTitle(self.tr("Starting SealDesk"))
        heading = QLabel(self.tr("SealDesk"))
        heading.setObjectName("pageHeading")
        self.message = QLabel(self.tr("Starting…"))
        self.message.setObjectName("startupMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Start-up step"))
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setAccessibleName(self.tr("Starting"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 24)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(bar)
        self.setFixedSize(480, 170)

    def set_message(self, _done: int, _total: int, text: str) -> None:
        self.message.setText(text)


class Launcher:
    """Runs :func:`prepare_context`, then replaces the start-up window by the main window."""

    def __init__(self, jobs: JobRunner, window_factory: Callable[[AppContext], QWidget]) -> None:
        self.jobs = jobs
        self.window_factory = window_factory
        self.splash = StartupWindow()
        self.window: QWidget | None = None
        self.ctx: AppContext | None = None

    def start(self) -> None:
        self.splash.show()
        self.jobs.run(
            prepare_context, name="Starting", on_progress=self.splash.set_message,
            on_success=self._started, on_failure=self._failed,
        )

    def _started(self, startup: Startup) -> None:
        self.ctx = startup.ctx
        window = self.window = self.window_factory(startup.ctx)
        window.show()
        self.splash.close()
        notify = getattr(window, "notify", None)
        if startup.demo_created and notify is not None:
            notify(
                translate(
                    "Launcher",
                    "Demo mode is ready: token “{DEMO_LABEL}” (PIN {DEMO_PIN}), demo "
                    "certificates and an offline timestamp authority.",
                ).format(DEMO_LABEL=DEMO_LABEL, DEMO_PIN=DEMO_PIN)
            )
        if startup.recovery is not None and startup.recovery.acted and notify is not None:
            report = startup.recovery
            notify(
                translate(
                    "Launcher",
                    "Recovered after an interrupted run: {count} seal(s) "
                    "finished, {count2} unfinished file(s) discarded, "
                    "{count3} missing (see the audit log).",
                ).format(
                    count=len(report.promoted),
                    count2=len(report.discarded),
                    count3=len(report.missing),
                )
            )
        if startup.demo_error is not None:
            present_failure(
                window, startup.demo_error, title=translate("Launcher", "Demo mode not available")
            )

    def _failed(self, failure: JobFailure) -> None:
        dialog = present_failure(
            None, failure, title=translate("Launcher", "SealDesk cannot start")
        )
        dialog.finished.connect(lambda _result: QApplication.exit(1))
        # shown before the splash closes, so the application is never windowless
        self.splash.close()

    def close(self) -> None:
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None
