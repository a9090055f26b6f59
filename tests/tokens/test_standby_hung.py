"""A primary seal token that hangs: sealing is refused with the standby offered, the operator
switches, and the standby (another module, another token) seals while the primary is stuck.

The primary is reached through the fault-injecting p11shim (its C_Login hangs past the token's
time limit); the standby through SoftHSM2 itself, as a second reader with its own driver.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sealdesk.config import StandbyConfig, with_token
from sealdesk.core.rotation.standby import STANDBY
from sealdesk.errors import TokenTimeoutError
from sealdesk.services.incidents.standby import switch_to_standby
from sealdesk.services.keys.standby import PrimaryTokenUnavailableError, seal_token
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.p11shim import ShimControl
from tests.rotation.conftest import Ceremony, ceremony, ceremony_template  # noqa: F401
from tests.rotation.standby_support import approve_and_execute, make_standby, propose_standby
from tests.tokens.conftest import TEST_TIMEOUT, ShimModule, wait_until_unstuck


@pytest.mark.timeout(240)
def test_hung_primary_offers_the_standby_which_then_seals(
        ceremony: Ceremony, shim_module: ShimModule, tmp_path: Path,  # noqa: F811
        pdf_factory) -> None:  # type: ignore[no-untyped-def]
    c = ceremony
    standby, _primary_dir = make_standby(c.ctx, c.seal_pin)
    pid = propose_standby(c.ctx, standby)
    approve_and_execute(c.ctx, pid, lambda p: (c.decide(p, "Bob"), c.decide(p, "Carol")))

    control = ShimControl(tmp_path / "shim.ctl")
    primary = c.ctx.config.token
    c.ctx.config = replace(
        with_token(c.ctx.config, module=str(shim_module.path), timeout_seconds=TEST_TIMEOUT,
                   environment={**primary.environment, **control.env(shim_module.softhsm_copy)}),
        standby=StandbyConfig(module=primary.module, environment=dict(primary.environment)))
    try:
        control.hang("C_Login", int(TEST_TIMEOUT * 1000) + 3000)
        with pytest.raises(PrimaryTokenUnavailableError) as offered:
            seal_documents(c.ctx, [pdf_factory("during-hang")], c.seal_pin)
        assert isinstance(offered.value.cause, TokenTimeoutError)

        result = switch_to_standby(c.ctx, c.seal_pin, reason="primary token hangs at login")
        assert seal_token(c.ctx).which == STANDBY
        assert result.primary is not None and result.primary.state == "hung"
        batch = seal_documents(c.ctx, [pdf_factory("on-standby")], c.seal_pin)
        assert batch.ok and batch.count(Outcome.SEALED) == 1
    finally:
        control.reset()
        wait_until_unstuck(str(shim_module.path))
