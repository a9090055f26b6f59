"""Issue 18, item 4: every file SealDesk reads is a regular file of bounded size, and JSON from
outside is parsed with a nesting bound.

The attacks measured on main: a trust anchor, ``--trust`` or ``--trusted-audit-cert`` pointing
at /dev/zero grew to 24 GB before the kernel killed it; deep JSON in a proof, checkpoint or
bundle manifest gave a traceback; a bundle whose manifest inflates to 1 GB took 2.2 GB of
memory before the signature was checked; ``verify --html DIR`` ended in a traceback.
"""

from __future__ import annotations

import os
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from sealdesk.config import load_config
from sealdesk.core.audit.checkpoint import load_checkpoint_file
from sealdesk.core.audit.proofs import check_proof_file
from sealdesk.core.bounded_json import MAX_DEPTH, TooDeepError, loads
from sealdesk.core.evidence.verify import verify_bundle
from sealdesk.core.evidence.zipread import METADATA_LIMIT
from sealdesk.errors import ConfigError, InputError, StorageError
from sealdesk.fsutil import read_bounded, write_output
from sealdesk.services.context import load_certificate
from tests.evidence.conftest import Installation, installation  # noqa: F401  (fixture)
from tests.incidents.support import run_cli

DEEP = b"[" * 100_000 + b"]" * 100_000


def _within(seconds: float, work) -> BaseException | None:  # type: ignore[no-untyped-def]
    """Run ``work`` in a thread; fail the test if it is not done in ``seconds``."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            work()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still reading after {seconds} s"
    return outcome[0]


def test_dev_zero_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="is not a regular file"):
        read_bounded(Path("/dev/zero"), 1 << 20, "trust anchor")
    assert time.monotonic() - started < 1


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "anchor.pem"
    os.mkfifo(fifo)
    error = _within(5, lambda: read_bounded(fifo, 1 << 20, "trust anchor"))
    assert isinstance(error, InputError)
    assert "not a regular file" in error.message


def test_a_file_over_the_limit_is_refused_and_a_link_to_a_small_one_is_read(
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.pem"
    big.write_bytes(b"x" * 2049)
    with pytest.raises(InputError, match="too large"):
        read_bounded(big, 2048, "certificate")
    small = tmp_path / "small.pem"
    small.write_bytes(b"x" * 2048)
    link = tmp_path / "link.pem"
    link.symlink_to(small)
    assert read_bounded(link, 2048, "certificate") == b"x" * 2048


def test_a_trust_anchor_on_dev_zero_is_a_config_error(tmp_path: Path) -> None:
    link = tmp_path / "anchor.pem"
    link.symlink_to("/dev/zero")
    error = _within(5, lambda: load_certificate(link))
    assert isinstance(error, ConfigError)
    assert error.message == f"The trust anchor {link} is not a readable certificate."
    assert "is not a regular file" in error.hint


def test_a_configuration_on_dev_zero_or_deeply_nested_is_a_config_error(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to("/dev/zero")
    assert isinstance(_within(5, lambda: load_config(link)), ConfigError)
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(deep)


def test_json_nesting_is_bounded_before_the_parser_recurses() -> None:
    assert loads(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH) is not None
    with pytest.raises(TooDeepError):
        loads(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1))
    assert loads('{"s": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')


@pytest.mark.parametrize("data", [DEEP, b'{"format": ' + DEEP + b"}",
                                  b'{"a": {"a": ' * 50_000 + b"1" + b"}}" * 50_000])
def test_deep_json_in_a_checkpoint_or_proof_is_an_input_error(data: bytes) -> None:
    for reader in (load_checkpoint_file, check_proof_file):
        with pytest.raises(InputError, match="nested deeper than 64"):
            reader(data)


def _bundle_with(installation_bundle: Path, target: Path, name: str, content: bytes,
                 compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(installation_bundle) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[name] = content
    with zipfile.ZipFile(target, "w") as out:
        for member, data in members.items():
            out.writestr(member, data, compress_type=compression if member == name
                         else zipfile.ZIP_DEFLATED)
    return target


def test_an_oversized_manifest_is_refused_from_the_directory_before_reading(
    installation: Installation, tmp_path: Path,  # noqa: F811
) -> None:
    """Stored (not compressed), so the zip-bomb ratio check does not catch it: the metadata
    limit must. Memory stays far below the manifest's size."""
    huge = b" " * (METADATA_LIMIT + 1)
    bundle = _bundle_with(installation.bundle, tmp_path / "big-manifest.zip", "manifest.json",
                          huge, zipfile.ZIP_STORED)
    del huge
    tracemalloc.start()
    try:
        verdict = verify_bundle(bundle)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not verdict.ok
    assert any(r.member == "manifest.json" and "refused before reading" in r.message
               for r in verdict.reasons), verdict.reasons
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes"


@pytest.mark.parametrize("member", ["manifest.json", "audit/checkpoint.json"])
def test_deep_json_in_a_bundle_member_fails_that_member(
    installation: Installation, tmp_path: Path, member: str,  # noqa: F811
) -> None:
    bundle = _bundle_with(installation.bundle, tmp_path / "deep.zip", member, DEEP)
    verdict = verify_bundle(bundle)
    assert not verdict.ok
    assert member in verdict.members_named


def test_a_bundle_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "bundle.zip"
    os.mkfifo(fifo)
    error = _within(5, lambda: verify_bundle(fifo))
    assert isinstance(error, InputError)


def test_an_output_path_that_is_a_folder_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="it is a folder"):
        write_output(tmp_path, b"report", "writing the HTML report")
    (tmp_path / "file.txt").write_bytes(b"a file, not a folder")
    with pytest.raises(StorageError, match="its folder does not exist"):
        write_output(tmp_path / "file.txt" / "below", b"report", "writing the HTML report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"], "nothing partial"


def test_cli_trusted_audit_cert_on_dev_zero_exits_with_the_input_code(
    installation: Installation, tmp_path: Path,  # noqa: F811
) -> None:
    started = time.monotonic()
    done = run_cli(installation.home, "evidence", "verify", str(installation.bundle),
                   "--trusted-audit-cert", "/dev/zero", timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == InputError.exit_code, done.stderr
    assert "not a regular file" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_cli_verify_html_into_a_folder_exits_with_the_storage_code(
    installation: Installation, tmp_path: Path,  # noqa: F811
) -> None:
    done = run_cli(installation.home, "verify", str(installation.sealed[0]), "--html",
                   str(tmp_path), timeout=120)
    assert done.returncode == StorageError.exit_code, done.stderr
    assert "it is a folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_documents_are_parsed_only_under_a_valid_manifest_signature(
    installation: Installation, tmp_path: Path,  # noqa: F811
) -> None:
    with zipfile.ZipFile(installation.bundle) as source:
        signature = source.read("manifest.sig")
    forged = bytes([signature[0] ^ 0x01]) + signature[1:]
    bundle = _bundle_with(installation.bundle, tmp_path / "forged.zip", "manifest.sig", forged)
    verdict = verify_bundle(bundle)
    assert not verdict.ok
    assert "manifest.sig" in verdict.members_named
    assert verdict.documents == [], "no PDF of an unsigned bundle is parsed"
    assert any("were not examined" in note for note in verdict.notes)
    assert verify_bundle(installation.bundle).documents, "a valid bundle's documents are"
