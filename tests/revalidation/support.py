"""An installation whose seals come from the loopback PKI: keys on a SoftHSM token, real TSA.

:func:`make_installation` builds a demo installation (demo token with the audit key, roles
bootstrap), imports the PKI's seal signers onto that token (``pki-ec``, ``pki-revoked``,
``pki-expired``, ``pki-untrusted``) and points the configuration at them, at the loopback TSA
and at the PKI root with hard-fail revocation; the configuration file is written, so a
``sealdesk`` child process sees the same installation.

:func:`register_fast_seals` is for volume tests only: it seals with pyHanko's SimpleSigner and
an in-process RFC 3161 TSA holding the loopback PKI's TSA key (real tokens by the real TSA
certificate, no HTTP round trip) and registers each document, seal and ``document.sealed``
event through the storage layer in one transaction, as sealing does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import algos, cms, core, keys
from certomancer.registry import CertLabel
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, general, signers
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from sqlalchemy import select

from sealdesk.config import PadesLevel, SealConfig, TrustConfig, TsaConfig, save_config, with_token
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.paths import AppPaths
from sealdesk.services.audit.log import record
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.services.sealing.batch import BatchResult, seal_documents
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Document, Seal
from tests.core.validation.conftest import make_pdf
from tests.fixtures.pki import TestPKI

SIGNER_IDS = {"ec": b"\x11", "revoked": b"\x12", "expired": b"\x13", "untrusted": b"\x14"}
SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]


@dataclass
class Installation:
    home: Path
    ctx: AppContext
    pki: TestPKI

    def use(self, signer: str = "ec", *, untrusted_tsa: bool = False) -> None:
        """Seal next with PKI signer ``signer`` (and the rogue TSA if asked)."""
        tsa = self.pki.untrusted_tsa_url if untrusted_tsa else self.pki.tsa_url
        config = with_token(self.ctx.config, seal_key_label=f"pki-{signer}")
        self.ctx.config = dataclasses.replace(config, tsa=TsaConfig(url=tsa))

    def seal(self, files: list[Path], signer: str = "ec", *, at: dt.datetime | None = None,
             untrusted_tsa: bool = False) -> BatchResult:
        self.use(signer, untrusted_tsa=untrusted_tsa)
        try:
            if at is None:
                batch = seal_documents(self.ctx, files, DEMO_PIN)
            else:
                with self.pki.frozen_at(at):
                    batch = seal_documents(self.ctx, files, DEMO_PIN)
        finally:
            self.use("ec")
        assert batch.ok, batch.stopped_by or [r.error for r in batch.results]
        return batch

    def policy(self, **kwargs: Any):  # type: ignore[no-untyped-def]
        return policy_from(self.ctx, **kwargs)

    def document(self, name: str, text: str = "") -> Path:
        folder = self.home.parent / "inbox"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.pdf"
        path.write_bytes(make_pdf(text or f"SealDesk test document {name}"))
        return path

    def cli(self, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*SEALDESK, *args], env=self.env(), capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=300, check=False,
                              **kwargs)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("SEALDESK_PIN",
                                                                  "SEALDESK_DEBUG")}
        env["SEALDESK_HOME"] = str(self.home)
        return env


def installation_paths(home: Path) -> AppPaths:
    return AppPaths(home / "config", home / "data", home / "logs")


def make_installation(home: Path, pki: TestPKI) -> Installation:
    paths = installation_paths(home)
    init_demo(paths)
    ctx = AppContext.open(paths)
    token = ctx.config.token
    with open_token_session(token.module, TokenSelector(label=token.label), DEMO_PIN,
                            environment=token.environment, rw=True) as session:
        for name, key_id in SIGNER_IDS.items():
            pki.import_signer_to_token(session.session, name, f"pki-{name}", key_id)
    anchor = paths.config_dir / "pki-root.pem"
    anchor.write_bytes(pki.root_cert_pem)
    ctx.config = dataclasses.replace(
        with_token(ctx.config, seal_key_label="pki-ec"),
        tsa=TsaConfig(url=pki.tsa_url), seal=SealConfig(level=PadesLevel.B_T),
        trust=TrustConfig(anchors=(str(anchor),), revocation="hard-fail"), demo=False,
    )
    save_config(ctx.config, paths.config_file)
    return Installation(home, ctx, pki)


def events(ctx: AppContext, kind: EventType) -> list[dict[str, Any]]:
    with ctx.database.reader() as session:
        rows = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == kind.value).order_by(AuditEntry.idx)).scalars()
        return [json.loads(bytes(p)) for p in rows]


# --- volume: fast seals registered through the storage layer -----------------------------------
class EcTimeStamper(DummyTimeStamper):
    """pyHanko's in-process TSA (RSA-only) taught ECDSA, for the PKI's EC TSA key."""

    def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt: dt.datetime
                       ) -> tuple[bytes, cms.CMSAttributes]:
        digest = hashlib.new(md_algorithm, tst_info_data).digest()
        signed_attrs = cms.CMSAttributes([
            simple_cms_attribute("content_type", "tst_info"),
            simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
            simple_cms_attribute("signing_certificate",
                                 general.as_signing_certificate(self.tsa_cert)),
            simple_cms_attribute("message_digest", digest),
        ])
        key = serialization.load_der_private_key(self.tsa_key.dump(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256())), signed_attrs

    def _build_signed_data(self, tst_info_data: bytes, md_algorithm: str, signature: bytes,
                           signed_attrs: cms.CMSAttributes) -> dict:  # type: ignore[type-arg]
        data = super()._build_signed_data(tst_info_data, md_algorithm, signature, signed_attrs)
        data["signer_infos"][0]["signature_algorithm"] = algos.SignedDigestAlgorithm(
            {"algorithm": "sha256_ecdsa"})
        return data


def in_process_tsa(pki: TestPKI) -> EcTimeStamper:
    return EcTimeStamper(tsa_cert=pki.tsa_cert, tsa_key=tsa_key(pki))


def tsa_key(pki: TestPKI) -> keys.PrivateKeyInfo:
    arch = pki._arch  # the TSA's key: certomancer has no public accessor for it
    return arch.key_set.get_private_key(arch.get_cert_spec(CertLabel("tsa")).subject_key)


def register_fast_seals(inst: Installation, count: int, prefix: str = "bulk") -> list[str]:
    """``count`` distinct B-T seals by the PKI's EC signer, stored and recorded; their hashes."""
    pki = inst.pki
    return seal_and_register(inst.ctx, pki.signer("ec").simple_signer, in_process_tsa(pki),
                             count, prefix)


