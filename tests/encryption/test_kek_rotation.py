"""Issue 21 item 2: the store's key-encryption key is rotated by quorum; the rotation rewraps
every data key (content untouched) and the old KEK is then useless (destroyed, named by no key
record). On the rotation ceremony's installation: three custodian tokens, 2-of-3 policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from sealdesk.core.crypto.wrapping import recipient_fingerprint
from sealdesk.core.rotation.errors import QuorumNotMetError
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.storage_key import find_storage_keys
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.encryption.rotation import (
    execute_storage_key_rotation,
    propose_storage_key_rotation,
)
from sealdesk.services.encryption.setup import enable_encryption
from sealdesk.services.encryption.unlock import store_unlocked
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.documents.encryption import KeyRecord, key_path
from tests.rotation.conftest import Ceremony, ceremony, ceremony_template, custodian_ca

__all__ = ["ceremony", "ceremony_template", "custodian_ca"]


def _storage_keys(ceremony: Ceremony) -> list[str]:
    cfg = ceremony.ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), DEMO_PIN,
                            environment=cfg.environment) as token:
        return [k.fingerprint for k in find_storage_keys(token)]


def test_rotation_needs_the_quorum_rewraps_everything_and_retires_the_old_key(
        ceremony: Ceremony, tmp_path: Path) -> None:
    ctx = ceremony.ctx
    enable_encryption(ctx)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = [make_text_pdf(inbox / f"r{i}.pdf", f"r{i}", ["Rotated, not re-encrypted"])
             for i in range(3)]
    batch = seal_documents(ctx, files, DEMO_PIN)
    assert batch.count(Outcome.SEALED) == 3
    sealed = [r.sealed_sha256 for r in batch.results]
    envelopes = {sha: ctx.store.path_of(sha).read_bytes() for sha in sealed}
    [old] = _storage_keys(ceremony)

    view = propose_storage_key_rotation(ctx, reason="Yearly rotation of the store key")
    pid = view.proposal_id
    ceremony.decide(pid, "Alice")
    with store_unlocked(ctx, DEMO_PIN), pytest.raises(QuorumNotMetError):
        execute_storage_key_rotation(ctx, pid)  # one approval of two
    ceremony.decide(pid, "Bob")
    with store_unlocked(ctx, DEMO_PIN):
        executed, result = execute_storage_key_rotation(ctx, pid)
    assert executed.status.value == "executed"
    assert (result.rewrapped, result.failed) == (3, [])

    [new] = _storage_keys(ceremony)  # the old KEK no longer exists on the token
    assert new != old
    for sha in sealed:
        record = KeyRecord.read(key_path(ctx.store.path_of(sha)))
        assert {w.fingerprint for w in record.wraps} == {new}  # no record names the old KEK
        assert ctx.store.path_of(sha).read_bytes() == envelopes[sha]  # content untouched
    assert recipient_fingerprint(ctx.store.encryption.recipients[0].public_key) == new
    with store_unlocked(ctx, DEMO_PIN):
        assert all(ctx.store.verify(sha) for sha in sealed)
