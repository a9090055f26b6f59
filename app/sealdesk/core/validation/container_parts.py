"""Shared pieces of the container checks: the damage record, the CMS walkers, the verifier."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from asn1crypto import cms, x509
from cryptography.exceptions import InvalidSignature
from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator

PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError)
VERIFIER = DefaultSignatureValidator()


@dataclass(frozen=True)
class ContainerDamage:
    """What is wrong with the container, in words for the report."""

    where: str
    detail: str
    fatal: bool = True
    """False for an altered certificate the seal does not rest on (an extra one carried along):
    the signature and its path are judged as usual and the damage is a warning, as pdfsig and
    pyHanko, which never read such certificates, would not even notice it."""

    def describe(self) -> str:
        return f"{self.where}: {self.detail}"


def timestamp_tokens(signed_data: cms.SignedData) -> Iterator[cms.SignedData]:
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


def certificates(signed_data: cms.SignedData) -> list[x509.Certificate]:
    return [
        choice.chosen
        for choice in signed_data["certificates"] or ()
        if isinstance(choice.chosen, x509.Certificate)
    ]


def signature_verifies(cert: x509.Certificate, issuer: x509.Certificate) -> bool | None:
    """True if ``issuer`` signed ``cert``, False if the signature fails, None if undecidable."""
    try:
        VERIFIER.validate_signature(
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
