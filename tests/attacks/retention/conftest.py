"""Retention attack scenes: the authority attack scenes (SQLite and PostgreSQL, an attacker with
their own raw-SQL connection and no PIN), reused for legal holds and retention rows."""

from tests.attacks.authority.conftest import Scene, scene
from tests.rotation.conftest import ceremony, ceremony_template, custodian_ca

__all__ = ["Scene", "ceremony", "ceremony_template", "custodian_ca", "scene"]
