"""Fixtures of the revalidation tests: PKI-backed installations (see support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.pki import TestPKI
from tests.revalidation.support import Installation, make_installation


@pytest.fixture
def installation(tmp_path: Path, pki: TestPKI) -> Iterator[Installation]:
    """A fresh installation sealing with the loopback PKI's keys on a SoftHSM token."""
    inst = make_installation(tmp_path / "home", pki)
    yield inst
    inst.ctx.close()
