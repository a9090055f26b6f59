"""Envelope encryption of a large file against copying and hashing it, and the memory it takes.

    python -m bench.envelope_bench [--size-mb 200] [--runs 3] [--smoke]

Storing a document encrypted reads it once, hashes it, encrypts it and writes it once; the least
any store pays is ``cp`` of the file plus ``sha256sum`` of the copy (one read, one write, one
hash), both run as subprocesses on the same file in the same run, turn about with SealDesk.
Debian's ``sha256sum`` does not use the CPU's SHA instructions while Python's hashlib (OpenSSL)
does, so a stricter row pits the whole encrypting process against ``cp`` + ``openssl dgst
-sha256``. No side syncs: both leave their output in the page cache. SealDesk's contender is a
``python -c`` child running :func:`~sealdesk.core.crypto.encrypt_stream` from file to file; its
time is taken from fork to exit (Python's start-up included) and, inside the child, around the
call alone. Its peak resident set size is the child's own
``ru_maxrss``, collected with ``os.wait4`` (the bench's ``RUSAGE_CHILDREN`` would be the largest
of every child it ever waited for, ``cp`` and earlier sections' children included). Decryption
is measured the same way, for information.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.environment import REPO
from bench.table import Row, limit_row, render, slowdown_row

SECTION = "Stored-document encryption (AES-256-GCM envelope, 1 MiB chunks)"
TARGET_RATIO = 1.8
TARGET_RSS_MB = 150

CHILD = """
import json, sys, time
from sealdesk.core.crypto import decrypt_stream, encrypt_stream
mode, source, target = sys.argv[1:4]
key = bytes.fromhex(sys.stdin.readline().strip())
started = time.perf_counter()
with open(source, "rb") as src, open(target, "wb") as dst:
    facts = (encrypt_stream if mode == "encrypt" else decrypt_stream)(src, dst, key)
print(json.dumps({"seconds": time.perf_counter() - started, "sha256": facts.plaintext_sha256}))
"""


def make_input(path: Path, megabytes: int) -> Path:
    """``megabytes`` MB of random bytes (incompressible, like a scanned PDF's images)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for _ in range(megabytes):
            out.write(os.urandom(1 << 20))
    return path


SHA256SUM = ["sha256sum"]
OPENSSL_SHA256 = ["openssl", "dgst", "-sha256"]


def copy_and_hash(source: Path, folder: Path, hasher: list[str] = SHA256SUM) -> float:
    """Seconds for ``cp`` of ``source`` into ``folder`` plus hashing the copy with ``hasher``."""
    target = folder / f"copy-{source.name}"
    started = time.perf_counter()
    subprocess.run(["cp", str(source), str(target)], check=True)
    subprocess.run([*hasher, str(target)], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def in_child(mode: str, source: Path, target: Path, key: bytes) -> dict[str, float]:
    """Run ``mode`` (encrypt or decrypt) in a ``python -c`` child; its times and peak RSS."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO / "app"), str(REPO), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        child = subprocess.Popen(  # the key goes through a pipe, never the command line
            [sys.executable, "-c", CHILD, mode, str(source), str(target)], env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        assert child.stdin is not None
        assert child.stdout is not None
        child.stdin.write(key.hex() + "\n")
        child.stdin.close()
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage (Popen.wait: none)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        child.stdout.close()
        if child.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"envelope {mode} child failed: {errors.read()[-1500:]}")
    figures = json.loads(out.strip().splitlines()[-1])
    return {"wall": wall, "seconds": figures["seconds"], "peak_rss_mb": usage.ru_maxrss / 1024}


def rows(folder: Path, megabytes: int, runs: int) -> list[Row]:
    """Encrypt (and decrypt) a ``megabytes`` MB file ``runs`` times, the baseline between."""
    folder.mkdir(parents=True, exist_ok=True)
    source = make_input(folder / "document.bin", megabytes)
    encrypted, restored = folder / "document.enc", folder / "document.out"
    key = os.urandom(32)
    openssl = shutil.which("openssl") is not None
    base, strict, enc, dec = [], [], [], []
    for _ in range(runs):
        base.append(copy_and_hash(source, folder))
        if openssl:
            strict.append(copy_and_hash(source, folder, OPENSSL_SHA256))
        enc.append(in_child("encrypt", source, encrypted, key))
        dec.append(in_child("decrypt", encrypted, restored, key))
        encrypted.unlink()
        restored.unlink()
    source.unlink()

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    enc_wall = [r["wall"] for r in enc]
    table = [
        slowdown_row(SECTION, f"encrypt_stream, {megabytes} MB file to file",
                     ours=[r["seconds"] for r in enc], base=base, base_name="cp + sha256sum",
                     target=TARGET_RATIO,
                     note=f"whole python -c process {median(enc_wall):.2f} s "
                     f"({median(enc_wall) / median(base):.2f}×)"),
    ]
    if strict:  # coreutils' sha256sum may not use the CPU's SHA instructions; OpenSSL does
        table.append(slowdown_row(
            SECTION, "encrypt_stream vs the stricter baseline", ours=[r["seconds"] for r in enc],
            base=strict, base_name="cp + openssl dgst -sha256", target=TARGET_RATIO,
            note="hashing as fast as Python's; whole process "
            f"{median(enc_wall) / median(strict):.2f}×"))
    return [
        *table,
        limit_row(SECTION, "peak RSS, encrypting process", values=[r["peak_rss_mb"] for r in enc],
                  unit="MB", limit=TARGET_RSS_MB, fmt=lambda v: f"{v:.0f}",
                  note="ru_maxrss of the child, interpreter and imports included"),
        slowdown_row(SECTION, f"decrypt_stream, {megabytes} MB file to file",
                     ours=[r["seconds"] for r in dec], base=base, base_name="cp + sha256sum",
                     note=f"peak RSS {median([r['peak_rss_mb'] for r in dec]):.0f} MB"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.envelope_bench",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=200, help="file size (default 200 MB)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="20 MB, one run")
    args = parser.parse_args(argv)
    megabytes, runs = (20, 1) if args.smoke else (args.size_mb, args.runs)
    work = Path(tempfile.mkdtemp(prefix="sealdesk-envelope-"))
    try:
        print(render(rows(work, megabytes, runs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
