"""Issue 20, item 1: a compromise mark opens a security incident linked to the quarantined seals
(contained at once: the key is refused), and the FAILED revalidation of those seals opens an
integrity incident linked to the run; a rerun of the mark changes nothing."""

from __future__ import annotations

import datetime as dt

from sealdesk.core.audit.events import EventType
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.incidents import compromise, register
from sealdesk.services.incidents.metrics import fill_containment, incident_times
from sealdesk.services.incidents.timeline import build_timeline
from sealdesk.services.keys import rotation
from sealdesk.services.revalidation.runs import Scope, revalidate
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.services.sealing.batch import seal_documents
from tests.rotation.conftest import (  # noqa: F401  (fixtures used by name)
    Ceremony,
    ceremony,
    ceremony_template,
    custodian_ca,
)


def test_compromise_opens_a_security_incident_linked_to_the_quarantined_seals(
    ceremony: Ceremony, pdf_factory,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    ctx, pin = ceremony.ctx, ceremony.seal_pin
    early = seal_documents(ctx, [pdf_factory("early")], pin)
    since = dt.datetime.now(dt.UTC)
    late = seal_documents(ctx, [pdf_factory("late-1"), pdf_factory("late-2")], pin)
    view = ceremony.propose_seal_rotation(label="seal-2")
    ceremony.decide(view.proposal_id, "Alice")
    ceremony.decide(view.proposal_id, "Bob")
    rotation.execute(ctx, view.proposal_id, pin)
    proposal = compromise.propose_compromise(ctx, "seal", since, reason="token backup stolen")
    ceremony.decide(proposal.proposal_id, "Alice")
    ceremony.decide(proposal.proposal_id, "Carol")
    assert register.list_incidents(ctx) == []

    marked = compromise.mark_compromised(ctx, proposal.proposal_id)
    late_hashes = {r.sealed_sha256 for r in late.results}
    assert set(marked.quarantined) == late_hashes
    [incident] = register.list_incidents(ctx)
    assert incident.type is register.IncidentType.SECURITY and incident.automatic
    links = {(lk.kind, lk.ref) for lk in incident.links}
    assert links == {("proposal", proposal.proposal_id)} | {("seal", h) for h in late_hashes}
    assert early.results[0].sealed_sha256 not in {lk.ref for lk in incident.links}
    assert abs((incident.occurred_at - since).total_seconds()) < 1, "occurred = compromise time"
    with ctx.database.reader() as session:
        fill_containment(session, incident)
        timeline = build_timeline(session, incident)
    assert incident_times(incident)["contain"] == 0.0, "the marked key is refused at once"
    quarantines = [t for t in timeline if t.type == EventType.SEAL_QUARANTINED]
    assert {t.subject["sealed_sha256"] for t in quarantines} == late_hashes
    assert any(t.type == EventType.KEY_COMPROMISED for t in timeline)
    sealed_then = {t.subject.get("sealed_sha256") for t in timeline
                   if t.type == EventType.DOCUMENT_SEALED}
    assert late_hashes <= sealed_then, "the seals made under the compromise are on the timeline"

    assert compromise.mark_compromised(ctx, proposal.proposal_id).quarantined == ()
    assert len(register.list_incidents(ctx)) == 1

    run = revalidate(ctx, Scope.everything(), policy_from(ctx), workers=1)
    assert run.count("FAILED") == 2
    integrity = [i for i in register.list_incidents(ctx)
                 if i.type is register.IncidentType.INTEGRITY]
    assert len(integrity) == 1
    assert {(lk.kind, lk.ref) for lk in integrity[0].links} == (
        {("run", str(run.run_id))} | {("seal", h) for h in late_hashes})
    assert verify_log(ctx).ok
