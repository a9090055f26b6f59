"""ValidationPolicy: configuration errors, summaries, and pyHanko contexts built from it."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from sealdesk.core.validation import (
    RevocationMode,
    ValidationPolicy,
    certificate_info,
    load_certificates,
)
from sealdesk.errors import ConfigError


def test_validation_context_validates_a_seal_with_pyhankos_classic_api(pki, seal, policy):
    data = seal(signer="ec", level="B-T").read_bytes()
    embedded = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(embedded, policy.validation_context())
    assert status.bottom_line


def test_offline_and_point_in_time_policies_never_fetch(pki):
    offline = ValidationPolicy((pki.root_cert,), revocation_mode=RevocationMode.OFFLINE)
    as_of = ValidationPolicy((pki.root_cert,), moment=datetime.fromisoformat("2024-01-01T00:00Z"))
    assert not offline.fetching_allowed and not as_of.fetching_allowed
    assert not offline.validation_context().fetching_allowed
    assert ValidationPolicy((pki.root_cert,)).validation_context().fetching_allowed


def test_summary_names_the_anchors_and_mode(pki):
    summary = ValidationPolicy((pki.root_cert,), revocation_mode=RevocationMode.SOFT_FAIL).summary()
    assert summary.revocation_mode == "soft-fail"
    assert summary.trust_anchors == (certificate_info(pki.root_cert),)
    assert summary.moment is None


def test_naive_moment_is_rejected(pki):
    with pytest.raises(ConfigError, match="time zone"):
        ValidationPolicy((pki.root_cert,), moment=datetime(2024, 1, 1))


def test_load_certificates_from_pem_bundles_and_der(pki):
    bundle = pki.root_cert_pem + pki.intermediate_cert_pem
    certs = load_certificates([bundle, pki.tsa_cert.dump()])
    assert [c.sha256 for c in certs] == [
        pki.root_cert.sha256,
        pki.intermediate_cert.sha256,
        pki.tsa_cert.sha256,
    ]


def test_load_certificates_rejects_garbage():
    with pytest.raises(ConfigError, match=r"not a readable X\.509 certificate"):
        load_certificates([b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
