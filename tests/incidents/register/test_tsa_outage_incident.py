"""Issue 20, item 1-2: a TSA outage during a batch opens an availability incident whose
timeline (from the audit log) shows the failed seal, the documents never started and the retry
that sealed them; closing it gives MTTD/MTTC/MTTR, and its statement is signed by the audit
key and checks offline — and fails to check once a byte of it is changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.errors import InputError, RecordIntegrityError, TimestampError
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import register, statement
from sealdesk.services.incidents.metrics import metrics_by_type
from sealdesk.services.incidents.timeline import build_timeline
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.incidents.support import events, run_cli
from tests.incidents.test_fault_tsa import _use_tsa


def test_tsa_outage_opens_an_availability_incident_with_the_failed_seals_and_the_retry(
    demo_ctx: AppContext, demo_pin: str, pdf_factory, pki, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    ctx = demo_ctx
    _use_tsa(ctx, pki.tsa_url)
    files = [pdf_factory(f"invoice-{i}") for i in range(3)]
    with pki.outage("tsa"):
        batch = seal_documents(ctx, files, demo_pin)
    assert isinstance(batch.stopped_by, TimestampError)
    failed_sha = batch.results[0].sha256
    assert batch.results[0].outcome is Outcome.FAILED and failed_sha

    [incident] = register.list_incidents(ctx)
    assert incident.type is register.IncidentType.AVAILABILITY and incident.is_open
    assert incident.automatic and "TimestampError" in incident.title
    assert [(lk.kind, lk.ref) for lk in incident.links] == [("document", failed_sha)]

    with pki.outage("tsa"):  # a second outage joins the open incident, never a second one
        seal_documents(ctx, files[1:], demo_pin)
    assert len(register.list_incidents(ctx)) == 1
    assert len(register.get_incident(ctx, incident.id).links) == 2

    retry = seal_documents(ctx, files, demo_pin)
    assert retry.ok and retry.count(Outcome.SEALED) == 3
    assert len(register.list_incidents(ctx)) == 1, "a good batch opens nothing"

    action = register.add_action(ctx, incident.id, "Monitor the TSA from the network team",
                                 owner="netops")
    register.close_incident(ctx, incident.id, "TSA maintenance window not announced")
    with pytest.raises(InputError, match="is closed"):
        register.link(ctx, incident.id, "document", failed_sha)

    with ctx.database.reader() as session:
        closed = register.get_incident(ctx, incident.id)
        timeline = build_timeline(session, closed)
    kinds = [t.type for t in timeline]
    failed = [t for t in timeline if t.type == EventType.DOCUMENT_SEAL_FAILED]
    assert failed and failed[0].subject == {"document_sha256": failed_sha}
    assert "TSA unreachable" in failed[0].summary
    sealed = [t for t in timeline if t.type == EventType.DOCUMENT_SEALED]
    assert {t.subject["document_sha256"] for t in sealed} >= {failed_sha}, "the retry shows"
    assert kinds.index(EventType.DOCUMENT_SEAL_FAILED) < kinds.index(EventType.INCIDENT_OPENED)
    assert kinds[-1] == EventType.INCIDENT_CLOSED
    assert [t.index for t in timeline] == sorted(t.index for t in timeline)

    by_type = {m.type: m for m in metrics_by_type(ctx)}
    avail = by_type[register.IncidentType.AVAILABILITY]
    assert avail.count == 1 and avail.open == 0
    assert avail.mttd_seconds is not None and 0 <= avail.mttd_seconds < 120
    assert avail.mttc_seconds == 0.0, "the batch stopped itself"
    assert avail.mttr_seconds is not None and avail.mttr_seconds > 0
    assert by_type[register.IncidentType.SECURITY].count == 0

    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), demo_pin,
                            environment=cfg.environment) as token:
        issued = statement.issue_statement(ctx, token, incident.id, tmp_path / "statement")
    content = statement.verify_statement(issued.json_path, issued.signature_path)
    assert content["incident"]["id"] == closed.name
    assert content["open_action_items"] == [action]
    assert any(a.get("sealed_sha256") and a["document_sha256"] == failed_sha
               and a["status"] == "active" for a in content["affected"])
    assert "TSA unreachable" in issued.html_path.read_text(encoding="utf-8")
    reported = events(ctx, EventType.INCIDENT_REPORTED)
    assert reported[-1]["details"]["statement_sha256"] == issued.sha256

    tampered = json.loads(issued.json_path.read_bytes())
    tampered["incident"]["root_cause"] = "nothing happened"
    issued.json_path.write_text(json.dumps(tampered, sort_keys=True, indent=1))
    with pytest.raises(RecordIntegrityError, match="altered"):
        statement.verify_statement(issued.json_path, issued.signature_path)

    register.close_action(ctx, incident.id, action, "TSA added to the network monitoring")
    assert register.get_incident(ctx, incident.id).open_actions == []
    report = verify_log(ctx)
    assert report.ok, [f"{f.kind}: {f.message}" for f in report.findings]

    home = ctx.paths.config_dir.parent
    listing = run_cli(home, "incident", "list", "--metrics")
    assert listing.returncode == 0, listing.stderr
    assert f"INC-{incident.id}" in listing.stdout and "availability" in listing.stdout
    shown = run_cli(home, "incident", "show", f"INC-{incident.id}", "--json")
    assert shown.returncode == 0, shown.stderr
    assert EventType.DOCUMENT_SEAL_FAILED.value in {
        t["type"] for t in json.loads(shown.stdout)["timeline"]}
    missing = run_cli(home, "incident", "show", "INC-99999")
    assert missing.returncode != 0 and "no incident INC-99999" in missing.stderr
