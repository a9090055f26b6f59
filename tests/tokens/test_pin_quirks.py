"""PIN behaviours of real tokens: PIN per signature, PIN-pad readers, tries left and lock-out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization

from sealdesk.cli.prompts import TerminalPrompts
from sealdesk.config import with_token
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.sealing.sealer import ALWAYS_AUTHENTICATE_NOTICE
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.module import find_token
from sealdesk.core.token.prompts import PinReply, PinRequest
from sealdesk.errors import PinLockedError, TokenError, WrongPinError
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.fixtures.independent import assert_pdfsig_valid
from tests.tokens.conftest import ShimSetup

WRONG = "0000"


def _never_asked(request: PinRequest) -> PinReply | None:
    raise AssertionError(f"no PIN prompt expected during the batch, got {request}")


def test_always_authenticate_key_one_context_login_per_signature_and_no_prompt(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    """Emulated by the shim: every private key reports CKA_ALWAYS_AUTHENTICATE."""
    shim.control.set(always_authenticate=1)
    files = [pdf_factory(f"page{i}") for i in range(10)]
    notices: list[str] = []
    before = shim.control.signatures
    batch = seal_documents(shim.ctx, files, shim.pin, pin_provider=_never_asked,
                           on_notice=notices.append)
    assert batch.ok and batch.count(Outcome.SEALED) == 10
    assert batch.always_authenticate
    assert notices == [ALWAYS_AUTHENTICATE_NOTICE] == batch.notices  # told once
    assert shim.control.context_logins == 10
    assert shim.control.signatures - before == 10
    assert_pdfsig_valid(batch.results[0].stored_path)  # type: ignore[arg-type]


def test_softhsm_native_always_authenticate_key(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    """A key that really carries CKA_ALWAYS_AUTHENTICATE; SoftHSM2 itself enforces it."""
    cfg = shim.ctx.config.token
    demo = shim.ctx.paths.demo_dir
    root = CertificateAuthority.from_pem((demo / "root-key.pem").read_bytes(),
                                         (demo / "root.pem").read_bytes())
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), shim.pin,
                            environment=cfg.environment, rw=True) as token:
        generate_keypair(token, KeyAlgorithm.EC_P256, "qualified", b"\x09",
                         always_authenticate=True)
        cert = root.issue(token.public_key("qualified"), "Qualified Seal", purpose="seal")
        store_certificate(token, cert.public_bytes(serialization.Encoding.DER), "qualified",
                          b"\x09")
    shim.ctx.config = with_token(shim.ctx.config, seal_key_label="qualified")
    before = shim.control.context_logins
    batch = seal_documents(shim.ctx, [pdf_factory(f"q{i}") for i in range(3)], shim.pin,
                           pin_provider=_never_asked)
    assert batch.ok and batch.always_authenticate
    assert shim.control.context_logins - before == 3
    assert_pdfsig_valid(batch.results[2].stored_path)  # type: ignore[arg-type]


def test_pin_pad_reader_logs_in_without_a_pin(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(protected_auth_path=1, pinpad_pin=shim.pin, pinpad_delay_ms=300)
    started = time.monotonic()
    batch = seal_documents(shim.ctx, [pdf_factory("a"), pdf_factory("b")], None)
    assert batch.ok and batch.count(Outcome.SEALED) == 2
    assert time.monotonic() - started >= 0.3  # waited for the person at the keypad
    assert shim.control.user_logins == 1


def test_pin_pad_cancelled_and_pin_pad_with_pin_per_signature_are_clear_errors(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(protected_auth_path=1)  # no pinpad_pin: the person pressed Cancel
    with pytest.raises(TokenError, match="PIN entry on the reader was cancelled"):
        seal_documents(shim.ctx, [pdf_factory("a")], None)
    shim.control.set(pinpad_pin=shim.pin, always_authenticate=1)
    with pytest.raises(TokenError, match="per-signature PIN-pad login is not supported"):
        seal_documents(shim.ctx, [pdf_factory("a")], None)


def test_wrong_pins_down_to_final_try_and_lock_then_no_more_attempts(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(max_pin_tries=3)
    seen: list[PinRequest] = []

    def stubborn(request: PinRequest) -> PinReply:
        seen.append(request)
        return PinReply(WRONG)

    with pytest.raises(PinLockedError):
        seal_documents(shim.ctx, [pdf_factory("a")], WRONG, pin_provider=stubborn)
    states = [(r.pin_state.count_low, r.pin_state.final_try) for r in seen]
    assert states == [(True, False), (True, True)]  # warned, then the final try
    assert all("PIN was not accepted" in r.retry_message for r in seen)
    assert WRONG not in " ".join(r.retry_message for r in seen)
    assert shim.control.pin_failures == 3

    with pytest.raises(PinLockedError):  # locked: refused before any attempt, even good PIN
        seal_documents(shim.ctx, [pdf_factory("a")], shim.pin, pin_provider=stubborn)
    assert shim.control.pin_failures == 3 and shim.control.user_logins == 0
    assert len(seen) == 2


def test_terminal_asks_for_confirmation_on_the_final_try_after_flags_changed(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    """The CLI's PIN provider, typed at a (simulated) terminal: warn, confirm, or stop."""
    shim.control.set(max_pin_tries=3)
    runner = CliRunner()
    with runner.isolation(input="1111\nn\n") as (_out, err, _all):
        prompts = TerminalPrompts(interactive=True)
        with pytest.raises(WrongPinError):
            seal_documents(shim.ctx, [pdf_factory("a")], WRONG, pin_provider=prompts.ask_pin)
        text = err.getvalue().decode()
    assert text.index("few tries are left") < text.index("Final try")
    assert "This is the final try: a wrong PIN locks the token. Continue?" in text
    assert shim.control.pin_failures == 2, "declining the final try makes no attempt"

    # Next run: the token's flags are read BEFORE the attempt and the final try is confirmed.
    cfg = shim.ctx.config.token
    info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment)
    assert info.pin.final_try
    with runner.isolation(input=f"y\n{shim.pin}\n") as (_out, err, _all):
        prompts = TerminalPrompts(interactive=True)
        reply = prompts.ask_pin(PinRequest(info.label, info.serial, info.pin))
        assert "Final try" in err.getvalue().decode()
    assert reply is not None
    batch = seal_documents(shim.ctx, [pdf_factory("a")], reply.pin)
    assert batch.ok and shim.control.pin_failures == 0  # the good PIN reset the counter


def test_a_refused_pin_from_the_environment_is_not_tried_twice(
    shim: ShimSetup, pdf_factory, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(max_pin_tries=3)
    runner = CliRunner()
    with runner.isolation() as (_out, err, _all):
        prompts = TerminalPrompts(interactive=False, env_pin=WRONG)
        with pytest.raises(WrongPinError):
            seal_documents(shim.ctx, [pdf_factory("a")], WRONG, pin_provider=prompts.ask_pin)
        assert "not tried again" in err.getvalue().decode()
    assert shim.control.pin_failures == 1
