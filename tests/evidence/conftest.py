"""One demo installation with two sealed documents and one exported bundle, per session.

Sealing and exporting take seconds; tests that only read the bundle share it (and copy it
before changing a byte). Tests that export again copy the whole installation first
(:func:`copy_installation`), so the shared one never changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import AppPaths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.evidence.export import ExportResult, Selection, export_bundle
from sealdesk.services.sealing.batch import seal_documents


@dataclass(frozen=True)
class Installation:
    home: Path
    paths: AppPaths
    originals: tuple[Path, ...]
    sealed: tuple[Path, ...]
    bundle: Path
    export: ExportResult
    audit_cert_pem: bytes
    root_pem: Path


def paths_of(home: Path) -> AppPaths:
    return AppPaths(home / "config", home / "data", home / "logs")


def copy_installation(template: Path, home: Path) -> AppPaths:
    """Copy a demo installation, pointing its configuration and token at the copy."""
    shutil.copytree(template, home)
    for pattern in ("*.toml", "*.conf"):
        for file in home.rglob(pattern):
            file.write_text(file.read_text().replace(str(template), str(home)))
    return paths_of(home)


@pytest.fixture(scope="session")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Installation:
    base = tmp_path_factory.mktemp("evidence")
    home = base / "home"
    paths = paths_of(home)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SEALDESK_HOME", raising=False)
        init_demo(paths)
        ctx = AppContext.open(paths)
        try:
            inbox = base / "inbox"
            inbox.mkdir()
            originals = tuple(make_text_pdf(inbox / f"{name}.pdf", name, [f"Contract {name}"])
                              for name in ("contract-a", "contract-b"))
            batch = seal_documents(ctx, list(originals), DEMO_PIN, export_dir=base / "out")
            assert batch.ok
            sealed = tuple(r.exported_path for r in batch.results if r.exported_path)
            bundle = base / "bundle.zip"
            result = export_bundle(ctx, Selection(files=originals), bundle, DEMO_PIN)
            from sealdesk.services.audit.checkpoints import latest_checkpoint_file

            cert_pem = latest_checkpoint_file(ctx).certificate_pem
        finally:
            ctx.close()
    return Installation(home, paths, originals, sealed, bundle, result, cert_pem,
                        home / "data" / "demo" / "root.pem")


@pytest.fixture
def own_ctx(installation: Installation, tmp_path: Path) -> Iterator[AppContext]:
    """A private copy of the installation, opened."""
    paths = copy_installation(installation.home, tmp_path / "copy")
    ctx = AppContext.open(paths)
    yield ctx
    ctx.close()
