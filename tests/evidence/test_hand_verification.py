"""The README's "Verifying evidence by hand" steps, run exactly as written on a real bundle.

unzip, sha256sum, pdfsig, openssl (manifest signature, checkpoint signature, certificate
chain) and docs/verify_by_hand.py with the system's python3: no SealDesk code involved.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.evidence.conftest import Installation

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "docs" / "verify_by_hand.py"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture
def unzipped(installation: Installation, tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    done = _run(["unzip", "-q", str(installation.bundle), "-d", str(folder)], tmp_path)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.mark.skipif(not shutil.which("openssl") or not shutil.which("pdfsig"),
                    reason="needs openssl and poppler-utils")
def test_the_hand_verification_steps_pass_on_a_real_bundle(unzipped: Path) -> None:
    pub = _run(["openssl", "x509", "-in", "audit/audit-cert.pem", "-pubkey", "-noout"], unzipped)
    (unzipped / "audit.pub").write_text(pub.stdout)
    manifest_check = _run(["openssl", "dgst", "-sha256", "-verify", "audit.pub", "-signature",
                           "manifest.sig", "manifest.json"], unzipped)
    assert manifest_check.stdout.strip() == "Verified OK", manifest_check.stderr

    manifest = json.loads((unzipped / "manifest.json").read_bytes())
    for doc in manifest["documents"]:
        digest = _run(["sha256sum", doc["file"]], unzipped).stdout.split()[0]
        assert digest == doc["sealed_sha256"]
        pdfsig = _run(["pdfsig", doc["file"]], unzipped).stdout
        assert "Signature is Valid." in pdfsig and "Total document signed" in pdfsig
        certs = [unzipped / c for c in doc["certificates"]]
        root = next(c for c in certs if "Root" in c.name)
        for cert in certs:
            chain = _run(["openssl", "verify", "-CAfile", str(root), str(cert)], unzipped)
            assert chain.returncode == 0 and ": OK" in chain.stdout, chain.stdout + chain.stderr

    by_hand = _run(["python3", str(SCRIPT), "."], unzipped)
    assert by_hand.returncode == 0, by_hand.stderr
    assert by_hand.stdout.count("is in the log of") == len(manifest["entries"])
    checkpoint_check = _run(["openssl", "dgst", "-sha256", "-verify", "audit.pub",
                             "-signature", "checkpoint.sig", "checkpoint.bin"], unzipped)
    assert checkpoint_check.stdout.strip() == "Verified OK", checkpoint_check.stderr


def test_the_hand_script_catches_a_changed_entry(unzipped: Path) -> None:
    manifest = json.loads((unzipped / "manifest.json").read_bytes())
    entry = unzipped / manifest["entries"][0]["file"]
    entry.write_bytes(entry.read_bytes().replace(b'"type":"document.', b'"type":"document_'))
    failed = _run(["python3", str(SCRIPT), "."], unzipped)
    assert failed.returncode != 0 and "AssertionError" in failed.stderr


def test_the_bundle_layout_is_the_documented_one(installation: Installation) -> None:
    with zipfile.ZipFile(installation.bundle) as bundle:
        names = bundle.namelist()
    assert names[:2] == ["manifest.json", "manifest.sig"]
    assert "audit/audit-cert.pem" in names and "audit/checkpoint.json" in names
    assert any(n.startswith("audit/entries/") for n in names)
    assert any(n.startswith("documents/d0001/") and n.endswith(".sealed.pdf") for n in names)


def test_the_readme_snippet_runs_as_printed(unzipped: Path) -> None:
    readme = (REPO / "README.md").read_text()
    block = readme.split("<!-- verify-by-hand-snippet -->", 1)[1]
    code = block.split("```python\n", 1)[1].split("```", 1)[0]
    (unzipped / "snippet.py").write_text(code)
    done = _run(["python3", "snippet.py"], unzipped)
    assert done.returncode == 0, done.stderr
    assert "is in the signed log of" in done.stdout
