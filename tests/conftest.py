"""Shared test set-up: real tokens, real PKI, real databases; nothing is mocked.

Every test gets its own SEALDESK_HOME and token folder; an autouse check fails a test that
leaves a token session open.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from sealdesk.core.token import module as p11module

pytest_plugins = [
    "tests.fixtures.tokens",
    "tests.fixtures.app",
    "tests.fixtures.signing",
    "tests.fixtures.postgres",
    "tests.fixtures.pki",
]


@pytest.fixture(autouse=True)
def _no_leftover_token_sessions():  # type: ignore[no-untyped-def]
    yield
    leftovers = {path: n for path, n in p11module._open_sessions.items() if n}
    p11module._open_sessions.clear()
    assert not leftovers, f"token sessions left open: {leftovers}"


REAL_COMPONENTS = frozenset({
    "sealdesk_home", "demo_ctx", "pki", "postgres_server", "postgres_url", "soft_token",
    "token_with_key", "qtbot", "qapp", "tmp_path", "tmp_path_factory",
})
"""Fixtures that bring a real token, PKI, database, Qt application or files on disk."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tiers: ``-m unit`` for a quick loop, ``-m "not slow"`` to skip the long runs.

    A test is ``integration`` when it uses a fixture that brings a real component (or any
    fixture built on one), ``unit`` otherwise. The README's test command runs every tier;
    markers only let a developer choose a subset.
    """
    for item in items:
        if item.get_closest_marker("unit") or item.get_closest_marker("integration"):
            continue
        names = set(getattr(item, "fixturenames", ()))
        real = bool(names & REAL_COMPONENTS)
        item.add_marker(pytest.mark.integration if real else pytest.mark.unit)
