"""Seal one large PDF in a process of its own and report time and peak memory (JSON line).

    python -m bench.large_child HOME FILE {sealdesk,encrypted,sealer,naive}

Run by :mod:`bench.large_bench` so that the peak resident set size (``VmHWM``) belongs to this
sealing alone. ``rss_before_mb`` is the resident size after imports and set-up, just before the
document is touched: pyHanko, SQLAlchemy and the rest weigh ~100 MB before any document; the
difference is what the document costs.

Modes: ``sealdesk`` is the whole use case (``seal_documents``: intake, staged seal with its
original-prefix check, commit, rename); ``encrypted`` is the same into a store set up for envelope
encryption first (untimed: the key-encryption key found or made on the token, the recipients
recorded); ``sealer`` is the sealing step alone (the Sealer writing a
staged file, fsynced, then hashed); ``naive`` is pyHanko's ``sign_pdf`` writing to a plain output
file. """

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from sealdesk.config import load_config
from sealdesk.paths import AppPaths


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str]) -> int:
    root, source, mode = Path(argv[0]), Path(argv[1]), argv[2]
    paths = AppPaths(root / "config", root / "data", root / "logs")
    config = load_config(paths.config_file)
    os.environ.update(config.token.environment)
    from bench.environment import BenchHome

    home = BenchHome(root, paths, config)
    run = {"sealdesk": _sealdesk, "encrypted": _encrypted, "sealer": _sealer,
           "naive": _naive}[mode]
    seconds, rss_before = run(home, source)
    print(json.dumps({"seconds": seconds, "peak_rss_mb": _status_mb("VmHWM"),
                      "rss_before_mb": rss_before}))
    return 0


def _sealdesk(home, source: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    from sealdesk.services.sealing.batch import seal_documents

    ctx = home.fresh_context()
    rss = _status_mb("VmRSS")
    started = time.perf_counter()
    batch = seal_documents(ctx, [source], home.pin)
    seconds = time.perf_counter() - started
    ctx.close()
    if not batch.ok:
        raise SystemExit(f"sealing failed: {batch.results[0].error}")
    return seconds, rss


def _encrypted(home, source: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    from sealdesk.services.audit.signed_acts import audit_key_login
    from sealdesk.services.encryption.setup import enable_encryption
    from sealdesk.services.sealing.batch import seal_documents
    from sealdesk.storage.documents.blobstore import is_envelope

    ctx = home.fresh_context()
    with audit_key_login(ctx, home.pin):
        enable_encryption(ctx)
    rss = _status_mb("VmRSS")
    started = time.perf_counter()
    batch = seal_documents(ctx, [source], home.pin)
    seconds = time.perf_counter() - started
    objects = [p for p in ctx.store.objects.glob("*/*") if len(p.name) == 64]
    ctx.close()
    if not batch.ok:
        raise SystemExit(f"sealing failed: {batch.results[0].error}")
    if not objects or not all(is_envelope(p) for p in objects):
        raise SystemExit("sealing into the encrypted store left a plaintext object")
    return seconds, rss


def _sealer(home, source: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    from sealdesk.core.sealing.sealer import Sealer
    from sealdesk.core.sealing.timestamping import build_timestamper
    from sealdesk.core.token import TokenSelector, open_token_session
    from sealdesk.fsutil import sha256_file
    from sealdesk.services.sealing.policy import seal_policy_from

    ctx = home.fresh_context()
    anchors = ctx.trust_anchors()
    with open_token_session(home.module, TokenSelector(label=home.token_label), home.pin,
                            environment=home.token_env) as token:
        sealer = Sealer(token, home.key_label, timestamper=build_timestamper(home.config.tsa),
                        chain=anchors, trust_anchors=anchors)
        policy = seal_policy_from(home.config, sealer.certificate_sha256)
        rss = _status_mb("VmRSS")
        started = time.perf_counter()
        with ctx.store.staged_output() as (handle, staged):
            sealer.seal(source, handle, policy, "bench")
        sha256_file(staged)
        seconds = time.perf_counter() - started
    staged.unlink()
    ctx.close()
    return seconds, rss


def _naive(home, source: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    from bench.seal_bench import demo_timestamper, seal_naively

    out = home.root / "naive-large"
    rss = _status_mb("VmRSS")
    seconds = seal_naively(home, [source], out, demo_timestamper(home)).wall
    (out / source.name).unlink()
    return seconds, rss


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
