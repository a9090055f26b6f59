"""Sealing into an envelope-encrypted document store, against the same in a plaintext store.

    python -m bench.encrypted_store_bench [--count 200] [--large-mb 200] [--runs 3]

Issue 21 asks that encryption cost little: sealing throughput with encryption at least 90% of
without on 1-page PDFs, and a 200 MB seal within 1.8× of ``cp`` + ``sha256sum`` with a peak
memory of at most 150 MB. Two measurements, each contender turn about with its baseline:

* whole process: ``sealdesk seal FILES`` in a fresh run home whose store was encrypted first
  (``sealdesk store encrypt``, untimed: it makes or finds the key-encryption key on the token
  and records the recipients) against the same command in a fresh plaintext run home, at B-B and
  at B-T with the loopback TSA. The ratio is the encrypted store's throughput over the plaintext
  store's (a :func:`~bench.table.speedup_row` with the plaintext store as its baseline);
* one large PDF: :mod:`bench.large_child` in its ``encrypted`` mode (``seal_documents`` into a
  store set up with :func:`~sealdesk.services.encryption.setup.enable_encryption`) against
  ``cp`` + ``sync`` + ``sha256sum``, and that child's peak resident set size.

Sealing only writes the store, so no key agent is needed: data keys are wrapped with the KEK's
public key.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from bench import large_bench
from bench import whole_process as whole
from bench.environment import BenchHome
from bench.table import Row, limit_row, slowdown_row, speedup_row
from sealdesk.config import PadesLevel

SECTION = "Encrypted document store (AES-256-GCM envelopes, data keys wrapped for the token's KEK)"
TARGET_THROUGHPUT = 0.9
TARGET_LARGE = 1.8
TARGET_RSS_MB = 150


def encrypt_store(env: dict[str, str]) -> None:
    """``sealdesk store encrypt`` in the run home of ``env`` (the PIN from the environment)."""
    result = subprocess.run([*whole.SEALDESK, "store", "encrypt"], env=env, capture_output=True,
                            text=True, check=False, stdin=subprocess.DEVNULL, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"sealdesk store encrypt exited {result.returncode}: "
                           f"{result.stderr[-600:]}{whole.crash_log(env)}")


def _envelopes(env: dict[str, str]) -> int:
    """How many stored objects of the run home of ``env`` are envelopes (a sanity check)."""
    from sealdesk.storage.documents.blobstore import is_envelope

    objects = Path(env[whole.HOME_ENV]) / "store" / "objects"
    return sum(1 for path in objects.glob("*/*") if len(path.name) == 64 and is_envelope(path))


def throughput(home: BenchHome, files: list[Path], runs: int, tsa_url: str,
               levels: tuple[PadesLevel, ...] = (PadesLevel.B_B, PadesLevel.B_T)) -> list[Row]:
    """``sealdesk seal FILES`` into an encrypted store vs a plaintext one, per PAdES level."""
    rows = []
    for level in levels:
        url = tsa_url if level == PadesLevel.B_T else ""
        encrypted, plain = [], []
        for run in range(runs):
            env = whole._run_home(home, url, level)
            encrypt_store(env)
            encrypted.append(whole._timed([*whole.SEALDESK, "seal", *map(str, files)], env))
            if run == 0 and _envelopes(env) < len(files):  # each seal stores its sealed file
                raise RuntimeError("sealing into the encrypted store left plaintext objects")
            env = whole._run_home(home, url, level)
            plain.append(whole._timed([*whole.SEALDESK, "seal", *map(str, files)], env))
            home.clean_runs()
        rows.append(speedup_row(
            SECTION, f"{len(files)} 1-page PDFs at {level}, encrypted store: throughput vs "
            "plaintext store", count=len(files), unit="docs", ours=encrypted, base=plain,
            base_name="plaintext store", target=TARGET_THROUGHPUT,
            note="whole `sealdesk seal` process each, fresh store; ratio = encrypted "
            "throughput / plaintext"))
    return rows


def large(home: BenchHome, source: Path, runs: int, megabytes: int) -> list[Row]:
    """Seal ``source`` into an encrypted store in a child of its own, ``cp`` + ``sync`` +
    ``sha256sum`` between; the time ratio and the child's peak RSS."""
    base, seconds, peaks, before = [], [], [], []
    for _ in range(runs):
        base.append(large_bench.copy_sync_hash(source, home.root))
        run = large_bench.seal_in_child(home, source, "encrypted")
        home.clean_runs()
        seconds.append(run["seconds"])
        peaks.append(run["peak_rss_mb"])
        before.append(run["rss_before_mb"])
    return [
        slowdown_row(SECTION, f"seal {megabytes} MB into an encrypted store, whole use case",
                     ours=seconds, base=base, base_name="cp + sync + sha256sum",
                     target=TARGET_LARGE,
                     note="seal_documents: intake hash, staged seal encrypted as written, "
                     "prefix and content hash, key record, commit"),
        limit_row(SECTION, "peak RSS, sealing into an encrypted store", values=peaks, unit="MB",
                  limit=TARGET_RSS_MB, fmt=lambda v: f"{v:.0f}",
                  note=f"{sorted(before)[len(before) // 2]:.0f} MB of it before the document"),
    ]


def main(argv: list[str] | None = None) -> int:
    """Only this module's rows (a few minutes at full size)."""
    import argparse
    import shutil
    import tempfile

    from bench.environment import load_average, loopback_tsa, provision
    from bench.pdfgen import make_inputs
    from bench.table import render

    parser = argparse.ArgumentParser(prog="python -m bench.encrypted_store_bench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=200, help="1-page PDFs per batch")
    parser.add_argument("--large-mb", type=int, default=200, help="large PDF size (0: skip)")
    parser.add_argument("--levels", default="B-B,B-T", help="PAdES levels, comma separated")
    args = parser.parse_args(argv)
    levels = tuple(PadesLevel(level.strip()) for level in args.levels.split(",") if level)
    work = Path(tempfile.mkdtemp(prefix="sealdesk-encstore-"))
    start_load = load_average()
    try:
        home = provision(work / "home")
        rows = []
        if args.count:
            files = make_inputs(work / "inputs" / "small", "small", args.count)
            with loopback_tsa(home) as tsa_url:
                rows += throughput(home, files, args.runs, tsa_url, levels)
        if args.large_mb:
            source = make_inputs(work / "inputs" / "large", "large", 1,
                                 megabytes=args.large_mb)[0]
            rows += large(home, source, args.runs, args.large_mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(rows))
    print(f"\nload average before/after: {start_load} / {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
