"""Issue 8, item 3: an administrator stops all sealing with a reason; everything else works."""

from __future__ import annotations

from pathlib import Path

import pytest

from sealdesk.core.audit.events import EventType
from sealdesk.errors import AuditKeyLoginRequiredError, InputError, PermissionDeniedError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.context import Actor, AppContext
from sealdesk.services.incidents import maintenance
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.incidents.support import events, run_cli, seals


def test_maintenance_stops_sealing_with_the_reason_and_is_audited(
    signed_ctx: AppContext, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    demo_ctx = signed_ctx  # switching is a signed act: the administrator gave the PIN
    assert not maintenance.current(demo_ctx).enabled
    state = maintenance.enable(demo_ctx, "Seal key under investigation (ticket 4711)")
    logins = len(events(demo_ctx, EventType.TOKEN_LOGIN_SUCCEEDED))  # the switch's own login
    assert state.enabled and state.by == demo_ctx.actor.identity and state.since is not None
    with pytest.raises(PermissionDeniedError) as refused:
        seal_documents(demo_ctx, [pdf_factory("contract")], demo_pin)
    message = refused.value.message
    assert message.startswith("Sealing is stopped: Seal key under investigation (ticket 4711)")
    assert "since " in message and f"by {demo_ctx.actor.identity}" in message
    assert not seals(demo_ctx)
    assert len(events(demo_ctx, EventType.TOKEN_LOGIN_SUCCEEDED)) == logins, (
        "refused before the token")

    maintenance.disable(demo_ctx)
    assert seal_documents(demo_ctx, [pdf_factory("contract")], demo_pin).ok
    enabled = events(demo_ctx, EventType.MAINTENANCE_ENABLED)
    disabled = events(demo_ctx, EventType.MAINTENANCE_DISABLED)
    assert [e["details"]["reason"] for e in enabled] == [
        "Seal key under investigation (ticket 4711)"]
    assert disabled[0]["details"]["was_stopped_for"] == enabled[0]["details"]["reason"]


def test_switching_twice_records_once_and_a_reason_is_required(signed_ctx: AppContext) -> None:
    demo_ctx = signed_ctx
    with pytest.raises(InputError, match="Say why"):
        maintenance.enable(demo_ctx, "   ")
    maintenance.enable(demo_ctx, "TSA audit")
    maintenance.enable(demo_ctx, "TSA audit")
    maintenance.disable(demo_ctx)
    maintenance.disable(demo_ctx)
    assert len(events(demo_ctx, EventType.MAINTENANCE_ENABLED)) == 1
    assert len(events(demo_ctx, EventType.MAINTENANCE_DISABLED)) == 1


def test_only_an_administrator_switches(demo_ctx: AppContext) -> None:
    """Another OS account holds no role while the installation owner's bootstrap lasts."""
    demo_ctx.actor = Actor("mallory", os_user="mallory")
    with pytest.raises(PermissionDeniedError, match="administrator"):
        maintenance.enable(demo_ctx, "not mine to stop")
    assert not maintenance.current(demo_ctx).enabled
    assert not events(demo_ctx, EventType.MAINTENANCE_ENABLED)


def test_cli_maintenance_seal_refused_verify_still_works(
    demo_ctx: AppContext, sealdesk_home: Path, demo_pin: str, pdf_factory,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    sealed = seal_documents(demo_ctx, [pdf_factory("before")], demo_pin,
                            export_dir=tmp_path / "out")
    assert sealed.count(Outcome.SEALED) == 1
    on = run_cli(sealdesk_home, "maintenance", "on", "--reason", "Incident 12: TSA compromised",
                 pin=demo_pin)  # a signed act: the administrator gives the token's PIN
    assert on.returncode == 0, on.stderr
    status = run_cli(sealdesk_home, "maintenance", "status")
    assert "Sealing is stopped: Incident 12: TSA compromised" in status.stdout

    refused = run_cli(sealdesk_home, "seal", str(pdf_factory("during")), pin=demo_pin)
    assert refused.returncode == ExitCode.PERMISSION, refused.stderr
    assert "Error: Sealing is stopped: Incident 12: TSA compromised" in refused.stderr
    assert "sealdesk maintenance off" in refused.stderr

    exported = sealed.results[0].exported_path
    assert exported is not None
    verified = run_cli(sealdesk_home, "verify", str(exported))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    audit = run_cli(sealdesk_home, "audit", "verify")
    assert audit.returncode == 0, audit.stdout + audit.stderr

    off = run_cli(sealdesk_home, "maintenance", "off", pin=demo_pin)
    assert off.returncode == 0 and "Sealing is allowed." in off.stdout
    again = run_cli(sealdesk_home, "seal", str(pdf_factory("after")), pin=demo_pin)
    assert again.returncode == 0, again.stderr


def test_switching_without_a_login_is_refused_before_any_change(demo_ctx: AppContext) -> None:
    """A signed act called with no token login: refused up front, nothing written."""
    with pytest.raises(AuditKeyLoginRequiredError, match="needs the token's PIN"):
        maintenance.enable(demo_ctx, "no PIN given")
    assert not maintenance.current(demo_ctx).enabled
    assert not events(demo_ctx, EventType.MAINTENANCE_ENABLED)
    assert not events(demo_ctx, EventType.TOKEN_LOGIN_SUCCEEDED)
