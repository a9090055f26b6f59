"""Fixtures for the verdict tests: the validation tests' one-page document and sealer."""

from __future__ import annotations

import pytest

from sealdesk.core.validation import ValidationPolicy
from tests.core.validation.conftest import make_pdf, seal_bytes


@pytest.fixture(scope="session")
def sealed_bt(pki) -> bytes:
    """A PAdES B-T seal by the trusted EC signer over the standard one-page document."""
    return seal_bytes(pki, make_pdf(), signer="ec", level="B-T")


@pytest.fixture(scope="session")
def trusted(pki) -> ValidationPolicy:
    """Hard-fail online validation trusting only the test root."""
    return ValidationPolicy(trust_anchors=(pki.root_cert,))
