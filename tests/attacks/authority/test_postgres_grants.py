"""The shipped PostgreSQL grants, on a real server with a second login: the audit log is
append-only for a console login (grants) and for the owner too (trigger)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from sealdesk.config import StorageConfig
from sealdesk.core.audit.events import EventType
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.roles import Role, RolesUnreadableError
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from tests.fixtures.signing import signing

pytestmark = pytest.mark.postgres

SQL = Path(__file__).resolve().parents[3] / "packaging" / "postgres" / "console_roles.sql"


def _dsn(url: str, user: str | None = None) -> str:
    parsed = make_url(url)
    if user is not None:
        parsed = parsed.set(username=user)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def console(demo_ctx: AppContext, postgres_url: str) -> Iterator[tuple[AppContext, str, str]]:
    """The schema made by the owner, the grants applied, and a context for a console login."""
    owner = AppContext.open(demo_ctx.paths, config=dataclasses.replace(
        demo_ctx.config, storage=StorageConfig(database_url=postgres_url)))
    record_now(owner, owner.event(EventType.ACCESS_DENIED, {"actor": "x"}, {"action": "t"}))
    owner.close()
    login = f"console_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn(postgres_url), autocommit=True) as connection:
        connection.execute(SQL.read_text())
        connection.execute(f"CREATE ROLE {login} LOGIN IN ROLE sealdesk_console")
    url = make_url(postgres_url).set(username=login).render_as_string(hide_password=False)
    ctx = AppContext.open(demo_ctx.paths, config=dataclasses.replace(
        demo_ctx.config, storage=StorageConfig(database_url=url)))
    try:
        yield ctx, postgres_url, login
    finally:
        ctx.close()


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entries SET actor = 'someone else'",
    "DELETE FROM audit_entries",
    "TRUNCATE audit_entries",
    "UPDATE audit_checkpoints SET tree_size = 0",
    "DELETE FROM role_assignments",
    "DROP TABLE custodians",
])
def test_a_console_login_cannot_change_the_log_or_the_schema(
        console: tuple[AppContext, str, str], statement: str) -> None:
    ctx, url, login = console
    record_now(ctx, ctx.event(EventType.ACCESS_DENIED, {"actor": "y"},
                              {"action": "t"}))  # appending works
    with psycopg.connect(_dsn(url, login)) as connection, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(statement)
    with psycopg.connect(_dsn(url, login)) as connection:
        assert connection.execute("SELECT count(*) FROM audit_entries").fetchone()[0] >= 2


@pytest.mark.parametrize("statement", ["UPDATE audit_entries SET actor = 'x'",
                                       "DELETE FROM audit_entries", "TRUNCATE audit_entries"])
def test_the_trigger_refuses_even_the_owner(console: tuple[AppContext, str, str],
                                            statement: str) -> None:
    _ctx, url, _login = console
    with psycopg.connect(_dsn(url)) as connection, \
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        connection.execute(statement)


def test_the_console_login_works_and_a_revoked_read_fails_closed(
        console: tuple[AppContext, str, str]) -> None:
    ctx, url, login = console
    with signing(ctx):  # the honest path: grants suffice for the act and its checkpoint
        change_role(ctx, Role.OPERATOR, "olga")
    with psycopg.connect(_dsn(url), autocommit=True) as connection:
        connection.execute(f"REVOKE SELECT ON role_assignments FROM sealdesk_console, {login}")
    with signing(ctx), pytest.raises(RolesUnreadableError,
                                     match="could not read the role assignments"):
        change_role(ctx, Role.AUDITOR, "eve")
