"""Each capability package names its public API, and every name in it resolves."""

from __future__ import annotations

import importlib

import pytest

CAPABILITIES = ("sealing", "audit", "revalidation", "keys", "access", "incidents", "evidence",
                "console")


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_every_public_name_resolves(capability: str) -> None:
    package = importlib.import_module(f"sealdesk.services.{capability}")
    assert package.__all__, f"{capability} names no public API"
    for name in package.__all__:
        assert getattr(package, name) is not None
    assert sorted(dir(package)) == sorted(package.__all__)
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018
