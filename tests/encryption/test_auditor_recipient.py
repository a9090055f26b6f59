"""Issue 21 item 4: an auditor's read-only copy opens documents with the auditor's own token, or
shows hashes and verdicts only. The auditor's certificate is added by a quorum-approved
``add_storage_recipient`` proposal (ceremony installation: 2 of 3 custodians)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token.storage_key import generate_recovery_keypair
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.encryption.rotation import (
    execute_store_proposal,
    propose_storage_recipient,
)
from sealdesk.services.encryption.setup import enable_encryption
from sealdesk.services.encryption.unlock import TokenLocation, store_unlocked, unlock_with_token
from sealdesk.services.evidence.archive import list_sealed, stored_report, stored_sealed_bytes
from sealdesk.services.evidence.auditor_mode import open_database_copy
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.documents.encryption import StoreLockedError
from tests.encryption.test_recovery import _recovery_certificate
from tests.fixtures.tokens import SoftToken
from tests.rotation.conftest import Ceremony, ceremony, ceremony_template, custodian_ca

__all__ = ["ceremony", "ceremony_template", "custodian_ca"]
AUDITOR_PIN = "31337"


def test_an_auditor_opens_the_copy_with_their_own_token(ceremony: Ceremony,
                                                         tmp_path: Path) -> None:
    ctx = ceremony.ctx
    enable_encryption(ctx)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = [make_text_pdf(inbox / f"a{i}.pdf", f"a{i}", ["For the auditors"]) for i in range(2)]
    batch = seal_documents(ctx, files, DEMO_PIN)
    assert batch.count(Outcome.SEALED) == 2

    cfg = ctx.config.token
    conf = Path(cfg.environment["SOFTHSM2_CONF"])
    auditor = SoftToken(cfg.module, conf, "x", AUDITOR_PIN).add_token("Auditor Firm")
    with auditor.session() as session:
        public = generate_recovery_keypair(session, "auditor-1", b"au-1")
    certificate = _recovery_certificate(public, tmp_path).read_bytes()

    view = propose_storage_recipient(ctx, certificate, "auditor.pem", role="auditor",
                                     reason="Annual audit 2026")
    ceremony.decide(view.proposal_id, "Alice")
    ceremony.decide(view.proposal_id, "Carol")
    with store_unlocked(ctx, DEMO_PIN):
        executed, result = execute_store_proposal(ctx, view.proposal_id)
    assert executed.status.value == "executed" and (result.rewrapped, result.failed) == (2, [])

    copy = tmp_path / "copy"  # what the auditor receives: the database and the store folder
    copy.mkdir()
    data = ctx.paths.data_dir
    for name in ("sealdesk.db", "sealdesk.db-wal"):
        if (data / name).exists():
            shutil.copy2(data / name, copy / name)
    shutil.copytree(ctx.store.root, copy / "store")

    audit = open_database_copy(copy / "sealdesk.db")
    try:
        rows = list_sealed(audit)
        assert len(rows) == 2 and all(len(r.sealed_sha256) == 64 for r in rows)  # hashes
        with pytest.raises(StoreLockedError, match="encrypted"):
            stored_report(audit, rows[0])  # no token: hashes and verdicts only
        unlock_with_token(audit, TokenLocation(auditor.module, auditor.selector,
                                               auditor.environment), "auditor-1", AUDITOR_PIN)
        for row in rows:
            assert stored_sealed_bytes(audit, row).startswith(b"%PDF")
            assert stored_report(audit, row).signatures
    finally:
        audit.close()
