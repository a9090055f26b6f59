"""Who acts is the operating system's answer: the real uid, never $USER or $LOGNAME (issue 17).

The attack: another OS account sets ``USER=owner`` (and LOGNAME, USERNAME) and runs the CLI,
hoping to hold the owner's roles and to have its acts logged under the owner's name. A test
cannot switch uids, so it runs the CLI as this account with the variables naming someone else
and checks that the identity logged is the real account, and that a role bound to the name in
the variables is not held.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from sealdesk.core.audit.events import EventType
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.roles import Role, matches, roles_of
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import Actor, AppContext, os_account
from sealdesk.storage.access.models import RoleAssignment
from sealdesk.storage.audit.models import AuditEntry

APP = Path(__file__).resolve().parents[2] / "app"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sealdesk.cli.main", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_actor_is_the_real_uid_whatever_the_environment_says(
        demo_ctx: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = pwd.getpwuid(os.geteuid()).pw_name
    for variable in ("USER", "LOGNAME", "USERNAME"):
        monkeypatch.setenv(variable, "someone-else")
    assert os_account() == (real, os.geteuid())
    assert Actor.current("Night shift").os_user == real


def test_a_cli_run_with_user_set_to_someone_else_is_logged_as_the_real_account(
        demo_ctx: AppContext) -> None:
    real = pwd.getpwuid(os.geteuid()).pw_name
    env = {**os.environ, "PYTHONPATH": str(APP), "USER": "someone-else",
           "LOGNAME": "someone-else", "USERNAME": "someone-else", "SEALDESK_PIN": DEMO_PIN}
    done = _cli("role", "grant", "auditor", "--user", "auditor-x", env=env)
    assert done.returncode == 0, done.stderr + done.stdout
    with demo_ctx.database.reader() as session:
        payloads = [json.loads(p) for p in session.execute(
            select(AuditEntry.payload).where(AuditEntry.event_type == EventType.ROLE_CHANGED)
            .order_by(AuditEntry.idx)).scalars()]
        rows = list(session.execute(select(RoleAssignment)).scalars())
    granted = [p for p in payloads if p["subject"]["os_user"] == "auditor-x"]
    assert len(granted) == 1
    assert granted[0]["actor"] == real and "someone-else" not in json.dumps(payloads)
    # The bootstrap rows written on the way bind the owner's uid, not a name alone.
    owner_rows = [r for r in rows if r.bootstrap]
    assert owner_rows and {(r.os_user, r.os_uid) for r in owner_rows} == {(real, os.geteuid())}


def test_a_role_row_bound_to_another_uid_is_not_held(demo_ctx: AppContext) -> None:
    """A row that names this account but another uid (a name reused by another account)."""
    real, uid = os_account()
    row = RoleAssignment(os_user=real, os_uid=uid + 1, operator="*", role=Role.AUDITOR.value)
    assert not matches(row, Actor.current())
    assert matches(RoleAssignment(os_user=real, os_uid=uid, operator="*", role="auditor"),
                   Actor.current())


def test_a_role_row_written_into_the_database_is_refused_naming_it(
        signed_ctx: AppContext) -> None:
    """An INSERT by someone who can write the database: no role.changed event, no role."""
    change_role(signed_ctx, Role.OPERATOR, "olga")  # the bootstrap is over, rows decide
    with signed_ctx.database.transaction() as session:
        session.add(RoleAssignment(os_user="mallory", os_uid=None, operator="*",
                                   role=Role.ADMINISTRATOR.value,
                                   granted_at=dt.datetime.now(dt.UTC), granted_by="mallory",
                                   proposal_id="", bootstrap=False, revoked_by=""))
    with pytest.raises(RecordIntegrityError,
                       match=r"role_assignments row \d+ \(mallory/\*: administrator\) is "
                             "active, but the audit log records no such grant"):
        roles_of(signed_ctx, Actor("mallory", os_user="mallory"))
