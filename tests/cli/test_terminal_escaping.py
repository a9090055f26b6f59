"""Untrusted text on the terminal: a PDF cannot clear the screen, forge a line or reverse text.

The attack: a PDF signed by someone else whose seal field name, reason and signer certificate
subject carry a newline, an ANSI "clear screen" and a bidi override, under a file name that
carries an escape sequence too. ``sealdesk verify`` must show every one of them as a visible
escape, and print no line that the file wrote.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from sealdesk.cli.main import cli
from sealdesk.cli.terminal import safe, safe_lines
from sealdesk.exit_codes import ExitCode

CLEAR = "\x1b[2J"
FORGED = "PASSED        forged.pdf"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Any control character but the newlines the CLI writes itself."""


@pytest.mark.parametrize(("text", "shown"), [
    ("plain name.pdf", "plain name.pdf"),
    (f"a{CLEAR}b", "a\\x1b[2Jb"),
    (f"x\n{FORGED}", f"x\\n{FORGED}"),
    ("tab\there\rcr", "tab\\there\\rcr"),
    ("\x00\x07\x7f\x85\x9b", "\\x00\\x07\\x7f\\x85\\x9b"),
    ("\u202eevil\u202c \u2066iso\u2069", "\\u202eevil\\u202c \\u2066iso\\u2069"),
    ("Zürich – 東京 ✓", "Zürich – 東京 ✓"),
], ids=["plain", "ansi", "newline", "tab-cr", "c0-del-c1", "bidi", "unicode-kept"])
def test_safe_escapes_controls_and_keeps_ordinary_text(text: str, shown: str) -> None:
    assert safe(text) == shown
    assert safe(safe(text)) == shown  # escaping twice changes nothing
    assert not RAW.search(safe(text)) and "\n" not in safe(text)


def test_safe_lines_keeps_only_the_line_breaks_of_the_text_sealdesk_composed() -> None:
    assert safe_lines(f"Summary\nEntry: {CLEAR}x") == "Summary\nEntry: \\x1b[2Jx"


def _hostile_signed_pdf(pdf: Path, out: Path, ca_pem: Path) -> None:
    """Sign ``pdf`` with a real key whose certificate's subject, the field name and the
    reason are hostile; write the self-signed certificate to ``ca_pem`` as a trust anchor."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Evil{CLEAR}\u202eXYZ")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(7)
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    ca_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore(),
    )
    meta = signers.PdfSignatureMetadata(field_name=f"Seal\n{CLEAR}{FORGED}",
                                        reason=f"ok\n{CLEAR}{FORGED}")
    with pdf.open("rb") as source, out.open("wb") as target:
        signers.sign_pdf(IncrementalPdfFileWriter(source), meta, signer=signer, output=target)


def test_verify_prints_a_hostile_pdf_escaped(sealdesk_home: Path, pdf_factory,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    signed = tmp_path / "signed.pdf"
    anchor = tmp_path / "anchor.pem"
    _hostile_signed_pdf(pdf_factory("letter"), signed, anchor)
    hostile_name = tmp_path / f"evil{CLEAR}\u202e.pdf"
    shutil.copy(signed, hostile_name)

    result = CliRunner().invoke(cli, ["verify", "--trust", str(anchor), str(hostile_name)],
                                catch_exceptions=False)
    assert result.exit_code == ExitCode.OK, result.output  # a valid seal, to the pinned anchor
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream), repr(stream)
        assert not any(line.startswith(FORGED) for line in stream.splitlines())
    assert "evil\\x1b[2J\\u202e.pdf" in result.stdout
    assert f"Seal\\n\\x1b[2J{FORGED}:" in result.stdout  # the field name, on its own line
    assert "made by 'Evil\\x1b[2J\\u202eXYZ'" in result.stdout  # the certificate subject

    listed = CliRunner().invoke(cli, ["audit", "list", "--search", "verified"],
                                catch_exceptions=False)  # the check was recorded
    assert listed.exit_code == ExitCode.OK, listed.output
    assert listed.stdout and not RAW.search(listed.stdout)
