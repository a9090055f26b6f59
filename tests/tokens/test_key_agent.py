"""The key agent (issue 21): data keys opened by a child process's login, on real SoftHSM2 tokens.

The point of the agent is that PKCS#11 login state is per process: while the agent holds its
login, this process can still log in to the same token and sign. Errors arrive as the same
classes and messages as direct calls; the child goes away when closed, when dropped, and when
its parent dies; its command line and environment hold no PIN.
"""

from __future__ import annotations

import gc
import io
import os
import signal
import struct
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from sealdesk.core.crypto.wrapping import WrappedKey, wrap_for
from sealdesk.core.token import open_token_session
from sealdesk.core.token.key_agent import KeyAgent
from sealdesk.core.token.key_agent_child import MAX_FRAME_BYTES, FrameError, read_frame
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair
from sealdesk.core.token.storage_key import storage_public_key, unwrap_data_key
from sealdesk.errors import (
    KeyNotFoundError,
    RecordIntegrityError,
    TokenError,
    TokenTimeoutError,
    WrongPinError,
)
from tests.fixtures.tokens import SoftToken
from tests.p11shim import ShimControl
from tests.tokens.conftest import ShimModule
from tests.tokens.test_storage_key import (  # noqa: F401 - fixtures
    OTHER_PIN,
    Offices,
    _assert_no_secret,
    office_template,
    offices,
)


@pytest.fixture
def tokens(request: pytest.FixtureRequest) -> Offices:
    """test_storage_key's tokens, a private copy per test: ours with KEK 1, another office's
    with its own KEK 1, and a recovery token with a decrypt-only key."""
    return request.getfixturevalue("offices")  # type: ignore[no-any-return]


def _agent(token: SoftToken, pin: str | None = None, **options: object) -> KeyAgent:
    return KeyAgent.start(token.module, token.selector, token.pin if pin is None else pin,
                          environment=token.environment, timeout=10.0, **options)  # type: ignore[arg-type]


def _exited(pid: int) -> bool:
    """The process is gone, or a zombie (it has exited; only its parent's reaping is left)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status


def _wait_exited(pid: int, seconds: float = 8.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _exited(pid):
            return True
        time.sleep(0.05)
    return False


def test_agent_opens_a_key_while_this_process_logs_in_and_signs(tokens: Offices) -> None:
    """The whole point: the agent's login does not stop this process's own login."""
    home, data_key = tokens.home, os.urandom(32)
    wrapped = wrap_for(tokens.kek.public_key, data_key)
    with _agent(home) as agent:
        assert agent.unwrap([wrapped]) == data_key
        with home.session() as token:  # UserAlreadyLoggedIn if the login were in this process
            generate_keypair(token, KeyAlgorithm.EC_P256, "seal", b"\x01")
            signature, algorithm = token.sign_with("seal", b"a document")
            assert unwrap_data_key(token, wrapped) == data_key
        assert algorithm == "ecdsa-sha256" and signature
        assert agent.unwrap([wrapped]) == data_key  # closing our session left the agent's alone
        pid = agent.pid
    assert _wait_exited(pid)


def test_wrong_pin_is_the_same_error_as_a_direct_login(tokens: Offices) -> None:
    home = tokens.home
    with pytest.raises(WrongPinError) as direct, open_token_session(
        home.module, home.selector, "0000", environment=home.environment
    ):
        pass
    with pytest.raises(WrongPinError) as via_agent:
        _agent(home, pin="0000")
    assert via_agent.value.message == direct.value.message
    assert via_agent.value.message == (
        "The PIN was not accepted while logging in to token 'Home Office'."
    )
    assert via_agent.value.hint == direct.value.hint and type(via_agent.value) is WrongPinError
    _assert_no_secret(via_agent.value, "0000")


def test_unwrap_many_answers_each_document(tokens: Offices) -> None:
    """Good, foreign, damaged and mixed documents in one request, errors as direct calls."""
    home, kek = tokens.home, tokens.kek
    keys = [os.urandom(32) for _ in range(3)]
    with open_token_session(home.module, tokens.other.selector, None,
                            environment=home.environment, login=False) as public_only:
        foreign_public = storage_public_key(public_only, 1)
    foreign = wrap_for(foreign_public, keys[1])
    damaged = WrappedKey(kek.fingerprint, os.urandom(384))
    documents = [
        [wrap_for(kek.public_key, keys[0])],
        [foreign],
        [damaged],
        [foreign, wrap_for(kek.public_key, keys[2])],  # the second wrap is ours
        [],
    ]
    with _agent(home) as agent:
        results = agent.unwrap_many(documents)
        with pytest.raises(KeyNotFoundError) as raised:
            agent.unwrap([foreign])
    with home.session() as token:
        direct = []
        for wrapped in (foreign, damaged):
            try:
                unwrap_data_key(token, wrapped)
            except (KeyNotFoundError, RecordIntegrityError) as exc:
                direct.append(exc)
    assert results[0] == keys[0] and results[3] == keys[2]
    for got, expected in zip((results[1], results[2]), direct, strict=True):
        assert type(got) is type(expected)
        assert (got.message, got.hint) == (expected.message, expected.hint)  # type: ignore[union-attr]
    assert isinstance(results[4], KeyNotFoundError)
    assert raised.value.message == direct[0].message
    for result in results[1:3]:
        _assert_no_secret(result, *keys, home.pin)  # type: ignore[arg-type]


def test_requests_from_several_threads_take_turns(tokens: Offices) -> None:
    data_keys = [os.urandom(32) for _ in range(6)]
    wraps = [wrap_for(tokens.kek.public_key, k) for k in data_keys]
    opened: dict[int, bytes] = {}
    with _agent(tokens.home) as agent:
        threads = [threading.Thread(target=lambda i=i: opened.update({i: agent.unwrap([wraps[i]])}))
                   for i in range(len(wraps))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
    assert [opened.get(i) for i in range(len(wraps))] == data_keys


def test_recovery_agent_opens_a_key_wrapped_to_its_recovery_key(tokens: Offices) -> None:
    recovery, data_key = tokens.recovery, os.urandom(32)
    kek_wrap = wrap_for(tokens.kek.public_key, data_key)
    recovery_wrap = wrap_for(tokens.recovery_public, data_key)
    with _agent(recovery, recovery_key="recovery-1") as agent:
        assert agent.unwrap([kek_wrap, recovery_wrap]) == data_key
        with pytest.raises(KeyNotFoundError, match="'recovery-1' on token 'Recovery' is not"):
            agent.unwrap([kek_wrap])


def test_closed_agent_exits_and_refuses_requests(tokens: Offices) -> None:
    agent = _agent(tokens.home)
    pid = agent.pid
    agent.close()
    assert _exited(pid)
    with pytest.raises(TokenError, match="key agent failed"):
        agent.unwrap([wrap_for(tokens.kek.public_key, os.urandom(32))])


def test_dropped_agent_exits(tokens: Offices) -> None:
    """Dropping the object without close() closes the pipe: the child logs out and exits."""
    agent = _agent(tokens.home)
    pid = agent.pid
    del agent
    gc.collect()
    assert _wait_exited(pid)


def test_agent_exits_when_its_parent_dies(tokens: Offices) -> None:
    """A parent killed with SIGKILL closes nothing itself; the kernel closes the pipe."""
    home = tokens.home
    script = textwrap.dedent(f"""
        import sys, time
        from sealdesk.core.token.identity import TokenSelector
        from sealdesk.core.token.key_agent import KeyAgent
        agent = KeyAgent.start({home.module!r}, TokenSelector(label={home.label!r}),
                               sys.stdin.readline().strip(),
                               environment={{"SOFTHSM2_CONF": {str(home.conf)!r}}}, timeout=10)
        print(agent.pid, flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ})
    try:
        assert parent.stdin is not None and parent.stdout is not None
        parent.stdin.write(home.pin + "\n")
        parent.stdin.flush()
        pid = int(parent.stdout.readline())
        assert not _exited(pid)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
    assert _wait_exited(pid)


