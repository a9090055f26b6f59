"""Sealing PDFs with a key on the token through pyHanko's PKCS11Signer.

One :class:`Sealer` serves a whole batch: it holds one logged-in token session, one signer (the
certificate is read from the token once) and one timestamper. Each call to :meth:`Sealer.seal`
appends a PAdES signature (subfilter ETSI.CAdES.detached) as an incremental update, so the
original bytes stay intact and byte-for-byte recoverable from the sealed file.

Keys marked CKA_ALWAYS_AUTHENTICATE (qualified-signature tokens) need a context-specific login
before every signature. The Sealer then holds the batch's PIN in memory and passes it with each
signature (python-pkcs11 logs in between C_SignInit and C_Sign), so a bulk run does not ask per
file; :meth:`Sealer.forget_pin` drops it when the batch ends. It is never stored or logged.
Every signature runs under the watchdog's time limit (:mod:`sealdesk.core.token.watchdog`).

Every seal embeds the certificate's issuer chain as the token holds it (intermediates next to the
seal certificate), merged with the chain the caller gives: a verifier that trusts only the root
can then build the path offline, today and after the CA's web server is gone.

Batch speed (issue 9; see bench/ and README "Performance"): the signature space is estimated once
per batch (:mod:`.reserve`), the signed attributes are encoded once per batch
(:mod:`.batch_cms`), and the documents of a batch share one asyncio event loop instead of
pyHanko's new loop and executor thread per document. What gets signed, and how, is unchanged.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from asn1crypto import x509 as asn1_x509
from pkcs11 import KeyType
from pkcs11 import exceptions as p11
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from sealdesk.config import PadesLevel
from sealdesk.core.sealing.batch_cms import BatchPKCS11Signer
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.reserve import estimate_reserve, reserve_too_small
from sealdesk.core.sealing.token_signer import (
    always_authenticate,
    pinpad_context_login_unsupported,
)
from sealdesk.core.token.certificates import issuer_chain
from sealdesk.core.token.errors import translate
from sealdesk.core.token.session import TokenSession
from sealdesk.errors import (
    ConfigError,
    InputError,
    SealDeskError,
    StorageError,
    TimestampError,
    WrongPinError,
)

FIELD_PREFIX = "SealDesk-Seal"
STAMP_TEXT = "Electronically sealed by %(signer)s\n%(ts)s"
ALWAYS_AUTHENTICATE_NOTICE = (
    "This token asks for the PIN for every signature; SealDesk will reuse the PIN you entered "
    "for this batch only, from memory (it is never stored), so you are not asked per document."
)


@dataclass(frozen=True)
class SealOutcome:
    """What was done to one document; the sealed bytes went to the caller's output stream."""

    field_name: str
    sealed_at: dt.datetime
    certificate_sha256: str
    level: PadesLevel


