"""Issue 21 item 2: an encrypted store, end to end with the demo token (real SoftHSM, real seals).

The needle is a phrase inside the PDF's content stream (uncompressed in these documents): after
sealing, no file under the installation holds it (database, store, staging), while the export
copy the person asked for does, and every reader of the store (revalidation, evidence export,
reconcile) still works through the token's key.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sealdesk.core.crypto import MAGIC
from sealdesk.core.samples import make_text_pdf
from sealdesk.errors import RecordIntegrityError
from sealdesk.fsutil import sha256_file
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.encryption.status import encryption_status
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.services.reconcile.checks import reconcile
from sealdesk.services.revalidation.plan import Scope
from sealdesk.services.revalidation.report import load_run_report, store_problems
from sealdesk.services.revalidation.runs import revalidate
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.documents.encryption import RECIPIENTS_FILE, key_path

PHRASE = b"Quarterly-ledger-Vexmoor-4471"


def _document(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return make_text_pdf(folder / f"{name}.pdf", name, [PHRASE.decode()], pages=1)


def _files_holding(root: Path, needle: bytes) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and needle in path.read_bytes():
            found.append(path)
    return found


def test_sealed_content_is_nowhere_in_plaintext_yet_every_reader_works(
        encrypted_ctx: AppContext, sealdesk_home: Path, tmp_path: Path) -> None:
    _end_to_end(encrypted_ctx, sealdesk_home, tmp_path)


def test_the_same_on_postgresql(pg_encrypted_ctx: AppContext, sealdesk_home: Path,
                                tmp_path: Path) -> None:
    _end_to_end(pg_encrypted_ctx, sealdesk_home, tmp_path)


def _end_to_end(ctx: AppContext, sealdesk_home: Path, tmp_path: Path) -> None:
    source = _document(tmp_path / "inbox", "ledger")
    batch = seal_documents(ctx, [source], DEMO_PIN, export_dir=tmp_path / "out")
    result = batch.results[0]
    assert result.outcome is Outcome.SEALED, result.error
    sealed = result.sealed_sha256
    stored = ctx.store.path_of(sealed)

    assert _files_holding(sealdesk_home, PHRASE) == []  # database, store, staging, logs
    assert stored.read_bytes().startswith(MAGIC) and key_path(stored).is_file()
    assert (stored.stat().st_mode & 0o777) == 0o600
    assert result.exported_path is not None and PHRASE in result.exported_path.read_bytes()
    assert sha256_file(result.exported_path) == sealed  # the person's copy is the sealed file

    assert ctx.store.verify(sealed)
    assert ctx.store.prefix_and_whole(sealed, source.stat().st_size).prefix == \
        sha256_file(source)  # "the sealed file begins with the original", on the plaintext
    with ctx.store.open_object(sealed) as plain:
        assert PHRASE in plain.read()

    summary = revalidate(ctx, Scope.everything(), policy_from(ctx), workers=1)
    rows = load_run_report(ctx, summary.run_id).results
    assert [r.expected_sha256 for r in rows] == [sealed] and not store_problems(rows[0])
    assert rows[0].report_json  # the worker read the document (decrypted in memory)

    bundle = export_bundle(ctx, Selection(hashes=(sealed,)), tmp_path / "bundle.zip",
                           DEMO_PIN)
    assert bundle.documents == 1 and PHRASE in (tmp_path / "bundle.zip").read_bytes()

    findings = reconcile(ctx, contents=True).findings
    assert not [f for f in findings if f.kind in ("object_damaged", "original_prefix_mismatch",
                                                  "seal_without_object")]
    status = encryption_status(ctx)
    assert (status.state, status.envelopes, status.plaintext) == ("encrypted", 1, 0)


def test_objects_stored_before_encryption_are_encrypted_in_place(
        demo_ctx: AppContext, sealdesk_home: Path, tmp_path: Path) -> None:
    from sealdesk.services.encryption.setup import enable_encryption
    from sealdesk.services.encryption.unlock import store_unlocked
    from tests.fixtures.signing import signing

    batch = seal_documents(demo_ctx, [_document(tmp_path / "inbox", "older")], DEMO_PIN)
    sealed = batch.results[0].sealed_sha256
    assert _files_holding(demo_ctx.store.root, PHRASE)  # plaintext before
    with signing(demo_ctx):
        setup = enable_encryption(demo_ctx)
    assert setup.encrypted_now == [sealed]
    assert _files_holding(demo_ctx.store.root, PHRASE) == []
    with store_unlocked(demo_ctx, DEMO_PIN):
        assert demo_ctx.store.verify(sealed)


def test_a_token_without_the_store_key_cannot_open_documents(
        encrypted_ctx: AppContext, tmp_path: Path) -> None:
    """The data keys are wrapped for the demo token's KEK only: another KEK opens nothing."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    from sealdesk.storage.documents.encryption import KeyRecord

    ctx = encrypted_ctx
    batch = seal_documents(ctx, [_document(tmp_path / "inbox", "secret")], DEMO_PIN)
    sealed = batch.results[0].sealed_sha256
    record = KeyRecord.read(key_path(ctx.store.path_of(sealed)))
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    from sealdesk.core.crypto.wrapping import recipient_fingerprint

    assert recipient_fingerprint(stranger.public_key()) not in {w.fingerprint
                                                                for w in record.wraps}
    ctx.store.lock()  # a reader with no login at all is refused with the way out
    from sealdesk.storage.documents.encryption import StoreLockedError

    with pytest.raises(StoreLockedError, match="encrypted"):
        ctx.store.open_object(sealed)


