"""Is the signature container (the CMS in /Contents) intact? Checked before the AdES processes.

Why a check of our own: pyHanko parses the CMS lazily and judges it piece by piece, so a single
flipped byte inside /Contents surfaces in many disguises: an ``asn1crypto`` ValueError deep in
path building ("Insufficient data ..."), "no signing certificate found", "no chain found",
"chain general failure". Those are ETSI answers for a *well-formed* signature whose evidence is
lacking, and they read as "maybe valid, try later". A container whose bytes were changed is not
lacking evidence: it is damaged, and the seal has FAILED (FORMAT_FAILURE).

Three checks, all cheap next to validation itself (one parse, a few signature verifications):

1. **Structure**: the whole container parses, down to every certificate and the timestamp
   token's content (asn1crypto is lazy; ``.native`` forces every level).
2. **Certificates are what their issuers signed**: every certificate carried in the CMS (and in
   its timestamp token) whose issuer is at hand (carried too, a trust anchor, or an extra
   certificate of the policy) must verify under that issuer's key. Certificates are immutable
   signed objects; one whose issuer's signature fails was altered after issuance. Issuers are
   matched by key identifier first, by (DER-identical) name otherwise, so a CA re-key (same
   name, new key) is never mistaken for damage. A certificate whose issuer is not at hand is
   left to path validation. An altered certificate that identifies no signer (an extra one
   carried along, e.g. a responder's) is not fatal: the seal does not rest on it, pdfsig and
   pyHanko validate such a seal, and so do we: PASSED with a warning (``ContainerDamage.fatal``
   False). If the seal does not pass, the damage is reported as the cause (FORMAT_FAILURE), as
   for any other damage: an altered certificate is never a "maybe, try later".
3. **The signer is identified consistently**: the signer identifier (issuer and serial) and the
   signed signing-certificate attribute must name the same carried certificate. If they do not,
   the certificate whose key verifies the signature shows which part was altered. A seal that
   carries no signer certificate at all is left to pyHanko (NO_SIGNING_CERTIFICATE_FOUND).
   (:mod:`.container_signer`.)

Nothing here trusts anything: a certificate that passes (2) is merely undamaged, not trusted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from asn1crypto import cms, x509

from .container_parts import (
    PARSE_ERRORS,
    ContainerDamage,
    certificates,
    signature_verifies,
    timestamp_tokens,
)
from .container_signer import (
    seal_signature_fails,
    signature_fails,
    signer_certificates,
    signer_identification_damage,
)

__all__ = [
    "ContainerDamage",
    "check_container",
    "is_parse_error",
    "seal_signature_fails",
    "signature_fails",
]


def is_parse_error(error: BaseException) -> bool:
    """Whether ``error`` is asn1crypto failing to read damaged DER (not a bug of ours)."""
    text = str(error)
    return isinstance(error, ValueError) and (
        "while parsing" in text or "Insufficient data" in text or "Error parsing" in text
    )


def check_container(
    signed_data: cms.SignedData, known_certs: Iterable[x509.Certificate] = ()
) -> ContainerDamage | None:
    """The first damage found in ``signed_data``, or None when it is intact (module docstring)."""
    try:
        return _first_damage(signed_data, list(known_certs))
    except PARSE_ERRORS as e:  # damage in a part only the later checks read
        return ContainerDamage("the signature data cannot be read", _first_line(e))


def _first_damage(
    signed_data: cms.SignedData, known_certs: list[x509.Certificate]
) -> ContainerDamage | None:
    tokens = _parse_fully(signed_data)
    carried = certificates(signed_data) + [c for t in tokens for c in certificates(t)]
    for cert in carried:  # what the checks below read; the rest is covered by signatures
        _ = cert.subject, cert.issuer, cert.key_identifier, cert.authority_key_identifier
    for token in tokens:
        if token["encap_content_info"]["content_type"].native != "tst_info":
            return ContainerDamage(
                "the seal's timestamp token is damaged",
                "it no longer declares a timestamp (TSTInfo) as its content",
            )
    pool = carried + known_certs
    signers = signer_certificates(signed_data)
    incidental: ContainerDamage | None = None
    for cert in carried:
        damage = _issuer_signature_damage(cert, pool)
        if damage is not None and any(cert.dump() == s.dump() for s in signers):
            return damage
        if damage is not None and incidental is None:
            incidental = dataclasses.replace(damage, fatal=False)
    for container, what in ((signed_data, "seal"), *((t, "timestamp token") for t in tokens)):
        damage = signer_identification_damage(container, what)
        if damage is not None:
            return damage
    return incidental


def _parse_fully(signed_data: cms.SignedData) -> list[cms.SignedData]:
    """Parse every level except certificate bodies; returns the timestamp tokens (parsed too).

    asn1crypto parses lazily, so damage hides until something reads it. Certificate bodies are
    not converted here (that is most of the cost): their issuers' signatures cover them.
    """
    tokens = list(timestamp_tokens(signed_data))
    for container in (signed_data, *tokens):
        _ = container["digest_algorithms"].native, container["encap_content_info"].native
        for signer_info in container["signer_infos"]:
            for key in ("sid", "digest_algorithm", "signed_attrs", "signature_algorithm"):
                _ = signer_info[key].native
            _ = signer_info["signature"].native
    return tokens


def _issuer_signature_damage(
    cert: x509.Certificate, pool: list[x509.Certificate]
) -> ContainerDamage | None:
    candidates = _issuers_of(cert, pool)
    if not candidates:
        return None  # issuer not at hand: path validation decides
    verdicts = [signature_verifies(cert, issuer) for issuer in candidates]
    if True in verdicts or False not in verdicts:  # verified, or not decidable here
        return None
    subject = _name(cert.subject)
    issuer = _name(cert.issuer)
    return ContainerDamage(
        f"the certificate of {subject} carried in the seal is damaged",
        f"the signature of its issuer {issuer} over it no longer verifies, so its bytes "
        "were changed after it was issued",
    )


def _issuers_of(cert: x509.Certificate, pool: list[x509.Certificate]) -> list[x509.Certificate]:
    """Issuer candidates: same key identifier if both have one, else the same name."""
    aki = cert.authority_key_identifier
    issuer = cert.issuer.dump()  # byte comparison: Name.__eq__ normalises, and is slow
    found: list[x509.Certificate] = []
    for other in pool:
        ski = other.key_identifier
        by_key = aki is not None and ski is not None
        matches = aki == ski if by_key else other.subject.dump() == issuer
        if matches:
            found.append(other)
    return found


def _name(name: x509.Name) -> str:
    try:
        cn = name.native.get("common_name")
    except PARSE_ERRORS:
        cn = None
    return f"'{cn}'" if cn else "an unnamed party"


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:200]
