"""What a fuzz case may cost, and how many cases run.

Issue 18's "Done means": every case stays under 300 MB and a time bound. Python allocations are
measured with tracemalloc (per case), the process with ``ru_maxrss`` (its high-water mark may
not rise by more than the budget during a case, which also covers memory allocated in C by
pyHanko, OpenSSL or SoftHSM2).

CI runs a few examples per property; ``SEALDESK_SLOW=1`` runs 25 times as many (and the
incident profile ``--hypothesis-profile=sealdesk-fuzz`` thousands).
"""

from __future__ import annotations

import contextlib
import os
import resource
import time
import tracemalloc
from collections.abc import Iterator

from hypothesis import HealthCheck, settings

MEMORY_BUDGET = 300 * 1024 * 1024
SLOW = os.environ.get("SEALDESK_SLOW", "") not in ("", "0")
LONG_RUN = settings.default.max_examples > 1000


def examples(ci: int) -> int:
    """``ci`` examples in CI; 25 times as many with SEALDESK_SLOW=1; the profile's if larger."""
    if LONG_RUN:
        return settings.default.max_examples
    return ci * 25 if SLOW else ci


def fuzz(ci: int) -> settings:
    """Bounded examples, no hypothesis deadline (each case has its own bound, below)."""
    return settings(max_examples=examples(ci), deadline=None, suppress_health_check=[
        HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])


def _max_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


@contextlib.contextmanager
def bounded_case(seconds: float) -> Iterator[None]:
    """Fail the case if it takes longer than ``seconds`` or more than 300 MB of memory."""
    rss_before = _max_rss()
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < seconds, f"the case took {elapsed:.1f} s (bound {seconds:g} s)"
    assert peak < MEMORY_BUDGET, f"the case allocated {peak >> 20} MB in Python"
    grown = _max_rss() - rss_before
    assert grown < MEMORY_BUDGET, f"the process grew by {grown >> 20} MB"
