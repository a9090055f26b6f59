"""Modules that are missing, not PKCS#11, hang or crash: clear errors, and SealDesk survives."""

from __future__ import annotations

import glob
import threading
import time
from pathlib import Path

import pytest

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import list_tokens, watchdog
from sealdesk.core.token import module as p11module
from sealdesk.core.token.probe import probe_module
from sealdesk.errors import ModuleLoadError, TokenTimeoutError
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.fixtures.tokens import SoftToken
from tests.p11shim import ShimControl
from tests.tokens.conftest import ShimModule, ShimSetup, events, wait_until_unstuck


def _shim_env(soft_token: SoftToken, shim_module: ShimModule, control: ShimControl):  # type: ignore[no-untyped-def]
    return {**soft_token.environment, **control.env(shim_module.softhsm_copy)}


def test_a_module_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ModuleLoadError, match="does not exist") as excinfo:
        list_tokens(str(tmp_path / "vendor" / "libpkcs11.so"))
    assert "driver" in excinfo.value.hint


def test_a_library_that_is_not_a_pkcs11_module() -> None:
    libz = sorted(glob.glob("/usr/lib/*/libz.so.1") + glob.glob("/lib/*/libz.so.1"))[0]
    with pytest.raises(ModuleLoadError, match=r"is not a PKCS#11 module \(it has no C_GetFunc"):
        list_tokens(libz)


def test_a_file_that_is_not_a_library_at_all(tmp_path: Path) -> None:
    fake = tmp_path / "opensc-pkcs11.so"
    fake.write_text("#!/bin/sh\necho not a library\n")
    with pytest.raises(ModuleLoadError, match="could not be loaded") as excinfo:
        list_tokens(str(fake))
    assert str(fake) in excinfo.value.message


def test_a_module_hanging_in_c_getslotlist_times_out_in_the_probe(
    soft_token: SoftToken, shim_module: ShimModule, tmp_path: Path
) -> None:
    control = ShimControl(tmp_path / "shim.ctl")
    control.hang("C_GetSlotList", 60_000)
    env = _shim_env(soft_token, shim_module, control)
    started = time.monotonic()
    with pytest.raises(ModuleLoadError) as excinfo:
        list_tokens(str(shim_module.path), env, timeout=1.5)
    elapsed = time.monotonic() - started
    assert excinfo.value.message == (
        f"The PKCS#11 module {shim_module.path} stopped responding while listing slots "
        "(no answer after 1.5 s)."
    )
    assert elapsed < 1.5 + 3.0, "the hung child must be killed, not waited for"
    assert (str(shim_module.path), frozenset(env.items())) not in p11module._probed


def test_a_module_crashing_in_c_getslotlist_is_reported_and_the_host_survives(
    soft_token: SoftToken, shim_module: ShimModule, tmp_path: Path
) -> None:
    control = ShimControl(tmp_path / "shim.ctl")
    control.crash("C_GetSlotList")
    env = _shim_env(soft_token, shim_module, control)
    for _ in range(2):  # not remembered as good: probed (and refused) again
        with pytest.raises(ModuleLoadError) as excinfo:
            list_tokens(str(shim_module.path), env, timeout=10)
        assert excinfo.value.message == (
            f"The PKCS#11 module {shim_module.path} crashed (signal SIGABRT) while listing slots."
        )
    control.clear()
    tokens = probe_module(str(shim_module.path), env, timeout=10).tokens
    assert [t.label for t in tokens] == ["Test Token"]


def test_a_signature_that_hangs_abandons_the_batch_cleanly(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    """The watchdog stops waiting; nothing is committed for the document in flight."""
    shim.ctx.config = with_token(shim.ctx.config, timeout_seconds=1)
    files = [pdf_factory(f"doc{i}") for i in range(3)]
    assert seal_documents(shim.ctx, files[:1], shim.pin).ok  # doc0 done before the hang
    shim.control.hang("C_Sign", 3000)
    batch = seal_documents(shim.ctx, files, shim.pin)
    assert [r.outcome for r in batch.results] == [
        Outcome.ALREADY_SEALED, Outcome.FAILED, Outcome.NOT_STARTED]
    assert isinstance(batch.stopped_by, TokenTimeoutError)
    assert batch.stopped_by.message == (
        f"The PKCS#11 module {shim.module} stopped responding while signing "
        "(no answer after 1 s)."
    )
    assert len(events(shim.ctx, EventType.DOCUMENT_SEALED)) == 1
    assert shim.ctx.store.staged_files() == []
    with pytest.raises(TokenTimeoutError, match="still stuck in an earlier call"):
        seal_documents(shim.ctx, files, shim.pin)  # refused at once, nothing queued behind it

    shim.control.clear()
    wait_until_unstuck(shim.module)
    again = seal_documents(shim.ctx, files, shim.pin)
    assert [r.outcome for r in again.results] == [
        Outcome.ALREADY_SEALED, Outcome.SEALED, Outcome.SEALED]
    assert len(events(shim.ctx, EventType.DOCUMENT_SEALED)) == 3


def test_a_login_that_hangs_is_reported_and_recorded(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.ctx.config = with_token(shim.ctx.config, timeout_seconds=1)
    shim.control.hang("C_Login", 2500)
    with pytest.raises(TokenTimeoutError, match="stopped responding while logging in"):
        seal_documents(shim.ctx, [pdf_factory("doc")], shim.pin)
    failed = events(shim.ctx, EventType.TOKEN_LOGIN_FAILED)
    assert len(failed) == 1 and b"stopped responding while logging in" in failed[0].payload
    wait_until_unstuck(shim.module)


def test_the_watchdog_defers_clean_up_until_a_stuck_call_returns() -> None:
    release = threading.Event()
    cleaned = threading.Event()
    module = "/nonexistent/test-watchdog.so"
    with pytest.raises(TokenTimeoutError, match="stopped responding while waiting"):
        watchdog.guarded(module, "waiting", lambda: release.wait(10), timeout=0.2)
    assert watchdog.is_stuck(module) and watchdog.any_stuck()
    watchdog.after_unstuck(module, cleaned.set)
    assert not cleaned.is_set()
    with pytest.raises(TokenTimeoutError, match="still stuck"):
        watchdog.guarded(module, "another call", lambda: None, timeout=1)
    release.set()
    assert cleaned.wait(5)
    assert not watchdog.is_stuck(module)
    assert watchdog.guarded(module, "a quick call", lambda: 42, timeout=1) == 42
    with pytest.raises(ZeroDivisionError):
        watchdog.guarded(module, "a failing call", lambda: 1 / 0, timeout=1)

    late_results: list[str] = []  # e.g. a login that succeeds after its timeout: close it
    release.clear()
    with pytest.raises(TokenTimeoutError):
        watchdog.guarded(module, "logging in", lambda: release.wait(10) and "session",
                         timeout=0.2, late=late_results.append)
    release.set()
    wait_until_unstuck(module)
    assert late_results == ["session"]
