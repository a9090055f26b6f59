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
   left to path validation.
3. **The signer is identified consistently**: the signer identifier (issuer and serial) and the
   signed signing-certificate attribute must name the same carried certificate. If they do not,
   the certificate whose key verifies the signature shows which part was altered. A seal that
   carries no signer certificate at all is left to pyHanko (NO_SIGNING_CERTIFICATE_FOUND).

Nothing here trusts anything: a certificate that passes (2) is merely undamaged, not trusted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from asn1crypto import cms, core, x509
from cryptography.exceptions import InvalidSignature
from pyhanko.sign.general import check_ess_certid, match_issuer_serial
from pyhanko.sign.validation.generic_cms import get_signing_cert_attr
from pyhanko_certvalidator.sig_validate import (
    DefaultSignatureValidator,
    SignatureValidationContext,
)

_PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError)
_VERIFIER = DefaultSignatureValidator()


@dataclass(frozen=True)
class ContainerDamage:
    """What is wrong with the container, in words for the report."""

    where: str
    detail: str

    def describe(self) -> str:
        return f"{self.where}: {self.detail}"


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
    except _PARSE_ERRORS as e:  # damage in a part only the later checks read
        return ContainerDamage("the signature data cannot be read", _first_line(e))


def _first_damage(
    signed_data: cms.SignedData, known_certs: list[x509.Certificate]
) -> ContainerDamage | None:
    tokens = _parse_fully(signed_data)
    carried = _certificates(signed_data) + [c for t in tokens for c in _certificates(t)]
    for cert in carried:  # what the checks below read; the rest is covered by signatures
        _ = cert.subject, cert.issuer, cert.key_identifier, cert.authority_key_identifier
    for token in tokens:
        if token["encap_content_info"]["content_type"].native != "tst_info":
            return ContainerDamage(
                "the seal's timestamp token is damaged",
                "it no longer declares a timestamp (TSTInfo) as its content",
            )
    pool = carried + known_certs
    for cert in carried:
        damage = _issuer_signature_damage(cert, pool)
        if damage is not None:
            return damage
    for container, what in ((signed_data, "seal"), *((t, "timestamp token") for t in tokens)):
        damage = _signer_identification_damage(container, what)
        if damage is not None:
            return damage
    return None


def _parse_fully(signed_data: cms.SignedData) -> list[cms.SignedData]:
    """Parse every level except certificate bodies; returns the timestamp tokens (parsed too).

    asn1crypto parses lazily, so damage hides until something reads it. Certificate bodies are
    not converted here (that is most of the cost): their issuers' signatures cover them.
    """
    tokens = list(_timestamp_tokens(signed_data))
    for container in (signed_data, *tokens):
        _ = container["digest_algorithms"].native, container["encap_content_info"].native
        for signer_info in container["signer_infos"]:
            for key in ("sid", "digest_algorithm", "signed_attrs", "signature_algorithm"):
                _ = signer_info[key].native
            _ = signer_info["signature"].native
    return tokens


def _timestamp_tokens(signed_data: cms.SignedData) -> Iterator[cms.SignedData]:
    """Signature timestamp tokens in the unsigned attributes of every signer."""
    for signer_info in signed_data["signer_infos"]:
        for attribute in signer_info["unsigned_attrs"] or ():
            if attribute["type"].native != "signature_time_stamp_token":
                continue
            for value in attribute["values"]:
                content = value["content"]
                if not isinstance(content, cms.SignedData):  # a parse error for the callers
                    raise ValueError("the timestamp token is not a CMS SignedData structure")
                yield content


def _certificates(signed_data: cms.SignedData) -> list[x509.Certificate]:
    return [
        choice.chosen
        for choice in signed_data["certificates"] or ()
        if isinstance(choice.chosen, x509.Certificate)
    ]


def _issuer_signature_damage(
    cert: x509.Certificate, pool: list[x509.Certificate]
) -> ContainerDamage | None:
    candidates = _issuers_of(cert, pool)
    if not candidates:
        return None  # issuer not at hand: path validation decides
    verdicts = [_verifies(cert, issuer) for issuer in candidates]
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


def _verifies(cert: x509.Certificate, issuer: x509.Certificate) -> bool | None:
    """True if ``issuer`` signed ``cert``, False if the signature fails, None if undecidable."""
    try:
        _VERIFIER.validate_signature(
            cert["signature_value"].native,
            cert["tbs_certificate"].dump(),
            issuer.public_key,
            cert["signature_algorithm"],
        )
    except InvalidSignature:
        return False
    except Exception:  # unsupported algorithm, odd key encoding: not ours to judge here
        return None
    return True


