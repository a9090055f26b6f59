"""Done means #3: execution interrupted at any point and resumed ends with exactly one active
seal key, one new key on the token (never a duplicate), and every step recorded once."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sealdesk.core.rotation.actions import KEY_ROTATION_STEPS, ProposalStatus, Step
from sealdesk.core.token.inventory import list_objects
from sealdesk.errors import TokenNotPresentError, WrongPinError
from sealdesk.services.keys import rotation
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.storage.keys import repo as rotation_repo
from sealdesk.storage.keys.models import ManagedKey, StepRecord
from tests.fixtures.tokens import SoftToken
from tests.rotation.conftest import Ceremony

POINTS = [(step, phase) for step in KEY_ROTATION_STEPS for phase in ("performed", "recorded")]


def _approved(ceremony: Ceremony) -> str:
    pid = ceremony.propose_seal_rotation(label="seal-new").proposal_id
    ceremony.decide(pid, "Alice")
    ceremony.decide(pid, "Carol")
    return pid


def _seal_token(ceremony: Ceremony) -> SoftToken:
    cfg = ceremony.ctx.config.token
    return SoftToken(cfg.module, Path(cfg.environment["SOFTHSM2_CONF"]), cfg.label,
                     ceremony.seal_pin)


def _assert_invariants(ceremony: Ceremony) -> None:
    with ceremony.ctx.database.reader() as session:
        active = session.execute(select(func.count()).select_from(ManagedKey).where(
            ManagedKey.purpose == "seal", ManagedKey.status == "active")).scalar_one()
    assert active == 1
    with _seal_token(ceremony).session(rw=False) as token:
        new_keys = [o for o in list_objects(token)
                    if o.kind == "private key" and o.label == "seal-new"]
    assert len(new_keys) <= 1


class Interrupted(TokenNotPresentError):
    """As if the token had been pulled out at this point."""


def test_interrupted_at_every_point_then_resumed(ceremony: Ceremony, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    ctx = ceremony.ctx
    pid = _approved(ceremony)
    for point in POINTS:
        def hook(step: Step, phase: str, point: tuple[Step, str] = point) -> None:
            if (step, phase) == point:
                raise Interrupted(f"token removed at {step.value}/{phase}")

        with pytest.raises(Interrupted):
            rotation.execute(ctx, pid, ceremony.seal_pin, hook=hook)
        assert rotation.show(ctx, pid).status == ProposalStatus.EXECUTING
        _assert_invariants(ceremony)

    result = rotation.execute(ctx, pid, ceremony.seal_pin)
    assert result.status == ProposalStatus.EXECUTED
    _assert_invariants(ceremony)
    with ctx.database.reader() as session:
        steps = session.execute(select(StepRecord.step).where(
            StepRecord.proposal_id == pid)).scalars().all()
        active = rotation_repo.active_key(session, "seal")
    assert sorted(steps) == sorted(s.value for s in KEY_ROTATION_STEPS)
    assert active is not None and active.label == "seal-new"
    assert ctx.config.token.seal_key_label == "seal-new"
    details = dict(rotation.show(ctx, pid).steps)
    assert details[Step.KEY_GENERATED]["reused"] is True  # generated once, reused on resume
    assert seal_documents(ctx, [pdf_factory("after")], ceremony.seal_pin).ok
    assert rotation.verify_quorum_offline(ctx, pid).ok


def test_a_wrong_pin_on_resume_changes_nothing(ceremony: Ceremony) -> None:
    pid = _approved(ceremony)

    def stop(step: Step, phase: str) -> None:
        if step == Step.CSR_CREATED and phase == "recorded":
            raise Interrupted("token removed")

    with pytest.raises(Interrupted):
        rotation.execute(ceremony.ctx, pid, ceremony.seal_pin, hook=stop)
    with pytest.raises(WrongPinError):
        rotation.execute(ceremony.ctx, pid, "0000")
    assert [s for s, _ in rotation.show(ceremony.ctx, pid).steps] == [Step.KEY_GENERATED,
                                                                       Step.CSR_CREATED]
    assert rotation.execute(ceremony.ctx, pid, ceremony.seal_pin).status == ProposalStatus.EXECUTED
    _assert_invariants(ceremony)


CHILD = textwrap.dedent("""
    import os, sys
    from sealdesk.services.keys import rotation
    from sealdesk.services.context import AppContext

    def hook(step, phase):
        if (step.value, phase) == (sys.argv[2], sys.argv[3]):
            os._exit(137)  # killed: no cleanup, no logout, nothing flushed by Python

    rotation.execute(AppContext.open(), sys.argv[1], os.environ["SEALDESK_PIN"], hook=hook)
    sys.exit(1)
""")


@pytest.mark.parametrize("point", [("certificate_imported", "performed"),
                                   ("activated", "performed")], ids=lambda p: "/".join(p))
def test_a_killed_process_is_resumed(ceremony: Ceremony, point: tuple[str, str]) -> None:
    pid = _approved(ceremony)
    env = {**os.environ, "SEALDESK_PIN": ceremony.seal_pin}
    child = subprocess.run([sys.executable, "-c", CHILD, pid, *point], env=env,
                           capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == 137, child.stderr
    _assert_invariants(ceremony)
    result = rotation.execute(ceremony.ctx, pid, ceremony.seal_pin)
    assert result.status == ProposalStatus.EXECUTED
    _assert_invariants(ceremony)
    assert ceremony.ctx.config.token.seal_key_label == "seal-new"
