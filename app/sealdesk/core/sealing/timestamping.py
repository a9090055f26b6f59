"""The RFC 3161 timestamper for the configured TSA.

One timestamper is built per batch and reused: pyHanko caches on it the dummy response it uses to
size the signature, so reuse saves a round trip per document. The demo TSA is pyHanko's
in-process ``DummyTimeStamper`` signing real RFC 3161 tokens with the demo TSA key, so demo mode
works offline.
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

from sealdesk.config import TsaConfig
from sealdesk.errors import ConfigError


def build_timestamper(tsa: TsaConfig, password: str | None = None) -> TimeStamper:
    """A timestamper for ``tsa``; ``password`` comes from the OS keyring, never the config."""
    if tsa.url:
        if not tsa.url.startswith(("http://", "https://")):
            raise ConfigError(
                f"The TSA URL {tsa.url!r} is not an http(s) URL.",
                hint="Enter the timestamp authority's URL, e.g. http://tsa.example.com/tsr.",
            )
        auth = (tsa.username, password or "") if tsa.username else None
        return RequestsHTTPTimeStamper(tsa.url, timeout=tsa.timeout_seconds, auth=auth)
    if tsa.is_demo:
        cert = asn1_x509.Certificate.load(_der(Path(tsa.demo_cert)))
        key = asn1_keys.PrivateKeyInfo.load(_der(Path(tsa.demo_key)))
        return DummyTimeStamper(tsa_cert=cert, tsa_key=key)
    raise ConfigError(
        "No timestamp authority is configured.",
        hint="Set the TSA URL in Settings; PAdES B-T and above need a timestamp.",
    )


def _der(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"Cannot read the demo TSA file {path}.",
            hint="Run 'sealdesk demo init' again to recreate the demo PKI.",
        ) from exc
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return data
