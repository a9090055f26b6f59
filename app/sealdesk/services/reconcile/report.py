"""The reconciliation report as evidence: JSON and HTML, signed with the audit key, recorded.

The JSON is canonical (reproducible bytes) and carries ``format`` so the audit key's signature
over it cannot be mistaken for a checkpoint or a snapshot manifest. The HTML is the same content
for a person; the signature covers the JSON, which is the authority. ``reconciliation.done`` in
the log names the report's SHA-256, so a report cannot be swapped afterwards unnoticed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import sealdesk
from sealdesk.core.audit.canonical import canonical_json, format_time
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSession
from sealdesk.fsutil import atomic_write_bytes, make_missing_dirs
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from sealdesk.services.reconcile.checks import Reconciliation
from sealdesk.services.snapshots.manifest import encode_signature

REPORT_FORMAT = "sealdesk.reconciliation.report/1"


@dataclass(frozen=True)
class WrittenReport:
    json_path: Path
    html_path: Path
    signature_path: Path
    sha256: str


def report_dict(ctx: AppContext, result: Reconciliation) -> dict[str, object]:
    return {
        "format": REPORT_FORMAT,
        "created": format_time(dt.datetime.now(dt.UTC)),
        "since": format_time(result.since) if result.since else None,
        "console_id": ctx.console_id,
        "actor": ctx.actor.identity,
        "software_version": sealdesk.__version__,
        "counts": result.counts,
        "findings_by_kind": result.by_kind(),
        "findings": [f.to_dict() for f in result.findings],
        "exported_copies": [c.to_dict() for c in result.exported_copies],
        "clean": result.clean,
    }


def render_html(report: dict[str, object]) -> str:
    """A readable page; every value is escaped (names come from documents people send)."""
    esc = html.escape
    counts = "".join(f"<tr><td>{esc(k)}</td><td>{v}</td></tr>"
                     for k, v in dict(report["counts"]).items())  # type: ignore[call-overload]
    rows = "".join(
        f"<tr><td>{esc(f['kind'])}</td><td><code>{esc(f['subject'])}</code></td>"
        f"<td>{esc(f['detail'])}</td><td>{esc(f['action'])}</td></tr>"
        for f in report["findings"])  # type: ignore[attr-defined]
    copies = "".join(
        f"<tr><td>{esc(c['state'])}</td><td>{esc(c['kind'])}</td><td><code>{esc(c['path'])}"
        f"</code></td><td>{esc(c['action'])}</td></tr>"
        for c in report.get("exported_copies", []))  # type: ignore[attr-defined]
    verdict = "No findings." if report["clean"] else f"{len(report['findings'])} finding(s)."  # type: ignore[arg-type]
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>SealDesk reconciliation"
        f"</title></head><body><h1>Reconciliation {esc(str(report['created']))}</h1>"
        f"<p>{esc(verdict)} Console {esc(str(report['console_id']))}, by "
        f"{esc(str(report['actor']))}, SealDesk {esc(str(report['software_version']))}.</p>"
        f"<h2>Counts</h2><table>{counts}</table><h2>Findings</h2><table>"
        "<tr><th>Kind</th><th>Subject</th><th>Detail</th><th>What to do</th></tr>"
        f"{rows}</table><h2>Exported copies</h2><table>"
        "<tr><th>State</th><th>Kind</th><th>Where</th><th>What to do</th></tr>"
        f"{copies}</table><p>The signed JSON next to this page is the authority.</p>"
        "</body></html>")


def write_report(ctx: AppContext, token: TokenSession, result: Reconciliation,
                 folder: Path) -> WrittenReport:
    """Write JSON, HTML and the audit key's signature into ``folder``; record the report."""
    signer = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
    report = report_dict(ctx, result)
    data = canonical_json(report)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    make_missing_dirs(folder)  # the person may name their own folder: its mode is theirs
    json_path = folder / f"reconciliation-{stamp}.json"
    atomic_write_bytes(json_path, data)
    html_path = json_path.with_suffix(".html")
    atomic_write_bytes(html_path, render_html(report).encode("utf-8"))
    sig_path = json_path.with_suffix(".json.sig")
    atomic_write_bytes(sig_path, encode_signature(signer.algorithm, signer.sign(data),
                                                  signer.certificate_pem))
    digest = hashlib.sha256(data).hexdigest()
    record_now(ctx, ctx.event(EventType.RECONCILIATION_DONE, {"report_sha256": digest},
                              {"findings": result.by_kind(), "counts": result.counts}))
    return WrittenReport(json_path, html_path, sig_path, digest)
