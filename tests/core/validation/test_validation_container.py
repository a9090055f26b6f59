"""Damage inside the signature container (/Contents): FAILED with a reason, never a traceback."""

from __future__ import annotations

import logging
import re

import pytest
from asn1crypto import cms

from sealdesk.core.validation import Indication, SubIndication, validate_pdf


def _contents(data: bytes) -> tuple[int, bytes]:
    """Offset of the first /Contents hex string in ``data`` and its DER (padding stripped)."""
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    assert match
    der = bytes.fromhex(match.group(1).decode())
    length = len(cms.ContentInfo.load(der).dump())
    return match.start(1), der[:length]


def _flip_hex(data: bytes, hex_offset: int, der_byte: int, mask: int = 0x01) -> bytes:
    """Flip bits of DER byte ``der_byte`` inside the hex string starting at ``hex_offset``."""
    position = hex_offset + 2 * der_byte
    value = int(data[position : position + 2], 16) ^ mask
    return data[:position] + f"{value:02x}".encode() + data[position + 2 :]


def _span(der: bytes, part: bytes) -> tuple[int, int]:
    start = der.index(part)
    return start, start + len(part)


@pytest.fixture
def sealed(seal) -> bytes:
    return seal(signer="ec", level="B-T").read_bytes()


def _validate(tmp_path, data: bytes, policy):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data)
    return validate_pdf(path, policy)


def test_a_changed_byte_in_the_signer_certificate_is_a_damaged_container(sealed, policy,
                                                                        tmp_path):
    offset, der = _contents(sealed)
    signed_data = cms.ContentInfo.load(der)["content"]
    signer_cert = signed_data["certificates"][0].chosen
    start, end = _span(der, signer_cert.dump())

    sig = _validate(tmp_path, _flip_hex(sealed, offset, (start + end) // 2), policy).signatures[0]

    assert (sig.indication, sig.sub_indication) == (Indication.FAILED,
                                                    SubIndication.FORMAT_FAILURE)
    assert "signature data is damaged" in sig.findings[0].message
    assert "restore it from a backup" in sig.findings[0].message


def test_a_broken_length_is_a_damaged_container_not_a_traceback(sealed, policy, tmp_path,
                                                                 caplog):
    """The case that used to end INDETERMINATE/GENERIC with "Insufficient data" logged."""
    offset, der = _contents(sealed)
    signed_data = cms.ContentInfo.load(der)["content"]
    start, _ = _span(der, signed_data["certificates"][1].chosen.dump())
    caplog.set_level(logging.WARNING)

    # the length octets of the issuing CA certificate: now longer than what follows
    sig = _validate(tmp_path, _flip_hex(sealed, offset, start + 2, 0x40), policy).signatures[0]

    assert (sig.indication, sig.sub_indication) == (Indication.FAILED,
                                                    SubIndication.FORMAT_FAILURE)
    assert sig.findings[0].code in {"signature.damaged", "signature.unreadable"}
    assert not [r for r in caplog.records if r.exc_info], "no traceback for damaged input"


def test_a_sweep_of_flipped_bytes_never_raises_and_almost_always_fails(sealed, policy,
                                                                       tmp_path, caplog):
    """Bytes that no validator reads (an unused certificate's key identifier, the digest
    algorithm list of SignedData) may go unnoticed; everything else must be FAILED, or, for a
    carried certificate the seal does not rest on (issue 18: as in pdfsig and pyHanko),
    PASSED with the warning that names the damage."""
    offset, der = _contents(sealed)
    caplog.set_level(logging.WARNING)
    outcomes = []
    for der_byte in range(3, len(der), max(1, len(der) // 60)):
        sig = _validate(tmp_path, _flip_hex(sealed, offset, der_byte), policy).signatures[0]
        warned = "signature.extra_certificate_damaged" in {f.code for f in sig.findings}
        outcomes.append("damage named" if warned else sig.indication)

    failed = outcomes.count(Indication.FAILED) + outcomes.count("damage named")
    assert failed >= 0.9 * len(outcomes), outcomes
    assert outcomes.count(Indication.FAILED) >= 0.85 * len(outcomes), outcomes
    assert not [r for r in caplog.records if r.exc_info and "Insufficient" in str(r.exc_info)]
