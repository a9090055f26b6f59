"""Counter-signature tests run on the rotation tests' ceremony: a demo installation with three
custodians (Alice, Bob, Carol) on their own SoftHSM2 tokens, policy 2-of-3, copied per test."""

from tests.rotation.conftest import ceremony, ceremony_template  # noqa: F401
