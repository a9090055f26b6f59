"""Recovery acts only on what a crashed writer left: files of a live process are in flight.

Staged files and temporary copies carry their writer's host and pid in their name
(:func:`sealdesk.fsutil.writer_tag`), so a console starting (or a CLI batch recovering) while
another process seals into the same store never removes that process's half-written file."""

from __future__ import annotations

import os
import subprocess

from sealdesk.core.audit.events import EventType
from sealdesk.fsutil import writer_gone, writer_tag
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.recovery import recover
from tests.incidents.support import events


def _dead_tag() -> str:
    probe = subprocess.Popen(["true"])
    probe.wait()  # reaped: its pid names no process now
    return writer_tag().replace(f".{os.getpid()}@", f".{probe.pid}@")


def test_recovery_keeps_live_writers_files_and_removes_crashed_ones(demo_ctx: AppContext) -> None:
    store = demo_ctx.store
    live = store.staging / f"{writer_tag()}live.pdf"
    live.write_bytes(b"%PDF-1.7 being written right now")
    dead = store.staging / f"{_dead_tag()}dead.pdf"
    dead.write_bytes(b"%PDF-1.7 half written by a crashed run")
    other_host = store.staging / "@elsewhere.1@remote.pdf"
    other_host.write_bytes(b"%PDF-1.7 written by a console on another machine")
    folder = store.objects / "ab"
    folder.mkdir()
    temporary = folder / f".abcd.{_dead_tag()}.x1y2z3.part"
    temporary.write_bytes(b"half an original")

    report = recover(demo_ctx)
    assert live.exists() and other_host.exists(), "files of running writers are left alone"
    assert not dead.exists() and not temporary.exists()
    assert report.in_flight == 2 and len(report.discarded) == 1
    assert report.temporary_removed == [temporary.name]
    details = events(demo_ctx, EventType.RECOVERY_PERFORMED)[-1]["details"]
    assert details["left_in_flight"] == 2 and details["temporary_files_removed"] == 1


def test_writer_tags() -> None:
    assert not writer_gone(f"x{writer_tag()}y.pdf")
    assert writer_gone("legacy-untagged.pdf")
    assert not writer_gone("@some-other-host.12@z.pdf")
