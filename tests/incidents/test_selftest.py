"""Issue 8, item 5: after an update nothing is sealed until a self-test passes; versions logged."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

import sealdesk
from sealdesk.config import TrustConfig
from sealdesk.core.audit.events import EventType
from sealdesk.errors import PermissionDeniedError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.context import AppContext
from sealdesk.services.incidents import selftest
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.storage.audit.models import Checkpoint
from sealdesk.storage.incidents.models import SoftwareState
from tests.incidents.support import events, run_cli, seals


def _pretend_updated_from(ctx: AppContext, version: str) -> None:
    with ctx.database.transaction() as session:
        session.execute(update(SoftwareState).values(version=version))


def test_a_new_installation_seals_at_once(demo_ctx: AppContext) -> None:
    state = selftest.status(demo_ctx)
    assert not state.required and state.last_version == sealdesk.__version__


def test_after_an_update_sealing_waits_for_a_passing_selftest(
    demo_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    _pretend_updated_from(demo_ctx, "0.0.9")
    with pytest.raises(PermissionDeniedError) as refused:
        seal_documents(demo_ctx, [pdf_factory("contract")], demo_pin)
    assert refused.value.message.startswith(
        f"Self-test required after update: SealDesk was updated from 0.0.9 to "
        f"{sealdesk.__version__}")
    assert "sealdesk selftest" in refused.value.hint

    result = selftest.run_selftest(demo_ctx, demo_pin)
    assert result.passed, result.checks
    assert [c for c, _, _ in result.checks] == ["audit log", "seal canary", "verify canary"]
    assert not selftest.status(demo_ctx).required
    passed = events(demo_ctx, EventType.SELFTEST_PASSED)[-1]
    assert passed["subject"] == {"check": "update"}
    assert passed["details"]["version"] == sealdesk.__version__
    assert passed["details"]["indication"] == "PASSED"
    # The canary never enters the documents: it lives under <data>/selftest only.
    assert not seals(demo_ctx)
    canary = demo_ctx.paths.data_dir / "selftest" / "canary.sealed.pdf"
    assert canary.is_file()
    assert not demo_ctx.store.contains(passed["details"]["sealed_sha256"])
    assert seal_documents(demo_ctx, [pdf_factory("contract")], demo_pin).ok


def test_a_failing_selftest_is_recorded_and_sealing_stays_refused(
    demo_ctx: AppContext, demo_pin: str, tmp_path: Path, pki,  # type: ignore[no-untyped-def]
) -> None:
    """A wrong trust anchor (another PKI's root) makes the canary untrusted: FAILED."""
    _pretend_updated_from(demo_ctx, "0.0.9")
    other_root = tmp_path / "other-root.pem"
    other_root.write_bytes(pki.root_cert_pem)
    demo_ctx.config = dataclasses.replace(
        demo_ctx.config, trust=TrustConfig(anchors=(str(other_root),), revocation="soft-fail"))
    result = selftest.run_selftest(demo_ctx, demo_pin)
    assert not result.passed
    assert result.checks[-1][0] == "verify canary" and not result.checks[-1][1]
    failed = events(demo_ctx, EventType.SELFTEST_FAILED)[-1]
    assert failed["details"]["version"] == sealdesk.__version__
    assert selftest.status(demo_ctx).required


def test_cli_selftest_then_seal(demo_ctx: AppContext, sealdesk_home: Path, demo_pin: str,  # type: ignore[no-untyped-def]
                                pdf_factory) -> None:
    _pretend_updated_from(demo_ctx, "0.0.9")
    refused = run_cli(sealdesk_home, "seal", str(pdf_factory("a")), pin=demo_pin)
    assert refused.returncode == ExitCode.PERMISSION
    assert "Self-test required after update" in refused.stderr
    status = run_cli(sealdesk_home, "maintenance", "status")
    assert "Self-test required after update" in status.stdout
    ran = run_cli(sealdesk_home, "selftest", pin=demo_pin)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "Self-test passed" in ran.stdout
    assert run_cli(sealdesk_home, "seal", str(pdf_factory("a")), pin=demo_pin).returncode == 0


def test_every_seal_event_and_checkpoint_records_the_software_version(
    demo_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    assert seal_documents(demo_ctx, [pdf_factory(f"v{i}") for i in range(2)], demo_pin).ok
    sealed = events(demo_ctx, EventType.DOCUMENT_SEALED)
    assert len(sealed) == 2
    assert {e["software_version"] for e in sealed} == {sealdesk.__version__}
    with demo_ctx.database.reader() as session:
        signed = list(session.execute(select(Checkpoint.signed_payload)).scalars())
    assert signed
    for payload in signed:
        assert json.loads(bytes(payload))["software_version"] == sealdesk.__version__