def _signer_identification_damage(
    signed_data: cms.SignedData, what: str
) -> ContainerDamage | None:
    carried = _certificates(signed_data)
    for signer_info in signed_data["signer_infos"]:
        found = _signer_candidates(signer_info, carried)
        if found is None:
            continue
        by_sid, by_ess = found
        if any(c in by_ess for c in by_sid) or not (by_sid or by_ess):
            continue  # consistent (pyHanko judges the signature), or nothing carried
        attrs = signer_info["signed_attrs"]
        verifying = [c for c in by_sid + by_ess if _signature_ok(signer_info, attrs, c)]
        if verifying and verifying[0] not in by_sid:
            detail = "the signer identifier (issuer and serial number) was altered"
        elif verifying:
            detail = "the signer's certificate carried in the seal was altered"
        else:
            detail = (
                "the signer identifier and the signed certificate reference no longer agree, "
                "and the signature verifies with neither certificate"
            )
        return ContainerDamage(f"the {what}'s signer information is inconsistent", detail)
    return None


def signature_fails(signed_data: cms.SignedData) -> bool:
    """True when a signature in the container (the seal's or its timestamp token's) is wrong.

    Asked only after pyHanko ended without a verdict on the signature itself (it stops with
    GENERIC or an exception when, say, the algorithm-protection attribute or the token's
    message imprint is damaged): a signature that does not verify is the stronger, FAILED,
    statement. Wrong means positively wrong: a digest that does not match its content, or a
    signature the identified certificate's key rejects.
    """
    try:
        tokens = list(_timestamp_tokens(signed_data))
        if any(_content_digest_differs(token) for token in tokens):
            return True
        return any(_signer_rejects(container) for container in (signed_data, *tokens))
    except _PARSE_ERRORS:
        return False  # not a signature statement; the structural check speaks for this


def _signer_rejects(signed_data: cms.SignedData) -> bool:
    carried = _certificates(signed_data)
    for signer_info in signed_data["signer_infos"]:
        found = _signer_candidates(signer_info, carried)
        if found is None:
            continue
        by_sid, by_ess = found
        both = [c for c in by_sid if c in by_ess]
        if both and _signature_ok(signer_info, signer_info["signed_attrs"], both[0]) is False:
            return True
    return False


def _content_digest_differs(token: cms.SignedData) -> bool:
    """The token's signed message-digest attribute against the TSTInfo it encapsulates."""
    content = token["encap_content_info"]["content"]
    for signer_info in token["signer_infos"]:
        attrs = signer_info["signed_attrs"]
        if isinstance(attrs, core.Void):
            continue
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        if algorithm not in hashlib.algorithms_available:
            continue
        values = [a["values"][0].native for a in attrs if a["type"].native == "message_digest"]
        actual = hashlib.new(algorithm, content.contents).digest()
        if len(values) == 1 and values[0] != actual:
            return True
    return False


def _signer_candidates(
    signer_info: cms.SignerInfo, carried: list[x509.Certificate]
) -> tuple[list[x509.Certificate], list[x509.Certificate]] | None:
    """Carried certificates named by the signer identifier, and by the signed ESS reference.

    Without an ESS signing-certificate attribute the identifier alone names the signer (both
    lists equal). None when the signer has no signed attributes to check against.
    """
    attrs = signer_info["signed_attrs"]
    if isinstance(attrs, core.Void) or not carried:
        return None
    sid = signer_info["sid"].chosen
    by_sid = [c for c in carried if _matches_sid(sid, c)]
    try:
        ess = get_signing_cert_attr(attrs)
    except Exception:  # several signing-certificate attributes: pyHanko reports it
        return None
    if ess is None:
        return by_sid, by_sid
    certid = ess["certs"][0]
    return by_sid, [c for c in carried if _matches_ess(certid, c)]


def _matches_sid(sid: object, cert: x509.Certificate) -> bool:
    if isinstance(sid, cms.IssuerAndSerialNumber):
        # the serial first: comparing names is the expensive part
        return sid["serial_number"].native == cert.serial_number and match_issuer_serial(
            sid, cert
        )
    return isinstance(sid, core.OctetString) and sid.native == cert.key_identifier


def _matches_ess(certid: Any, cert: x509.Certificate) -> bool:
    issuer_serial = certid["issuer_serial"]
    if issuer_serial and issuer_serial["serial_number"].native != cert.serial_number:
        return False  # cheap rejection before hashing the certificate
    return check_ess_certid(cert, certid)


def _signature_ok(
    signer_info: cms.SignerInfo, attrs: cms.CMSAttributes, cert: x509.Certificate
) -> bool | None:
    """Whether ``cert``'s key verifies the signature over the signed attributes (None: can't
    tell, e.g. an algorithm this check does not know)."""
    try:
        _VERIFIER.validate_signature(
            signer_info["signature"].native,
            attrs.untag().dump(),
            cert.public_key,
            signer_info["signature_algorithm"],
            SignatureValidationContext(
                contextual_md_algorithm=signer_info["digest_algorithm"]["algorithm"].native
            ),
        )
    except InvalidSignature:
        return False
    except Exception:  # not decidable here; pyHanko's own validation decides
        return None
    return True


def _name(name: x509.Name) -> str:
    try:
        cn = name.native.get("common_name")
    except _PARSE_ERRORS:
        cn = None
    return f"'{cn}'" if cn else "an unnamed party"


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:200]