def test_no_pin_in_the_live_agent_cmdline_or_environment(
    tokens: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEALDESK_PIN", OTHER_PIN)
    other = tokens.other
    with _agent(other) as agent:  # ready: the child runs and has logged in
        cmdline = Path(f"/proc/{agent.pid}/cmdline").read_bytes()
        environ = Path(f"/proc/{agent.pid}/environ").read_bytes()
    assert other.pin == OTHER_PIN
    assert OTHER_PIN.encode() not in cmdline + environ
    assert b"SEALDESK_PIN" not in environ and b"SOFTHSM2_CONF=" in environ
    assert b"key_agent_child" in cmdline


def test_a_hung_token_is_a_timeout_error_not_a_freeze(
    tokens: Offices, shim_module: ShimModule, tmp_path: Path
) -> None:
    """The token stops answering mid-request (through the fault-injecting shim): the request
    ends after the timeout with a TokenTimeoutError, and the stuck agent is killed."""
    home, control = tokens.home, ShimControl(tmp_path / "shim.ctl")
    environment = {**home.environment, **control.env(shim_module.softhsm_copy)}
    wrapped = wrap_for(tokens.kek.public_key, os.urandom(32))
    agent = KeyAgent.start(str(shim_module.path), home.selector, home.pin,
                           environment=environment, timeout=1.0)
    try:
        control.hang("C_GetAttributeValue", 4000)
        started = time.monotonic()
        with pytest.raises(TokenTimeoutError, match="key agent stopped responding while opening"):
            agent.unwrap([wrapped])
        assert time.monotonic() - started < 3.5
        assert _wait_exited(agent.pid, 2.0)
        with pytest.raises(TokenTimeoutError):  # the agent stays broken: log in again
            agent.unwrap([wrapped])
    finally:
        control.reset()
        agent.close()


def test_frames_over_the_bound_are_refused_unread() -> None:
    oversized = io.BytesIO(struct.pack(">I", MAX_FRAME_BYTES + 1) + b"{}")
    with pytest.raises(FrameError, match="at most 16,777,216"):
        read_frame(oversized)
    assert oversized.tell() == 4
    assert read_frame(io.BytesIO(struct.pack(">I", 2) + b"{}")) == {}
    assert read_frame(io.BytesIO(b"")) is None
    with pytest.raises(FrameError):
        read_frame(io.BytesIO(struct.pack(">I", 5) + b"[1]"))
