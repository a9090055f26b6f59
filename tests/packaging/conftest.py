"""The ``packaging`` marker: tests that build the PyInstaller app (minutes; opt-in)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "packaging: builds the PyInstaller app; runs only with SEALDESK_TEST_PACKAGING=1"
    )
