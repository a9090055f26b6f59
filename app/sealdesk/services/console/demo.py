"""Demo mode: a SoftHSM2 token, a demo PKI and an offline TSA, ready to seal in seconds.

What ``sealdesk demo init`` (and the first GUI start without a configured token) creates under
the data folder's ``demo/``:

* a SoftHSM2 token "SealDesk Demo" with user PIN :data:`DEMO_PIN` (public: it is a demo);
* a seal key pair and an audit key pair generated ON the token (EC P-256, non-extractable);
* a demo root CA (software key) that issued the seal and audit certificates, stored on the token;
* a demo TSA certificate and key used by pyHanko's in-process RFC 3161 timestamper;
* a configuration pointing at all of it, with the demo root as the trust anchor.

The security officer PIN is random and shown once; SealDesk never stores it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sealdesk.config import Config, StorageConfig, TokenConfig, TrustConfig, TsaConfig, save_config
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.softhsm import find_softhsm_module, init_token, write_softhsm_config
from sealdesk.errors import ConfigError
from sealdesk.paths import AppPaths

DEMO_LABEL = "SealDesk Demo"
DEMO_PIN = "1234"
SEAL_KEY_LABEL = "seal"
AUDIT_KEY_LABEL = "audit"


@dataclass(frozen=True)
class DemoSetup:
    config: Config
    so_pin: str
    root_cert_path: Path


def init_demo(paths: AppPaths, *, force: bool = False, pin: str = DEMO_PIN) -> DemoSetup:
    """Provision the demo token, PKI and configuration; refuse to overwrite unless ``force``."""
    paths.ensure()
    demo = paths.demo_dir
    if demo.exists() and any(demo.iterdir()) and not force:
        raise ConfigError(
            f"A demo setup already exists in {demo}.",
            hint="Use it as it is, or run 'sealdesk demo init --force' to replace it "
            "(the old demo token and its keys are deleted).",
        )
    if force and demo.exists():
        _remove_tree(demo)
    demo.mkdir(parents=True)
    module = find_softhsm_module()
    conf = write_softhsm_config(demo / "softhsm")
    so_pin = secrets.token_hex(8)
    init_token(conf, DEMO_LABEL, pin, so_pin)
    environment = {"SOFTHSM2_CONF": str(conf)}

    root = CertificateAuthority.create_root("SealDesk Demo Root CA")
    _write(demo / "root.pem", root.cert_pem())
    _write(demo / "root-key.pem", root.key_pem(), private=True)
    selector = TokenSelector(label=DEMO_LABEL)
    with open_token_session(module, selector, pin, environment=environment, rw=True) as token:
        for label, key_id, purpose, name in (
            (SEAL_KEY_LABEL, b"\x01", "seal", "SealDesk Demo Seal"),
            (AUDIT_KEY_LABEL, b"\x02", "audit", "SealDesk Demo Audit Log"),
        ):
            generate_keypair(token, KeyAlgorithm.EC_P256, label, key_id)
            cert = root.issue(token.public_key(label), name, purpose=purpose)
            store_certificate(token, cert.public_bytes(serialization.Encoding.DER), label, key_id)
        identity = token.info  # serial, maker and model: a swapped token is then noticed

    # pyHanko's in-process timestamper signs with RSA only.
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    tsa_cert = root.issue(tsa_key.public_key(), "SealDesk Demo TSA", purpose="tsa", days=20 * 365)
    _write(demo / "tsa.pem", tsa_cert.public_bytes(serialization.Encoding.PEM))
    _write(
        demo / "tsa-key.pem",
        tsa_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        private=True,
    )
    config = Config(
        token=TokenConfig(
            module=module, label=DEMO_LABEL, serial=identity.serial,
            manufacturer=identity.manufacturer, model=identity.model,
            seal_key_label=SEAL_KEY_LABEL, audit_key_label=AUDIT_KEY_LABEL,
            environment=environment,
        ),
        tsa=TsaConfig(demo_cert=str(demo / "tsa.pem"), demo_key=str(demo / "tsa-key.pem")),
        # The demo CA publishes no OCSP responder or CRL, so demo seals are checked soft-fail.
        trust=TrustConfig(anchors=(str(demo / "root.pem"),), revocation="soft-fail"),
        storage=StorageConfig(),
        console_id=f"demo-{secrets.token_hex(4)}",
        demo=True,
    )
    save_config(config, paths.config_file)
    return DemoSetup(config=config, so_pin=so_pin, root_cert_path=demo / "root.pem")


def _write(path: Path, data: bytes, *, private: bool = False) -> None:
    path.write_bytes(data)
    if private:
        path.chmod(0o600)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder)
