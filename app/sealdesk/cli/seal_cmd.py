"""``sealdesk seal FILE...``: seal documents with the configured token, with a progress bar.

Exit code 0 when every document is sealed (or was already); when some are not, each says why
and the command exits 13 (INCOMPLETE) — or, when nothing was sealed and every failure has the
same cause, that cause's error code (a lone damaged PDF: 4, INPUT).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sealdesk.cli.common import PIN_ENV, open_context, read_pin
from sealdesk.cli.failure import exit_with
from sealdesk.cli.terminal import safe, safe_lines
from sealdesk.config import PadesLevel, VisibleStampConfig
from sealdesk.errors import TimestampError
from sealdesk.exit_codes import ExitCode

if TYPE_CHECKING:
    from sealdesk.services.sealing.batch import BatchResult

MAX_PAGE = 1_000_000
MAX_POINTS = 1_000_000
"""Bounds of --page and --box: a usage error above them, never an overflow in the PDF writer."""

def _box(_ctx: click.Context, _param: click.Parameter, value: str | None):  # type: ignore[no-untyped-def]
    if value is None:
        return None
    try:
        numbers = tuple(int(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter("give four whole numbers: x1,y1,x2,y2") from None
    if any(abs(n) > MAX_POINTS for n in numbers):
        raise click.BadParameter(f"each number must be between -{MAX_POINTS} and {MAX_POINTS}")
    if len(numbers) != 4 or numbers[2] <= numbers[0] or numbers[3] <= numbers[1]:
        raise click.BadParameter("give x1,y1,x2,y2 with x2 > x1 and y2 > y1 (PDF points)")
    return numbers


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write each sealed PDF here as NAME.sealed.pdf.")
@click.option("--visible/--invisible", default=None, help="Add a visible seal stamp.")
@click.option("--page", type=click.IntRange(-MAX_PAGE, MAX_PAGE),
              help="Page for the visible stamp (1 = first, -1 = last).")
@click.option("--box", callback=_box, help="Stamp box x1,y1,x2,y2 in PDF points.")
@click.option("--level", type=click.Choice([lvl.value for lvl in PadesLevel]),
              help="PAdES level (default from configuration, normally B-T).")
@click.option("--reason", help="Reason written into the seal.")
@click.option("--location", help="Location written into the seal.")
@click.option("--operator", help="Operator name recorded in the seal and the audit log.")
@click.option("--retention", "retention_class", metavar="CLASS",
              help="Retention class of the signing policy for the new seals (default: the "
              "policy's default class; 'sealdesk retention classes' lists them).")
def seal(
    files: tuple[Path, ...],
    out_dir: Path | None,
    visible: bool | None,
    page: int | None,
    box: tuple[int, int, int, int] | None,
    level: str | None,
    reason: str | None,
    location: str | None,
    operator: str | None,
    retention_class: str | None,
) -> None:
    """Seal FILES (PDF) with the seal token; the PIN comes from SEALDESK_PIN or a prompt.

    The seal token is the configured one, or the standby after 'sealdesk token standby switch';
    when the primary is missing or hung and a standby is registered, the error says so.

    In a terminal, a wrong PIN is asked again (with the token's tries left) and a token pulled
    out pauses the batch until it is plugged back in; in scripts both stop the batch.
    """
    from sealdesk.cli.prompts import TerminalPrompts
    from sealdesk.services.incidents.recovery import recover
    from sealdesk.services.keys.standby import find_seal_token
    from sealdesk.services.sealing.choices import SealChoices
    from sealdesk.services.sealing.gates import require_sealing_allowed

    with open_context(operator) as ctx:
        recovered = recover(ctx)  # finish what a crashed run left, before anything new is sealed
        if recovered.acted:
            click.echo(safe_lines(recovered.summary()), err=True)
        require_sealing_allowed(ctx)  # before the PIN is asked for: maintenance, self-test owed
        if retention_class:
            from sealdesk.services.retention import class_for_sealing

            class_for_sealing(ctx, retention_class)  # an unknown class, before the PIN
        ctx.config = _with_overrides(ctx.config, visible, page, box)
        choices = SealChoices(reason=reason, location=location,
                              level=PadesLevel(level) if level else None)
        _choice, info = find_seal_token(ctx)  # the primary, or the standby switched to
        pin = read_pin(info.label, info.pin)
        prompts = TerminalPrompts(interactive=sys.stdin.isatty(), env_pin=os.environ.get(PIN_ENV))
        batch = _seal_batch(ctx, files, pin, out_dir, prompts, retention_class, choices)
        while isinstance(batch.stopped_by, TimestampError) and prompts.interactive:
            _report(batch)  # what is done is kept; offer to go on with the rest, or stop
            click.secho(f"Error: {safe(batch.stopped_by.message)}", fg="red", err=True)
            if not click.confirm("Retry the documents not sealed yet?", default=True, err=True):
                break
            batch = _seal_batch(ctx, files, pin, out_dir, prompts, retention_class, choices)
    _report(batch)
    _conclude(batch)


def _conclude(batch: BatchResult) -> None:
    """Raise the error that stopped the batch, or end with the batch's exit code."""
    from sealdesk.services.sealing.batch import Outcome

    if batch.stopped_by is not None:
        raise batch.stopped_by
    if batch.ok:
        return
    done = batch.count(Outcome.SEALED) + batch.count(Outcome.ALREADY_SEALED)
    causes = {r.error.exit_code for r in batch.results if r.error is not None}
    if done == 0 and len(causes) == 1 and not batch.cancelled:
        exit_with(causes.pop())  # nothing sealed, one cause: the command could not do its job
    exit_with(ExitCode.CANCELLED if batch.cancelled else ExitCode.INCOMPLETE)


def _seal_batch(ctx, files, pin, out_dir, prompts,  # type: ignore[no-untyped-def]
                retention_class=None, choices=None) -> BatchResult:
    """One run over every file (those sealed before are reported as already sealed)."""
    from sealdesk.services.sealing.batch import seal_documents

    with click.progressbar(length=len(files), label="Sealing", file=sys.stderr,
                           show_pos=True) as bar:
        last = [0]

        def progress(done: int, _total: int, _item: str) -> None:
            bar.update(done - last[0])
            last[0] = done

        return seal_documents(
            ctx, list(files), pin, export_dir=out_dir, progress=progress,
            pin_provider=prompts.ask_pin, waiter=prompts.wait_for_token, on_notice=prompts.notice,
            retention=retention_class, choices=choices,
        )


def _report(batch: BatchResult) -> None:
    from sealdesk.services.sealing.batch import Outcome

    for result in batch.results:
        line = f"{result.outcome.value:15} {safe(result.source)}"
        if result.exported_path:
            line += f" -> {safe(result.exported_path)}"
        elif result.stored_path:
            line += f" -> {safe(result.stored_path)}"
        if result.error:
            line += f"\n{'':15} {safe(result.error.message)}"
            if result.error.hint:
                line += f"\n{'':15} {safe(result.error.hint)}"
        click.echo(line)
    counts = ", ".join(f"{batch.count(o)} {o.value}" for o in Outcome if batch.count(o))
    click.echo(f"Done: {counts}.")


def _with_overrides(config, visible, page, box):  # type: ignore[no-untyped-def]
    """The visible stamp options; reason, location and level travel as the batch's choices."""
    seal_cfg = config.seal
    stamp = seal_cfg.visible
    stamp = VisibleStampConfig(
        enabled=stamp.enabled if visible is None else visible,
        page=page if page is not None else stamp.page,
        box=box or stamp.box,
    )
    seal_cfg = dataclasses.replace(seal_cfg, visible=stamp)
    return dataclasses.replace(config, seal=seal_cfg)
