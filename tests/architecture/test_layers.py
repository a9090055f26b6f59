"""The house's layers and capability packages, checked from the code's own imports.

ARCHITECTURE.md describes the contracts; pyproject.toml states them for import-linter. These tests
run import-linter on the real tree, show that a deliberate violation is caught, and check that no
two modules import each other in a loop (circles are dissolved by design, not by deferring an
import into a function or behind TYPE_CHECKING).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

pytestmark = pytest.mark.integration  # runs import-linter in subprocesses


def _lint_imports(app_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(app_dir)}
    script = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(script), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=app_dir, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_import_contracts_hold() -> None:
    result = _lint_imports(APP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().split("contracts:")[-1].replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("core/audit/canonical.py", "import sealdesk.storage.db", "The core is pure domain"),
        ("services/progress.py", "import PySide6.QtCore", "Only the GUI imports Qt"),
        ("services/audit/log.py", "import sealdesk.services.sealing.batch", "Capabilities"),
        ("ui/widgets/health_tile.py", "import sealdesk.storage.db", "Front ends reach storage"),
    ],
)
def test_a_deliberate_violation_is_caught(tmp_path: Path, module: str, line: str,
                                          contract: str) -> None:
    copy = tmp_path / "app"
    shutil.copytree(APP / "sealdesk", copy / "sealdesk",
                    ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "sealdesk" / module
    target.write_text(target.read_text() + f"\n{line}  # deliberate violation\n")
    result = _lint_imports(copy)
    assert result.returncode != 0, result.stdout
    rows = result.stdout.splitlines()
    assert any(row.startswith(contract) and " BROKEN" in row for row in rows), (
        result.stdout)


def _cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root) & modules)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(
                        graph.find_modules_directly_imported_by(child) & modules))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circles() -> None:
    sys.path.insert(0, str(APP))
    try:
        graph = grimp.build_graph("sealdesk", exclude_type_checking_imports=False, cache_dir=None)
    finally:
        sys.path.remove(str(APP))
    # A package imports its own modules through its __init__ (a "face"); only module-to-module
    # loops count, so package __init__ modules are left out.
    modules = {m for m in graph.modules
               if not (APP / m.replace(".", "/") / "__init__.py").exists()}
    assert _cycles(graph, modules) == []
