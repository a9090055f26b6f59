"""A bundle's verdict as files a person keeps: readable HTML and machine-readable JSON.

Why a file at all: an auditor who checked a bundle has to put the outcome in the audit file
(or print it for a signature). Both forms carry the same facts as the on-screen verdict: the
headline, the trust it was checked against, each document with its seal indication, checks and
problems, and the notes. Every text that comes from the bundle is HTML-escaped: a document name
is untrusted input and must not become markup in the report.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from sealdesk.core.evidence.verdict import BundleVerdict

REPORT_FORMAT = "sealdesk-evidence-verdict"
REPORT_VERSION = 1
SUFFIXES = (".html", ".htm", ".json")


def verdict_json(verdict: BundleVerdict, *, allow_self_contained: bool = False) -> str:
    """The verdict as JSON (the same keys as ``evidence verify --json``, plus the format)."""
    body = {"format": REPORT_FORMAT, "version": REPORT_VERSION,
            **verdict.to_dict(allow_self_contained=allow_self_contained)}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _state(verdict: BundleVerdict, allow_self_contained: bool) -> tuple[str, str]:
    if not verdict.ok:
        return "failed", "#b00020"
    if verdict.is_unanchored(allow_self_contained=allow_self_contained):
        return "unanchored", "#8a5a00"
    return "verified", "#1b6e20"


def verdict_html(verdict: BundleVerdict, *, allow_self_contained: bool = False) -> str:
    """The verdict as a self-contained HTML page (no scripts, no external resources)."""
    e = html.escape
    state, colour = _state(verdict, allow_self_contained)
    name = Path(verdict.path).name
    trust = ("the audit certificate you trust" if verdict.audit_trusted
             else "the audit certificate inside the bundle (compare its fingerprint)")
    roots = ("your seal roots" if verdict.seal_roots_supplied
             else "no seal roots of yours (only those inside the bundle)")
    rows = []
    for doc in verdict.documents:
        problems = "".join(f"<li>{e(str(r))}</li>" for r in doc.reasons)
        facts = "".join(f"<li>{e(f)}</li>" for f in doc.facts)
        rows.append(
            f"<tr><td>{'✔' if doc.ok else '✘'}</td><td>{e(doc.name)}</td>"
            f"<td>{e(doc.indication)}</td><td>{e(doc.level)}</td>"
            f"<td>{e(doc.sealed_at.replace('T', ' ')[:19])}</td><td>{e(doc.operator)}</td></tr>"
            f"<tr><td></td><td colspan='5'>Sealed SHA-256 <code>{e(doc.sealed_sha256)}</code>"
            f"<ul>{facts}</ul>"
            + (f"<ul class='bad'>{problems}</ul>" if problems else "") + "</td></tr>")
    general = "".join(f"<li>{e(str(r))}</li>" for r in verdict.reasons)
    notes = "".join(f"<li>{e(n)}</li>" for n in verdict.notes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Evidence bundle verdict: {e(name)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
h1 {{ font-size: 1.3em; }}
.headline {{ color: {colour}; font-weight: bold; font-size: 1.1em; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #999; padding: 4px; text-align: left; vertical-align: top; }}
.bad {{ color: #b00020; }}
code {{ font-size: 0.85em; word-break: break-all; }}
</style></head><body>
<h1>Evidence bundle verdict: {e(name)}</h1>
<p class="headline" data-state="{state}">{e(verdict.headline(
        allow_self_contained=allow_self_contained))}</p>
<table>
<tr><th>Bundle</th><td>{e(verdict.path)}</td></tr>
<tr><th>Exported</th><td>{e(verdict.created.replace('T', ' ')[:19])} UTC by
 {e(verdict.exported_by)}</td></tr>
<tr><th>Checkpoint</th><td>{e(str(verdict.checkpoint_tree_size))} entries
 ({e(verdict.checkpoint_time)}); {verdict.entries_checked} audit entries proven</td></tr>
<tr><th>Audit certificate SHA-256</th><td><code>{e(verdict.audit_certificate_sha256)}</code>:
 checked against {e(trust)}</td></tr>
<tr><th>Seal roots</th><td>{e(roots)}</td></tr>
</table>
<h2>Documents ({len(verdict.documents)})</h2>
<table>
<tr><th></th><th>Document</th><th>Seal</th><th>Level</th><th>Sealed at (UTC)</th>
<th>Operator</th></tr>
{''.join(rows)}
</table>
{f'<h2>Problems with the bundle itself</h2><ul class="bad">{general}</ul>' if general else ''}
{f'<h2>Notes</h2><ul>{notes}</ul>' if notes else ''}
</body></html>
"""


def render_report(verdict: BundleVerdict, suffix: str, *,
                  allow_self_contained: bool = False) -> bytes:
    """The report for a file ending in ``suffix`` (.html/.htm or .json), as UTF-8 bytes."""
    if suffix.lower() == ".json":
        return verdict_json(verdict, allow_self_contained=allow_self_contained).encode()
    return verdict_html(verdict, allow_self_contained=allow_self_contained).encode()
