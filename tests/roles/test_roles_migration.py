"""Upgrading from 0004 adds the roles table; an upgraded installation starts in the bootstrap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import inspect, text

from sealdesk.services.access.admin import list_roles
from sealdesk.services.access.roles import Role, matches, roles_of
from sealdesk.services.context import Actor, AppContext, os_account
from sealdesk.storage.access.models import RoleAssignment
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import current_revision, head_revision, upgrade_schema


def test_an_installation_from_before_roles_upgrades_into_the_bootstrap(
        demo_ctx: AppContext, tmp_path: Path) -> None:
    old = Database(create_database_engine(f"sqlite:///{tmp_path / 'old.db'}"))
    upgrade_schema(old, target="0004")
    assert not inspect(old.engine).has_table("role_assignments")
    upgrade_schema(old)
    assert current_revision(old) == head_revision()
    assert inspect(old.engine).has_table("role_assignments")
    old.dispose()
    assert roles_of(demo_ctx) == frozenset(Role)  # the upgraded demo database: bootstrap
    assert [v.source for v in list_roles(demo_ctx)] == ["bootstrap (implicit)"] * 4


def test_role_rows_from_0006_keep_their_roles_after_the_uid_column_is_added(
        tmp_path: Path) -> None:
    """0008 adds role_assignments.os_uid; older rows keep NULL and match by passwd name."""
    old = Database(create_database_engine(f"sqlite:///{tmp_path / 'old.db'}"))
    upgrade_schema(old, target="0006")
    real, _uid = os_account()
    with old.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO role_assignments (os_user, operator, role, granted_at, granted_by, "
            "proposal_id, bootstrap, revoked_by) VALUES (:u, '*', 'auditor', :t, 'x', '', 0, "
            "'')"), {"u": real, "t": dt.datetime.now(dt.UTC)})
    upgrade_schema(old)
    assert "os_uid" in {c["name"] for c in inspect(old.engine).get_columns("role_assignments")}
    with old.reader() as session:
        (row,) = session.query(RoleAssignment).all()
        assert row.os_uid is None and matches(row, Actor.current())
        assert not matches(row, Actor("x", os_user="someone-else"))
    old.dispose()
