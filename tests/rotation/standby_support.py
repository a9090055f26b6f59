"""A standby seal token for tests and screenshots: a second SoftHSM2 token beside the demo token,
with its own key and a certificate from the demo CA, registered under the custodians' quorum."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.token import TokenSelector
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.services.context import AppContext
from sealdesk.services.keys import rotation
from sealdesk.services.keys.standby_proposal import StandbyCandidate, propose_register_standby
from tests.fixtures.tokens import SoftToken

STANDBY_LABEL = "SealDesk Standby"
STANDBY_KEY = "seal-standby"


def make_standby(ctx: AppContext, pin: str) -> tuple[SoftToken, Path]:
    """The standby token, and the SoftHSM2 folder of the PRIMARY token (to remove it later)."""
    cfg = ctx.config.token
    conf = Path(cfg.environment["SOFTHSM2_CONF"])
    standby = SoftToken(cfg.module, conf, cfg.label, pin).add_token(STANDBY_LABEL)
    ca_dir = ctx.paths.demo_dir
    ca = CertificateAuthority.from_pem((ca_dir / "root-key.pem").read_bytes(),
                                       (ca_dir / "root.pem").read_bytes())
    with standby.session() as session:
        generate_keypair(session, KeyAlgorithm.EC_P256, STANDBY_KEY, b"\x05")
        cert = ca.issue(session.public_key(STANDBY_KEY), "SealDesk Demo Standby Seal",
                        purpose="seal")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), STANDBY_KEY,
                          b"\x05")
    token_dir = Path(next(line.split("=", 1)[1].strip() for line in conf.read_text().splitlines()
                          if line.startswith("directories.tokendir")))
    primary_dir = next(d for d in token_dir.iterdir()
                       if cfg.label.encode() in (d / "token.object").read_bytes())
    return standby, primary_dir


def propose_standby(ctx: AppContext, standby: SoftToken) -> str:
    candidate = StandbyCandidate(standby.module, standby.environment,
                                 TokenSelector(label=STANDBY_LABEL), STANDBY_KEY)
    return propose_register_standby(ctx, candidate, standby.pin,
                                    reason="Failover for the seal token (scenario A)").proposal_id


def approve_and_execute(ctx: AppContext, pid: str, approve: Callable[[str], object]) -> None:
    """``approve(pid)`` is called once per approving custodian by the caller; then execute."""
    approve(pid)
    assert rotation.execute(ctx, pid).status.value == "executed"
