"""The environment SealDesk gives a child process: its own, minus anything that holds a secret.

A PIN set for a script (``SEALDESK_PIN``, ``SEALDESK_CUSTODIAN_PIN``) is meant for this process
only; a child inherits the whole environment by default, and a child's environment can be read
by the same account in ``/proc/<pid>/environ`` for as long as it lives (issue 18: the token
probe child inherited ``SEALDESK_PIN``). Every child SealDesk starts gets
:func:`child_environment` instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

SECRET_WORDS = ("PIN", "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET")
"""A variable whose name contains one of these (any case) is never passed on."""


def is_secret_name(name: str) -> bool:
    upper = name.upper()
    return any(word in upper for word in SECRET_WORDS)


def child_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """``os.environ`` and then ``extra``, both without secret-named variables.

    ``extra`` is a token's configured environment (``SOFTHSM2_CONF``); a secret-named entry
    there is dropped too: a driver that wants a PIN in its environment gets it from no child.
    """
    merged = {**os.environ, **dict(extra or {})}
    return {name: value for name, value in merged.items() if not is_secret_name(name)}


@contextmanager
def secrets_withheld() -> Iterator[None]:
    """Remove secret-named variables from this process's environment for the block.

    For children SealDesk cannot give an environment of their own: ``multiprocessing`` spawns
    its workers (and its resource tracker) with the parent's environment, and
    ``ProcessPoolExecutor`` takes no ``env``. Those children are started inside this block, so
    their ``/proc/<pid>/environ`` holds no PIN. The variables are put back afterwards; only
    SealDesk's front ends read them, and only at the start of an act, never from the threads
    that start such children.
    """
    withheld = {name: value for name, value in os.environ.items() if is_secret_name(name)}
    for name in withheld:
        del os.environ[name]
    try:
        yield
    finally:
        os.environ.update(withheld)
