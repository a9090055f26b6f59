"""Issue 8, item 1: kill -9 at 20 points of a sealing batch; after a restart nothing is lost.

CI runs 20 points x 10 documents (a few workers in parallel); ``SEALDESK_SLOW=1`` runs the full
20 x 200 (or by hand: ``python -m tests.incidents.crash_harness --documents 200``). Every point
is its own test id, so a failure names the step and count. ``SEALDESK_CRASH_SEED`` changes the
random counts and moments (the seed is in the failure message).
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.incidents.crash_harness import (
    PointResult,
    default_workers,
    format_results,
    plan,
    run_all,
)

SLOW = os.environ.get("SEALDESK_SLOW") == "1"
DOCUMENTS = 200 if SLOW else 10
SEED = int(os.environ.get("SEALDESK_CRASH_SEED", "8"))
POINTS = plan(DOCUMENTS, SEED)

pytestmark = pytest.mark.timeout(7200 if SLOW else 600)


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PointResult]:
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils (pdfsig) is needed to check the exported seals")
    root = tmp_path_factory.mktemp("crash")
    results = run_all(DOCUMENTS, SEED, default_workers(), root, POINTS)
    print("\n" + format_results(results))
    return {r.point.name: r for r in results}


@pytest.mark.parametrize("name", [p.name for p in POINTS])
def test_crash_point_loses_nothing(harness: dict[str, PointResult], name: str) -> None:
    result = harness[name]
    where = f"{name} ({DOCUMENTS} documents, seed {SEED})"
    assert result.killed, f"{where}: the batch was not killed (exit {result.crash_returncode})"
    assert result.restart_returncode == 0, f"{where}: the rerun failed:\n{result.log}"
    assert not result.problems, f"{where}:\n" + "\n".join(result.problems)


def test_twenty_points_cover_every_protocol_step() -> None:
    from sealdesk.services._testing import STEPS

    assert len(POINTS) == 20
    assert {p.step for p in POINTS if p.step} == set(STEPS)
    assert sum(1 for p in POINTS if not p.step) == 8
