"""A run killed half-way (SIGKILL) or cancelled resumes without re-checking or re-recording.

The store is filled with distinct B-T seals made quickly (SimpleSigner and the loopback TSA)
and registered through the storage layer; every 40th stored copy is damaged so
the run has incidents whose audit events must not double. The run itself is the real
``sealdesk revalidate --all`` in a child process with two worker processes, killed with SIGKILL
(the whole process group, as a power cut would) once some results are committed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from sqlalchemy import func, select

from sealdesk.core.audit.events import EventType
from sealdesk.exit_codes import ExitCode
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.progress import CancelFlag
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.runs import create_run, execute_run
from sealdesk.storage.revalidation.models import DONE, RevalidationResult, RevalidationRun
from tests.revalidation.support import (
    SEALDESK,
    Installation,
    events,
    flip_byte,
    register_fast_seals,
)

DAMAGE_EVERY = 40
SLOW = os.environ.get("SEALDESK_SLOW") == "1"


def _done(inst: Installation) -> dict[int, object]:
    with inst.ctx.database.reader() as session:
        rows = session.execute(select(RevalidationResult.position, RevalidationResult.checked_at)
                               .where(RevalidationResult.state == DONE)).all()
    return dict(rows)


def _run_ids(inst: Installation) -> list[int]:
    with inst.ctx.database.reader() as session:
        return list(session.execute(select(RevalidationRun.id)).scalars())


def _wait_for_progress(inst: Installation, process: subprocess.Popen[str], at_least: int,
                       timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        with inst.ctx.database.reader() as session:
            count = session.execute(select(func.count()).select_from(RevalidationResult)
                                    .where(RevalidationResult.state == DONE)).scalar_one()
        if count >= at_least:
            return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} results after {timeout} s")


def _damage_some(inst: Installation, hashes: list[str]) -> set[str]:
    damaged = set(hashes[::DAMAGE_EVERY])
    for sealed in damaged:
        flip_byte(inst.ctx.store.path_of(sealed), b"bulk document")
    return damaged


@pytest.mark.parametrize("count", [200, pytest.param(1000, marks=[
    pytest.mark.slow,
    pytest.mark.skipif(not SLOW, reason="SEALDESK_SLOW=1 runs the 1,000-document variant"),
])])
def test_sigkilled_run_resumes_without_rechecking_or_duplicate_events(
    installation: Installation, count: int,
) -> None:
    inst = installation
    damaged = _damage_some(inst, register_fast_seals(inst, count))
    process = subprocess.Popen([*SEALDESK, "revalidate", "--all", "--workers", "2"],
                               env=inst.env(), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        _wait_for_progress(inst, process, count // 3)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    before = _done(inst)
    assert 0 < len(before) < count
    incidents_before = len(events(inst.ctx, EventType.REVALIDATION_RESULT))
    (run_id,) = _run_ids(inst)

    resumed = inst.cli("revalidate", "--resume", str(run_id), "--workers", "2")

    assert resumed.returncode == ExitCode.FAILED, resumed.stderr  # the damaged copies
    assert "Traceback" not in resumed.stderr
    after = _done(inst)
    assert len(after) == count
    assert {p: after[p] for p in before} == before, "finished documents were checked again"
    results = events(inst.ctx, EventType.REVALIDATION_RESULT)
    assert len(results) == len(damaged) >= incidents_before
    assert len({e["details"]["position"] for e in results}) == len(results)
    assert {e["subject"]["sealed_sha256"] for e in results} == damaged
    assert all("store's copy" in e["details"]["reason"] for e in results)
    assert len(events(inst.ctx, EventType.REVALIDATION_STARTED)) == 1
    (finished,) = events(inst.ctx, EventType.REVALIDATION_FINISHED)
    assert finished["details"]["failed"] == len(damaged)
    assert finished["details"]["passed"] == count - len(damaged)
    assert verify_log(inst.ctx).ok


def test_cancelled_run_is_resumed_in_process(installation: Installation) -> None:
    inst = installation
    register_fast_seals(inst, 24)
    run_id = create_run(inst.ctx, Scope.everything(), inst.policy())
    cancel = CancelFlag()

    def progress(done: int, _total: int, _name: str) -> None:
        if done >= 8:
            cancel.cancel()

    first = execute_run(inst.ctx, run_id, workers=2, progress=progress, cancel=cancel)
    assert first.status == "cancelled" and 8 <= first.total - first.pending < 24
    before = _done(inst)

    second = execute_run(inst.ctx, run_id, workers=2)

    assert second.finished and second.count("PASSED") == 24
    assert second.checked_now == 24 - len(before)
    assert {p: _done(inst)[p] for p in before} == before
    assert len(events(inst.ctx, EventType.REVALIDATION_FINISHED)) == 1


def test_ctrl_c_cancels_cleanly_and_says_how_to_resume(installation: Installation) -> None:
    inst = installation
    register_fast_seals(inst, 120)
    process = subprocess.Popen([*SEALDESK, "revalidate", "--all", "--workers", "2"],
                               env=inst.env(), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_progress(inst, process, 10)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == ExitCode.CANCELLED, err
    (run_id,) = _run_ids(inst)
    assert f"sealdesk revalidate --resume {run_id}" in err
    assert "Traceback" not in err
    with inst.ctx.database.reader() as session:
        assert session.get(RevalidationRun, run_id).status == "cancelled"
    assert inst.cli("revalidate", "--resume", str(run_id)).returncode == 0
