"""Reading roles or the policy fails closed, and deleted rows do not bring the bootstrap back.

Before: a missing or unreadable roles table could be read as "no roles assigned yet" (the
bootstrap: the owner holds every role), and an empty ``quorum_policies`` table reopened the
custodian bootstrap, so custodian and administrator grants no longer needed the quorum.
"""

from __future__ import annotations

import pytest

from sealdesk.core.rotation.errors import BootstrapClosedError
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.access.admin import change_role
from sealdesk.services.access.roles import Role, RolesUnreadableError
from sealdesk.services.keys import custodians as custodian_service
from tests.attacks.authority.conftest import Scene
from tests.rotation.helpers import CUSTODIAN_PIN, make_holder


def test_a_dropped_roles_table_refuses_instead_of_the_bootstrap(scene: Scene) -> None:
    change_role(scene.ctx, Role.OPERATOR, "olga")  # the bootstrap is over
    scene.sql("DROP TABLE role_assignments")
    with pytest.raises(RolesUnreadableError, match="could not read the role assignments"):
        change_role(scene.ctx, Role.AUDITOR, "eve")


def test_deleted_role_rows_do_not_bring_the_bootstrap_back(scene: Scene) -> None:
    change_role(scene.ctx, Role.OPERATOR, "olga")
    before = scene.effects()
    scene.sql("DELETE FROM role_assignments")
    with pytest.raises(RecordIntegrityError, match=r"role_assignments table is empty, but "
                                                   r"audit entry \d+ records a role change"):
        change_role(scene.ctx, Role.AUDITOR, "eve")
    after = scene.effects()
    assert after["audit_entries"] == before["audit_entries"]


def test_deleted_policy_rows_do_not_reopen_the_custodian_bootstrap(scene: Scene) -> None:
    mallory = make_holder(scene.ctx, scene.ceremony.issuer, "Mallory")
    scene.sql("DELETE FROM quorum_policies")
    before = scene.effects()
    with pytest.raises(RecordIntegrityError, match="quorum_policies table lacks"):
        custodian_service.register_custodian(scene.ctx, "Mallory", mallory.cert_pem,
                                             mallory.where, CUSTODIAN_PIN)
    with pytest.raises(RecordIntegrityError, match="quorum_policies table lacks"):
        change_role(scene.ctx, Role.ADMINISTRATOR, "mallory")
    assert scene.effects() == before


def test_a_custodian_grant_still_needs_the_quorum(scene: Scene) -> None:
    """The honest path is unchanged: with the policy in force, it becomes a proposal."""
    change = change_role(scene.ctx, Role.CUSTODIAN, "dora", reason="Dora joins")
    assert not change.applied and change.proposal_id
    with pytest.raises(BootstrapClosedError):
        custodian_service.set_initial_policy(scene.ctx, custodian_service.QuorumPolicy.uniform(1))