class Sealer:
    """Seals documents one after another with one key on one logged-in token session."""

    def __init__(
        self,
        token: TokenSession,
        key_label: str,
        *,
        timestamper: TimeStamper | None,
        chain: Sequence[asn1_x509.Certificate] = (),
        trust_anchors: Sequence[asn1_x509.Certificate] = (),
        pin: str | None = None,
    ) -> None:
        self._token = token
        self._timestamper = timestamper
        self._trust_anchors = list(trust_anchors)
        key = token.private_key(key_label)
        cert_der = token.certificate_der(key_label)
        self.certificate = asn1_x509.Certificate.load(cert_der)
        self._chain = _distinct([*self._token_chain(), *chain])
        self.certificate_sha256 = hashlib.sha256(cert_der).hexdigest()
        self.always_authenticate = always_authenticate(key)
        self._sign_kwargs: dict[str, Any] = {}
        if self.always_authenticate:
            if pin is None:
                raise pinpad_context_login_unsupported(key_label)
            self._sign_kwargs["pin"] = pin
        self._reserve: dict[bool, int] = {}  # signature space per batch, with and without TSA
        self._loop: asyncio.AbstractEventLoop | None = None
        self._signer = BatchPKCS11Signer(
            token,
            key_label=key_label,
            signing_cert=self.certificate,
            ca_chain=self._chain,
            use_raw_mechanism=key.key_type == KeyType.EC,
            base_sign_kwargs=self._sign_kwargs,
        )

    def _token_chain(self) -> list[asn1_x509.Certificate]:
        """The seal certificate's issuers stored on the token (read once per Sealer)."""
        return self._token.guarded(
            "reading the certificate chain", lambda: issuer_chain(self._token, self.certificate)
        )

    def forget_pin(self) -> None:
        """Drop the batch's PIN (kept only for per-signature logins); call when the batch ends.

        Also closes the batch's event loop (a later seal would open a new one).
        """
        self._sign_kwargs.clear()
        if self._loop is not None:
            loop, self._loop = self._loop, None
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()

    def seal(
        self, source: Path, output: BinaryIO, policy: SealPolicy, operator: str
    ) -> SealOutcome:
        """Append a seal to ``source`` and write the sealed document to ``output``."""
        if policy.level != PadesLevel.B_B and self._timestamper is None:
            raise ConfigError(
                f"PAdES {policy.level} needs a timestamp authority, and none is configured.",
                hint="Set the TSA URL in Settings, or choose level B-B.",
            )
        try:
            field_name = self._sign(source, output, policy, operator)
        except SealDeskError:
            raise
        except OSError as exc:
            if isinstance(exc, TimestampRequestError):
                raise _tsa_error(exc) from exc
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # writing the output, not reading
                raise StorageError(
                    "The disk is full (writing the sealed document).",
                    hint="Free some space on the data disk and try again; nothing partial was "
                    "kept.",
                ) from exc
            raise InputError(
                f"Cannot read {source.name} while sealing: {exc.strerror or exc}.",
                hint="Check that the file is still there and readable.",
            ) from exc
        except SigningError as exc:
            raise self._context_pin_error(_signing_error(exc)) from exc
        except p11.PKCS11Error as exc:
            raise self._context_pin_error(translate(exc, doing=f"sealing {source.name}")) from exc
        except (PdfError, KeyError, ValueError, TypeError) as exc:
            raise InputError(
                f"{source.name} could not be sealed: its PDF structure is damaged "
                f"({exc.__class__.__name__}).",
                hint="Repair the document (e.g. 'qpdf in.pdf out.pdf') and seal the repaired copy.",
            ) from exc
        return SealOutcome(
            field_name=field_name,
            sealed_at=dt.datetime.now(dt.UTC),
            certificate_sha256=self.certificate_sha256,
            level=policy.level,
        )

    def _sign(self, source: Path, output: BinaryIO, policy: SealPolicy, operator: str) -> str:
        """Sign into ``output`` in the batch's reserved space (:mod:`.reserve`); return the field.

        A signature that outgrows the reserve is redone once with pyHanko's own estimate.
        """
        timestamper = self._timestamper if policy.level != PadesLevel.B_B else None
        reserve = self._reserve.get(timestamper is not None)
        if reserve is None:
            reserve = self._reserve[timestamper is not None] = estimate_reserve(
                self._signer, timestamper
            )
        try:
            return self._sign_once(source, output, policy, operator, reserve)
        except SigningError as exc:
            if not reserve_too_small(exc):
                raise
        output.seek(0)
        output.truncate()
        return self._sign_once(source, output, policy, operator, None)

    def _sign_once(
        self, source: Path, output: BinaryIO, policy: SealPolicy, operator: str,
        reserve: int | None,
    ) -> str:
        with source.open("rb") as handle:
            writer = IncrementalPdfFileWriter(handle, strict=False)
            field_name = _free_field_name(writer)
            pdf_signer = self._pdf_signer(policy, operator, field_name)
            if pdf_signer.signature_meta.validation_context is not None:
                # B-LT/B-LTA: pyHanko's sign_pdf also releases the fetchers it opened.
                pdf_signer.sign_pdf(writer, output=output, bytes_reserved=reserve)
            else:
                if self._loop is None:
                    self._loop = asyncio.new_event_loop()
                self._loop.run_until_complete(
                    pdf_signer.async_sign_pdf(writer, output=output, bytes_reserved=reserve)
                )
        return field_name

    def _context_pin_error(self, error: SealDeskError) -> SealDeskError:
        """A PIN refused at signing time is the per-signature PIN: say so, it differs on some."""
        if not (self.always_authenticate and isinstance(error, WrongPinError)):
            return error
        return WrongPinError(
            "The token refused the PIN for a signature (it asks for the PIN for every "
            "signature, and the login PIN was not accepted for it).",
            hint="Tokens with a separate signature PIN are not supported for bulk sealing yet; "
            "use a seal key without per-signature PIN. Documents sealed so far are kept.",
            count_low=error.count_low, final_try=error.final_try,
        )

    def _pdf_signer(self, policy: SealPolicy, operator: str, field_name: str) -> signers.PdfSigner:
        long_term = policy.level in (PadesLevel.B_LT, PadesLevel.B_LTA)
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=policy.reason or None,
            location=policy.location or None,
            name=operator or None,
            embed_validation_info=long_term,
            use_pades_lta=policy.level == PadesLevel.B_LTA,
            validation_context=self._validation_context() if long_term else None,
        )
        field_spec = None
        stamp_style = None
        if policy.visible is not None:
            page = policy.visible.page - 1 if policy.visible.page > 0 else policy.visible.page
            field_spec = fields.SigFieldSpec(field_name, on_page=page, box=policy.visible.box)
            stamp_style = TextStampStyle(stamp_text=STAMP_TEXT)
        timestamper = self._timestamper if policy.level != PadesLevel.B_B else None
        return signers.PdfSigner(
            meta, self._signer, timestamper=timestamper,
            stamp_style=stamp_style, new_field_spec=field_spec,
        )

    def _validation_context(self) -> ValidationContext:
        return ValidationContext(
            trust_roots=self._trust_anchors, other_certs=self._chain, allow_fetching=True
        )


