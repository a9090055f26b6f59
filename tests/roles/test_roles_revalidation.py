"""Running a revalidation needs the auditor or the operator role (refused otherwise, recorded)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.errors import PermissionDeniedError
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.roles import Role
from sealdesk.services.context import Actor, AppContext
from sealdesk.services.revalidation.verification import policy_from
from sealdesk.storage.audit.models import AuditEntry

revalidation = pytest.importorskip("sealdesk.services.revalidation.runs")
plan = pytest.importorskip("sealdesk.services.revalidation.plan")


def test_only_auditors_and_operators_run_revalidation(signed_ctx: AppContext) -> None:
    for role, user in ((Role.CUSTODIAN, "carl"), (Role.ADMINISTRATOR, "adam"),
                       (Role.AUDITOR, "ada")):
        change_role(signed_ctx, role, user)
    policy = policy_from(signed_ctx)
    for user in ("carl", "adam"):
        signed_ctx.actor = Actor(user, os_user=user)
        with pytest.raises(PermissionDeniedError, match="run revalidation"):
            revalidation.create_run(signed_ctx, plan.Scope.everything(), policy)
        with pytest.raises(PermissionDeniedError, match="auditor or operator role"):
            revalidation.execute_run(signed_ctx, 1)
    with signed_ctx.database.reader() as session:
        denied = [json.loads(p)["details"]["action"] for p in session.execute(
            select(AuditEntry.payload).where(
                AuditEntry.event_type == EventType.ACCESS_DENIED.value)).scalars()]
    assert denied == ["run revalidation"] * 4
    signed_ctx.actor = Actor("ada", os_user="ada")
    run_id = revalidation.create_run(signed_ctx, plan.Scope.everything(), policy)
    assert revalidation.execute_run(signed_ctx, run_id, workers=1) is not None
