"""The rollback guard: an older SealDesk refuses a database it may not safely use, naming both
versions and the snapshot to restore; a compatible newer schema is opened without upgrading."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import sealdesk
from sealdesk.errors import ConfigError
from sealdesk.services.context import AppContext
from sealdesk.storage.compat import OLDEST_COMPATIBLE_VERSION
from sealdesk.storage.schema import current_revision, head_revision
from tests.snapshots.support import snapshot


def _row(ctx: AppContext) -> tuple[str, str, str]:
    with ctx.database.engine.connect() as connection:
        row = connection.execute(text(
            "SELECT written_by_version, schema_revision, oldest_compatible_version "
            "FROM database_compatibility WHERE id = 1")).one()
    return (str(row[0]), str(row[1]), str(row[2]))


def _as_newer_release(ctx: AppContext, written_by: str, oldest: str) -> None:
    """What a newer release's migration leaves: an unknown revision and its record."""
    with ctx.database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        connection.execute(text(
            "UPDATE database_compatibility SET written_by_version = :w, "
            "oldest_compatible_version = :o, schema_revision = '0099'"),
            {"w": written_by, "o": oldest})


def test_every_start_records_the_oldest_compatible_version(demo_ctx: AppContext) -> None:
    assert _row(demo_ctx) == (sealdesk.__version__, head_revision(), OLDEST_COMPATIBLE_VERSION)


def test_older_version_refuses_and_names_versions_and_snapshot(demo_ctx: AppContext) -> None:
    taken = snapshot(demo_ctx, reason="before upgrading")
    _as_newer_release(demo_ctx, "9.1.0", "9.0.0")
    with pytest.raises(ConfigError) as refused:
        AppContext.open(demo_ctx.paths)
    message = refused.value.message + " " + (refused.value.hint or "")
    assert "9.1.0" in message and "9.0.0" in message and sealdesk.__version__ in message
    assert str(taken.path) in message
    assert current_revision(demo_ctx.database) == "0099"  # nothing was upgraded or changed


def test_compatible_newer_schema_is_opened_without_upgrading(demo_ctx: AppContext) -> None:
    _as_newer_release(demo_ctx, "9.1.0", OLDEST_COMPATIBLE_VERSION)
    ctx = AppContext.open(demo_ctx.paths)
    try:
        assert current_revision(ctx.database) == "0099"
        assert _row(ctx) == ("9.1.0", "0099", OLDEST_COMPATIBLE_VERSION)  # not overwritten
    finally:
        ctx.close()
