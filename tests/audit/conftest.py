"""Audit test fixtures: a demo installation with a real log, on a SQLite file or PostgreSQL.

Building the standard log (593 entries, three checkpoints signed on a SoftHSM2 token) takes a
few seconds on PostgreSQL, so it is built once per session into a template installation. Each
test then gets its own copy: the whole folder (token files included, paths rewritten) and, for
PostgreSQL, a new database created from the template database. Tests still never share a
token, a database or a data folder.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sealdesk.paths import AppPaths, app_paths
from sealdesk.services.console.demo import init_demo
from sealdesk.services.context import AppContext
from tests.audit.audit_support import build_standard_log, open_ctx
from tests.fixtures.postgres import PostgresServer


def _paths(home: Path) -> AppPaths:
    return AppPaths(home / "config", home / "data", home / "logs")


@pytest.fixture(scope="session")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo installation holding the standard log in its SQLite database."""
    home = tmp_path_factory.mktemp("audit-template") / "home"
    paths = _paths(home)
    init_demo(paths)
    ctx = open_ctx(paths)
    build_standard_log(ctx)
    ctx.close()
    return home


@pytest.fixture(scope="session")
def template_pg_database(postgres_server: PostgresServer, template_home: Path) -> str:
    """The name of a PostgreSQL database holding a standard log signed by the template token."""
    url = postgres_server.create_database()
    ctx = open_ctx(_paths(template_home), url)
    build_standard_log(ctx)
    ctx.close()
    return url.rsplit("/", 1)[1]


def copy_installation(template: Path, home: Path) -> None:
    """Copy a demo installation, pointing its configuration and token at the copy."""
    shutil.copytree(template, home)
    for pattern in ("*.toml", "*.conf"):
        for file in home.rglob(pattern):
            file.write_text(file.read_text().replace(str(template), str(home)))


def _clone_pg(server: PostgresServer, template: str) -> str:
    name = f"sealdesk_{uuid.uuid4().hex[:12]}"
    subprocess.run(
        [str(server.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(server.port),
         "-U", "postgres", "-T", template, name],
        check=True, capture_output=True,
    )
    return f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{name}"


@pytest.fixture
def logged_home(sealdesk_home: Path, template_home: Path) -> Path:
    """A private copy of the template installation in this test's SEALDESK_HOME (SQLite)."""
    copy_installation(template_home, sealdesk_home)
    return sealdesk_home


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def logged_ctx(request: pytest.FixtureRequest, logged_home: Path) -> Iterator[AppContext]:
    """A private copy of the standard log (see audit_support) on SQLite or PostgreSQL."""
    url = None
    if request.param == "postgres":
        template = request.getfixturevalue("template_pg_database")
        url = _clone_pg(request.getfixturevalue("postgres_server"), template)
        anchors = Path("data") / "anchors-postgres"  # built after logged_home was copied
        shutil.copytree(request.getfixturevalue("template_home") / anchors,
                        logged_home / anchors, dirs_exist_ok=True)
    ctx = open_ctx(app_paths(), url)
    yield ctx
    ctx.close()


@pytest.fixture
def fresh_ctx(sealdesk_home: Path) -> Iterator[AppContext]:
    """A fresh demo installation with an empty SQLite log."""
    init_demo(app_paths())
    ctx = AppContext.open()
    yield ctx
    ctx.close()
