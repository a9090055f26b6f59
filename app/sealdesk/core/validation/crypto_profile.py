"""Cryptographic drift: does a seal still look like the policy in force when it was made?

Why: a seal can be perfectly valid and still not be what the installation promised: a release
that quietly signs with another digest, a PAdES level below the configured one, a certificate
that is not the policy's, an RSA signature of the wrong size, no timestamp where one was due.
None of that fails ETSI validation, so it would go unnoticed for years. Revalidation compares
every seal's :class:`CryptoProfile` (read from the CMS) with the expectation recorded when it
was sealed (:func:`expected_profile`) and reports each deviation as its own finding
(``crypto.drift``), so a regression shows up the day a revalidation runs after it.

What is compared, and where the expectation comes from:

* ``certificate_sha256`` and ``pades_level`` (a level below the policy's is drift; a higher
  one, e.g. after an LTV refresh, is not): recorded in every seal row's policy since the start.
* ``digest_algorithm``, ``signature_algorithm``, ``key_type``, ``key_size``, ``curve``,
  ``signature_size`` (RSA: exactly the modulus size; ECDSA: at most the DER maximum for the
  curve) and ``timestamped``: recorded only for seals made from this release on
  (``crypto_policy`` in the ``document.sealed`` event and the seal row). Older seals are
  compared on what was recorded, and the finding says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from asn1crypto import cms, x509
from pyhanko.pdf_utils.reader import PdfFileReader

from .container_parts import timestamp_tokens
from .report import Finding, Severity

SEAL_DIGEST_OID = "2.16.840.1.101.3.4.2.1"  # SHA-256, what SealDesk's sealer asks pyHanko for
_SIGNATURE_OIDS = {
    "ec": "1.2.840.10045.4.3.2",  # ecdsa-with-SHA256
    "rsa": "1.2.840.113549.1.1.11",  # sha256WithRSAEncryption
}
_RSA_PKCS1_OID = "1.2.840.113549.1.1.1"  # rsaEncryption: same scheme, digest given apart
_LEVEL_ORDER = ("B-B", "B-T", "B-LT", "B-LTA")


@dataclass(frozen=True)
class CryptoProfile:
    """What one seal's CMS actually uses."""

    digest_algorithm: str
    signature_algorithm: str
    key_type: str
    key_size: int
    curve: str | None
    signature_size: int
    certificate_sha256: str
    timestamped: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CryptoProfile:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})


def profile_of(signed_data: cms.SignedData, signer: x509.Certificate) -> CryptoProfile:
    """The profile of the first signer of ``signed_data``, whose certificate is ``signer``."""
    signer_info = signed_data["signer_infos"][0]
    key = signer.public_key
    return CryptoProfile(
        digest_algorithm=signer_info["digest_algorithm"]["algorithm"].dotted,
        signature_algorithm=signer_info["signature_algorithm"]["algorithm"].dotted,
        key_type=key.algorithm,
        key_size=key.bit_size,
        curve=_curve(key),
        signature_size=len(signer_info["signature"].native),
        certificate_sha256=hashlib.sha256(signer.dump()).hexdigest(),
        timestamped=any(True for _ in timestamp_tokens(signed_data)),
    )


def sealed_with(path: Path, certificate_sha256: str) -> x509.Certificate | None:
    """The certificate with ``certificate_sha256`` carried by the last seal of ``path``.

    For recording the expectation right after sealing, without the token: the seal just made
    carries its certificate. None when it cannot be read or is not there (the expectation then
    holds only the policy's certificate hash and level, and the drift check flags the rest).
    """
    try:
        with path.open("rb") as stream:
            reader = PdfFileReader(stream, strict=False)
            if reader.encrypted:
                reader.decrypt("")
            signatures = reader.embedded_signatures
            if not signatures:
                return None
            for choice in signatures[-1].signed_data["certificates"] or ():
                cert = choice.chosen
                if hashlib.sha256(cert.dump()).hexdigest() == certificate_sha256:
                    return cert
    except Exception:  # the drift check will speak for a seal that cannot be read
        return None
    return None


