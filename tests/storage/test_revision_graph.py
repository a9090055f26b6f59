"""The schema revisions read from the migration scripts as text are Alembic's own.

Every start compares the database's revision with the head without importing Alembic
(issue 23: ~0.13 s per command); this keeps that shortcut honest for every migration added.
"""

from __future__ import annotations

from alembic.script import ScriptDirectory

from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import (
    _alembic_config,
    current_revision,
    head_revision,
    revision_graph,
    upgrade_schema,
)


def test_the_text_graph_and_head_are_alembics() -> None:
    scripts = ScriptDirectory.from_config(_alembic_config())
    assert revision_graph() == {r.revision: r.down_revision for r in scripts.walk_revisions()}
    assert head_revision() == scripts.get_current_head()


def test_current_revision_without_alembic_matches_after_an_upgrade(tmp_path) -> None:
    database = Database(create_database_engine(f"sqlite:///{tmp_path / 'db.sqlite'}"))
    try:
        assert current_revision(database) is None
        upgrade_schema(database)
        assert current_revision(database) == head_revision()
    finally:
        database.dispose()
