"""``sealdesk evidence export|verify``: signed evidence bundles, and checking them offline.

``verify`` opens no database, needs no token and no SEALDESK_HOME: an auditor runs it on any
machine with SealDesk installed. Exit code 0 when every check holds against the trust the
auditor pinned (``--trusted-audit-cert`` and ``--trust``), 11 (FAILED) when anything fails, and
12 (UNANCHORED) when everything holds but only against the certificates inside the bundle —
which another installation could have made — unless ``--allow-self-contained`` accepts that.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sealdesk.cli.common import open_context, read_pin, utc
from sealdesk.cli.failure import exit_with
from sealdesk.cli.files import read_input
from sealdesk.cli.terminal import safe
from sealdesk.errors import InputError, StorageError
from sealdesk.exit_codes import ExitCode

if TYPE_CHECKING:
    from sealdesk.core.evidence import BundleVerdict

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
              help="The bundle to write (.zip; with --encrypt-to, OUT.p7m).")
@click.option("--operator", help="Your operator name (recorded with the export).")
@click.option("--encrypt-to", "recipients", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Encrypt the bundle to this recipient's RSA certificate (PEM/DER) as CMS "
                   "EnvelopedData, written as OUT.p7m instead of the zip; repeatable.")
def export_cmd(files: tuple[Path, ...], hashes: tuple[str, ...], since: dt.datetime | None,
               until: dt.datetime | None, out: Path, operator: str | None,
               recipients: tuple[Path, ...]) -> None:
    """Export the evidence for documents (FILES or --document) or a period (--from/--to).

    The manifest is signed with the audit key on the token (asks for the PIN, or reads
    SEALDESK_PIN); a fresh checkpoint is signed first so the proofs cover every event.
    With --encrypt-to, only the encrypted bundle is written (no plaintext zip on disk); the
    recipient opens it with 'openssl cms -decrypt -inform DER -in OUT.p7m -recip CERT
    -inkey KEY -out OUT'.
    """
    from sealdesk.core.evidence.encrypt_bundle import encrypted_path, load_recipient
    from sealdesk.core.token import TokenSelector
    from sealdesk.core.token.module import find_token
    from sealdesk.services.evidence.export import Selection, export_bundle

    # refused before the PIN is asked and a checkpoint is signed
    encrypt_to = [load_recipient(read_input(p, what="recipient certificate"), p.name)
                  for p in recipients]
    target = encrypted_path(out) if encrypt_to else out
    if out.is_dir() or target.is_dir():
        raise StorageError(f"Cannot write the bundle {target}: it is a folder.",
                           hint="Give a file path for the bundle, e.g. evidence.zip.")
    selection = Selection(hashes=hashes, files=files, since=utc(since), until=utc(until))
    with open_context(operator) as ctx:
        cfg = ctx.config.token
        info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment)
        pin = read_pin(info.label, info.pin)
        try:
            result = export_bundle(ctx, selection, out, pin, encrypt_to=encrypt_to)
        except OSError as exc:
            raise StorageError(f"Cannot write the bundle {target}: {exc.strerror or exc}.",
                               hint="Give a file path (not a folder) in a folder you may "
                               "write to, on a disk with free space.") from None
    click.echo(f"Bundle written to {safe(result.path)}: {result.documents} document(s), "
               f"{result.entries} audit entries proven against the checkpoint of "
               f"{result.checkpoint_tree_size} entries.")
    click.echo(f"SHA-256 {result.bundle_sha256}")
    for fingerprint in result.encrypted_for:
        click.echo(f"Encrypted for the certificate with SHA-256 {fingerprint}")
    if result.encrypted_for:
        click.echo(f"The zip inside has SHA-256 {result.zip_sha256}; no unencrypted copy was "
                   "written.")


@evidence.command("verify")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--trusted-audit-cert", type=click.Path(exists=True, dir_okay=False,
                                                      path_type=Path),
              help="PEM with the audit certificate(s) you trust (obtained out of band).")
@click.option("--trust", "anchors", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Root certificate (PEM/DER) the seals must chain to; repeatable.")
@click.option("--allow-self-contained", is_flag=True,
              help="Exit 0 for a bundle checked only against its own certificates "
                   "(without this, such a bundle exits 12, UNANCHORED).")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the verdict to this file: .html (to read or print) or .json.")
def verify_cmd(bundle: Path, trusted_audit_cert: Path | None, anchors: tuple[Path, ...],
               allow_self_contained: bool, as_json: bool, report: Path | None) -> None:
    """Check a bundle offline: manifest signature, every file's hash, each seal, each proof,
    the checkpoint signature. No database, no token, no network."""
    from sealdesk.core.evidence import verify_bundle
    from sealdesk.core.evidence.report import SUFFIXES

    if report is not None and report.suffix.lower() not in SUFFIXES:  # before the long check
        raise InputError(f"Cannot tell the report format from {report.name}.",
                         hint="Name the report file .html (to read or print) or .json.")
    trusted = read_input(trusted_audit_cert) if trusted_audit_cert else None
    verdict = verify_bundle(bundle, trusted, tuple(read_input(p) for p in anchors))
    if report is not None:  # written whatever the verdict: a failed check is worth keeping
        from sealdesk.services.evidence import write_verdict_report

        write_verdict_report(verdict, report, allow_self_contained=allow_self_contained)
        click.echo(f"Verdict report written to {safe(report)}.", err=as_json)
    if as_json:
        click.echo(json.dumps(verdict.to_dict(allow_self_contained=allow_self_contained),
                              indent=2))
    else:
        _print(verdict, allow_self_contained)
    if not verdict.ok:
        exit_with(ExitCode.FAILED)
    if verdict.is_unanchored(allow_self_contained=allow_self_contained):
        click.echo("Not anchored: give --trusted-audit-cert and --trust (obtained out of band), "
                   "or --allow-self-contained to accept a self-contained check.", err=True)
        exit_with(ExitCode.UNANCHORED)


def _print(verdict: BundleVerdict, allow_self_contained: bool = False) -> None:
    colour = ("green" if not verdict.is_unanchored(allow_self_contained=allow_self_contained)
              else "yellow") if verdict.ok else "red"
    click.secho(safe(verdict.headline(allow_self_contained=allow_self_contained)), fg=colour,
                bold=True)
    if verdict.checkpoint_tree_size is not None:
        click.echo(f"  checkpoint: {verdict.checkpoint_tree_size} entries "
                   f"({safe(verdict.checkpoint_time)}); {verdict.entries_checked} entries proven")
    click.echo(f"  audit certificate SHA-256: {safe(verdict.audit_certificate_sha256 or '?')} "
               f"({'trusted' if verdict.audit_trusted else 'from the bundle'})")
    for reason in verdict.reasons:
        click.secho(f"  - {safe(reason)}", fg="red")
    for doc in verdict.documents:
        colour = "green" if doc.ok else "red"
        click.secho(f"{safe(doc.indication):<14}{safe(doc.name)}  "
                    f"(sealed {safe(doc.sealed_sha256[:16])}…)", fg=colour)
        for fact in doc.facts:
            click.echo(f"    {safe(fact)}")
        for reason in doc.reasons:
            click.secho(f"    - {safe(reason)}", fg="red")
    for note in verdict.notes:
        click.echo(f"Note: {safe(note)}")
