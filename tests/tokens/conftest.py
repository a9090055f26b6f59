"""Real-token quirks, reproduced with SoftHSM2 and the fault-injecting p11shim (tests/p11shim).

The shim is a test substitute for hardware behaviour (removal, PIN counter, PIN pad, PIN per
signature, hangs, crashes); it proves that SealDesk handles these protocol-level situations, not
that any given token model behaves this way. It is built once per test session.

The shim forwards to a private COPY of libsofthsm2.so: the dynamic loader would otherwise hand
the shim the very SoftHSM2 instance other tests in this process load directly, and the two
users would share one C_Initialize and one token directory.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from sealdesk.config import with_token
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import watchdog
from sealdesk.core.token.softhsm import find_softhsm_module
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from tests.p11shim import ShimControl, build_shim

TEST_TIMEOUT = 5.0
"""token.timeout_seconds in these tests: short, so that hang tests finish quickly."""


@dataclass(frozen=True)
class ShimModule:
    path: Path
    softhsm_copy: Path


@dataclass
class ShimSetup:
    """A demo installation whose token is reached through the shim."""

    ctx: AppContext
    control: ShimControl
    module: str
    pin: str


@pytest.fixture(scope="session")
def shim_module(tmp_path_factory: pytest.TempPathFactory) -> ShimModule:
    if shutil.which("gcc") is None or shutil.which("softhsm2-util") is None:
        pytest.skip("gcc and SoftHSM2 are needed to build and drive the p11shim")
    folder = tmp_path_factory.mktemp("p11shim")
    copy = folder / "libsofthsm2-for-shim.so"
    shutil.copy2(find_softhsm_module(), copy)
    return ShimModule(build_shim(folder), copy)


@pytest.fixture
def shim(demo_ctx: AppContext, demo_pin: str, shim_module: ShimModule,
         tmp_path: Path) -> Iterator[ShimSetup]:
    """The demo token behind the shim, with a short token timeout; faults cleared at the end."""
    control = ShimControl(tmp_path / "shim.ctl")
    token_cfg = demo_ctx.config.token
    environment = {**token_cfg.environment, **control.env(shim_module.softhsm_copy)}
    demo_ctx.config = with_token(
        demo_ctx.config, module=str(shim_module.path), environment=environment,
        timeout_seconds=TEST_TIMEOUT,
    )
    yield ShimSetup(demo_ctx, control, str(shim_module.path), demo_pin)
    control.reset()
    wait_until_unstuck(str(shim_module.path))


def wait_until_unstuck(module: str, limit: float = 15.0) -> None:
    """Let an abandoned (hung) call come back before the next test uses the module."""
    import time

    deadline = time.monotonic() + limit
    while watchdog.is_stuck(module) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not watchdog.is_stuck(module), "a PKCS#11 call never came back"


def events(ctx: AppContext, kind: EventType) -> list[AuditEntry]:
    with ctx.database.reader() as session:
        return list(session.execute(
            select(AuditEntry).where(AuditEntry.event_type == str(kind))).scalars())
