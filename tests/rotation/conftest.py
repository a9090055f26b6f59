"""A rotation ceremony per test: the demo installation, three custodians on their own tokens.

The custodian tokens are initialised in the demo token's SoftHSM2 folder, so every token of
the test is reached with one module environment (``SOFTHSM2_CONF``). SoftHSM2 reads that
variable at C_Initialize and python-pkcs11 keeps one library per module path: tokens in
separate folders would force a re-initialisation of the module between every login, which is
only possible while no session is open. One folder, several tokens, is also what a reader with
several cards looks like to the module: each custodian still has their own token, key and PIN.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.services import custodians as custodian_service
from sealdesk.services import rotation
from sealdesk.services.context import AppContext
from sealdesk.services.rotation_views import ProposalView
from tests.rotation.helpers import CUSTODIAN_PIN, Holder, make_holder

NAMES = ("Alice", "Bob", "Carol")


@dataclass
class Ceremony:
    ctx: AppContext
    holders: dict[str, Holder]
    issuer: CertificateAuthority
    seal_pin: str

    def decide(self, pid: str, name: str, decision: Decision = Decision.APPROVE,
               **kwargs: object) -> ProposalView:
        holder = self.holders[name]
        return rotation.decide(self.ctx, pid, decision, holder.where, CUSTODIAN_PIN,
                               **kwargs)  # type: ignore[arg-type]

    def propose_seal_rotation(self, **kwargs: object) -> ProposalView:
        from sealdesk.services.rotation_proposals import propose_key_rotation

        kwargs.setdefault("reason", "Yearly rotation of the seal key")
        return propose_key_rotation(self.ctx, "seal", **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def custodian_ca() -> CertificateAuthority:
    return CertificateAuthority.create_root("Test Custodian CA")


@pytest.fixture
def ceremony(demo_ctx: AppContext, demo_pin: str,
             custodian_ca: CertificateAuthority) -> Ceremony:
    """Demo installation, custodians Alice, Bob, Carol registered, policy 2-of-3 for all."""
    holders = {name: make_holder(demo_ctx, custodian_ca, name) for name in NAMES}
    for holder in holders.values():
        custodian_service.register_custodian(demo_ctx, holder.name, holder.cert_pem,
                                             holder.where, CUSTODIAN_PIN)
    custodian_service.set_initial_policy(demo_ctx, QuorumPolicy.uniform(2))
    return Ceremony(demo_ctx, holders, custodian_ca, demo_pin)


__all__ = ["CUSTODIAN_PIN", "ActionType", "Ceremony", "Holder", "make_holder"]
