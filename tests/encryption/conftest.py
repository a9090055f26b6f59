"""An encrypted demo installation: the store's key on the demo token, reads unlocked with it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.setup import enable_encryption
from sealdesk.services.encryption.unlock import store_unlocked
from tests.fixtures.signing import signing


@pytest.fixture
def encrypted_ctx(demo_ctx: AppContext) -> Iterator[AppContext]:
    """The demo context after ``store encrypt``, able to read its store (key agent)."""
    with signing(demo_ctx) as ctx:
        enable_encryption(ctx)
        with store_unlocked(ctx, DEMO_PIN):
            yield ctx


@pytest.fixture
def pg_encrypted_ctx(pg_ctx: AppContext) -> Iterator[AppContext]:
    """:func:`encrypted_ctx` on a real PostgreSQL server (the shared deployment)."""
    with signing(pg_ctx) as ctx:
        enable_encryption(ctx)
        with store_unlocked(ctx, DEMO_PIN):
            yield ctx
