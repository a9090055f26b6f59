"""Fixtures for the audit core tests (helpers live in audit_helpers.py)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from sealdesk.core.audit.chain import ChainEntry
from tests.core.audit.audit_helpers import SoftwareSigner, build_log, make_signer


@pytest.fixture(scope="session")
def ec_signer() -> SoftwareSigner:
    return make_signer(ec.generate_private_key(ec.SECP256R1()))


@pytest.fixture(scope="session")
def other_ec_signer() -> SoftwareSigner:
    """A second audit key: after a rotation, or an attacker's."""
    return make_signer(ec.generate_private_key(ec.SECP256R1()))


@pytest.fixture(scope="session")
def rsa_signer() -> SoftwareSigner:
    return make_signer(rsa.generate_private_key(public_exponent=65537, key_size=2048))


@pytest.fixture(scope="session")
def log_300() -> list[ChainEntry]:
    """A log of 300 entries: more than one 256-leaf block."""
    return build_log(300)
