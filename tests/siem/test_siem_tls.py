"""Syslog over TLS (RFC 5425): the exporter checks the receiver against siem.ca_file; a
receiver whose certificate another CA issued (a man in the middle) gets nothing."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sealdesk.core.audit.events import EventType
from sealdesk.errors import ConfigError
from sealdesk.services import siem
from sealdesk.services.audit.log import record_now
from sealdesk.services.context import AppContext
from tests.siem.receiver import syslog_receiver


def _ca_and_server(folder: Path, name: str) -> tuple[Path, ssl.SSLContext]:
    """A CA (PEM file) and a server context whose certificate it issued for 127.0.0.1."""
    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{name} SIEM CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5))
          .not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = (folder / f"{name}-{p}.pem" for p in ("ca", "cert", "key"))
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return ca_file, context


def test_tls_receiver_checked_against_the_configured_ca(
    demo_ctx: AppContext, tmp_path: Path,
) -> None:
    ctx = demo_ctx
    record_now(ctx, ctx.event(EventType.SETTINGS_CHANGED, {"settings": "siem"}, {"n": 1}))
    ca_file, server = _ca_and_server(tmp_path, "ours")
    other_ca, impostor = _ca_and_server(tmp_path, "theirs")
    with syslog_receiver("tcp", tls=impostor) as (port, stolen):
        sink = siem.sinks.SyslogSink("127.0.0.1", port, "tls", ca_file=str(ca_file))
        with pytest.raises(ConfigError, match="failed the TLS check"):
            siem.export_once(ctx, [sink])
    assert stolen.messages == []
    with syslog_receiver("tcp", port, tls=server) as (_, received):
        done = siem.export_once(ctx, [sink])
        deadline = time.monotonic() + 10
        while len(received.messages) < done.sent[sink.name] and time.monotonic() < deadline:
            time.sleep(0.05)
    assert done.sent[sink.name] >= 1
    assert received.indexes() == list(range(done.sent[sink.name])), "nothing lost by the refusal"
    assert other_ca != ca_file
