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


def test_a_context_reads_its_schema_once_when_it_opens(demo_ctx) -> None:  # type: ignore[no-untyped-def]
    """Services ask the schema read at open (an auditor's copy may be older), not the database."""
    from sealdesk.storage.schema import head_revision

    schema = demo_ctx.schema
    assert schema is not None and schema.current and schema.revision == head_revision()
    assert schema.has("audit_entries") and schema.has("role_assignments")
    assert not schema.has("no_such_table")
