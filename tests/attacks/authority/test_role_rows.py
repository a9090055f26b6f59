"""Attacks on role_assignments with raw SQL: a role the log never granted is refused, named."""

from __future__ import annotations

import pytest

from sealdesk.errors import RecordIntegrityError
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.roles import Role, roles_of
from sealdesk.services.context import Actor
from tests.attacks.authority.conftest import Scene


def test_an_inserted_administrator_row_is_refused(scene: Scene) -> None:
    change_role(scene.ctx, Role.OPERATOR, "olga")
    scene.sql("INSERT INTO role_assignments (os_user, operator, role, granted_at, granted_by, "
              "proposal_id, bootstrap, revoked_by) VALUES ('mallory', '*', 'administrator', "
              "CURRENT_TIMESTAMP, 'installation (bootstrap)', '', TRUE, '')")
    (row_id,) = scene.rows("SELECT id FROM role_assignments WHERE os_user = 'mallory'")[0]
    before = scene.effects()
    with pytest.raises(RecordIntegrityError, match=f"role_assignments row {row_id} "):
        roles_of(scene.ctx, Actor("mallory", os_user="mallory"))
    with pytest.raises(RecordIntegrityError, match=f"role_assignments row {row_id} "):
        change_role(scene.ctx, Role.AUDITOR, "eve")  # the honest admin is stopped too
    assert scene.effects() == before


def test_a_revoked_row_set_active_again_is_refused(scene: Scene) -> None:
    change_role(scene.ctx, Role.OPERATOR, "olga")
    change_role(scene.ctx, Role.OPERATOR, "olga", grant=False)
    assert Role.OPERATOR not in roles_of(scene.ctx, Actor("olga", os_user="olga"))
    scene.sql("UPDATE role_assignments SET revoked_at = NULL WHERE os_user = 'olga'")
    with pytest.raises(RecordIntegrityError, match=r"\(olga/\*: operator\) is active"):
        roles_of(scene.ctx, Actor("olga", os_user="olga"))
