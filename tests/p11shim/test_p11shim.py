"""Prove each p11shim behaviour against a real SoftHSM2 token through python-pkcs11.

Every PKCS#11 scenario runs in a fresh Python process: SoftHSM2 reads
SOFTHSM2_CONF only at C_Initialize, python-pkcs11 caches ``pkcs11.lib`` per
path, and a real token's PIN counter must survive a restart — all three are
easiest to get right (and to prove) with one process per scenario. A
``scenario_*`` function runs in the child, asserts there, and may return a
JSON-able value to the test that launched it.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pkcs11
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11_errors
from pkcs11.util.ec import (
    encode_ec_public_key,
    encode_ecdsa_signature,
    encode_named_curve_parameters,
)

from .build import SOFTHSM2_MODULE, ShimControl, build_shim

if TYPE_CHECKING:
    from pkcs11._pkcs11 import lib as P11Lib

PIN = "1234"
SO_PIN = "5678"
LABEL = "SHIMTEST"
CHILD_TIMEOUT_S = 20.0
# The directory from which this module is importable under its own __name__.
_IMPORT_ROOT = Path(__file__).resolve().parents[__name__.count(".")]


@dataclass(frozen=True)
class ShimToken:
    """A fresh SoftHSM2 token behind the shim, and how a child process reaches it."""

    module: Path
    control: ShimControl
    env: dict[str, str]


@pytest.fixture(scope="session")
def shim_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SOFTHSM2_MODULE.exists() or shutil.which("softhsm2-util") is None:
        pytest.skip("SoftHSM2 is not installed")
    return build_shim(tmp_path_factory.mktemp("p11shim-build"))


@pytest.fixture
def shim_token(tmp_path: Path, shim_module: Path) -> ShimToken:
    token_dir = tmp_path / "tokens"
    token_dir.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {token_dir}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", LABEL,
         "--pin", PIN, "--so-pin", SO_PIN],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    control = ShimControl(tmp_path / "shim.ctl")
    env |= control.env() | {"SHIM_TEST_MODULE": str(shim_module)}
    return ShimToken(module=shim_module, control=control, env=env)


def _child_command(scenario: Callable[..., Any], args: tuple[Any, ...]) -> list[str]:
    code = (
        "import importlib, json, sys; sys.path.insert(0, sys.argv[1]); "
        "result = getattr(importlib.import_module(sys.argv[2]), sys.argv[3])"
        "(*json.loads(sys.argv[4])); print(json.dumps(result))"
    )
    return [sys.executable, "-c", code, str(_IMPORT_ROOT), __name__, scenario.__name__,
            json.dumps(args)]  # fmt: skip


def run_scenario(token: ShimToken, scenario: Callable[..., Any], *args: Any) -> Any:
    """Run ``scenario(*args)`` in a fresh process; return its value, fail on its error."""
    proc = subprocess.run(
        _child_command(scenario, args),
        env=token.env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, f"{scenario.__name__} failed:\n{proc.stderr}"
    return json.loads(proc.stdout.splitlines()[-1])


# -- helpers used inside child processes --------------------------------------


def _lib() -> P11Lib:
    return pkcs11.lib(os.environ["SHIM_TEST_MODULE"])


def _control() -> ShimControl:
    return ShimControl(Path(os.environ["P11SHIM_CONTROL"]))


def _token(lib: P11Lib) -> pkcs11.Token:
    """Fetch the token afresh: python-pkcs11 snapshots flags when it builds a Token."""
    return lib.get_token(token_label=LABEL)


def _error_name(action: Callable[[], object]) -> str:
    """Run ``action``; "ok" or the python-pkcs11 exception class it raised."""
    try:
        action()
    except p11_errors.PKCS11Error as exc:
        return type(exc).__name__
    return "ok"


def _generate_ec_key(
    session: pkcs11.Session, label: str, always_authenticate: bool = False
) -> tuple[pkcs11.PublicKey, pkcs11.PrivateKey]:
    params = session.create_domain_parameters(
        KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")}, local=True
    )
    return params.generate_keypair(
        store=True,
        label=label,
        private_template={Attribute.ALWAYS_AUTHENTICATE: always_authenticate},
    )


def _sign_and_verify(pub: pkcs11.PublicKey, priv: pkcs11.PrivateKey, **sign_kwargs: Any) -> None:
    """Sign a SHA-256 digest on the token and verify it independently with `cryptography`."""
    message = os.urandom(64)
    digest = hashlib.sha256(message).digest()
    raw = priv.sign(digest, mechanism=Mechanism.ECDSA, **sign_kwargs)
    public_key = serialization.load_der_public_key(encode_ec_public_key(pub))
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    public_key.verify(
        encode_ecdsa_signature(raw), digest, ec.ECDSA(utils.Prehashed(hashes.SHA256()))
    )


def _sign_error(priv: pkcs11.PrivateKey, **sign_kwargs: Any) -> str:
    digest = hashlib.sha256(b"x").digest()
    return _error_name(lambda: priv.sign(digest, mechanism=Mechanism.ECDSA, **sign_kwargs))


# -- scenarios (run in child processes) ----------------------------------------


def scenario_sign_passthrough() -> None:
    with _token(_lib()).open(rw=True, user_pin=PIN) as session:
        pub, priv = _generate_ec_key(session, "plain")
        _sign_and_verify(pub, priv)


def scenario_login(pin: str) -> dict[str, Any]:
    lib = _lib()

    def login() -> None:
        _token(lib).open(user_pin=pin).close()

    return {"result": _error_name(login), "flags": int(_token(lib).flags)}


def scenario_so_init_pin(new_pin: str) -> None:
    with _token(_lib()).open(rw=True, so_pin=SO_PIN) as session:
        session.init_pin(new_pin)


def scenario_removal_and_reinsertion() -> None:
    lib, control = _lib(), _control()
    token = _token(lib)
    slot_id = token.slot.slot_id
    old = token.open(rw=True, user_pin=PIN)
    pub, priv = _generate_ec_key(old, "removable")
    _sign_and_verify(pub, priv)

    control.remove_token()
    assert slot_id not in [s.slot_id for s in lib.get_slots(token_present=True)]
    assert slot_id in [s.slot_id for s in lib.get_slots(token_present=False)]
    (slot,) = [s for s in lib.get_slots() if s.slot_id == slot_id]
    assert not slot.flags & pkcs11.SlotFlag.TOKEN_PRESENT
    assert _error_name(token.slot.get_token) == "TokenNotPresent"
    assert _error_name(lambda: token.open(user_pin=PIN)) == "TokenNotPresent"
    assert _sign_error(priv) == "DeviceRemoved"
    assert _error_name(lambda: list(old.get_objects())) == "DeviceRemoved"

    control.insert_token()
    assert _sign_error(priv) == "SessionHandleInvalid"
    # The removal logged the user out: a new session must log in again, and can.
    with _token(lib).open(user_pin=PIN) as new:
        new_priv = new.get_key(object_class=ObjectClass.PRIVATE_KEY, label="removable")
        new_pub = new.get_key(object_class=ObjectClass.PUBLIC_KEY, label="removable")
        _sign_and_verify(new_pub, new_priv)


def scenario_removal_between_calls() -> None:
    """A removal the process never saw (no call while "out") still kills its sessions."""
    lib, control = _lib(), _control()
    old = _token(lib).open(user_pin=PIN)
    control.remove_token()
    control.insert_token()
    assert _error_name(lambda: list(old.get_objects())) == "SessionHandleInvalid"
    _token(lib).open(user_pin=PIN).close()


def scenario_pinpad() -> dict[str, Any]:
    lib, control = _lib(), _control()
    token = _token(lib)
    assert token.flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH
    started = time.monotonic()
    with token.open(rw=True, user_pin=pkcs11.PROTECTED_AUTH) as session:
        elapsed = time.monotonic() - started
        pub, priv = _generate_ec_key(session, "pinpad")  # needs a logged-in R/W session
        _sign_and_verify(pub, priv)

    def pinpad_login() -> None:
        _token(lib).open(user_pin=pkcs11.PROTECTED_AUTH).close()

    control.set(pinpad_pin="0000")
    wrong = _error_name(pinpad_login)
    control.set(pinpad_pin=None)
    cancelled = _error_name(pinpad_login)
    control.set(protected_auth_path=None)
    no_pinpad = _error_name(pinpad_login)
    return {"elapsed": elapsed, "wrong": wrong, "cancelled": cancelled, "no_pinpad": no_pinpad}


def scenario_always_authenticate(native: bool) -> dict[str, Any]:
    token = _token(_lib())
    with token.open(rw=True, user_pin=PIN) as session:
        pub, priv = _generate_ec_key(session, "qscd", always_authenticate=native)
        assert priv[Attribute.ALWAYS_AUTHENTICATE] is True
        without_pin = _sign_error(priv)
        for _ in range(3):
            _sign_and_verify(pub, priv, pin=PIN)
    with token.open(user_pin=PIN) as session:
        priv = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label="qscd")
        wrong_pin = _sign_error(priv, pin="0000")
        after_wrong_pin = _sign_error(priv, pin=PIN)
    return {"without_pin": without_pin, "wrong_pin": wrong_pin, "after_wrong_pin": after_wrong_pin}


def scenario_list_slots() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an injected abort() leaves no core file
    lib = _lib()
    print("calling", flush=True)
    lib.get_slots(token_present=True)


def scenario_timed_login() -> float:
    token = _token(_lib())
    started = time.monotonic()
    token.open(user_pin=PIN).close()
    return time.monotonic() - started


def scenario_fail_at_runtime() -> dict[str, str]:
    lib, control = _lib(), _control()
    with _token(lib).open(rw=True, user_pin=PIN) as session:
        pub, priv = _generate_ec_key(session, "flaky")
        control.fail("C_OpenSession", "CKR_DEVICE_ERROR")
        control.fail("C_Sign", 0x32)  # CKR_DEVICE_REMOVED, by number
        results = {
            "open": _error_name(lambda: _token(lib).open().close()),
            "sign": _sign_error(priv),
        }
        control.clear()
        _sign_and_verify(pub, priv)
    _token(lib).open().close()
    return results


def scenario_relabelled_token() -> dict[str, str]:
    lib = _lib()
    swapped = lib.get_token(token_label="SWAPPED")
    serial = swapped.serial.decode()
    _control().clear()
    return {"serial": serial, "label_after_clear": _token(lib).label}


# -- tests -----------------------------------------------------------------------


def test_signatures_through_the_shim_verify(shim_token: ShimToken) -> None:
    run_scenario(shim_token, scenario_sign_passthrough)
    assert shim_token.control.signatures == 1
    assert shim_token.control.user_logins == 1


def test_wrong_pins_lock_the_token_across_restarts(shim_token: ShimToken) -> None:
    control = shim_token.control
    control.set(max_pin_tries=3)
    low, final, locked = (
        TokenFlag.USER_PIN_COUNT_LOW,
        TokenFlag.USER_PIN_FINAL_TRY,
        TokenFlag.USER_PIN_LOCKED,
    )
    expected = [
        ("0000", "PinIncorrect", low),
        ("0000", "PinIncorrect", low | final),
        ("0000", "PinIncorrect", low | locked),
        (PIN, "PinLocked", low | locked),  # the right PIN no longer helps
    ]
    for pin, result, flags in expected:
        seen = run_scenario(shim_token, scenario_login, pin)  # a new process each time
        assert seen["result"] == result
        assert seen["flags"] & (low | final | locked) == flags
    assert control.pin_failures == 3

    run_scenario(shim_token, scenario_so_init_pin, "4321")  # the SO unblocks the user
    seen = run_scenario(shim_token, scenario_login, "4321")
    assert seen["result"] == "ok"
    assert seen["flags"] & (low | final | locked) == 0


def test_a_good_pin_resets_the_counter(shim_token: ShimToken) -> None:
    shim_token.control.set(max_pin_tries=3)
    assert run_scenario(shim_token, scenario_login, "0000")["result"] == "PinIncorrect"
    assert shim_token.control.pin_failures == 1
    seen = run_scenario(shim_token, scenario_login, PIN)
    assert seen["result"] == "ok"
    assert seen["flags"] & TokenFlag.USER_PIN_COUNT_LOW == 0
    assert shim_token.control.pin_failures == 0


def test_removal_and_reinsertion(shim_token: ShimToken) -> None:
    run_scenario(shim_token, scenario_removal_and_reinsertion)


def test_removal_the_process_did_not_witness_invalidates_sessions(shim_token: ShimToken) -> None:
    run_scenario(shim_token, scenario_removal_between_calls)


def test_pinpad_login_without_a_pin(shim_token: ShimToken) -> None:
    shim_token.control.set(
        protected_auth_path=1, pinpad_pin=PIN, pinpad_delay_ms=300, max_pin_tries=3
    )
    seen = run_scenario(shim_token, scenario_pinpad)
    assert seen["elapsed"] >= 0.3
    assert seen["wrong"] == "PinIncorrect"
    assert seen["cancelled"] == "FunctionCancelled"
    assert seen["no_pinpad"] == "ArgumentsBad"  # python-pkcs11 refuses without the flag
    assert shim_token.control.pin_failures == 1


@pytest.mark.parametrize("native", [False, True], ids=["emulated", "softhsm-native"])
def test_always_authenticate_needs_a_context_login_per_signature(
    shim_token: ShimToken, native: bool
) -> None:
    """The emulation must behave exactly as SoftHSM2 does for a key that really has the flag."""
    if not native:
        shim_token.control.set(always_authenticate=1)
    seen = run_scenario(shim_token, scenario_always_authenticate, native)
    assert seen == {
        "without_pin": "UserNotLoggedIn",
        "wrong_pin": "PinIncorrect",
        # A failed context login leaves the operation active, in SoftHSM2 as per the spec;
        # python-pkcs11 cannot cancel it, so that session cannot sign again.
        "after_wrong_pin": "OperationActive",
    }
    assert shim_token.control.context_logins == 3
    assert shim_token.control.signatures == 3


def test_hang_blocks_the_caller(shim_token: ShimToken) -> None:
    shim_token.control.hang("C_GetSlotList", 60_000)
    child = subprocess.Popen(
        _child_command(scenario_list_slots, ()),
        env=shim_token.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "calling\n"
        time.sleep(1.0)
        assert child.poll() is None, "the call returned although it should hang"
    finally:
        child.kill()
        child.communicate()


def test_hang_then_forward(shim_token: ShimToken) -> None:
    shim_token.control.hang("C_Login", 400)
    assert run_scenario(shim_token, scenario_timed_login) >= 0.4


def test_crash_kills_only_the_host_process(shim_token: ShimToken) -> None:
    shim_token.control.crash("C_GetSlotList")
    proc = subprocess.run(
        _child_command(scenario_list_slots, ()),
        env=shim_token.env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=False,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGABRT
    assert "crash injected in C_GetSlotList" in proc.stderr
    shim_token.control.clear()
    run_scenario(shim_token, scenario_list_slots)  # the token itself is unharmed


def test_fail_injects_error_codes_at_runtime(shim_token: ShimToken) -> None:
    seen = run_scenario(shim_token, scenario_fail_at_runtime)
    assert seen == {"open": "DeviceError", "sign": "DeviceRemoved"}


def test_label_and_serial_override(shim_token: ShimToken) -> None:
    shim_token.control.set(token_label="SWAPPED", token_serial="0000SWAP")
    seen = run_scenario(shim_token, scenario_relabelled_token)
    assert seen == {"serial": "0000SWAP", "label_after_clear": LABEL}


# -- the Python helper itself ----------------------------------------------------


def test_build_is_cached_by_source_hash(tmp_path: Path, shim_module: Path) -> None:
    first = build_shim(tmp_path)
    mtime = first.stat().st_mtime_ns
    assert build_shim(tmp_path) == first
    assert first.stat().st_mtime_ns == mtime
    assert first.name == shim_module.name
    assert [p.name for p in tmp_path.iterdir()] == [first.name]


def test_control_file_round_trip(tmp_path: Path) -> None:
    control = ShimControl(tmp_path / "ctl")
    control.set(max_pin_tries=3, protected_auth_path=True, token_label="A B")
    control.fail("C_Login", "CKR_DEVICE_ERROR")
    control.fail("C_Sign", 0x30)
    control.fail("C_Login", "CKR_PIN_EXPIRED")
    control.hang("C_Login", 10)
    assert control.read() == {
        "max_pin_tries": "3",
        "protected_auth_path": "1",
        "token_label": "A B",
        "fail": "C_Sign:0x30,C_Login:CKR_PIN_EXPIRED",
        "hang": "C_Login:10",
    }
    control.remove_token()
    control.remove_token()  # already out: not a second removal
    control.insert_token()
    assert control.read()["removal_epoch"] == "1"
    control.clear()
    assert control.read() == {"removal_epoch": "1"}
    with pytest.raises(ValueError, match="unknown shim control keys"):
        control.set(max_pin_retries=3)
    with pytest.raises(ValueError, match="single lines"):
        control.set(pinpad_pin="12\n34")
    assert control.state() == {}
