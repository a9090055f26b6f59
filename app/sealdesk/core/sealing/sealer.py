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
(:mod:`.batch_cms`), the document is parsed once (intake's reader is reused) and copied in 1 MiB
chunks, and the documents of a batch share one asyncio event loop, on which several documents
can be sealed at once (:meth:`Sealer.async_seal`): while one waits for the TSA, the next is
hashed and signed. The token session takes one signature at a time
(:class:`~sealdesk.core.token.session.TokenSession` holds a lock). What gets signed, and how, is
unchanged.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from asn1crypto import x509 as asn1_x509
from pkcs11 import KeyType
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from sealdesk.core.sealing.batch_cms import BatchPKCS11Signer
from sealdesk.core.sealing.intake import SourceDocument, open_source
from sealdesk.core.sealing.policy import PadesLevel, SealPolicy
from sealdesk.core.sealing.reserve import async_estimate_reserve, reserve_too_small
from sealdesk.core.sealing.seal_errors import translating
from sealdesk.core.sealing.token_signer import (
    always_authenticate,
    pinpad_context_login_unsupported,
)
from sealdesk.core.token.certificates import issuer_chain
from sealdesk.core.token.session import TokenSession
from sealdesk.errors import ConfigError, InputError

T = TypeVar("T")
IO_CHUNK = 1024 * 1024
"""Copy and hash in 1 MiB pieces (pyHanko's defaults are 4 KiB: 50,000 calls for 200 MB)."""
EXECUTOR_THREADS = 16
"""Threads for the batch loop's blocking work (signatures, TSA requests, fsyncs, B-LT seals):
enough for every document a batch seals at once (:mod:`sealdesk.services.sealing.wave`)."""
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
    """Seals the documents of a batch with one key on one logged-in token session."""

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
        self.key_label = key_label
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
        self._prepared = asyncio.Lock()  # replaced with each new loop (see run)
        self.sealed = 0
        """Documents this Sealer has sealed (the first of a batch is sealed alone)."""
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

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` (seals of one batch, see :meth:`async_seal`) on the batch's event loop."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._loop.set_default_executor(
                ThreadPoolExecutor(EXECUTOR_THREADS, thread_name_prefix="sealdesk-seal")
            )
            self._prepared = asyncio.Lock()
        return self._loop.run_until_complete(work)

    def seal(
        self, source: Path, output: BinaryIO, policy: SealPolicy, operator: str
    ) -> SealOutcome:
        """Check ``source`` (intake), append a seal and write the sealed document to ``output``."""
        with open_source(source) as document:
            return self.run(self.async_seal(document, output, policy, operator))

    async def async_seal(
        self, source: SourceDocument, output: BinaryIO, policy: SealPolicy, operator: str
    ) -> SealOutcome:
        """Append a seal to ``source`` and write the sealed document to ``output``.

        Call on the batch's loop (:meth:`run`); several calls may run at once. ``source`` is
        read, never changed; its reader must not be used by anything else meanwhile.
        """
        if policy.level != PadesLevel.B_B and self._timestamper is None:
            raise ConfigError(
                f"PAdES {policy.level} needs a timestamp authority, and none is configured.",
                hint="Set the TSA URL in Settings, or choose level B-B.",
            )
        _require_stamp_page(source, policy)
        with translating(source.facts.path.name, per_signature_pin=self.always_authenticate):
            field_name = await self._sign(source, output, policy, operator)
        self.sealed += 1
        return SealOutcome(
            field_name=field_name,
            sealed_at=dt.datetime.now(dt.UTC),
            certificate_sha256=self.certificate_sha256,
            level=policy.level,
        )

    async def _sign(
        self, source: SourceDocument, output: BinaryIO, policy: SealPolicy, operator: str
    ) -> str:
        """Sign into ``output`` in the batch's reserved space (:mod:`.reserve`); return the field.

        A signature that outgrows the reserve is redone once with pyHanko's own estimate, on a
        fresh parse (the first attempt's writer changed objects in the reader's cache).
        """
        timestamper = self._timestamper if policy.level != PadesLevel.B_B else None
        reserve = await self._reserve_for(timestamper)
        try:
            return await self._sign_once(source.reader, output, policy, operator, reserve)
        except SigningError as exc:
            if not reserve_too_small(exc):
                raise
        output.seek(0)
        output.truncate()
        source.stream.seek(0)
        fresh = PdfFileReader(source.stream, strict=False)
        return await self._sign_once(fresh, output, policy, operator, None)

    async def _reserve_for(self, timestamper: TimeStamper | None) -> int:
        """The batch's signature space (with or without a timestamp), estimated on first use."""
        async with self._prepared:  # the first documents of a batch arrive together
            await self._signer.ensure_objects_loaded()
            key = timestamper is not None
            if key not in self._reserve:
                self._reserve[key] = await async_estimate_reserve(self._signer, timestamper)
            return self._reserve[key]

    async def _sign_once(
        self, reader: PdfFileReader, output: BinaryIO, policy: SealPolicy, operator: str,
        reserve: int | None,
    ) -> str:
        writer = _ChunkedIncrementalWriter.from_reader(reader)
        field_name = _free_field_name(writer)
        pdf_signer = self._pdf_signer(policy, operator, field_name)
        if pdf_signer.signature_meta.validation_context is not None:
            # B-LT/B-LTA: pyHanko's sign_pdf runs its own loop and releases the fetchers it
            # opened; in a thread of its own, so the other documents of the batch go on.
            await asyncio.to_thread(pdf_signer.sign_pdf, writer, output=output,
                                    bytes_reserved=reserve, chunk_size=IO_CHUNK)
        else:
            await pdf_signer.async_sign_pdf(writer, output=output, bytes_reserved=reserve,
                                            chunk_size=IO_CHUNK)
        return field_name

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


def _require_stamp_page(source: SourceDocument, policy: SealPolicy) -> None:
    """A visible stamp on a page the document does not have is refused for this document only,
    in words (pyHanko would fail deep inside the page tree, which reads like a damaged PDF)."""
    if policy.visible is None:
        return
    page, pages = policy.visible.page, source.facts.page_count
    if page == 0 or abs(page) > pages:
        raise InputError(
            f"{source.facts.path.name} has {pages} page(s), but the visible seal is placed on "
            f"page {page}.",
            hint="Choose a page the document has (-1 is the last page), or seal this document "
            "without a visible stamp.",
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


class _ChunkedIncrementalWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, copying the original in 1 MiB pieces instead of 4 KiB."""

    IO_CHUNK_SIZE = IO_CHUNK
