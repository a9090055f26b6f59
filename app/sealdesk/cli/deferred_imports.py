"""Run pyHanko's ``pyhanko.sign`` package ``__init__`` only when something asks for its names.

``pyhanko/sign/__init__.py`` imports the whole signing side (``signers`` with its PDF signer,
CMS builder and timestamp clients, which pull in aiohttp): ~0.2 s. Python runs a package's
``__init__`` before any of its submodules, so ``sealdesk verify``, which needs only
``pyhanko.sign.validation`` and friends, paid for signing it never does (issue 23: verify of one
file was 1.1-1.6 s against a 1.0 s target).

:func:`defer_pyhanko_sign_init` registers ``pyhanko.sign`` as the real package module (same
spec, same ``__path__``, so every submodule imports normally) whose ``__init__`` has not run
yet. The first time anyone reads a name the package itself defines (``from pyhanko.sign import
PdfSigner``, ``pyhanko.sign.sign_pdf``, ``__all__``), the ``__init__`` runs, exactly as written,
in that module, and the name is returned; a submodule asked for by name (``from pyhanko.sign
import attributes``, as pyHanko's own modules do) is imported as such, without the ``__init__``.
Nothing of pyHanko is changed or copied; only *when*
its package ``__init__`` runs. Called by the command-line entry point; the GUI and library use
are untouched.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

PACKAGE = "pyhanko.sign"


class _DeferredInitFinder:
    """Finds ``pyhanko.sign`` with the real finders and defers its ``__init__`` (one-shot).

    A meta path finder by protocol (``find_spec``); not derived from ``importlib.abc``, whose
    import alone costs ~10 ms of the start-up this module exists to shorten.
    """

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname != PACKAGE:
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            spec = getattr(finder, "find_spec", lambda *_: None)(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and spec.submodule_search_locations is not None:
                    spec.loader = _DeferredInitLoader(spec.loader)  # type: ignore[assignment]
                return spec
        return None


class _DeferredInitLoader:
    """Creates the package module; runs the real ``__init__`` when a missing name is read."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self._lock = threading.RLock()
        self._ran = False

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        def __getattr__(name: str) -> Any:  # the module hook of PEP 562
            if _is_submodule(module, name):  # ``from pyhanko.sign import attributes``
                return importlib.import_module(f"{PACKAGE}.{name}")
            self._run(module)
            try:
                return module.__dict__[name]
            except KeyError:
                raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}") from None

        module.__getattr__ = __getattr__  # type: ignore[method-assign]

    def _run(self, module: ModuleType) -> None:
        with self._lock:
            if self._ran:
                return
            self._ran = True
            module.__dict__.pop("__getattr__", None)
            self._real.exec_module(module)


def _is_submodule(module: ModuleType, name: str) -> bool:
    """Whether ``name`` is a module or package inside the package's folder (no import)."""
    if name.startswith("__"):
        return False
    for folder in getattr(module, "__path__", ()):
        base = Path(folder) / name
        if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
            return True
    return False


def defer_pyhanko_sign_init() -> bool:
    """Install the one-shot finder; False when ``pyhanko.sign`` is already imported.

    Imports nothing itself (``sealdesk --help`` stays free of pyHanko).
    """
    if PACKAGE in sys.modules or any(isinstance(f, _DeferredInitFinder) for f in sys.meta_path):
        return False
    sys.meta_path.insert(0, _DeferredInitFinder())  # type: ignore[arg-type]
    return True
