"""What the person at the terminal sees and does: reinsert prompts, PIN pad, notices, timeouts."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from sealdesk.cli.prompts import TerminalPrompts
from sealdesk.config import save_config, with_token
from sealdesk.core.sealing.sealer import ALWAYS_AUTHENTICATE_NOTICE
from sealdesk.core.token.prompts import TokenAbsence, WaitDecision
from sealdesk.errors import WrongPinError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.sealing.batch import seal_documents
from tests.tokens.conftest import ShimSetup

ABSENCE = TokenAbsence("Seal", "42", "report.pdf", "The token went away while signing.",
                       done=3, total=10)


@pytest.mark.parametrize(
    ("interactive", "typed", "attempt", "decision", "says"),
    [
        (True, "\n", 1, WaitDecision.CONTINUE,
         "Token removed. Reinsert it and press Enter, or Ctrl+C to stop."),
        (True, "\n", 2, WaitDecision.CONTINUE, "The token is still not connected."),
        (True, "", 1, WaitDecision.STOP, "Reinsert it and press Enter"),  # end of input
        (False, "\n", 1, WaitDecision.STOP, "No terminal to wait at: stopping."),
    ],
    ids=["enter", "still-missing", "eof", "script"],
)
def test_the_terminal_waits_for_a_removed_token(
    interactive: bool, typed: str, attempt: int, decision: WaitDecision, says: str
) -> None:
    absence = TokenAbsence(**{**ABSENCE.__dict__, "attempt": attempt})
    with CliRunner().isolation(input=typed) as (_out, err, _all):
        assert TerminalPrompts(interactive=interactive).wait_for_token(absence) is decision
        text = err.getvalue().decode()
    assert says in text
    assert "report.pdf; 3 of 10 documents done, they are kept" in text


def _sealdesk(shim: ShimSetup, *args: str, pin: str | None = None,
              timeout: float = 90) -> subprocess.CompletedProcess[str]:
    save_config(shim.ctx.config, shim.ctx.paths.config_file)
    env = {k: v for k, v in os.environ.items() if k != "SEALDESK_PIN"}
    if pin is not None:
        env["SEALDESK_PIN"] = pin
    return subprocess.run([sys.executable, "-m", "sealdesk.cli.main", *args], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=timeout, check=False)


def test_cli_pin_pad_says_to_use_the_reader_and_waits(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(protected_auth_path=1, pinpad_pin=shim.pin, pinpad_delay_ms=200)
    result = _sealdesk(shim, "seal", str(pdf_factory("x")))
    assert result.returncode == 0, result.stderr
    assert "on the reader's PIN pad now" in result.stderr
    assert "Done: 1 sealed." in result.stdout


def test_cli_tells_once_that_the_token_wants_the_pin_per_signature(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(always_authenticate=1)
    files = [str(pdf_factory(f"f{i}")) for i in range(2)]
    result = _sealdesk(shim, "seal", *files, pin=shim.pin)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(ALWAYS_AUTHENTICATE_NOTICE) == 1
    assert shim.control.context_logins == 2


def test_cli_exits_promptly_when_a_signature_hangs(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.ctx.config = with_token(shim.ctx.config, timeout_seconds=1)
    shim.control.hang("C_Sign", 20_000)
    started = time.monotonic()
    result = _sealdesk(shim, "seal", str(pdf_factory("x")), pin=shim.pin, timeout=30)
    assert time.monotonic() - started < 15, "the stuck driver call must not hold the exit"
    assert result.returncode == ExitCode.TOKEN
    assert "stopped responding while signing (no answer after 1 s)" in result.stderr
    assert "Done: 1 failed." in result.stdout


def test_cli_does_not_spend_the_final_try_unattended(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(max_pin_tries=3)
    doc = pdf_factory("x")
    wrong = _sealdesk(shim, "seal", str(doc), pin="0000")
    assert wrong.returncode == ExitCode.TOKEN and "not tried again" in wrong.stderr
    with pytest.raises(WrongPinError):  # a second wrong PIN, from another console
        seal_documents(shim.ctx, [doc], "0000")
    assert shim.control.pin_failures == 2
    refused = _sealdesk(shim, "seal", str(doc), pin=shim.pin)
    assert refused.returncode == ExitCode.TOKEN
    assert "final PIN try" in refused.stderr
    assert shim.control.pin_failures == 2 and shim.control.user_logins == 0
