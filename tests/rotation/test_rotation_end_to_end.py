"""Done means #1: 2-of-3 custodians on their own tokens approve, the seal key is rotated,
new seals use the new key and seals made before still validate against the demo root."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography import x509
from sqlalchemy import select

from sealdesk.config import load_config
from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ProposalStatus, Step
from sealdesk.core.token.inventory import list_objects
from sealdesk.services.keys import rotation
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from sealdesk.storage.keys import repo as rotation_repo
from tests.fixtures.independent import assert_pdfsig_valid, assert_pyhanko_trusted
from tests.fixtures.tokens import SoftToken
from tests.rotation.conftest import Ceremony


def _events(ceremony: Ceremony, kind: EventType) -> list[dict]:
    with ceremony.ctx.database.reader() as session:
        rows = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == kind.value).order_by(AuditEntry.idx)).scalars()
        return [json.loads(bytes(p)) for p in rows]


def test_two_of_three_rotate_the_seal_key_and_old_seals_keep_validating(
    ceremony: Ceremony, pdf_factory, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    ctx = ceremony.ctx
    root = ctx.trust_anchors()[0]
    before = seal_documents(ctx, [pdf_factory("before")], ceremony.seal_pin,
                            export_dir=tmp_path / "out")
    assert before.ok
    old_seal = before.results[0]

    proposal = ceremony.propose_seal_rotation(label="seal-2")
    assert proposal.status == ProposalStatus.PROPOSED and proposal.required == 2
    assert proposal.content.target["label"] == "seal"
    ceremony.decide(proposal.proposal_id, "Alice")
    approved = ceremony.decide(proposal.proposal_id, "Bob")
    assert approved.status == ProposalStatus.APPROVED and approved.approvals == 2

    result = rotation.execute(ctx, proposal.proposal_id, ceremony.seal_pin)
    assert result.status == ProposalStatus.EXECUTED
    assert set(result.steps_done) == {Step.KEY_GENERATED, Step.CSR_CREATED,
                                      Step.CERTIFICATE_IMPORTED, Step.ACTIVATED,
                                      Step.OLD_RETIRED}
    # The configuration follows the registry; exactly one active seal key.
    assert ctx.config.token.seal_key_label == "seal-2"
    assert load_config(ctx.paths.config_file).token.seal_key_label == "seal-2"
    with ctx.database.reader() as session:
        keys = {k.label: k.status for k in rotation_repo.managed_keys(session)
                if k.purpose == "seal"}
    assert keys == {"seal": "retired", "seal-2": "active"}

    after = seal_documents(ctx, [pdf_factory("after")], ceremony.seal_pin,
                           export_dir=tmp_path / "out")
    assert after.ok and after.count(Outcome.SEALED) == 1
    with ctx.database.reader() as session:
        seals = {s.key_label: s.certificate_sha256 for s in session.execute(select(Seal)).scalars()}
    assert set(seals) == {"seal", "seal-2"} and seals["seal"] != seals["seal-2"]
    activated = _events(ceremony, EventType.KEY_ACTIVATED)[-1]["details"]
    assert activated["certificate_sha256"] == seals["seal-2"]
    assert activated["replaces_certificate_sha256"] == seals["seal"]
    sealed_after = _events(ceremony, EventType.DOCUMENT_SEALED)[-1]["details"]
    assert sealed_after["certificate_sha256"] == seals["seal-2"]

    for result_ in (old_seal, after.results[0]):
        assert result_.exported_path is not None
        assert_pdfsig_valid(result_.exported_path)
        assert_pyhanko_trusted(result_.exported_path, root)

    # The old key stays on the token, its certificate archived; the new key is not extractable.
    token = SoftToken(ctx.config.token.module, Path(ctx.config.token.environment["SOFTHSM2_CONF"]),
                      ctx.config.token.label, ceremony.seal_pin)
    with token.session(rw=False) as session:
        labels = [(o.kind, o.label) for o in list_objects(session)]
        assert not session.private_key("seal-2")[__import__("pkcs11").Attribute.EXTRACTABLE]
    assert ("private key", "seal") in labels and labels.count(("private key", "seal-2")) == 1
    archived = list((ctx.paths.data_dir / "keys" / "retired").glob("*.pem"))
    assert [p.stem for p in archived] == [seals["seal"]]
    csr = x509.load_pem_x509_csr((ctx.paths.data_dir / "rotation"
                                  / f"{proposal.proposal_id}.csr.pem").read_bytes())
    assert csr.is_signature_valid

    report = rotation.verify_quorum_offline(ctx, proposal.proposal_id)
    assert report.ok, report.problems
    assert report.approvals == ["Alice", "Bob"] and report.required == 2 and report.executed
