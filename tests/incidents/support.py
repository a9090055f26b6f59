"""Helpers the incident tests share: the CLI as a subprocess, audit events by type."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sealdesk.config import PadesLevel, SealConfig, TrustConfig, TsaConfig, save_config, with_token
from sealdesk.core.audit.events import EventType
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.documents.models import Seal
from tests.fixtures.pki import TestPKI
from tests.fixtures.tokens import SoftToken

SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]


def run_cli(home: Path, *args: str, pin: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 180,
            ) -> subprocess.CompletedProcess[str]:
    """``sealdesk ARGS`` in a child process on installation ``home`` (stdin closed: a script)."""
    base = {k: v for k, v in os.environ.items() if k != "SEALDESK_PIN"}
    base["SEALDESK_HOME"] = str(home)
    if pin is not None:
        base["SEALDESK_PIN"] = pin
    base.update(env or {})
    return subprocess.run([*SEALDESK, *args], env=base, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, check=False)


def events(ctx: AppContext, kind: EventType) -> list[dict[str, Any]]:
    """Payloads of every event of ``kind``, oldest first."""
    with ctx.database.reader() as session:
        rows = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == kind.value).order_by(AuditEntry.idx)).scalars()
        return [json.loads(bytes(p)) for p in rows]


def seals(ctx: AppContext) -> list[Seal]:
    with ctx.database.reader() as session:
        return list(session.execute(select(Seal).order_by(Seal.id)).scalars())


def leftovers(ctx: AppContext) -> list[Path]:
    """Partial files anywhere in the store: staged files and temporary copies."""
    return [*ctx.store.staged_files(), *ctx.store.temporary_files()]


PKI_KEY_LABEL = "pki-seal"


def use_pki_seal_key(ctx: AppContext, token: SoftToken, pki: TestPKI, folder: Path,
                     *, revocation: str = "hard-fail") -> None:
    """Seal with the loopback PKI's EC signer (OCSP and CRL published) on ``token``, stamp with
    its TSA, trust its root; the configuration file follows, so the CLI sees the same."""
    with token.session() as session:
        pki.import_signer_to_token(session.session, "ec", PKI_KEY_LABEL, b"\x01")
    anchor = folder / "pki-root.pem"
    anchor.write_bytes(pki.root_cert_pem)
    config = with_token(
        ctx.config, module=token.module, label=token.label, serial="", manufacturer="",
        model="", environment=token.environment, seal_key_label=PKI_KEY_LABEL,
    )
    ctx.config = dataclasses.replace(
        config, tsa=TsaConfig(url=pki.tsa_url), seal=SealConfig(level=PadesLevel.B_T),
        trust=TrustConfig(anchors=(str(anchor),), revocation=revocation), demo=False)
    save_config(ctx.config, ctx.paths.config_file)
