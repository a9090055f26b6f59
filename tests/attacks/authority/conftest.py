"""Insider attacks on authority: someone who can write the database but holds no PIN.

Each scene is the rotation ceremony of ``tests/rotation`` (Alice, Bob, Carol, 2-of-3), on a real
SQLite file or on a real PostgreSQL server. The attacker gets their own connection (an engine of
their own, not the console's) and writes raw SQL; the console is then used as an honest person
would, and must refuse before any effect, naming the row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from sealdesk.config import StorageConfig
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians as custodian_service
from tests.fixtures.signing import signing
from tests.rotation.conftest import (  # noqa: F401 - fixtures used by the scenes
    NAMES,
    Ceremony,
    ceremony,
    ceremony_template,
)
from tests.rotation.helpers import CUSTODIAN_PIN

_TABLES = ("audit_entries", "custodians", "quorum_policies", "rotation_steps",
           "role_assignments", "managed_keys")


@dataclass
class Scene:
    ceremony: Ceremony
    attacker: Engine
    """The attacker's own connection to the same database (raw SQL, no PIN)."""

    @property
    def ctx(self) -> AppContext:
        return self.ceremony.ctx

    def sql(self, statement: str, **params: Any) -> None:
        with self.attacker.begin() as connection:
            connection.execute(text(statement), params)

    def rows(self, statement: str, **params: Any) -> list[Any]:
        with self.attacker.connect() as connection:
            return list(connection.execute(text(statement), params))

    def effects(self) -> dict[str, list[Any]]:
        """Everything an action could change, to compare before and after a refusal."""
        return {t: self.rows(f"SELECT * FROM {t} ORDER BY 1") for t in _TABLES}


def _postgres_ceremony(base: Ceremony, url: str) -> Ceremony:
    """The same people and tokens, bootstrapped afresh on a PostgreSQL database."""
    config = dataclasses.replace(base.ctx.config, storage=StorageConfig(
        database_url=url, busy_timeout_seconds=5))
    ctx = AppContext.open(base.ctx.paths, config=config)
    with signing(ctx):
        for name in NAMES:
            holder = base.holders[name]
            custodian_service.register_custodian(ctx, name, holder.cert_pem, holder.where,
                                                 CUSTODIAN_PIN)
        custodian_service.set_initial_policy(ctx, QuorumPolicy.uniform(2))
    return Ceremony(ctx, base.holders, base.issuer, base.seal_pin)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def scene(request: pytest.FixtureRequest, ceremony: Ceremony) -> Iterator[Scene]:  # noqa: F811
    if request.param == "sqlite":
        url = ceremony.ctx.config.database_url(ceremony.ctx.paths)
        engine = create_engine(url)
        yield Scene(ceremony, engine)
        engine.dispose()
        return
    url = request.getfixturevalue("postgres_url")
    pg = _postgres_ceremony(ceremony, url)
    engine = create_engine(url)
    try:
        with signing(pg.ctx):
            yield Scene(pg, engine)
    finally:
        engine.dispose()
        pg.ctx.close()