def _distinct(certs: Sequence[asn1_x509.Certificate]) -> list[asn1_x509.Certificate]:
    """``certs`` in order without repeats (the token and the trust anchors often share the root)."""
    seen: set[bytes] = set()
    kept: list[asn1_x509.Certificate] = []
    for cert in certs:
        der = cert.dump()
        if der not in seen:
            seen.add(der)
            kept.append(cert)
    return kept


def _free_field_name(writer: IncrementalPdfFileWriter) -> str:
    taken = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
    number = 1
    while f"{FIELD_PREFIX}-{number}" in taken:
        number += 1
    return f"{FIELD_PREFIX}-{number}"


def _tsa_error(exc: BaseException) -> TimestampError:
    return TimestampError(
        f"The timestamp authority did not answer correctly ({exc.__class__.__name__}).",
        hint="Check the network and the TSA URL in Settings, then seal the remaining documents "
        "again; documents already sealed are kept.",
    )


def _signing_error(exc: SigningError) -> SealDeskError:
    cause = exc.__cause__ or exc.__context__
    while cause is not None:
        if isinstance(cause, SealDeskError):
            return cause
        if isinstance(cause, p11.PKCS11Error):
            return translate(cause, doing="signing")
        if isinstance(cause, TimestampRequestError):
            return _tsa_error(cause)
        cause = cause.__cause__ or cause.__context__
    return SealDeskError(
        f"pyHanko could not produce the seal: {exc.failure_message}",
        hint="Check the seal certificate (validity, key usage) and the trust anchors in Settings.",
    )
