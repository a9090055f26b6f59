"""The one way a ``sealdesk`` command fails: a message, a hint and a code from the table.

Every command runs inside :meth:`SealDeskGroup.invoke`, so no command catches errors itself:

* a :class:`~sealdesk.errors.SealDeskError` prints ``Error: message`` and its hint on stderr
  and exits with the error's :class:`~sealdesk.exit_codes.ExitCode`;
* Ctrl+C (``KeyboardInterrupt``) or a declined confirmation (``click.Abort``) exits CANCELLED;
* click's own usage errors keep click's code 2 (USAGE), and a reader that went away
  (``sealdesk audit list | head``) ends the command quietly, as click does;
* anything else is a bug: one line on stderr, the traceback appended to the CLI log file (and
  shown on stderr with ``SEALDESK_DEBUG=1``), exit INTERNAL.

Verdicts (FAILED, INDETERMINATE, ...) are not errors: commands end with :func:`exit_with`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click

from sealdesk.cli.lazy import LazyGroup
from sealdesk.cli.logging_setup import debugging
from sealdesk.cli.terminal import safe
from sealdesk.errors import SealDeskError
from sealdesk.exit_codes import ExitCode

LOG_NAME = "sealdesk-cli.log"


def exit_with(code: ExitCode) -> NoReturn:
    """End the command with a verdict (or OK): the command did its job; this is its answer."""
    raise SystemExit(int(code))


class SealDeskGroup(LazyGroup):
    """The top ``sealdesk`` group: lazy subcommands and the single error handler."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit):
            raise  # usage errors (2) and explicit exits: click's own handling
        except BrokenPipeError:
            raise  # the reader left (``sealdesk audit list | head``): click exits quietly
        except click.Abort:
            _finish(ExitCode.CANCELLED, "Cancelled.")
        except KeyboardInterrupt:
            _finish(ExitCode.CANCELLED, "\nCancelled; everything finished before was kept.")
        except SealDeskError as exc:
            _finish(exc.exit_code, f"Error: {safe(exc.message)}", safe(exc.hint))
        except Exception as exc:
            where = log_internal_error(exc)
            _finish(ExitCode.INTERNAL,
                    f"Internal error: {type(exc).__name__}. This is a bug in SealDesk.",
                    f"The details were written to {where}; please send that file with a report."
                    if where else "The details could not be written to the log file.")


def _finish(code: ExitCode, message: str, hint: str = "") -> NoReturn:
    click.secho(message, fg="red", err=True)
    if hint:
        click.echo(hint, err=True)
    watchdog = sys.modules.get("sealdesk.core.token.watchdog")
    if watchdog is not None and watchdog.any_stuck():
        # A driver call is stuck in a thread; finalising the module at exit would wait for it
        # forever. Everything committed is already durable in the database.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(code))
    raise SystemExit(int(code))


def log_internal_error(exc: BaseException) -> Path | None:
    """Append the traceback to the CLI log (private to this account); None if impossible."""
    text = "".join(traceback.format_exception(exc))
    if debugging():
        click.echo(text, err=True, nl=False)
    try:
        from sealdesk.fsutil import make_private_dir
        from sealdesk.paths import app_paths

        folder = make_private_dir(app_paths().log_dir)
        path = folder / LOG_NAME
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} sealdesk "
                      f"{' '.join(sys.argv[1:2])}\n{text}")
    except OSError:
        return None
    return path
