"""A separate process appending audit events: ``python -m tests.audit.appender URL NAME N GO``.

Says it is ready (file ``ready-NAME`` next to GO), waits until the file GO exists (the test
creates it once every appender is ready, so all start together), then appends N events,
each in its own transaction through ``append_event``, as one console would, and prints the
wall-clock start and end of its appends.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.storage.audit.repo import append_event
from sealdesk.storage.db import Database, create_database_engine


def main(url: str, name: str, count: int, go: Path) -> None:
    database = Database(create_database_engine(url))
    with database.engine.connect():
        pass  # connect before saying ready, so a slow start cannot stagger the appends
    go.with_name(f"ready-{name}").touch()
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to start")
        time.sleep(0.005)
    started = time.time()
    for i in range(count):
        event = AuditEvent(
            type=EventType.SETTINGS_CHANGED, time=dt.datetime.now(dt.UTC), actor=name,
            console_id=name, software_version="test", subject={"writer": name},
            details={"n": i},
        )
        with database.transaction() as session:
            append_event(session, event)
    database.dispose()
    print(f"{started} {time.time()}")  # the test checks that the writers overlapped


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