@pytest.mark.parametrize("tamper", ["add_attacker_key", "delete_recipients"])
def test_a_file_editor_cannot_redirect_or_switch_off_encryption(
        encrypted_ctx: AppContext, tmp_path: Path, tamper: str) -> None:
    """The attack: edit store/recipients.json (add your key) or delete it (plaintext from now
    on). Sealing refuses before the token is touched; nothing is stored."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    from sealdesk.storage.documents.encryption import (
        Recipient,
        load_recipients,
        save_recipients,
    )

    ctx = encrypted_ctx
    root = ctx.store.root
    if tamper == "add_attacker_key":
        attacker = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        current = load_recipients(root) or []
        save_recipients(root, [*current, Recipient("auditor", "attacker",
                                                   attacker.public_key())])
    else:
        (root / RECIPIENTS_FILE).unlink()
    before = sorted(p.name for p in ctx.store.objects.rglob("*"))
    with pytest.raises(RecordIntegrityError, match="recipients file"):
        seal_documents(ctx, [_document(tmp_path / "inbox", "after")], DEMO_PIN)
    assert sorted(p.name for p in ctx.store.objects.rglob("*")) == before


def test_destroying_the_key_record_destroys_the_content(encrypted_ctx: AppContext,
                                                         tmp_path: Path) -> None:
    """Crypto-shredding: with the key record gone the envelope is noise, even for the token."""
    ctx = encrypted_ctx
    batch = seal_documents(ctx, [_document(tmp_path / "inbox", "shred")], DEMO_PIN)
    sealed = batch.results[0].sealed_sha256
    envelope = ctx.store.path_of(sealed).read_bytes()
    assert ctx.store.remove(sealed)
    assert not ctx.store.contains(sealed)
    copy = ctx.store.path_of(sealed)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(envelope)  # a copy of the envelope kept elsewhere (a snapshot)
    os.chmod(copy, 0o600)
    assert not ctx.store.contains(sealed)
    with pytest.raises(FileNotFoundError):
        ctx.store.open_object(sealed)


def test_a_swapped_envelope_is_caught_not_shown(encrypted_ctx: AppContext,
                                               tmp_path: Path) -> None:
    """The file-edit attack: put document A's envelope and key record under document B's name.
    The key record names A, so B is refused as altered; revalidation reports B's copy damaged."""
    import shutil

    ctx = encrypted_ctx
    batch = seal_documents(ctx, [_document(tmp_path / "a", "alpha"),
                                 _document(tmp_path / "b", "beta")], DEMO_PIN)
    alpha, beta = (r.sealed_sha256 for r in batch.results)
    for source, target in ((ctx.store.path_of(alpha), ctx.store.path_of(beta)),
                           (key_path(ctx.store.path_of(alpha)),
                            key_path(ctx.store.path_of(beta)))):
        shutil.copyfile(source, target)
    with pytest.raises(RecordIntegrityError, match="names another document"):
        ctx.store.open_object(beta)
    summary = revalidate(ctx, Scope.everything(), policy_from(ctx), workers=1)
    rows = {r.expected_sha256: r for r in load_run_report(ctx, summary.run_id).results}
    assert not store_problems(rows[alpha])
    assert store_problems(rows[beta]) and rows[beta].indication == "FAILED"


def test_large_documents_are_streamed_into_envelopes_and_validate_independently(
        encrypted_ctx: AppContext, sealdesk_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the memory limit at zero every document takes the large-file path: pyHanko writes
    straight into the encrypted staging file (seeking back to place the signature); the copy
    taken out of the store is valid for poppler's pdfsig and pyHanko."""
    from sealdesk.core.sealing import intake
    from tests.fixtures.independent import assert_pdfsig_valid, assert_pyhanko_trusted

    ctx = encrypted_ctx
    monkeypatch.setattr(intake, "MEMORY_LIMIT", 0)
    sources = [_document(tmp_path / "inbox", f"scan-{i}") for i in range(2)]
    batch = seal_documents(ctx, sources, DEMO_PIN)
    assert batch.ok and batch.count(Outcome.SEALED) == 2
    assert _files_holding(sealdesk_home, PHRASE) == []
    for source, result in zip(sources, batch.results, strict=True):
        assert ctx.store.path_of(result.sealed_sha256).read_bytes().startswith(MAGIC)
        copy = tmp_path / f"{source.stem}.sealed.pdf"
        assert ctx.store.copy_out(result.sealed_sha256, copy) == result.sealed_sha256
        assert copy.read_bytes().startswith(source.read_bytes())
        assert_pdfsig_valid(copy)
        assert_pyhanko_trusted(copy, ctx.trust_anchors()[0])
    assert ctx.store.staged_files() == []
