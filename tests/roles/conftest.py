"""Role tests reuse the rotation ceremony (three custodians on their own tokens, 2-of-3)."""

from __future__ import annotations

from tests.rotation.conftest import ceremony, ceremony_template, custodian_ca

__all__ = ["ceremony", "ceremony_template", "custodian_ca"]
