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
    "tests.fixtures.postgres",
    "tests.fixtures.pki",
]


@pytest.fixture(autouse=True)
def _no_leftover_token_sessions():  # type: ignore[no-untyped-def]
    yield
    leftovers = {path: n for path, n in p11module._open_sessions.items() if n}
    p11module._open_sessions.clear()
    assert not leftovers, f"token sessions left open: {leftovers}"
