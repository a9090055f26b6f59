"""The RFC 3161 timestamper for the configured TSA.

One timestamper is built per batch and reused: pyHanko caches on it the dummy response it uses to
size the signature, so reuse saves a round trip per document. The demo TSA is pyHanko's
in-process ``DummyTimeStamper`` signing real RFC 3161 tokens with the demo TSA key, so demo mode
works offline.

:class:`DemoTimeStamper` is that ``DummyTimeStamper`` with its key loaded once: pyHanko's class
loads (and, in ``cryptography``, fully validates) the RSA-3072 key for every timestamp, which
took 150-350 ms here, far more than the seal itself. The signing code is pyHanko's, otherwise
unchanged, so the tokens are the same.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from asn1crypto import cms, core, pem
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.sign import general
from pyhanko.sign.general import simple_cms_attribute
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from sealdesk.core.sealing.tsa_retry import RetryingHTTPTimeStamper
from sealdesk.errors import ConfigError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded


class TsaSettings(Protocol):
    """What the core needs to know about a timestamp authority (the settings' ``[tsa]``)."""

    url: str
    username: str
    timeout_seconds: float
    demo_cert: str
    demo_key: str
    retries: int
    retry_backoff_seconds: float

    @property
    def is_demo(self) -> bool: ...


def build_timestamper(tsa: TsaSettings, password: str | None = None) -> TimeStamper:
    """A timestamper for ``tsa``; ``password`` comes from the OS keyring, never the config."""
    if tsa.url:
        if not tsa.url.startswith(("http://", "https://")):
            raise ConfigError(
                f"The TSA URL {tsa.url!r} is not an http(s) URL.",
                hint="Enter the timestamp authority's URL, e.g. http://tsa.example.com/tsr.",
            )
        auth = (tsa.username, password or "") if tsa.username else None
        return RetryingHTTPTimeStamper(
            tsa.url, timeout=tsa.timeout_seconds, auth=auth, retries=tsa.retries,
            backoff=tsa.retry_backoff_seconds,
        )
    if tsa.is_demo:
        cert = asn1_x509.Certificate.load(_der(Path(tsa.demo_cert)))
        key = asn1_keys.PrivateKeyInfo.load(_der(Path(tsa.demo_key)))
        return DemoTimeStamper(tsa_cert=cert, tsa_key=key)
    raise ConfigError(
        "No timestamp authority is configured.",
        hint="Set the TSA URL in Settings; PAdES B-T and above need a timestamp.",
    )


class DemoTimeStamper(DummyTimeStamper):
    """pyHanko's in-process RFC 3161 signer with the TSA key loaded once, not per timestamp."""

    def __init__(
        self, tsa_cert: asn1_x509.Certificate, tsa_key: asn1_keys.PrivateKeyInfo
    ) -> None:
        super().__init__(tsa_cert=tsa_cert, tsa_key=tsa_key)
        key = serialization.load_der_private_key(tsa_key.dump(), password=None)
        if not isinstance(key, RSAPrivateKey):
            raise ConfigError(
                "The demo TSA key is not an RSA key.",
                hint="Run 'sealdesk demo init --force' to recreate the demo PKI.",
            )
        self._loaded_key = key
        self._signing_certificate = simple_cms_attribute(
            "signing_certificate", general.as_signing_certificate(tsa_cert)
        )

    def _sign_tst_info(
        self, tst_info_data: bytes, md_algorithm: str, dt: datetime
    ) -> tuple[bytes, cms.CMSAttributes]:
        """pyHanko's ``DummyTimeStamper._sign_tst_info`` with the loaded key (same token)."""
        md_spec = get_pyca_cryptography_hash(md_algorithm)
        digest = hashes.Hash(md_spec)
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes([
            simple_cms_attribute("content_type", "tst_info"),
            simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
            self._signing_certificate,
            simple_cms_attribute("message_digest", digest.finalize()),
        ])
        signature = self._loaded_key.sign(
            signed_attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper())
        )
        return signature, signed_attrs


def _der(path: Path) -> bytes:
    data = read_bounded(path, CERTIFICATE_LIMIT, "demo TSA file", ConfigError)
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return data