def seal_and_register(ctx: AppContext, signer: SimpleSigner, timestamper: TimeStamper,
                      count: int, prefix: str = "bulk") -> list[str]:
    """Seal ``count`` distinct PDFs with ``signer`` and record them as SealDesk would have."""
    meta = signers.PdfSignatureMetadata(field_name="SealDesk-Seal-1",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    staged: list[tuple[bytes, bytes, str]] = []
    for i in range(count):
        original = make_pdf(f"{prefix} document {i:05d}")
        out = io.BytesIO()
        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(original)), meta, signer=signer,
                         timestamper=timestamper, output=out, bytes_reserved=12288)
        staged.append((original, out.getvalue(), f"{prefix}-{i:05d}.pdf"))
    hashes = []
    now = dt.datetime.now(dt.UTC)
    cert_sha = hashlib.sha256(signer.signing_cert.dump()).hexdigest()
    with ctx.database.transaction() as session:
        for original, sealed, name in staged:
            doc_sha, sealed_sha = _store(ctx, original), _store(ctx, sealed)
            document = Document(sha256=doc_sha, original_name=name, size=len(original),
                                page_count=1, added_at=now, added_by=ctx.actor.identity)
            session.add(document)
            entry = record(session, ctx.event(
                EventType.DOCUMENT_SEALED, {"document_sha256": doc_sha,
                                            "sealed_sha256": sealed_sha},
                {"name": name, "level": "B-T", "field": "SealDesk-Seal-1",
                 "certificate_sha256": cert_sha, "sealed_size": len(sealed)}))
            session.add(Seal(
                document=document, policy_id=f"test-{doc_sha[:16]}", policy_json="{}",
                sealed_sha256=sealed_sha, sealed_size=len(sealed), field_name="SealDesk-Seal-1",
                certificate_sha256=cert_sha, key_label="pki-ec", level="B-T",
                operator=ctx.actor.identity, sealed_at=now, audit_index=entry.index,
                status="active"))
            hashes.append(sealed_sha)
    return hashes


def _store(ctx: AppContext, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    target = ctx.store.path_of(digest)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return digest


def flip_byte(path: Path, marker: bytes) -> None:
    """Change one byte inside ``marker`` (which must occur in the file) in place."""
    data = bytearray(path.read_bytes())
    position = data.index(marker) + len(marker) // 2
    data[position] ^= 0x01
    path.chmod(0o644)
    path.write_bytes(bytes(data))
