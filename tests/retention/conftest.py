"""Retention tests run on the rotation ceremony's installation: the demo token, three custodians
on their own SoftHSM2 tokens (Alice, Bob, Carol), a 2-of-3 quorum policy; real PDFs, SQLite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sealdesk.core.retention.classes import RetentionClass, RetentionRules
from sealdesk.core.samples import make_text_pdf
from sealdesk.services import retention
from sealdesk.services.keys import rotation
from sealdesk.services.sealing.batch import seal_documents
from tests.rotation.conftest import Ceremony, ceremony, ceremony_template, custodian_ca

RULES = RetentionRules((RetentionClass("invoices", "10y", "sealing"),
                        RetentionClass("contracts", "1y", "event"),
                        RetentionClass("short", "30d", "sealing")), default="invoices")


def adopt_rules(ceremony: Ceremony, rules: RetentionRules = RULES) -> None:
    """Propose the classes, have Alice and Bob approve, execute: the signing policy's classes."""
    view = retention.propose_classes(ceremony.ctx, rules, reason="Retention schedule 2026",
                                     algorithms=("ec-p256", "rsa-3072"))
    pid = view.proposal_id  # type: ignore[attr-defined]
    ceremony.decide(pid, "Alice")
    ceremony.decide(pid, "Bob")
    rotation.execute(ceremony.ctx, pid)


def seal(ceremony: Ceremony, folder: Path, *names: str, retention_class: str | None = None
         ) -> list[str]:
    """Seal real PDFs; returns the originals' SHA-256 in order."""
    files = [make_text_pdf(folder / f"{n}.pdf", n, [f"Contents of {n}"]) for n in names]
    batch = seal_documents(ceremony.ctx, files, ceremony.seal_pin, retention=retention_class)
    assert all(r.sha256 for r in batch.results), batch.results
    return [str(r.sha256) for r in batch.results]


def make_due(ceremony: Ceremony, shas: list[str]) -> None:
    """Contracts that ended in 2020: class 'contracts' (1 year from the date given), clock
    started at 2020-01-01, so due since 2021 — the real path, no clock tricks."""
    retention.set_class(ceremony.ctx, shas, "contracts", reason="Supplier contract")
    retention.start_clock(ceremony.ctx, shas, dt.date(2020, 1, 1), reason="Contract ended")


def approve_deletion(ceremony: Ceremony, shas: list[str], *approvers: str) -> str:
    view = retention.propose_deletion(ceremony.ctx, shas, reason="Retention ended")
    pid = view.proposal_id  # type: ignore[attr-defined]
    for name in approvers or ("Alice",):
        ceremony.decide(pid, name)
    return pid


__all__ = ["Ceremony", "ceremony", "ceremony_template", "custodian_ca", "pytest"]
