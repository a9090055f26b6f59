"""Bundles verify offline in a fresh process; one changed byte anywhere is caught and named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sealdesk.core.evidence import verify_bundle
from sealdesk.core.evidence.zipread import BundleZip
from sealdesk.errors import InputError
from sealdesk.exit_codes import ExitCode
from tests.evidence.conftest import Installation

REPO = Path(__file__).resolve().parents[2]


def _fresh_env(tmp_path: Path) -> dict[str, str]:
    """No SEALDESK_HOME, no token configuration, an empty HOME: "another machine"."""
    home = tmp_path / "elsewhere"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SEALDESK", "SOFTHSM", "XDG_"))}
    env.update(HOME=str(home), PYTHONPATH=str(REPO / "app"))
    return env


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sealdesk.cli.main", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_a_bundle_verifies_in_another_process_with_no_home_database_or_token(
        installation: Installation, tmp_path: Path) -> None:
    env = _fresh_env(tmp_path)
    cert = tmp_path / "audit.pem"
    cert.write_bytes(installation.audit_cert_pem)
    done = _cli(["evidence", "verify", str(installation.bundle), "--trusted-audit-cert",
                 str(cert), "--trust", str(installation.root_pem), "--json"], env)
    assert done.returncode == 0, done.stdout + done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["ok"] and verdict["anchored"] and verdict["headline"].startswith("VERIFIED")
    assert [d["indication"] for d in verdict["documents"]] == ["PASSED", "PASSED"]
    assert verdict["entries_checked"] == installation.export.entries >= 4
    assert not (Path(env["HOME"]) / ".local").exists()  # nothing was set up on "that machine"

    plain = _cli(["evidence", "verify", str(installation.bundle)], env)
    assert plain.returncode == ExitCode.UNANCHORED, plain.stderr  # no pinned trust: not 0
    assert "VERIFIED (self-contained)" in plain.stdout and "compare its SHA-256" in plain.stdout
    assert "--allow-self-contained" in plain.stderr
    accepted = _cli(["evidence", "verify", str(installation.bundle), "--allow-self-contained"],
                    env)
    assert accepted.returncode == 0, accepted.stderr


def test_a_bundle_from_another_audit_key_fails_against_the_trusted_certificate(
        installation: Installation, tmp_path: Path) -> None:
    other = tmp_path / "other.pem"
    other.write_bytes(installation.root_pem.read_bytes())  # a certificate of another key
    verdict = verify_bundle(installation.bundle, other.read_bytes())
    assert not verdict.ok
    assert any("not among the trusted audit certificates" in r.message for r in verdict.reasons)


def _rewrite(source: Path, target: Path, member: str, position: float = 0.5) -> None:
    """Copy the zip with one byte of ``member``'s content flipped (CRCs recomputed)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                at = int(len(data) * position)
                data = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]
            new.writestr(info, data)


def _member(installation: Installation, kind: str) -> str:
    with zipfile.ZipFile(installation.bundle) as bundle:
        names = bundle.namelist()
    prefixes = {"pdf": ".pdf", "entry": "audit/entries/", "proof": "audit/proofs/",
                "checkpoint": "audit/checkpoint.json", "manifest": "manifest.json",
                "signature": "manifest.sig", "certificate": "/certs/", "report": "report.json",
                "audit certificate": "audit/audit-cert.pem"}
    return next(n for n in names if prefixes[kind] in n)


@pytest.mark.parametrize("kind", ["pdf", "entry", "proof", "checkpoint", "manifest",
                                  "signature", "certificate", "report", "audit certificate"])
def test_one_flipped_byte_in_any_member_is_detected_and_named(
        installation: Installation, tmp_path: Path, kind: str) -> None:
    member = _member(installation, kind)
    damaged = tmp_path / "damaged.zip"
    _rewrite(installation.bundle, damaged, member)
    verdict = verify_bundle(damaged)
    assert not verdict.ok
    assert verdict.headline().startswith("FAILED")
    assert any(member in str(reason) for reason in verdict.all_reasons), verdict.all_reasons


def test_a_flipped_byte_in_the_raw_zip_is_caught_by_the_member_crc(
        installation: Installation, tmp_path: Path) -> None:
    data = bytearray(installation.bundle.read_bytes())
    with zipfile.ZipFile(installation.bundle) as bundle:
        info = next(i for i in bundle.infolist() if i.filename.endswith(".pdf"))
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0x40
    damaged = tmp_path / "raw.zip"
    damaged.write_bytes(bytes(data))
    verdict = verify_bundle(damaged)
    assert not verdict.ok
    assert any(info.filename in str(r) and "CRC" in str(r) for r in verdict.all_reasons)


def test_not_a_zip_traversal_duplicates_and_bombs_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("not a zip at all")
    with pytest.raises(InputError, match="not a readable evidence bundle"):
        verify_bundle(text)

    def make(name: str, members: list[tuple[str, bytes]]) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
            for member, data in members:
                bundle.writestr(member, data)
        return path

    for bad in ("../evil.pdf", "/etc/passwd", "documents/../../x", "a\\b.pdf", "C:/x"):
        with pytest.raises(InputError, match="unsafe name"):
            BundleZip(make("trav.zip", [(bad, b"x")]))
    with (pytest.warns(UserWarning, match="Duplicate name"),
          pytest.raises(InputError, match="two members named")):
        BundleZip(make("dup.zip", [("manifest.json", b"{}"), ("manifest.json", b"{}")]))
    with pytest.raises(InputError, match="zip bomb"):
        BundleZip(make("bomb.zip", [("big.pdf", bytes(8 << 20))]))
    empty = make("empty.zip", [("readme.txt", b"hello")])
    verdict = verify_bundle(empty)
    assert not verdict.ok and "manifest.json" in str(verdict.reasons[0])
