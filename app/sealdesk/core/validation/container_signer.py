"""Container check 3: is the signer identified consistently, and does a signature fail?

The signer identifier (issuer and serial) and the signed ESS signing-certificate reference
must name the same carried certificate; when they do not, the certificate whose key verifies
the signature shows which part was altered. :func:`signature_fails` is asked only after
pyHanko stopped without a verdict on the signature itself.
"""

from __future__ import annotations

import hashlib
from typing import Any

from asn1crypto import cms, core, x509
from cryptography.exceptions import InvalidSignature
from pyhanko.sign.general import check_ess_certid, match_issuer_serial
from pyhanko.sign.validation.generic_cms import get_signing_cert_attr
from pyhanko_certvalidator.sig_validate import SignatureValidationContext

from .container_parts import (
    PARSE_ERRORS,
    VERIFIER,
    ContainerDamage,
    certificates,
    timestamp_tokens,
)


def signer_identification_damage(
    signed_data: cms.SignedData, what: str
) -> ContainerDamage | None:
    carried = certificates(signed_data)
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
        tokens = list(timestamp_tokens(signed_data))
        if any(_content_digest_differs(token) for token in tokens):
            return True
        return any(_signer_rejects(container) for container in (signed_data, *tokens))
    except PARSE_ERRORS:
        return False  # not a signature statement; the structural check speaks for this


def seal_signature_fails(signed_data: cms.SignedData) -> bool:
    """True when the seal's own signature value is positively wrong (its timestamp aside).

    Asked after every validation that did not already end in a cryptographic failure: a
    corrupted signature value also breaks the timestamp's imprint over it, and pyHanko then
    reports the timestamp. The broken signature is the real cause and must be named first.
    """
    try:
        return _signer_rejects(signed_data)
    except PARSE_ERRORS:
        return False


def signer_certificates(signed_data: cms.SignedData) -> list[x509.Certificate]:
    """Carried certificates a signature rests on: the signers' (seal, timestamps) and their CAs.

    A signer is whatever its identifier or its signed certificate reference names; its CAs are
    followed up by issuer name through the carried certificates (bounded by their number).
    """
    carried = [c for t in (signed_data, *timestamp_tokens(signed_data)) for c in certificates(t)]
    found: list[x509.Certificate] = []
    for container in (signed_data, *timestamp_tokens(signed_data)):
        for signer_info in container["signer_infos"]:
            found.extend(c for c in carried if _matches_sid(signer_info["sid"].chosen, c))
            candidates = _signer_candidates(signer_info, carried)
            if candidates is not None:
                found.extend(candidates[1])
    for cert in found:  # grows while it is walked: each CA once
        for issuer in carried:
            is_issuer = issuer.subject.dump() == cert.issuer.dump()
            if is_issuer and not any(issuer.dump() == f.dump() for f in found):
                found.append(issuer)
    return found


def _signer_rejects(signed_data: cms.SignedData) -> bool:
    carried = certificates(signed_data)
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
        VERIFIER.validate_signature(
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
