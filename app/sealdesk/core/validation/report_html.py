"""A self-contained HTML rendering of validation reports, for people rather than programs.

Why HTML and why self-contained: a compliance officer opens the exported file from an e-mail or
an evidence bundle, offline, years later. So: one file, inline CSS, no scripts, no external
resources; problems first; every value escaped (subjects and field names come from untrusted
documents).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from html import escape

from .report import DocumentReport, Finding, Indication, SignatureReport

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin:0 0 .4rem}
.counts span{display:inline-block;margin-right:1rem;padding:.2rem .6rem;border-radius:4px}
.doc{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
.badge{font-weight:600;padding:.1rem .5rem;border-radius:4px;color:#fff}
.PASSED{background:#1e7d32}.INDETERMINATE{background:#b26a00}.FAILED{background:#b3261e}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border-top:1px solid #e0e0e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{width:14rem;font-weight:500;color:#555}
ul.findings{margin:.3rem 0 .8rem 1.2rem;padding:0}
li.error{color:#b3261e}li.warning{color:#8a5300}li.info{color:#333}
.meta{color:#555;font-size:.9rem}code{font-size:.85rem}
"""


def render_html(
    reports: Sequence[DocumentReport],
    title: str,
    *,
    indication_of: Callable[[DocumentReport], Indication] | None = None,
    preamble_html: str = "",
) -> str:
    """One HTML page for many documents: counts by indication, then failures first.

    ``indication_of`` overrides a document's overall indication where the caller knows more
    than the signatures say (a bulk run's store checks can make a document FAILED);
    ``preamble_html`` (already escaped) goes between the counts and the documents.
    """
    verdict = indication_of or (lambda r: r.indication)
    counts = Counter(verdict(r) for r in reports)
    ordered = sorted(reports, key=lambda r: (-verdict(r).rank, r.path))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        '<p class="counts">',
        *(
            f'<span class="{i.value}" style="color:#fff">{i.value}: {counts.get(i, 0)}</span>'
            for i in (Indication.FAILED, Indication.INDETERMINATE, Indication.PASSED)
        ),
        f"<span>Documents: {len(reports)}</span></p>",
        preamble_html,
        *(_document(r, verdict(r)) for r in ordered),
        "</body></html>",
    ]
    return "\n".join(parts)


def _document(report: DocumentReport, indication: Indication) -> str:
    policy = report.policy
    moment = f", as of {_dt(policy.moment)}" if policy.moment else ""
    anchors = ", ".join(escape(a.subject) for a in policy.trust_anchors) or "none"
    signatures = sorted(report.signatures, key=lambda s: -s.indication.rank)
    return "\n".join(
        [
            '<section class="doc">',
            f"<h2>{_badge(indication)} {escape(report.path)}</h2>",
            f'<p class="meta">SHA-256 <code>{escape(report.sha256)}</code> · checked '
            f"{_dt(report.checked_at)} · revocation {escape(policy.revocation_mode)}{moment}"
            f" · trust anchors: {anchors}</p>",
            _findings(report.notes),
            *(_signature(s) for s in signatures),
            "</section>",
        ]
    )


def _signature(s: SignatureReport) -> str:
    sub = f" / {escape(s.sub_indication.value)}" if s.sub_indication else ""
    rows = [
        ("Kind", s.kind.value),
        ("Signer", s.signer_subject),
        ("Signer certificate SHA-256", s.signer_cert_sha256),
        ("PAdES level", s.pades_level.value if s.pades_level else None),
        ("Claimed signing time", _dt(s.signing_time) if s.signing_time else None),
        ("Timestamp", _timestamp(s)),
        ("Proof of existence", _dt(s.proof_of_existence) if s.proof_of_existence else None),
        ("Coverage", s.coverage.value if s.coverage else None),
        ("Later modifications", s.modification_level.value if s.modification_level else None),
        ("Revocation sources", ", ".join(s.revocation_sources) or None),
        ("Revision", None if s.revision is None else str(s.revision)),
        ("Chain", _chain(s)),
    ]
    table = "".join(
        f"<tr><th>{escape(k)}</th><td>{v if k == 'Chain' else escape(v)}</td></tr>"
        for k, v in rows
        if v
    )
    return (
        f"<h3>{_badge(s.indication)}{sub} {escape(s.field_name)}</h3>"
        f"{_findings(s.findings)}<table>{table}</table>"
    )


def _findings(findings: Sequence[Finding]) -> str:
    order = {"error": 0, "warning": 1, "info": 2}
    items = sorted(findings, key=lambda f: order.get(f.severity.value, 3))
    lis = "".join(
        f'<li class="{escape(f.severity.value)}">{escape(f.message)} '
        f"<code>{escape(f.code)}</code></li>"
        for f in items
    )
    return f'<ul class="findings">{lis}</ul>' if lis else ""


def _timestamp(s: SignatureReport) -> str | None:
    if s.timestamp_time is None and s.timestamp_tsa is None:
        return None
    validity = {True: "valid", False: "NOT valid", None: "not checked"}[s.timestamp_valid]
    return f"{_dt(s.timestamp_time)} by {s.timestamp_tsa or 'unknown TSA'} ({validity})"


def _chain(s: SignatureReport) -> str | None:
    if not s.chain:
        return None
    return "<br>".join(
        f"{escape(c.subject)} <code>{escape(c.sha256[:16])}…</code> "
        f"({_dt(c.not_before)[:10]} – {_dt(c.not_after)[:10]})"
        for c in s.chain
    )


def _badge(indication: Indication) -> str:
    return f'<span class="badge {indication.value}">{indication.value}</span>'


def _dt(value: datetime | None) -> str:
    return "—" if value is None else value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
