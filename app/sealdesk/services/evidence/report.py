"""Write a bundle verdict report (HTML or JSON by the file's suffix), atomically.

One function for the GUI's "Export verdict…" and ``sealdesk evidence verify --report``: the
file appears whole or not at all (fsutil), and an unwritable path is a StorageError.
"""

from __future__ import annotations

from pathlib import Path

from sealdesk.core.evidence.report import SUFFIXES, render_report
from sealdesk.core.evidence.verdict import BundleVerdict
from sealdesk.errors import InputError
from sealdesk.fsutil import write_output


def write_verdict_report(verdict: BundleVerdict, target: Path, *,
                         allow_self_contained: bool = False) -> Path:
    """Write the verdict to ``target`` (.html, .htm or .json) and return the path."""
    if target.suffix.lower() not in SUFFIXES:
        raise InputError(f"Cannot tell the report format from {target.name}.",
                         hint="Name the report file .html (to read or print) or .json.")
    write_output(target, render_report(verdict, target.suffix,
                                       allow_self_contained=allow_self_contained),
                 "the verdict report")
    return target
