"""One table of exit codes for every ``sealdesk`` command: verdicts apart from errors.

A script that runs ``sealdesk verify`` must tell "the seal is FAILED" (the command did its job and
the answer is bad) from "the command could not do its job" (no database, bad option). So:

* ``0`` — done, and the answer is good (PASSED, VERIFIED, sealed).
* ``1`` — an unexpected internal error (a bug: a traceback was written to the log, not shown).
* ``2`` — usage error: an unknown option or a missing argument (click's own code).
* ``3``–``9`` — errors: the command could not do its job, for the reason the code names.
* ``10``–``19`` — verdicts: the command did its job; the evidence is not (fully) good.
* ``130`` — cancelled by the person (Ctrl+C or Cancel); everything finished before is kept.

The table is printed by ``sealdesk --help`` and in the README ("Exit codes").
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1
    USAGE = 2
    # errors: the command could not do its job
    CONFIG = 3
    INPUT = 4
    TOKEN = 5
    TIMESTAMP = 6
    STORAGE = 7
    PERMISSION = 8
    INTEGRITY = 9
    # verdicts: the command did its job and this is its answer
    INDETERMINATE = 10
    FAILED = 11
    UNANCHORED = 12
    INCOMPLETE = 13
    CANCELLED = 130


MEANING: dict[ExitCode, str] = {
    ExitCode.OK: "done; the answer is good (PASSED, VERIFIED, everything sealed)",
    ExitCode.INTERNAL: "unexpected internal error (a bug; details in the log)",
    ExitCode.USAGE: "usage error (unknown option, missing argument)",
    ExitCode.CONFIG: "configuration missing or invalid",
    ExitCode.INPUT: "an input file cannot be used (not a PDF, damaged, too large, unreadable)",
    ExitCode.TOKEN: "token, PIN, key or PKCS#11 module problem",
    ExitCode.TIMESTAMP: "the timestamp authority could not be reached or answered badly",
    ExitCode.STORAGE: "database or disk problem (busy, full, unreachable, not writable)",
    ExitCode.PERMISSION: "not allowed (role, quorum, maintenance mode, compromised key)",
    ExitCode.INTEGRITY: "stored records disagree with what was signed (tampering or corruption)",
    ExitCode.INDETERMINATE: "verdict INDETERMINATE: could not be proven either way",
    ExitCode.FAILED: "verdict FAILED: the seal, log or evidence does not hold",
    ExitCode.UNANCHORED: "verified only against itself: no pinned trust anchor was given",
    ExitCode.INCOMPLETE: "partly done: some documents were not sealed or skipped (see output)",
    ExitCode.CANCELLED: "cancelled; everything finished before was kept",
}


def exit_code_table() -> str:
    """The table as plain text, for ``--help`` and the README."""
    return "\n".join(f"  {int(code):>3}  {MEANING[code]}" for code in ExitCode)
