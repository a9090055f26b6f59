"""A rotation ceremony per test: the demo installation, three custodians on their own tokens.

The custodian tokens are initialised in the demo token's SoftHSM2 folder, so every token of
the test is reached with one module environment (``SOFTHSM2_CONF``). SoftHSM2 reads that
variable at C_Initialize and python-pkcs11 keeps one library per module path: tokens in
separate folders would force a re-initialisation of the module between every login, which is
only possible while no session is open. One folder, several tokens, is also what a reader with
several cards looks like to the module: each custodian still has their own token, key and PIN.

Building that installation (demo token, PKI, TSA key, three tokens, registrations) takes
seconds, so it is built once per session as a template and COPIED for each test: every test
still gets its own data folder, database and token files, and nothing it does reaches another
test. The copy's configuration and SoftHSM2 file name their own folder (absolute paths are
rewritten).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.rotation.actions import ActionType
from sealdesk.core.rotation.decision import Decision
from sealdesk.core.rotation.policy import QuorumPolicy
from sealdesk.paths import HOME_ENV, AppPaths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.keys import custodians as custodian_service
from sealdesk.services.keys import rotation
from sealdesk.services.keys.views import ProposalView
from tests.fixtures.signing import signing
from tests.fixtures.tokens import SoftToken
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
        from sealdesk.services.keys.proposals import propose_key_rotation

        kwargs.setdefault("reason", "Yearly rotation of the seal key")
        return propose_key_rotation(self.ctx, "seal", **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def custodian_ca() -> CertificateAuthority:
    return CertificateAuthority.create_root("Test Custodian CA")


@dataclass(frozen=True)
class Template:
    home: Path
    issuer: CertificateAuthority


def _paths(home: Path) -> AppPaths:
    return AppPaths(home / "config", home / "data", home / "logs")


@pytest.fixture(scope="session")
def ceremony_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Demo installation, custodians Alice, Bob, Carol registered, policy 2-of-3 for all."""
    home = tmp_path_factory.mktemp("ceremony-template") / "home"
    issuer = CertificateAuthority.create_root("Test Custodian CA")
    init_demo(_paths(home))
    ctx = AppContext.open(_paths(home))
    try:
        holders = [make_holder(ctx, issuer, name) for name in NAMES]  # tokens before a login
        with signing(ctx):
            for name, holder in zip(NAMES, holders, strict=True):
                custodian_service.register_custodian(ctx, name, holder.cert_pem, holder.where,
                                                     CUSTODIAN_PIN)
            custodian_service.set_initial_policy(ctx, QuorumPolicy.uniform(2))
    finally:
        ctx.close()
    return Template(home, issuer)


_REWRITTEN = ("config/config.toml", "data/demo/softhsm/softhsm2.conf")


@pytest.fixture
def ceremony(ceremony_template: Template, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[Ceremony]:
    """A private copy of the template installation (see the module docstring)."""
    home = tmp_path / "home"
    shutil.copytree(ceremony_template.home, home)
    for name in _REWRITTEN:
        path = home / name
        path.write_text(path.read_text().replace(str(ceremony_template.home), str(home)))
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv("SEALDESK_PIN", raising=False)
    ctx = AppContext.open()
    cfg = ctx.config.token
    conf = Path(cfg.environment["SOFTHSM2_CONF"])
    assert conf.is_relative_to(home)
    holders = {}
    for name in NAMES:
        token = SoftToken(cfg.module, conf, f"Custodian {name}", CUSTODIAN_PIN)
        cert = next(c for c in custodian_service.list_custodians(ctx) if c.name == name)
        holders[name] = Holder(name, token, _pem(ctx, cert.cert_sha256))
    with signing(ctx):  # the ceremony's acts are signed by the audit key (demo PIN)
        yield Ceremony(ctx, holders, ceremony_template.issuer, DEMO_PIN)
    ctx.close()


def _pem(ctx: AppContext, cert_sha256: str) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from sealdesk.storage.keys import repo as rotation_repo

    with ctx.database.reader() as session:
        der = rotation_repo.custodians_by_sha(session)[cert_sha256].certificate_der
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


__all__ = ["CUSTODIAN_PIN", "ActionType", "Ceremony", "Holder", "make_holder"]
