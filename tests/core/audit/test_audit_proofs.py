"""Proof files checked offline: inclusion and consistency, honest and tampered."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from sealdesk.core.audit.chain import entry_bytes
from sealdesk.core.audit.merkle import consistency_proof, inclusion_proof
from sealdesk.core.audit.proofs import (
    check_proof_file,
    export_consistency_proof,
    export_inclusion_proof,
)
from sealdesk.core.audit.subtree_cache import InMemorySubtreeCache
from sealdesk.errors import InputError, RecordIntegrityError
from tests.core.audit.audit_helpers import SoftwareSigner, build_log, sample_event

LOG = build_log(300)
HASHES = [e.entry_hash for e in LOG]
CACHE = InMemorySubtreeCache.from_leaf_hashes(HASHES)


def source(start: int, end: int) -> list[bytes]:
    return HASHES[start:end]


def inclusion_file(signer: SoftwareSigner, index: int = 123, size: int = 300, **kw: Any) -> bytes:
    path = inclusion_proof(index, size, source, CACHE)
    return export_inclusion_proof(LOG[index], path, signer.checkpoint(LOG, size=size), **kw)


def consistency_file(
    old_signer: SoftwareSigner, new_signer: SoftwareSigner, old: int = 100, new: int = 300
) -> bytes:
    old_cp = old_signer.checkpoint(LOG, size=old)
    new_cp = new_signer.checkpoint(LOG, size=new)
    path = consistency_proof(old, new, source, CACHE)
    return export_consistency_proof(old_cp, new_cp, path)


def edit(data: bytes, change: Callable[[dict[str, Any]], object]) -> bytes:
    document = json.loads(data)
    change(document)
    return json.dumps(document).encode()


# -- inclusion ----------------------------------------------------------------------------------


def test_inclusion_proof_checks_with_the_trusted_certificate(ec_signer: SoftwareSigner) -> None:
    result = check_proof_file(inclusion_file(ec_signer), ec_signer.certificate_pem)
    assert result.kind == "inclusion"
    assert result.trusted
    assert result.leaf_index == 123
    assert result.entry_hash == LOG[123].entry_hash
    assert result.event == json.loads(LOG[123].payload_json)
    assert result.checkpoints[0].tree_size == 300
    assert "Entry 123 is included" in result.summary()
    assert "trusted" in result.summary()


def test_inclusion_proof_without_trust_says_so(ec_signer: SoftwareSigner) -> None:
    result = check_proof_file(inclusion_file(ec_signer))
    assert not result.trusted
    assert "compare their SHA-256 fingerprints" in result.summary()


def test_inclusion_proof_without_the_entry_bytes(ec_signer: SoftwareSigner) -> None:
    data = inclusion_file(ec_signer, include_entry=False)
    assert "entry_b64" not in json.loads(data)
    result = check_proof_file(data, ec_signer.certificate_pem)
    assert result.event is None
    assert result.entry_hash == LOG[123].entry_hash


@pytest.mark.parametrize(("index", "size"), [(0, 1), (0, 300), (255, 256), (256, 257), (299, 300)])
def test_inclusion_proofs_at_the_edges(ec_signer: SoftwareSigner, index: int, size: int) -> None:
    check_proof_file(inclusion_file(ec_signer, index, size), ec_signer.certificate_pem)


def test_rsa_signed_checkpoint(rsa_signer: SoftwareSigner) -> None:
    assert check_proof_file(inclusion_file(rsa_signer), rsa_signer.certificate_pem).trusted


def _alter_entry(d: dict[str, Any]) -> None:
    e = LOG[123]
    forged = e.payload_json.replace(b'"pages":', b'"pages":1')
    d["entry_b64"] = base64.b64encode(entry_bytes(e.index, e.prev_hash, forged)).decode()


def _other_entry(d: dict[str, Any]) -> None:
    e = LOG[124]
    d["entry_b64"] = base64.b64encode(entry_bytes(e.index, e.prev_hash, e.payload_json)).decode()
    d["entry_hash"] = e.entry_hash.hex()


def _other_hash_without_entry(d: dict[str, Any]) -> None:
    del d["entry_b64"]
    d["entry_hash"] = LOG[124].entry_hash.hex()


def _shrink_checkpoint(d: dict[str, Any]) -> None:
    """Claim a smaller tree in both the proof and its (now unsigned) checkpoint."""
    d["tree_size"] = 299
    d["checkpoint"]["checkpoint"]["tree_size"] = 299


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_alter_entry, "does not hash to entry_hash"),
        (_other_entry, "entry 124, not 123"),
        (_other_hash_without_entry, "does not lead to the root"),
        (lambda d: d.update(leaf_index=122), "hash to entry_hash|entry 123, not 122"),
        (lambda d: d["audit_path"].__setitem__(3, "00" * 32), "does not lead to the root"),
        (lambda d: d["audit_path"].pop(), "shorter"),
        (lambda d: d.update(tree_size=299), "checkpoint covers 300"),
        (lambda d: d["checkpoint"]["checkpoint"].update(root_hash="00" * 32), "not valid"),
        (_shrink_checkpoint, "not valid"),
    ],
)  # fmt: skip
def test_tampered_inclusion_proofs_fail(
    ec_signer: SoftwareSigner, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = edit(inclusion_file(ec_signer), change)
    with pytest.raises(RecordIntegrityError, match=message):
        check_proof_file(data, ec_signer.certificate_pem)


def test_replaced_checkpoint_from_another_log_fails(ec_signer: SoftwareSigner) -> None:
    """A genuine, validly signed checkpoint of a different log does not fit the proof."""
    other_log = build_log(300, lambda i: sample_event(i + 1))
    other_hashes = [e.entry_hash for e in other_log]
    other_path = inclusion_proof(5, 300, lambda a, b: other_hashes[a:b])
    other_file = export_inclusion_proof(other_log[5], other_path, ec_signer.checkpoint(other_log))
    other = json.loads(other_file)
    data = edit(inclusion_file(ec_signer), lambda d: d.update(checkpoint=other["checkpoint"]))
    with pytest.raises(RecordIntegrityError, match="does not lead to the root"):
        check_proof_file(data, ec_signer.certificate_pem)


def test_forged_checkpoint_signed_by_an_attacker(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner
) -> None:
    """Everything re-signed with another key verifies only against the embedded certificate."""
    forged = inclusion_file(other_ec_signer)
    assert not check_proof_file(forged).trusted
    with pytest.raises(RecordIntegrityError, match="not among the trusted"):
        check_proof_file(forged, ec_signer.certificate_pem)


# -- consistency --------------------------------------------------------------------------------


def test_consistency_proof_checks(ec_signer: SoftwareSigner) -> None:
    result = check_proof_file(consistency_file(ec_signer, ec_signer), ec_signer.certificate_pem)
    assert result.kind == "consistency"
    assert result.trusted
    assert [cp.tree_size for cp in result.checkpoints] == [100, 300]
    assert "extends" in result.summary()


@pytest.mark.parametrize(("old", "new"), [(1, 300), (256, 300), (300, 300), (0, 300), (128, 256)])
def test_consistency_proofs_at_the_edges(ec_signer: SoftwareSigner, old: int, new: int) -> None:
    check_proof_file(consistency_file(ec_signer, ec_signer, old, new), ec_signer.certificate_pem)


def test_consistency_across_a_key_rotation(
    ec_signer: SoftwareSigner, other_ec_signer: SoftwareSigner
) -> None:
    data = consistency_file(ec_signer, other_ec_signer)
    both = ec_signer.certificate_pem + other_ec_signer.certificate_pem
    assert check_proof_file(data, both).trusted
    with pytest.raises(RecordIntegrityError, match="not among the trusted"):
        check_proof_file(data, ec_signer.certificate_pem)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["path"].__setitem__(0, "00" * 32), "does not extend"),
        (lambda d: d["path"].pop(), "shorter|does not extend"),
        (lambda d: d.update(old_checkpoint=d["new_checkpoint"], new_checkpoint=d["old_checkpoint"]),
         "backwards"),
        (lambda d: d["old_checkpoint"]["checkpoint"].update(root_hash="00" * 32), "not valid"),
    ],
)  # fmt: skip
def test_tampered_consistency_proofs_fail(
    ec_signer: SoftwareSigner, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = edit(consistency_file(ec_signer, ec_signer), change)
    with pytest.raises(RecordIntegrityError, match=message):
        check_proof_file(data, ec_signer.certificate_pem)


def test_rewritten_history_cannot_get_a_consistency_proof(ec_signer: SoftwareSigner) -> None:
    """A log rewritten before the old checkpoint yields no proof that checks."""
    rewritten = build_log(300, lambda i: sample_event(i if i != 50 else 5000))
    hashes = [e.entry_hash for e in rewritten]
    path = consistency_proof(100, 300, lambda a, b: hashes[a:b])
    with pytest.raises(RecordIntegrityError, match="does not extend"):
        export_consistency_proof(
            ec_signer.checkpoint(LOG, size=100), ec_signer.checkpoint(rewritten), path
        )


# -- malformed files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="nope"), "not a SealDesk proof file"),
        (lambda d: d.update(version=9), "unsupported proof file version"),
        (lambda d: d.pop("audit_path"), "missing"),
        (lambda d: d.update(surprise=True), "unexpected"),
        (lambda d: d.update(audit_path="abc"), "audit_path must be a list"),
        (lambda d: d.update(leaf_index=-1), "leaf_index must be"),
        (lambda d: d.update(entry_hash="XY"), "entry_hash must be"),
        (lambda d: d.update(entry_b64="%%%"), "entry_b64 is malformed"),
        (lambda d: d.update(checkpoint={}), "checkpoint in the proof file is malformed"),
    ],
)
def test_malformed_proof_files_are_explained(
    ec_signer: SoftwareSigner, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = edit(inclusion_file(ec_signer), change)
    with pytest.raises(InputError, match=message):
        check_proof_file(data)


def test_non_json_is_explained() -> None:
    with pytest.raises(InputError, match="proof file is not valid JSON"):
        check_proof_file(b"\x00garbage")


def test_audit_core_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, sealdesk.core.audit.proofs, sealdesk.core.audit.subtree_cache;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
