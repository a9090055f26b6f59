"""``sealdesk seal FILE...``: seal documents with the configured token, with a progress bar."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import click

from sealdesk.cli.common import PIN_ENV, handle_errors, open_context, read_pin
from sealdesk.cli.prompts import TerminalPrompts
from sealdesk.config import PadesLevel, VisibleStampConfig
from sealdesk.core.token import TokenSelector
from sealdesk.core.token.module import find_token
from sealdesk.errors import InputError, TimestampError
from sealdesk.services.incidents.recovery import recover
from sealdesk.services.sealing.batch import BatchResult, Outcome, seal_documents
from sealdesk.services.sealing.gates import require_sealing_allowed


def _box(_ctx: click.Context, _param: click.Parameter, value: str | None):  # type: ignore[no-untyped-def]
    if value is None:
        return None
    try:
        numbers = tuple(int(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter("give four whole numbers: x1,y1,x2,y2") from None
    if len(numbers) != 4 or numbers[2] <= numbers[0] or numbers[3] <= numbers[1]:
        raise click.BadParameter("give x1,y1,x2,y2 with x2 > x1 and y2 > y1 (PDF points)")
    return numbers


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write each sealed PDF here as NAME.sealed.pdf.")
@click.option("--visible/--invisible", default=None, help="Add a visible seal stamp.")
@click.option("--page", type=int, help="Page for the visible stamp (1 = first, -1 = last).")
@click.option("--box", callback=_box, help="Stamp box x1,y1,x2,y2 in PDF points.")
@click.option("--level", type=click.Choice([lvl.value for lvl in PadesLevel]),
              help="PAdES level (default from configuration, normally B-T).")
@click.option("--reason", help="Reason written into the seal.")
@click.option("--location", help="Location written into the seal.")
@click.option("--operator", help="Operator name recorded in the seal and the audit log.")
@handle_errors
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
) -> None:
    """Seal FILES (PDF) with the configured token; the PIN comes from SEALDESK_PIN or a prompt.

    In a terminal, a wrong PIN is asked again (with the token's tries left) and a token pulled
    out pauses the batch until it is plugged back in; in scripts both stop the batch.
    """
    ctx = open_context(operator)
    recovered = recover(ctx)  # finish what a crashed run left, before anything new is sealed
    if recovered.acted:
        click.echo(recovered.summary(), err=True)
    require_sealing_allowed(ctx)  # before the PIN is asked for: maintenance, self-test owed
    ctx.config = _with_overrides(ctx.config, visible, page, box, level, reason, location)
    cfg = ctx.config.token
    info, _ = find_token(cfg.module, TokenSelector.from_config(cfg), cfg.environment,
                         timeout=cfg.timeout_seconds)
    pin = read_pin(info.label, info.pin)
    prompts = TerminalPrompts(interactive=sys.stdin.isatty(), env_pin=os.environ.get(PIN_ENV))
    batch = _seal_batch(ctx, files, pin, out_dir, prompts)
    while isinstance(batch.stopped_by, TimestampError) and prompts.interactive:
        _report(batch)  # what is done is kept; offer to go on with the rest, or stop
        click.secho(f"Error: {batch.stopped_by.message}", fg="red", err=True)
        if not click.confirm("Retry the documents not sealed yet?", default=True, err=True):
            break
        batch = _seal_batch(ctx, files, pin, out_dir, prompts)
    _report(batch)
    if batch.stopped_by is not None:
        raise batch.stopped_by
    if not batch.ok:
        raise InputError("Some documents were not sealed.", hint="See the messages above.")


def _seal_batch(ctx, files, pin, out_dir, prompts) -> BatchResult:  # type: ignore[no-untyped-def]
    """One run over every file (those sealed before are reported as already sealed)."""
    with click.progressbar(length=len(files), label="Sealing", file=click.get_text_stream("stderr"),
                           show_pos=True) as bar:
        last = [0]

        def progress(done: int, _total: int, _item: str) -> None:
            bar.update(done - last[0])
            last[0] = done

        return seal_documents(
            ctx, list(files), pin, export_dir=out_dir, progress=progress,
            pin_provider=prompts.ask_pin, waiter=prompts.wait_for_token, on_notice=prompts.notice,
        )


def _report(batch: BatchResult) -> None:
    for result in batch.results:
        line = f"{result.outcome.value:15} {result.source}"
        if result.exported_path:
            line += f" -> {result.exported_path}"
        elif result.stored_path:
            line += f" -> {result.stored_path}"
        if result.error:
            line += f"\n{'':15} {result.error.describe()}"
        click.echo(line)
    counts = ", ".join(f"{batch.count(o)} {o.value}" for o in Outcome if batch.count(o))
    click.echo(f"Done: {counts}.")


def _with_overrides(config, visible, page, box, level, reason, location):  # type: ignore[no-untyped-def]
    seal_cfg = config.seal
    stamp = seal_cfg.visible
    stamp = VisibleStampConfig(
        enabled=stamp.enabled if visible is None else visible,
        page=page if page is not None else stamp.page,
        box=box or stamp.box,
    )
    seal_cfg = dataclasses.replace(
        seal_cfg,
        visible=stamp,
        level=PadesLevel(level) if level else seal_cfg.level,
        reason=reason if reason is not None else seal_cfg.reason,
        location=location if location is not None else seal_cfg.location,
    )
    return dataclasses.replace(config, seal=seal_cfg)