def expected_profile(certificate: x509.Certificate | None, level: str) -> dict[str, Any]:
    """The expectation to record when sealing with ``certificate`` at PAdES ``level``."""
    if certificate is None:
        return {"pades_level": level, "digest_algorithm": SEAL_DIGEST_OID,
                "timestamped": level != "B-B"}
    key = certificate.public_key
    return {
        "certificate_sha256": hashlib.sha256(certificate.dump()).hexdigest(),
        "pades_level": level,
        "digest_algorithm": SEAL_DIGEST_OID,
        "signature_algorithm": _SIGNATURE_OIDS.get(key.algorithm, ""),
        "key_type": key.algorithm,
        "key_size": key.bit_size,
        "curve": _curve(key),
        "signature_size": _max_signature_size(key.algorithm, key.bit_size),
        "timestamped": level != "B-B",
    }


def drift_findings(
    expected: Mapping[str, Any], actual: CryptoProfile, level: str | None
) -> tuple[Finding, ...]:
    """One ``crypto.drift`` warning per deviation of ``actual`` from ``expected``."""
    deviations = [text for text in _deviations(expected, actual, level) if text]
    partial = "" if "digest_algorithm" in expected else (
        " (only the certificate and level were recorded for seals made before this check)"
    )
    return tuple(
        Finding(
            "crypto.drift",
            Severity.WARNING,
            f"Cryptographic drift: {text}, unlike the policy in force when it was sealed"
            f"{partial}. Check the release and the configuration that made it.",
        )
        for text in deviations
    )


def _deviations(
    expected: Mapping[str, Any], actual: CryptoProfile, level: str | None
) -> list[str | None]:
    want = expected.get
    return [
        _differs("signed with certificate", want("certificate_sha256"),
                 actual.certificate_sha256, short=True),
        _lower_level(want("pades_level"), level),
        _differs("digest algorithm", want("digest_algorithm"), actual.digest_algorithm),
        _signature_algorithm(want("signature_algorithm"), actual),
        _differs("key type", want("key_type"), actual.key_type),
        _differs("key size", want("key_size"), actual.key_size),
        _differs("curve", want("curve"), actual.curve),
        _signature_size(want("signature_size"), actual),
        "no timestamp" if want("timestamped") is True and not actual.timestamped else None,
    ]


def _differs(what: str, wanted: Any, actual: Any, *, short: bool = False) -> str | None:
    if wanted is None or wanted == "" or wanted == actual:
        return None
    if short:
        return f"{what} {str(actual)[:16]}… instead of {str(wanted)[:16]}…"
    return f"{what} {actual} instead of {wanted}"


def _lower_level(wanted: Any, actual: str | None) -> str | None:
    if wanted not in _LEVEL_ORDER or actual not in _LEVEL_ORDER:
        return None
    if _LEVEL_ORDER.index(actual) >= _LEVEL_ORDER.index(wanted):
        return None
    return f"PAdES level {actual} below {wanted}"


def _signature_algorithm(wanted: Any, actual: CryptoProfile) -> str | None:
    pkcs1 = actual.key_type == "rsa" and wanted == _SIGNATURE_OIDS["rsa"]
    if pkcs1 and actual.signature_algorithm == _RSA_PKCS1_OID:
        return None  # the same PKCS#1 v1.5 signature, digest named separately
    return _differs("signature algorithm", wanted, actual.signature_algorithm)


def _signature_size(wanted: Any, actual: CryptoProfile) -> str | None:
    if not isinstance(wanted, int) or wanted <= 0:
        return None
    exact = actual.key_type == "rsa"
    if (actual.signature_size == wanted) if exact else (actual.signature_size <= wanted):
        return None
    bound = "" if exact else "at most "
    return f"signature of {actual.signature_size} bytes instead of {bound}{wanted}"


def _max_signature_size(key_type: str, bits: int) -> int:
    octets = (bits + 7) // 8
    if key_type == "rsa":
        return octets
    if key_type == "ec":
        return 2 * (octets + 1) + 6  # DER SEQUENCE of two INTEGERs, each with a sign octet
    return 0


def _curve(key: Any) -> str | None:
    if key.algorithm != "ec":
        return None
    kind, value = key.curve
    return str(value) if kind == "named" else kind
