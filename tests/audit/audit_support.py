"""Helpers for the audit tests: a demo installation with a real log, and direct SQL tampering.

The log every tamper test starts from (``build_standard_log``), with real checkpoints signed on
the demo token::

    entries 0..299     events            checkpoint A at size 300, entry 300 records it
    entries 301..550   events            checkpoint B at size 551, entry 551 records it
    entries 552..591   events            checkpoint C at size 592, entry 592 records it

It spans two complete 256-leaf blocks, so stored subtree rows are exercised too.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, text

from sealdesk.config import AuditConfig, StorageConfig
from sealdesk.core.audit.chain import entry_bytes
from sealdesk.core.audit.events import EventType
from sealdesk.core.audit.merkle import CompactRange
from sealdesk.core.audit.subtree_cache import InMemorySubtreeCache
from sealdesk.core.token import TokenSelector, TokenSession, open_token_session
from sealdesk.paths import AppPaths
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.repo import append_event

SIZES = (300, 551, 592)
"""Tree sizes of checkpoints A, B and C in the standard log."""
LOG_SIZE = 593


def open_ctx(paths: AppPaths, database_url: str | None = None) -> AppContext:
    """A context on a demo installation, optionally with its database elsewhere (PostgreSQL)."""
    ctx = AppContext.open(paths)
    if database_url is None:
        return ctx
    ctx.close()
    config = dataclasses.replace(  # its own anchors: the SQLite log's are another history
        ctx.config, storage=StorageConfig(database_url=database_url),
        audit=AuditConfig(anchor_dir=str(paths.data_dir / "anchors-postgres")))
    return AppContext.open(paths, config=config)


@contextmanager
def demo_token(ctx: AppContext) -> Iterator[TokenSession]:
    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector(cfg.label, cfg.serial), DEMO_PIN,
                            environment=cfg.environment) as token:
        yield token


def append_events(ctx: AppContext, count: int, start: int = 0) -> None:
    """``count`` varied events in one transaction (settings, seals, logins)."""
    kinds = (EventType.SETTINGS_CHANGED, EventType.DOCUMENT_SEALED, EventType.TOKEN_LOGIN_SUCCEEDED)
    with ctx.database.transaction() as session:
        for i in range(start, start + count):
            append_event(session, ctx.event(
                kinds[i % 3], {"document_sha256": f"{i:064x}"}, {"n": i, "name": f"file-{i}.pdf"}
            ))


def build_standard_log(ctx: AppContext) -> None:
    """The log described in the module docstring."""
    with demo_token(ctx) as token:
        previous = 0
        for size in SIZES:
            append_events(ctx, size - previous, start=previous)
            signed = create_checkpoint(ctx, token)
            assert signed.checkpoint.tree_size == size
            previous = size + 1


@contextmanager
def tamper(ctx: AppContext) -> Iterator[Connection]:
    """A raw connection that commits at the end: what an attacker with database access does."""
    with ctx.database.engine.begin() as conn:
        yield conn


def rows(conn: Connection, first: int = 0) -> list[Any]:
    return list(conn.execute(text(
        "SELECT idx, prev_hash, entry_hash, payload FROM audit_entries WHERE idx >= :f "
        "ORDER BY idx"), {"f": first}))


def rehash_from(conn: Connection, first: int) -> None:
    """Recompute entry hashes from ``first`` on and fix the head, frontier and subtree rows:
    everything an attacker can redo without the audit key."""
    prev = bytes(conn.execute(text("SELECT entry_hash FROM audit_entries WHERE idx = :i"),
                              {"i": first - 1}).scalar_one()) if first else bytes(32)
    for idx, _prev, _hash, payload in rows(conn, first):
        digest = hashlib.sha256(b"\x00" + entry_bytes(idx, prev, bytes(payload))).digest()
        conn.execute(text("UPDATE audit_entries SET prev_hash = :p, entry_hash = :h "
                          "WHERE idx = :i"), {"p": prev, "h": digest, "i": idx})
        prev = digest
    rebuild_head(conn)


def rebuild_head(conn: Connection) -> None:
    """Make head, frontier and subtree rows agree with the entries as they now are."""
    hashes = [bytes(h) for h in conn.execute(text(
        "SELECT entry_hash FROM audit_entries ORDER BY idx")).scalars()]
    frontier = CompactRange()
    frontier.extend(hashes)
    conn.execute(text("UPDATE audit_head SET size = :s, head_hash = :h, frontier = :f"),
                 {"s": len(hashes), "h": hashes[-1] if hashes else bytes(32),
                  "f": b"".join(frontier.hashes)})
    conn.execute(text("DELETE FROM audit_subtrees"))
    cache = InMemorySubtreeCache.from_leaf_hashes(hashes)
    for row in cache.rows():
        conn.execute(text("INSERT INTO audit_subtrees (level, idx, hash) VALUES (:l, :i, :h)"),
                     {"l": row.level, "i": row.index, "h": row.hash})


def payload_texts(ctx: AppContext) -> list[str]:
    with ctx.database.reader() as session:
        return [bytes(p).decode() for p in session.execute(
            text("SELECT payload FROM audit_entries ORDER BY idx")).scalars()]
