"""Is an untrusted signer pretending to be the organisation? Impersonation and look-alike roots.

Why: ETSI EN 319 102-1 answers a signer that does not chain to a trusted root with
INDETERMINATE (CHAIN_CONSTRAINTS_FAILURE, NO_CERTIFICATE_CHAIN_FOUND), and a look-alike root
often surfaces as missing revocation data. Both read as "maybe valid, try later". A certificate
that copies the organisation's name without being issued by its authority is a forgery, and
the person reading the verdict must be told so in those words.

Two patterns, checked only when the signer does NOT chain cryptographically to a trust anchor
through the certificates at hand (so a genuine seal whose revocation data is merely missing is
never called an impostor):

1. **Look-alike root**: a certificate carried with the seal, or the signer's issuer, has the
   exact name of a trust anchor but another key.
2. **Name clash**: the signer's chain ends at a self-signed certificate that is not a trust
   anchor (or the signer signed itself), and the signer's name is that of a certificate the
   policy knows (trust anchors, extra certificates) with another key, or its organisation is a
   trust anchor's organisation. A chain that stops at an issuer not at hand (an intermediate
   the seal does not carry) proves nothing either way and is left to the ETSI wording.
"""

from __future__ import annotations

from enum import Enum

from asn1crypto import x509

from .container_parts import PARSE_ERRORS, signature_verifies
from .report import Finding, Severity
from .wording import Context

_MAX_DEPTH = 8
_ADVICE = (
    " Treat the document as forged: do not act on it, and report it to your security officer."
)


def impostor_finding(ctx: Context) -> Finding | None:
    """The impersonation finding for ``ctx``'s signer, or None (module docstring)."""
    signer = ctx.signer_cert
    if signer is None or not ctx.trust_anchors:
        return None
    try:
        pool = [*ctx.known_certs, *ctx.trust_anchors]
        where = _chain_end(signer, pool, ctx.trust_anchors)
        if where is _End.ANCHOR:
            return None
        fake = _look_alike(signer, ctx)
        if fake is not None:
            return Finding(
                "impostor.look_alike_root",
                Severity.ERROR,
                f"Signed by a certificate that is NOT the organisation's, although its name is "
                f"the same ({_name(signer.subject)}): it was issued by a look-alike of the "
                f"trusted root {_name(fake.subject)} (same name, different key).{_ADVICE}",
            )
        if where is _End.FOREIGN_ROOT and _name_clash(signer, ctx):
            how = "it signed itself" if _self_issued(signer) else "no trusted authority issued it"
            return Finding(
                "impostor.name_clash",
                Severity.ERROR,
                f"Signed by a certificate that is NOT the organisation's, although its name is "
                f"the same ({_name(signer.subject)}): {how}.{_ADVICE}",
            )
    except PARSE_ERRORS:  # damaged names or keys: the container checks speak for those
        return None
    return None


class _End(Enum):
    """Where the signer's issuer chain, followed through the certificates at hand, ends."""

    ANCHOR = "a trust anchor"
    FOREIGN_ROOT = "a self-signed certificate that is not a trust anchor"
    UNKNOWN = "an issuer not at hand"
    """Nothing can be said (e.g. an intermediate not carried): never called an impostor."""


def _chain_end(
    cert: x509.Certificate, pool: list[x509.Certificate], anchors: tuple[x509.Certificate, ...]
) -> _End:
    anchor_keys = {(a.subject.dump(), a.public_key.dump()) for a in anchors}  # any encoding
    current = cert
    for _ in range(_MAX_DEPTH):
        if (current.subject.dump(), current.public_key.dump()) in anchor_keys:
            return _End.ANCHOR
        if _self_issued(current):
            return _End.FOREIGN_ROOT if _signed_by(current, current) else _End.UNKNOWN
        issuers = [c for c in pool if c.subject.dump() == current.issuer.dump()]
        verified = [c for c in issuers if _signed_by(current, c)]
        if not verified:
            return _End.UNKNOWN
        current = verified[0]
    return _End.UNKNOWN


def _look_alike(signer: x509.Certificate, ctx: Context) -> x509.Certificate | None:
    for anchor in ctx.trust_anchors:
        name, key = anchor.subject.dump(), anchor.public_key.dump()
        for cert in (signer, *ctx.known_certs):
            if cert.subject.dump() == name and cert.public_key.dump() != key:
                return anchor
        if signer.issuer.dump() == name and not _signed_by(signer, anchor):
            return anchor
    return None


def _name_clash(signer: x509.Certificate, ctx: Context) -> bool:
    subject, key = signer.subject.dump(), signer.public_key.dump()
    for cert in (*ctx.trust_anchors, *ctx.extra_certs):
        if cert.subject.dump() == subject and cert.public_key.dump() != key:
            return True
    organisation = signer.subject.native.get("organization_name")
    return bool(organisation) and any(
        a.subject.native.get("organization_name") == organisation for a in ctx.trust_anchors
    )


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Only a signature that verifies counts (an undecidable one does not)."""
    return signature_verifies(cert, issuer) is True


def _self_issued(cert: x509.Certificate) -> bool:
    return cert.subject.dump() == cert.issuer.dump()


def _name(name: x509.Name) -> str:
    cn = name.native.get("common_name")
    return f"'{cn}'" if cn else name.human_friendly
