"""Migration 0003 on a database from the previous schema (0002), and the one-active-key index."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError as DbIntegrityError

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.errors import StorageError
from sealdesk.services.audit.log import record
from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.keys.models import ManagedKey
from sealdesk.storage.schema import current_revision, head_revision, upgrade_schema


def _key(label: str, status: str) -> ManagedKey:
    now = dt.datetime.now(dt.UTC)
    return ManagedKey(purpose="seal", label=label, key_id_hex="01", token_serial="s",
                      algorithm="ec-p256", public_key_sha256=label * 4, certificate_sha256="",
                      status=status, created_at=now, proposal_id="")


def test_upgrade_from_0002_keeps_the_log_and_adds_the_rotation_tables(tmp_path: Path) -> None:
    database = Database(create_database_engine(f"sqlite:///{tmp_path / 'old.db'}"))
    upgrade_schema(database, target="0002")
    with database.transaction() as session:
        record(session, AuditEvent(EventType.SELFTEST_PASSED, dt.datetime.now(dt.UTC), "tester",
                                   "console", "0.1.0", {"check": "before"}))
    backup = upgrade_schema(database)
    assert current_revision(database) == head_revision()
    assert backup is not None and backup.name.endswith(".pre-0002.bak")
    tables = set(inspect(database.engine).get_table_names())
    assert {"custodians", "quorum_policies", "rotation_proposals", "rotation_decisions",
            "rotation_steps", "managed_keys", "audit_entries"} <= tables
    with database.transaction() as session:
        session.add_all([_key("a", "active"), _key("b", "retired"), _key("c", "pending")])
    with pytest.raises(StorageError, match="refused the change") as refused, \
            database.transaction() as session:
        session.add(_key("d", "active"))  # a second active seal key is impossible
    assert isinstance(refused.value.__cause__, DbIntegrityError)  # the database's constraint
    database.dispose()
