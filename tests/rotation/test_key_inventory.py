"""Expiry levels of the Keys page (90/30/7 days) and what the inventory reads from the token."""

from __future__ import annotations

import datetime as dt

import pytest

from sealdesk.services.keys.inventory import ExpiryLevel, expiry_level, expiry_text, read_inventory
from tests.rotation.conftest import Ceremony

NOW = dt.datetime(2030, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("left", "level"), [
    (dt.timedelta(days=91), ExpiryLevel.OK),
    (dt.timedelta(days=90), ExpiryLevel.NOTICE),
    (dt.timedelta(days=31), ExpiryLevel.NOTICE),
    (dt.timedelta(days=30), ExpiryLevel.WARNING),
    (dt.timedelta(days=8), ExpiryLevel.WARNING),
    (dt.timedelta(days=7), ExpiryLevel.CRITICAL),
    (dt.timedelta(seconds=1), ExpiryLevel.CRITICAL),
    (dt.timedelta(0), ExpiryLevel.EXPIRED),
    (dt.timedelta(days=-3), ExpiryLevel.EXPIRED),
])
def test_expiry_levels(left: dt.timedelta, level: ExpiryLevel) -> None:
    assert expiry_level(NOW + left, NOW) == level


def test_expiry_texts() -> None:
    assert expiry_text(NOW + dt.timedelta(days=1, hours=2), NOW) == "expires in 1 day"
    assert expiry_text(NOW + dt.timedelta(hours=2), NOW) == "expires today"
    assert expiry_text(NOW - dt.timedelta(days=3), NOW) == "expired 3 days ago"


def test_inventory_reads_keys_roles_and_registry_without_a_login(ceremony: Ceremony) -> None:
    pid = ceremony.propose_seal_rotation(label="seal-next").proposal_id  # adopts "seal"
    inventory = read_inventory(ceremony.ctx)
    keys = {k.label: (k.role, k.registry_status, k.algorithm) for k in inventory.keys}
    assert keys == {"seal": ("seal", "active", "EC P-256"), "audit": ("audit", "", "EC P-256")}
    assert [t.label for t in inventory.tokens if t.configured] == ["SealDesk Demo"]
    assert len(inventory.tokens) == 4 and inventory.most_urgent() is not None
    assert pid
