"""``sealdesk evidence export|verify``: signed evidence bundles, and checking them offline.

``verify`` opens no database, needs no token and no SEALDESK_HOME: an auditor runs it on any
machine with SealDesk installed. Exit code 0 when every check holds, 7 when anything fails.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from sealdesk.cli.common import handle_errors, open_context, read_pin
from sealdesk.core.evidence import BundleVerdict, verify_bundle
from sealdesk.core.token import TokenSelector
from sealdesk.core.token.module import find_token
from sealdesk.errors import RecordIntegrityError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded

DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]


@click.group()
def evidence() -> None:
    """Export signed evidence bundles and verify them offline."""


@evidence.command("export")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--document", "hashes", multiple=True,
              help="SHA-256 (or 8+ hex prefix) of the original or sealed file; repeatable.")
@click.option("--from", "since", type=click.DateTime(DATE_FORMATS),
              help="Documents sealed from this UTC date/time on.")
@click.option("--to", "until", type=click.DateTime(DATE_FORMATS),
              help="…and before this UTC date/time (a date means its start).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The bundle to write (.zip).")
@click.option("--operator", help="Your operator name (recorded with the export).")
@handle_errors
def export_cmd(files: tuple[Path, ...], hashes: tuple[str, ...], since: dt.datetime | None,
               until: dt.datetime | None, out: Path, operator: str | None) -> None:
    """Export the evidence for documents (FILES or --document) or a period (--from/--to).

    The manifest is signed with the audit key on the token (asks for the PIN, or reads
    SEALDESK_PIN); a fresh checkpoint is signed first so the proofs cover every event.
    """
    from sealdesk.services.evidence.export import Selection, export_bundle

    selection = Selection(hashes=hashes, files=files, since=_utc(since), until=_utc(until))
    ctx = open_context(operator)
    try:
        cfg = ctx.config.token
        info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment)
        pin = read_pin(info.label, info.pin)
        result = export_bundle(ctx, selection, out, pin)
    finally:
        ctx.close()
    click.echo(f"Bundle written to {result.path}: {result.documents} document(s), "
               f"{result.entries} audit entries proven against the checkpoint of "
               f"{result.checkpoint_tree_size} entries.")
    click.echo(f"SHA-256 {result.bundle_sha256}")


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.replace(tzinfo=dt.UTC)


@evidence.command("verify")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--trusted-audit-cert", type=click.Path(exists=True, dir_okay=False,
                                                      path_type=Path),
              help="PEM with the audit certificate(s) you trust (obtained out of band).")
@click.option("--trust", "anchors", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Root certificate (PEM/DER) the seals must chain to; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@handle_errors
def verify_cmd(bundle: Path, trusted_audit_cert: Path | None, anchors: tuple[Path, ...],
               as_json: bool) -> None:
    """Check a bundle offline: manifest signature, every file's hash, each seal, each proof,
    the checkpoint signature. No database, no token, no network."""
    trusted = _read(trusted_audit_cert) if trusted_audit_cert else None
    verdict = verify_bundle(bundle, trusted, tuple(_read(p) for p in anchors))
    if as_json:
        click.echo(json.dumps(verdict.to_dict(), indent=2))
    else:
        _print(verdict)
    if not verdict.ok:
        raise SystemExit(RecordIntegrityError.exit_code)


def _read(path: Path) -> bytes:
    """A trusted certificate or root (--trusted-audit-cert, --trust): small, regular files."""
    return read_bounded(path, CERTIFICATE_LIMIT, "certificate")


def _print(verdict: BundleVerdict) -> None:
    click.secho(verdict.headline(), fg="green" if verdict.ok else "red", bold=True)
    if verdict.checkpoint_tree_size is not None:
        click.echo(f"  checkpoint: {verdict.checkpoint_tree_size} entries "
                   f"({verdict.checkpoint_time}); {verdict.entries_checked} entries proven")
    click.echo(f"  audit certificate SHA-256: {verdict.audit_certificate_sha256 or '?'} "
               f"({'trusted' if verdict.audit_trusted else 'from the bundle'})")
    for reason in verdict.reasons:
        click.secho(f"  - {reason}", fg="red")
    for doc in verdict.documents:
        colour = "green" if doc.ok else "red"
        click.secho(f"{doc.indication:<14}{doc.name}  (sealed {doc.sealed_sha256[:16]}…)",
                    fg=colour)
        for fact in doc.facts:
            click.echo(f"    {fact}")
        for reason in doc.reasons:
            click.secho(f"    - {reason}", fg="red")
    for note in verdict.notes:
        click.echo(f"Note: {note}")
