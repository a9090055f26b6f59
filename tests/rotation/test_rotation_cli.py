"""The ceremony as people run it: ``sealdesk custodian|rotation|audit verify-quorum``, PINs from
the environment, exit codes.

Most commands run in-process through click's runner (a fresh ``sealdesk`` process costs 2-4 s
of imports); an approval and the offline verification run as real processes, as a custodian
and an auditor would run them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives import serialization

from sealdesk.cli.main import cli as main_cli
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.core.token.keygen import KeyAlgorithm, generate_keypair, store_certificate
from sealdesk.core.token.softhsm import find_softhsm_module
from sealdesk.exit_codes import ExitCode
from tests.fixtures.independent import assert_pdfsig_valid
from tests.fixtures.tokens import SoftToken

SEALDESK = [sys.executable, "-m", "sealdesk.cli.main"]
CUSTODIAN_PIN = "4821"


def _env(home: Path, pin: str | None, custodian_pin: str | None) -> dict[str, str | None]:
    return {"SEALDESK_HOME": str(home), "SEALDESK_PIN": pin,
            "SEALDESK_CUSTODIAN_PIN": custodian_pin}


def cli(home: Path, *args: str, pin: str | None = None,
        custodian_pin: str | None = None) -> Result:
    """``sealdesk ARGS`` in this process (stdout and stderr kept apart)."""
    result = CliRunner().invoke(main_cli, list(args), env=_env(home, pin, custodian_pin),
                                catch_exceptions=False)
    return result


def run(home: Path, *args: str, pin: str | None = None,
        custodian_pin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``sealdesk ARGS`` as a real process."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SEALDESK_PIN", "SEALDESK_CUSTODIAN_PIN")}
    env["SEALDESK_HOME"] = str(home)
    if pin is not None:
        env["SEALDESK_PIN"] = pin
    if custodian_pin is not None:
        env["SEALDESK_CUSTODIAN_PIN"] = custodian_pin
    return subprocess.run([*SEALDESK, *args], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


def _custodian_token(home: Path, name: str, ca: CertificateAuthority, folder: Path) -> Path:
    conf = home / "data" / "demo" / "softhsm" / "softhsm2.conf"
    token = SoftToken(find_softhsm_module(), conf, "SealDesk Demo", CUSTODIAN_PIN)
    token = token.add_token(f"Custodian {name}")
    with token.session() as session:
        generate_keypair(session, KeyAlgorithm.EC_P256, "custodian", b"\xc1")
        cert = ca.issue(session.public_key("custodian"), name, purpose="custodian")
        store_certificate(session, cert.public_bytes(serialization.Encoding.DER), "custodian",
                          b"\xc1")
    path = folder / f"{name.lower()}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.mark.timeout(240)
def test_bootstrap_propose_approve_execute_verify(tmp_path: Path, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    assert cli(home, "demo", "init").exit_code == 0
    module = find_softhsm_module()
    ca = CertificateAuthority.create_root("Custodian CA")
    certs = {n: _custodian_token(home, n, ca, tmp_path) for n in ("Alice", "Bob", "Carol")}

    def token_args(name: str) -> list[str]:
        return ["--custodian-module", module, "--custodian-token", f"Custodian {name}"]

    for name, cert in certs.items():
        added = cli(home, "custodian", "add", name, str(cert), *token_args(name),
                    pin="1234", custodian_pin=CUSTODIAN_PIN)  # console PIN: a signed act
        assert added.exit_code == 0, added.stderr
        assert "Registered custodian" in added.stdout
    no_pin = cli(home, "custodian", "add", "Dave", str(certs["Alice"]), *token_args("Alice"))
    assert no_pin.exit_code != 0  # no PIN in a script: refused, never guessed
    closed = cli(home, "custodian", "policy", "--default", "2", pin="1234")
    assert closed.exit_code == 0 and "bootstrap closed" in closed.stdout
    listed = cli(home, "custodian", "list")
    assert "Alice" in listed.stdout and "rotate_seal_key: 2" in listed.stdout

    proposed = cli(home, "rotation", "propose", "--label", "seal-2", "--reason",
                   "Yearly rotation", "--operator", "olivia", pin="1234")
    assert proposed.exit_code == 0, proposed.stderr
    pid = re.search(r"Proposal ([0-9a-f]{16})", proposed.stdout).group(1)  # type: ignore[union-attr]
    assert '"decision":"approve"' in proposed.stdout and "Hash:" in proposed.stdout

    early = cli(home, "rotation", "execute", pid, pin="1234")
    assert early.exit_code == ExitCode.PERMISSION and "has 0 of 2 approvals" in early.stderr
    by_alice = cli(home, "rotation", "approve", pid, *token_args("Alice"), pin="1234",
                   custodian_pin=CUSTODIAN_PIN)
    assert by_alice.exit_code == 0, by_alice.stderr
    by_bob = run(home, "rotation", "approve", pid, *token_args("Bob"), "--comment", "ok",
                 pin="1234", custodian_pin=CUSTODIAN_PIN)  # a real process, as Bob runs it
    assert by_bob.returncode == 0, by_bob.stderr
    assert "Recorded: approve by Bob. Proposal is approved" in by_bob.stdout
    twice = cli(home, "rotation", "approve", pid, *token_args("Alice"), pin="1234",
                custodian_pin=CUSTODIAN_PIN)
    assert twice.exit_code == ExitCode.PERMISSION and "already decided" in twice.stderr
    assert "approved" in cli(home, "rotation", "list").stdout

    executed = cli(home, "rotation", "execute", pid, "--operator", "olivia", pin="1234")
    assert executed.exit_code == 0, executed.stderr
    assert "Active seal key: seal-2" in executed.stdout

    verified = run(home, "audit", "verify-quorum", pid)  # the auditor's own process
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Verified approvals: Alice, Bob (required at execution: 2)" in verified.stdout
    assert cli(home, "audit", "verify-quorum", "0123456789abcdef").exit_code == ExitCode.FAILED

    out = tmp_path / "out"
    sealed = cli(home, "seal", str(pdf_factory("after-rotation")), "--out", str(out), pin="1234")
    assert sealed.exit_code == 0, sealed.stderr
    assert_pdfsig_valid(out / "after-rotation.sealed.pdf")
    shown = cli(home, "rotation", "show", pid)
    assert "Status:    executed" in shown.stdout and "old_retired" in shown.stdout
