"""Upgrading from 0004 adds the roles table; an upgraded installation starts in the bootstrap."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from sealdesk.services.access.admin import list_roles
from sealdesk.services.access.roles import Role, roles_of
from sealdesk.services.context import AppContext
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
