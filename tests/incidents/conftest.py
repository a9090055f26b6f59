"""Incident tests: the long fuzz profile (``--hypothesis-profile=sealdesk-fuzz``) is registered
here, before the command line's profile is loaded, so a long run by hand is::

    .venv/bin/pytest tests/incidents/test_fuzz_inputs.py --hypothesis-profile=sealdesk-fuzz
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "sealdesk-fuzz", max_examples=5000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
