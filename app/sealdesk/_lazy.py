"""A package's public API, named in its ``__init__`` and loaded on first use (PEP 562).

Every capability package's ``__init__`` maps its public names to their modules in ``_API`` and
hands it to :func:`lazy_api`; ``__all__`` is that API.

Capability packages name what other layers may use (``__all__``), as pyHanko's subpackages do,
without importing every module when one of them is needed: importing
``sealdesk.services.sealing.gates`` must not load pyHanko's signers through ``sealing.batch``,
and ``sealdesk --help`` must stay instant.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

Getter = Callable[[str], Any]
Lister = Callable[[], list[str]]


def lazy_api(package: str, api: dict[str, str]) -> tuple[Getter, Lister]:
    """``__getattr__`` and ``__dir__`` for ``package``; ``api`` maps a name to its module."""

    def __getattr__(name: str) -> Any:
        module = api.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    def __dir__() -> list[str]:
        return sorted(api)

    return __getattr__, __dir__


class LazyModule:
    """A module imported on first attribute access (for command modules that must load fast)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)
