"""SQLite readers never wait for a writer: reading sessions begin deferred (WAL snapshot)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from sealdesk.storage.db import Database, create_database_engine
from sealdesk.storage.schema import upgrade_schema


def test_a_reader_proceeds_while_another_console_holds_the_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    database = Database(create_database_engine(f"sqlite:///{path}"))
    upgrade_schema(database)
    other_console = sqlite3.connect(path, isolation_level=None, timeout=0.1)
    other_console.execute("BEGIN IMMEDIATE")
    try:
        with database.reader() as session:
            assert session.execute(text("SELECT size FROM audit_head")).scalar_one() == 0
    finally:
        other_console.execute("ROLLBACK")
        other_console.close()
        database.dispose()


def test_a_writer_still_takes_the_lock_at_begin(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    database = Database(create_database_engine(f"sqlite:///{path}"))
    upgrade_schema(database)
    try:
        with database.transaction() as session:
            session.execute(text("SELECT 1"))
            probe = sqlite3.connect(path, isolation_level=None, timeout=0.05)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    probe.execute("BEGIN IMMEDIATE")
            finally:
                probe.close()
    finally:
        database.dispose()
