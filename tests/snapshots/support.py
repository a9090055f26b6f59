"""Shared steps of the snapshot tests: seal real PDFs, take a snapshot with the demo token."""

from __future__ import annotations

from pathlib import Path

from sealdesk.core.samples import make_text_pdf
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.snapshots import SnapshotResult, create_snapshot


def seal_new(ctx: AppContext, folder: Path, names: list[str]) -> list[str]:
    """Seal one fresh PDF per name; return the sealed files' SHA-256."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [make_text_pdf(folder / f"{n}.pdf", n, [f"Contents of {n}"]) for n in names]
    batch = seal_documents(ctx, files, DEMO_PIN)
    assert batch.count(Outcome.SEALED) == len(names)
    return [r.sealed_sha256 for r in batch.results]


def snapshot(ctx: AppContext, *, reason: str = "test", to: Path | None = None) -> SnapshotResult:
    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), DEMO_PIN,
                            environment=cfg.environment) as token:
        return create_snapshot(ctx, token, reason=reason, to=to)
