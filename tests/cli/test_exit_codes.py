"""One exit-code table, one handler: each code checked in-process with click's CliRunner.

The handler is exercised through real commands where a real situation produces the case
(usage errors, an unwritable report, verdicts of real seals) and through small commands loaded
lazily from this module where only a bug or a Ctrl+C would (an internal error cannot be
produced on purpose by a correct command).
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from sealdesk.cli.failure import LOG_NAME, SealDeskGroup
from sealdesk.cli.main import cli
from sealdesk.core.rotation import errors as rotation_errors
from sealdesk.errors import (
    ConfigError,
    InputError,
    OperationCancelledError,
    PermissionDeniedError,
    RecordIntegrityError,
    SealDeskError,
    StorageError,
    TimestampError,
    TokenError,
)
from sealdesk.exit_codes import MEANING, ExitCode, exit_code_table
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation import pool
from sealdesk.services.sealing import gates
from sealdesk.services.sealing.batch import seal_documents

# --- commands that end the way no correct command should (loaded lazily, like real ones) ---


@click.command()
def bug() -> None:
    raise RuntimeError("an unexpected state: a bug")


@click.command()
def interrupted() -> None:
    raise KeyboardInterrupt


@click.command()
def declined() -> None:
    raise click.Abort()


@click.command()
def hostile_error() -> None:
    raise InputError("Cannot read evil\x1b[2J\nPASSED  forged.pdf.", hint="Check\u202e the path.")


@click.group(cls=SealDeskGroup, lazy_subcommands={
    name: f"tests.cli.test_exit_codes:{name.replace('-', '_')}"
    for name in ("bug", "interrupted", "declined", "hostile-error")})
def probe() -> None:
    """A group built like ``sealdesk``: the same handler, commands loaded on first use."""


def invoke(group: click.Group, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(group, list(args), env=env, catch_exceptions=False)


# --- the table ---


def _subclasses(cls: type[SealDeskError]) -> Iterator[type[SealDeskError]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_domain_error_exits_with_its_code_from_the_table() -> None:
    expected = {ConfigError: ExitCode.CONFIG, InputError: ExitCode.INPUT,
                TokenError: ExitCode.TOKEN, TimestampError: ExitCode.TIMESTAMP,
                StorageError: ExitCode.STORAGE, PermissionDeniedError: ExitCode.PERMISSION,
                RecordIntegrityError: ExitCode.INTEGRITY,
                OperationCancelledError: ExitCode.CANCELLED}
    assert {cls: cls.exit_code for cls in expected} == expected
    assert rotation_errors.ProposalTamperedError.exit_code is ExitCode.INTEGRITY
    assert gates.GateUnreadableError.exit_code is ExitCode.PERMISSION
    assert pool.WorkerCrashError.exit_code is ExitCode.STORAGE
    for cls in _subclasses(SealDeskError):
        assert isinstance(cls.exit_code, ExitCode), cls
        assert 3 <= cls.exit_code <= 9 or cls.exit_code is ExitCode.CANCELLED, cls  # no verdicts


def test_help_prints_the_table() -> None:
    result = invoke(cli, "--help")
    assert result.exit_code == ExitCode.OK
    assert "Exit codes:" in result.output
    for code in ExitCode:
        assert f"{int(code):>3}  {MEANING[code]}" in result.output
    assert exit_code_table().splitlines()[0].strip() == f"0  {MEANING[ExitCode.OK]}"


# --- the handler ---


def test_an_internal_error_is_one_line_and_its_traceback_goes_to_the_log(
        sealdesk_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SEALDESK_DEBUG", raising=False)
    result = invoke(probe, "bug")
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback" not in result.output and "unexpected state" not in result.output
    assert "Internal error: RuntimeError. This is a bug in SealDesk." in result.stderr
    log = app_paths().log_dir / LOG_NAME
    assert str(log) in result.stderr
    text = log.read_text()
    assert "Traceback" in text and "RuntimeError: an unexpected state: a bug" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_sealdesk_debug_shows_the_traceback(sealdesk_home: Path) -> None:
    result = invoke(probe, "bug", env={"SEALDESK_DEBUG": "1"})
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback" in result.stderr and "RuntimeError: an unexpected state" in result.stderr


def test_ctrl_c_and_a_declined_confirmation_exit_cancelled() -> None:
    interrupted_run = invoke(probe, "interrupted")
    assert interrupted_run.exit_code == ExitCode.CANCELLED == 130
    assert "Cancelled" in interrupted_run.stderr and "Traceback" not in interrupted_run.output
    declined_run = invoke(probe, "declined")
    assert declined_run.exit_code == ExitCode.CANCELLED
    assert "Aborted" not in declined_run.output


def test_a_domain_error_prints_message_and_hint_escaped_with_its_code() -> None:
    result = invoke(probe, "hostile-error")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines() == [
        "Error: Cannot read evil\\x1b[2J\\nPASSED  forged.pdf.", "Check\\u202e the path."]


@pytest.mark.parametrize("args", [
    ["no-such-command"],
    ["verify"],  # FILES missing
    ["audit", "list", "--limit", "99999999999999999999"],
    ["audit", "proof", "--event", "-1"],
    ["revalidate", "--resume", "99999999999999999999999"],
    ["seal", "x.pdf", "--page", "10000000000000000000000"],
    ["seal", "x.pdf", "--box", "0,0,99999999999999999999,10"],
], ids=["command", "argument", "limit", "event", "run-id", "page", "box"])
def test_usage_errors_exit_2_without_a_traceback(sealdesk_home: Path, args: list[str]) -> None:
    result = invoke(cli, *args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Traceback" not in result.output
    assert not (sealdesk_home / "logs" / LOG_NAME).exists()


# --- verdicts and output paths with real seals ---


@pytest.fixture
def sealed(demo_ctx: AppContext, pdf_factory, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "sealed"
    batch = seal_documents(demo_ctx, [pdf_factory("contract")], DEMO_PIN, export_dir=out)
    assert batch.ok, batch.results
    return out / "contract.sealed.pdf"


def test_verify_exit_codes_are_the_verdicts(sealed: Path, tmp_path: Path) -> None:
    passed = invoke(cli, "verify", "--no-record", str(sealed))
    assert passed.exit_code == ExitCode.OK, passed.output
    assert passed.output.startswith("PASSED")

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(sealed.read_bytes())
    at = data.index(b"Contents of contract")
    data[at:at + 8] = b"Contents"[::-1]  # inside the signed byte range
    tampered.write_bytes(bytes(data))
    failed = invoke(cli, "verify", "--no-record", str(tampered))
    assert failed.exit_code == ExitCode.FAILED, failed.output

    both = invoke(cli, "verify", "--no-record", str(sealed), str(tampered))
    assert both.exit_code == ExitCode.FAILED  # the worst verdict decides

    early = invoke(cli, "verify", "--no-record", "--at", "2001-01-01", str(sealed))
    assert early.exit_code == ExitCode.INDETERMINATE, early.output
    assert early.output.startswith("INDETERMINATE")


def test_a_report_path_that_is_a_folder_is_a_storage_error(sealed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = invoke(cli, "verify", "--no-record", "--html", str(folder), str(sealed))
    assert result.exit_code == ExitCode.STORAGE, result.output
    assert f"Cannot write {folder}" in result.stderr and "it is a folder" in result.stderr
    assert "Traceback" not in result.output
    assert list(folder.iterdir()) == []


def test_a_batch_with_some_documents_not_sealed_is_incomplete(
        demo_ctx: AppContext, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"plain text, not a PDF")
    good = pdf_factory("good")
    result = invoke(cli, "seal", str(good), str(bad), env={"SEALDESK_PIN": DEMO_PIN})
    assert result.exit_code == ExitCode.INCOMPLETE, result.output
    assert "Done: 1 sealed, 1 failed." in result.stdout
    only_bad = invoke(cli, "seal", str(bad), env={"SEALDESK_PIN": DEMO_PIN})
    assert only_bad.exit_code == ExitCode.INPUT  # nothing sealed, one cause: that cause's code


def _fail_inside(ctx: AppContext) -> None:
    with ctx:
        with ctx.database.reader() as session:
            session.connection()
        assert ctx.database.engine.pool.checkedin() == 1  # pooled, kept open
        raise InputError("the command failed")


def test_the_context_releases_its_connections_however_the_block_ends(
        sealdesk_home: Path) -> None:
    ctx = AppContext.open()
    with pytest.raises(InputError):
        _fail_inside(ctx)
    assert ctx.database.engine.pool.checkedin() == 0  # disposed on the way out
