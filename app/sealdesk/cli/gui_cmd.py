"""``sealdesk gui``: the desktop console (PySide6 is imported only when it starts)."""

from __future__ import annotations

import click


@click.command()
@click.option("--smoke-test", is_flag=True,
              help="Exit 0 as soon as the main window is shown (checks an installation).")
def gui(smoke_test: bool) -> None:
    """Start the desktop console (demo mode is set up on first start without a token)."""
    from sealdesk.ui.app import main as gui_main

    raise SystemExit(gui_main(["sealdesk", "--smoke-test"] if smoke_test else None))
