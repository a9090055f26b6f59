"""The five steps of a key rotation on the seal token, each idempotent and recorded once.

Each step does its work on the token, then calls ``hook(step, "performed")``, then records
itself (``rotation_steps`` row, its audit events, registry changes) in one transaction and
calls ``hook(step, "recorded")``. A crash between the two leaves work on the token but no
record; the step is then redone on resume and finds its work already there:

* ``key_generated``: a key under the new label must carry this proposal's key id (the first 8
  bytes of the proposal hash); it is reused. A key under that label with another id is someone
  else's key: refused, never adopted or overwritten.
* ``csr_created``: a new CSR is simply made again (the signature differs, the key does not).
* ``certificate_imported``: a certificate already stored under the label is reused if it
  certifies the new key. In demo mode the demo CA issues it; otherwise the certificate comes
  from the operator (``--certificate``), and without one execution pauses after the CSR.
* ``activated``: one transaction makes the new key the only active one and points the
  configuration at it (see :mod:`sealdesk.services.keys.registry`).
* ``old_retired``: the old certificate is archived under ``<data>/keys/retired/`` and
  ``key.retired`` recorded. The old key stays on the token: never deleted silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from sqlalchemy.orm import Session

from sealdesk.core.audit.checkpoint import key_id_for
from sealdesk.core.audit.events import EventType
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.actions import Step
from sealdesk.core.rotation.custodian import same_public_key
from sealdesk.core.rotation.errors import CertificateMismatchError, ProposalStateError
from sealdesk.core.rotation.proposal import ProposalContent
from sealdesk.core.token import TokenSession
from sealdesk.core.token.csr import build_csr, csr_pem
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.errors import ConfigError, KeyNotFoundError
from sealdesk.fsutil import CERTIFICATE_LIMIT, atomic_write_bytes, read_bounded
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.services.keys import registry as key_registry
from sealdesk.storage.keys import repo
from sealdesk.storage.keys.models import ManagedKey, StepRecord

StepHook = Callable[[Step, str], None]
"""Called with (step, "performed") before a step is recorded and (step, "recorded") after."""


def record_step(ctx: AppContext, session: Session, pid: str, step: Step,
                details: dict[str, Any], now: dt.datetime) -> None:
    session.add(StepRecord(proposal_id=pid, step=step.value,
                           details_json=json.dumps(details, sort_keys=True), done_at=now))
    record(session, ctx.event(EventType.ROTATION_STEP, {"proposal_id": pid},
                              {"step": step.value, **details}))


class KeyRotation:
    """Runs the steps of one rotation with one logged-in session on the seal token."""

    def __init__(self, ctx: AppContext, token: TokenSession, content: ProposalContent,
                 hook: StepHook, now: dt.datetime, certificate: bytes | None) -> None:
        self.ctx, self.token, self.content, self.hook, self.now = ctx, token, content, hook, now
        self.certificate = certificate
        self.pid = content.proposal_id
        self.purpose = content.action.key_purpose
        self.label = str(content.params["label"])
        self.key_id = bytes.fromhex(content.sha256()[:16])
        self.csr_path = ctx.paths.data_dir / "rotation" / f"{self.pid}.csr.pem"

    def run(self, step: Step) -> bool:
        """Do and record ``step``; False when it must wait (no certificate yet)."""
        return getattr(self, step.value)()

    def _commit(self, step: Step, details: dict[str, Any],
                extra: Callable[[Session], None]) -> None:
        self.hook(step, "performed")
        with signed_transaction(self.ctx, "record a rotation step") as session:
            extra(session)
            record_step(self.ctx, session, self.pid, step, details, self.now)
        self.hook(step, "recorded")

    def _new_key(self, session: Session) -> ManagedKey:
        key = repo.key_labelled(session, self.label, self.token.info.serial)
        if key is None:
            raise ProposalStateError(f"The new key {self.label!r} is not in the registry.")
        return key

    # --- the steps ------------------------------------------------------------------------

    def key_generated(self) -> bool:
        reused = self._existing_key()
        if not reused:
            generate_keypair(self.token, KeyAlgorithm(self.content.params["algorithm"]),
                             self.label, self.key_id)
        public_sha = key_id_for(self.token.public_key(self.label))  # type: ignore[arg-type]

        def register(session: Session) -> None:
            key = repo.key_labelled(session, self.label, self.token.info.serial)
            if key is None:
                session.add(ManagedKey(
                    purpose=self.purpose, label=self.label, key_id_hex=self.key_id.hex(),
                    token_serial=self.token.info.serial,
                    algorithm=str(self.content.params["algorithm"]),
                    public_key_sha256=public_sha, certificate_sha256="", status="pending",
                    created_at=self.now, proposal_id=self.pid,
                ))
            record(session, self.ctx.event(
                EventType.KEY_GENERATED, {"key": public_sha},
                {"purpose": self.purpose, "label": self.label, "key_id": self.key_id.hex(),
                 "algorithm": str(self.content.params["algorithm"]), "proposal_id": self.pid,
                 "token_serial": self.token.info.serial, "non_extractable": True,
                 "reused_after_interruption": reused},
            ))

        self._commit(Step.KEY_GENERATED, {"label": self.label, "public_key_sha256": public_sha,
                                          "reused": reused}, register)
        return True

    def _existing_key(self) -> bool:
        try:
            found = self.token.key_id_of(self.label)
        except KeyNotFoundError:
            return False
        if found != self.key_id:
            raise ProposalStateError(
                f"The token already holds a key labelled {self.label!r} that this rotation did "
                "not generate.",
                hint="Propose the rotation again with another label; SealDesk never takes over "
                "a key it did not generate for this proposal.",
            )
        return True

    def csr_created(self) -> bool:
        der = build_csr(self.token, self.label, self._subject())
        request = x509.load_der_x509_csr(der)
        if not request.is_signature_valid:
            raise CertificateMismatchError("The token produced a CSR whose signature is invalid.")
        atomic_write_bytes(self.csr_path, csr_pem(der))
        digest = hashlib.sha256(der).hexdigest()

        def store(session: Session) -> None:
            repo.proposal(session, self.pid).csr_der = der

        self._commit(Step.CSR_CREATED, {"csr_sha256": digest, "subject":
                                        request.subject.rfc4514_string()}, store)
        return True

    def _subject(self) -> x509.Name:
        common_name = str(self.content.params["subject_cn"])
        with self.ctx.database.reader() as session:
            old = repo.active_key(session, self.purpose)
            old_der = old.certificate_der if old is not None else None
        keep = []
        if old_der:
            keep = [a for a in x509.load_der_x509_certificate(bytes(old_der)).subject
                    if a.oid != NameOID.COMMON_NAME]
        return x509.Name([*keep, x509.NameAttribute(NameOID.COMMON_NAME, common_name)])

    def certificate_imported(self) -> bool:
        reused = self.token.has_certificate(self.label)
        der = self._certificate(reused)
        if der is None:
            return False
        self._check_certificate(der)
        if not reused:
            store_certificate(self.token, der, self.label, self.key_id)
        digest = hashlib.sha256(der).hexdigest()

        def store(session: Session) -> None:
            key = self._new_key(session)
            key.certificate_der, key.certificate_sha256 = der, digest
            record(session, self.ctx.event(
                EventType.CERTIFICATE_IMPORTED, {"certificate_sha256": digest},
                {"purpose": self.purpose, "label": self.label, "proposal_id": self.pid,
                 "key": key.public_key_sha256, "issued_by_demo_ca": self._from_demo_ca(reused),
                 "subject": x509.load_der_x509_certificate(der).subject.rfc4514_string()},
            ))

        self._commit(Step.CERTIFICATE_IMPORTED, {"certificate_sha256": digest}, store)
        return True

    def _from_demo_ca(self, reused: bool) -> bool:
        return not reused and self.certificate is None and self.ctx.config.demo

    def _certificate(self, reused: bool) -> bytes | None:
        if reused:
            return self.token.certificate_der(self.label)
        if self.certificate is not None:
            return _der(self.certificate)
        if not self.ctx.config.demo:
            return None
        with self.ctx.database.reader() as session:
            csr_der = repo.proposal(session, self.pid).csr_der
        request = x509.load_der_x509_csr(bytes(csr_der or b""))
        demo = self.ctx.paths.demo_dir
        ca = CertificateAuthority.from_pem(
            read_bounded(demo / "root-key.pem", CERTIFICATE_LIMIT, "demo CA key", ConfigError),
            read_bounded(demo / "root.pem", CERTIFICATE_LIMIT, "demo CA certificate",
                         ConfigError))
        cert = ca.issue(request.public_key(), str(self.content.params["subject_cn"]),  # type: ignore[arg-type]
                        purpose=self.purpose)
        return cert.public_bytes(Encoding.DER)

    def _check_certificate(self, der: bytes) -> None:
        cert = x509.load_der_x509_certificate(der)
        if not same_public_key(cert, self.token.public_key(self.label)):
            raise CertificateMismatchError(
                f"The certificate ({cert.subject.rfc4514_string()}) does not certify the new "
                f"key {self.label!r} generated for this rotation.",
                hint="Import the certificate the CA issued for this rotation's CSR.",
            )
        if not cert.not_valid_before_utc <= self.now <= cert.not_valid_after_utc:
            raise CertificateMismatchError(
                f"The certificate for {self.label!r} is not valid now "
                f"({cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d}).",
                hint="Ask the CA for a certificate that is valid today.",
            )

    def activated(self) -> bool:
        target = self.content.target.get("public_key_sha256", "")
        configs = []

        def switch(session: Session) -> None:
            new = self._new_key(session)
            active = repo.active_key(session, self.purpose)
            allowed = (target, new.public_key_sha256)
            if active is not None and active.public_key_sha256 not in allowed:
                raise ProposalStateError(
                    f"The active {self.purpose} key changed since this rotation was proposed "
                    f"(now {active.label!r}); it would replace a key nobody approved replacing.",
                    hint="Make a new proposal for the key that is active now.",
                )
            configs.append(key_registry.activate(self.ctx, session, new, active, self.pid,
                                                 self.now))
            record_step(self.ctx, session, self.pid, Step.ACTIVATED,
                        {"label": self.label, "public_key_sha256": new.public_key_sha256}, self.now)
            self.hook(Step.ACTIVATED, "performed")  # config written, transaction not committed

        previous = self.ctx.config
        try:
            with signed_transaction(self.ctx, "activate a key") as session:
                switch(session)
                # The checkpoint over an audit key's activation is signed with the key it
                # activates: verification pins the new key from that entry on.
                self.ctx.config = configs[0]
        except BaseException:
            self.ctx.config = previous  # rolled back; the file is reconciled at the next start
            raise
        self.hook(Step.ACTIVATED, "recorded")
        return True

    def old_retired(self) -> bool:
        target = self.content.target.get("public_key_sha256", "")
        with self.ctx.database.reader() as session:
            old = next((k for k in repo.managed_keys(session) if k.public_key_sha256 == target
                        and k.purpose == self.purpose), None)
        archived = ""
        if old is not None and old.certificate_der:
            path = retired_certificate_path(self.ctx, old.certificate_sha256)
            atomic_write_bytes(path, key_registry.certificate_pem(bytes(old.certificate_der)))
            archived = str(path)

        def retire(session: Session) -> None:
            if old is None:
                return
            row = session.get(ManagedKey, old.id)
            assert row is not None
            row.status, row.retired_at = "retired", self.now
            record(session, self.ctx.event(
                EventType.KEY_RETIRED, {"key": row.public_key_sha256},
                {"purpose": self.purpose, "label": row.label, "proposal_id": self.pid,
                 "certificate_sha256": row.certificate_sha256, "archived_certificate": archived,
                 "kept_on_token": True},
            ))

        self._commit(Step.OLD_RETIRED, {"label": old.label if old else "",
                                        "archived_certificate": archived}, retire)
        return True


def retired_certificate_path(ctx: AppContext, cert_sha256: str) -> Path:
    return ctx.paths.data_dir / "keys" / "retired" / f"{cert_sha256}.pem"


def _der(data: bytes) -> bytes:
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data).public_bytes(Encoding.DER)
        return x509.load_der_x509_certificate(data).public_bytes(Encoding.DER)
    except ValueError as exc:
        raise CertificateMismatchError(
            "The certificate file for the new key is not a readable X.509 certificate.",
            hint="Give the certificate the CA issued as a PEM or DER file.",
        ) from exc
