"""Roles: what each role may not do is refused with a clear message and recorded.

Bootstrap: the account that initialised the installation holds every role until the first role
change, which writes those assignments as audited ``role.changed`` events; then the table alone
decides. Custodian and administrator grants go through the quorum once a policy is set.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from sealdesk.cli.main import cli
from sealdesk.core.audit.events import EventType
from sealdesk.core.rotation.actions import ProposalStatus
from sealdesk.core.rotation.decision import Decision
from sealdesk.errors import PermissionDeniedError, ReadOnlyError
from sealdesk.exit_codes import ExitCode
from sealdesk.services.access.admin import change_role, list_roles
from sealdesk.services.access.roles import Role, roles_of
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.console.settings import apply_settings
from sealdesk.services.context import Actor, AppContext
from sealdesk.services.evidence.export import Selection, export_bundle
from sealdesk.services.keys import rotation
from sealdesk.services.keys.proposals import propose_key_rotation
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.storage.audit.models import AuditEntry
from tests.rotation.conftest import Ceremony

PEOPLE = {Role.OPERATOR: "olga", Role.CUSTODIAN: "carl", Role.AUDITOR: "ada",
          Role.ADMINISTRATOR: "adam"}


def _events(ctx: AppContext, kind: EventType) -> list[dict]:  # type: ignore[type-arg]
    with ctx.database.reader() as session:
        rows = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == kind.value).order_by(AuditEntry.idx)).scalars()
        return [json.loads(r) for r in rows]


def test_the_initialising_account_holds_every_role_until_the_first_change(
        signed_ctx: AppContext) -> None:
    assert roles_of(signed_ctx) == frozenset(Role)
    assert roles_of(signed_ctx, Actor("any name", signed_ctx.actor.os_user)) == frozenset(Role)
    assert roles_of(signed_ctx, Actor("eve", "eve")) == frozenset()
    assert {v.source for v in list_roles(signed_ctx)} == {"bootstrap (implicit)"}
    assert _events(signed_ctx, EventType.ROLE_CHANGED) == []

    change_role(signed_ctx, Role.AUDITOR, "eve")
    changes = [e["details"] for e in _events(signed_ctx, EventType.ROLE_CHANGED)]
    assert [(c["role"], c.get("bootstrap", False)) for c in changes] == [
        ("operator", True), ("custodian", True), ("auditor", True), ("administrator", True),
        ("auditor", False)]
    assert roles_of(signed_ctx) == frozenset(Role)  # kept, now as explicit assignments
    assert roles_of(signed_ctx, Actor("eve", "eve")) == {Role.AUDITOR}
    with pytest.raises(Exception, match="last administrator"):
        change_role(signed_ctx, Role.ADMINISTRATOR, signed_ctx.actor.os_user, grant=False)


def _forbidden(ctx: AppContext, files: list[Path], out: Path) -> dict[str, Callable[[], object]]:
    return {
        "seal documents": lambda: seal_documents(ctx, files, DEMO_PIN),
        "export evidence bundles": lambda: export_bundle(
            ctx, Selection(hashes=("ab" * 32,)), out, DEMO_PIN),
        "change the settings": lambda: apply_settings(ctx, {}),
        "grant roles": lambda: change_role(ctx, Role.AUDITOR, "someone"),
        "make proposals": lambda: propose_key_rotation(ctx, "seal", reason="test"),
        "approve or reject proposals": lambda: rotation.decide(
            ctx, "0" * 16, Decision.APPROVE, None, None),  # type: ignore[arg-type]
        "execute approved proposals": lambda: rotation.execute(ctx, "0" * 16),
    }


ALLOWED = {
    Role.OPERATOR: {"seal documents", "execute approved proposals"},
    Role.CUSTODIAN: {"make proposals", "approve or reject proposals"},
    Role.AUDITOR: {"export evidence bundles"},
    Role.ADMINISTRATOR: {"change the settings", "grant roles", "make proposals",
                         "execute approved proposals"},
}


def test_each_role_is_refused_what_it_may_not_do_and_the_refusal_is_recorded(
        signed_ctx: AppContext, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for role, user in PEOPLE.items():
        change_role(signed_ctx, role, user)
    owner = signed_ctx.actor
    files = [pdf_factory("memo")]
    for role, user in PEOPLE.items():
        signed_ctx.actor = Actor(user.title(), os_user=user)
        assert roles_of(signed_ctx) == {role}
        for action, attempt in _forbidden(signed_ctx, files, tmp_path / "b.zip").items():
            if action in ALLOWED[role]:
                continue
            before = len(_events(signed_ctx, EventType.ACCESS_DENIED))
            with pytest.raises(PermissionDeniedError) as refused:
                attempt()
            message = refused.value.message
            assert signed_ctx.actor.identity in message and action in message
            assert "needs the " in message and f"(held: {role.value})" in message
            assert "sealdesk role grant" in refused.value.hint and owner.os_user in (
                refused.value.hint)
            denied = _events(signed_ctx, EventType.ACCESS_DENIED)
            assert len(denied) == before + 1
            assert denied[-1]["actor"] == signed_ctx.actor.identity
            assert denied[-1]["details"]["action"] == action
            assert denied[-1]["details"]["held"] == [role.value]
    signed_ctx.actor = Actor("Olga", os_user="olga")
    batch = seal_documents(signed_ctx, files, DEMO_PIN)  # what the operator may do, works
    assert batch.ok
    sealed = _events(signed_ctx, EventType.DOCUMENT_SEALED)[-1]
    assert sealed["actor"] == "Olga (os:olga)"  # the actor is recorded with the act
    signed_ctx.actor = Actor("Ada", os_user="ada")
    result = export_bundle(signed_ctx, Selection(files=tuple(files)), tmp_path / "ok.zip",
                           DEMO_PIN)
    assert result.documents == 1
    assert _events(signed_ctx, EventType.EVIDENCE_EXPORTED)[-1]["actor"] == "Ada (os:ada)"


def test_an_operator_name_can_be_part_of_the_assignment(signed_ctx: AppContext) -> None:
    change_role(signed_ctx, Role.OPERATOR, "shared", "Night shift")
    assert roles_of(signed_ctx, Actor("night shift", "shared")) == {Role.OPERATOR}
    assert roles_of(signed_ctx, Actor("Day shift", "shared")) == frozenset()


def test_custodian_and_administrator_grants_need_the_quorum(ceremony: Ceremony) -> None:
    ctx = ceremony.ctx
    direct = change_role(ctx, Role.OPERATOR, "olga")
    assert direct.applied
    change = change_role(ctx, Role.CUSTODIAN, "dora", reason="Dora joins the custodians")
    assert not change.applied and change.proposal_id in change.message
    assert roles_of(ctx, Actor("dora", "dora")) == frozenset()
    ceremony.decide(change.proposal_id, "Bob")
    ceremony.decide(change.proposal_id, "Carol")
    done = rotation.execute(ctx, change.proposal_id)
    assert done.status == ProposalStatus.EXECUTED
    assert roles_of(ctx, Actor("dora", "dora")) == {Role.CUSTODIAN}
    granted = _events(ctx, EventType.ROLE_CHANGED)[-1]["details"]
    assert granted["quorum"] is True and granted["proposal_id"] == change.proposal_id
    report = rotation.verify_quorum_offline(ctx, change.proposal_id)
    assert report.ok, report.problems


def test_a_read_only_context_refuses_up_front_and_records_nothing(
        demo_ctx: AppContext, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    viewer = AppContext.open(demo_ctx.paths, read_only=True)
    try:
        with pytest.raises(ReadOnlyError, match="read-only"):
            seal_documents(viewer, [pdf_factory("x")], DEMO_PIN)
    finally:
        viewer.close()
    assert _events(demo_ctx, EventType.ACCESS_DENIED) == []


def test_role_commands_and_a_refused_seal_from_the_command_line(
        demo_ctx: AppContext, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner(env={"SEALDESK_PIN": DEMO_PIN})  # role changes are signed acts
    listed = runner.invoke(cli, ["role", "list"])
    assert listed.exit_code == 0 and "bootstrap (implicit)" in listed.output
    granted = runner.invoke(cli, ["role", "grant", "auditor", "--user", "eve"])
    assert granted.exit_code == 0 and "Role auditor granted to eve." in granted.output
    assert "eve" in runner.invoke(cli, ["role", "list"]).output
    document = str(pdf_factory("cli"))
    owner = demo_ctx.actor.os_user
    # The owner gives up the operator role: their seal is refused (exit code 8, what to do).
    runner.invoke(cli, ["role", "grant", "operator", "--user", "eve"])
    assert runner.invoke(cli, ["role", "revoke", "operator", "--user", owner]).exit_code == 0
    with pytest.MonkeyPatch.context() as env:  # only these variables; SEALDESK_HOME stays
        env.setenv("SEALDESK_PIN", DEMO_PIN)
        # Claiming to be eve (who is an operator) through the environment changes nothing:
        # the person is the real uid (issue 17).
        for variable in ("USER", "LOGNAME", "LNAME", "USERNAME"):
            env.setenv(variable, "eve")
        refused = runner.invoke(cli, ["seal", document])
    assert refused.exit_code == ExitCode.PERMISSION, refused.output
    assert "needs the operator role" in refused.output and "sealdesk role grant" in refused.output
    assert f"{owner} may not seal" in refused.output
    revoked = runner.invoke(cli, ["role", "revoke", "auditor", "--user", "eve"])
    assert revoked.exit_code == 0, revoked.output
    last = runner.invoke(cli, ["role", "revoke", "administrator", "--user",
                               demo_ctx.actor.os_user])
    assert last.exit_code == ExitCode.INPUT and "last administrator" in last.output
