"""Exporting the audit log to the SIEM, from a cursor, so nothing is sent twice or lost.

For each sink, entries after its cursor (``log_cursors``, ``siem:<destination>``) are read in
index order and sent; after every page the sink is flushed and the cursor moved to the last
entry sent, with that entry's hash. A restart continues at the cursor. Before continuing, the
entry before the cursor must still have the hash the cursor remembers, and every entry sent
must name the one before it (``prev_hash``): an exporter never streams a rewritten history.

The window between a sent page and its cursor commit is the only place a crash can repeat
entries; each message carries its index and hash, so the SIEM sees the repeat for what it is
(JSON Lines files are checked on start and never get one).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.errors import ConfigError, RecordIntegrityError
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag
from sealdesk.services.siem.sinks import JsonlSink, Sink, SyslogSink
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.incidents.cursors import move_cursor, read_cursor

PAGE = 200


@dataclass
class ExportResult:
    sent: dict[str, int] = field(default_factory=dict)
    """Entries sent per destination."""
    positions: dict[str, int] = field(default_factory=dict)
    """Each destination's cursor afterwards (the next index to send)."""


def sinks_from_config(ctx: AppContext) -> list[Sink]:
    cfg = ctx.config.siem
    sinks: list[Sink] = []
    if cfg.host:
        sinks.append(SyslogSink(cfg.host, cfg.port, cfg.transport, ca_file=cfg.ca_file,
                                app_name=cfg.app_name, hostname=ctx.console_id))
    if cfg.jsonl_path:
        sinks.append(JsonlSink(Path(cfg.jsonl_path)))
    if not sinks:
        raise ConfigError("No SIEM destination is configured.",
                          hint="Set [siem] host (syslog) and/or jsonl_path in the configuration.")
    return sinks


def export_once(ctx: AppContext, sinks: list[Sink] | None = None) -> ExportResult:
    """Send every entry after each sink's cursor; returns what was sent."""
    sinks = sinks if sinks is not None else sinks_from_config(ctx)
    result = ExportResult()
    try:
        for sink in sinks:
            result.sent[sink.name], result.positions[sink.name] = _export(ctx, sink)
    finally:
        for sink in sinks:
            sink.close()
    return result


def follow(ctx: AppContext, sinks: list[Sink] | None = None, *, interval: float = 5.0,
           cancel: CancelFlag | None = None,
           on_round: Callable[[ExportResult], None] | None = None) -> None:
    """Export, wait ``interval`` seconds, again, until cancelled (``--follow``)."""
    cancel = cancel or CancelFlag()
    while not cancel.cancelled:
        done = export_once(ctx, sinks)
        if on_round is not None:
            on_round(done)
        deadline = time.monotonic() + interval
        while not cancel.cancelled and time.monotonic() < deadline:
            time.sleep(min(0.2, interval))


def _export(ctx: AppContext, sink: Sink) -> tuple[int, int]:
    cursor_name = f"siem:{sink.name}"[:64]
    with ctx.database.reader() as session:
        position, remembered = read_cursor(session, cursor_name)
        expected_prev = _check_resume(session, position, remembered)
    held = sink.last_index()
    sent = 0
    while True:
        with ctx.database.reader() as session:
            rows = session.execute(
                select(AuditEntry.idx, AuditEntry.prev_hash, AuditEntry.entry_hash,
                       AuditEntry.payload)
                .where(AuditEntry.idx >= position).order_by(AuditEntry.idx).limit(PAGE)).all()
        if not rows:
            return sent, position
        for idx, prev, entry_hash, payload in rows:
            if expected_prev is not None and bytes(prev) != expected_prev:
                raise RecordIntegrityError(
                    f"Audit entry {idx} does not name entry {idx - 1} before it: the log was "
                    "changed; the SIEM export stops here.",
                    hint="Run 'sealdesk audit verify' and keep the database as it is.")
            if held is None or int(idx) > held:
                sink.send(int(idx), bytes(entry_hash), bytes(prev), bytes(payload))
                sent += 1
            expected_prev = bytes(entry_hash)
        sink.flush()
        position = int(rows[-1][0]) + 1
        with ctx.database.transaction() as session:
            move_cursor(session, cursor_name, position, expected_prev)


def _check_resume(session: Session, position: int, remembered: bytes | None) -> bytes | None:
    """The hash of entry ``position - 1`` if it matches the cursor's memory, else an error."""
    if position == 0:
        return None
    stored = session.execute(
        select(AuditEntry.entry_hash).where(AuditEntry.idx == position - 1)).scalar_one_or_none()
    if stored is None or (remembered is not None and bytes(stored) != remembered):
        raise RecordIntegrityError(
            f"The SIEM export stopped after entry {position - 1}, but that entry is no longer "
            "the one it exported: the log was rewritten or replaced.",
            hint="Run 'sealdesk audit verify'; compare the SIEM's copy with the log.")
    return bytes(stored)
