"""The audit tests' installations (standard log on SQLite or PostgreSQL), reused for attacks."""

from tests.audit.conftest import (  # noqa: F401  (fixtures are found by name)
    fresh_ctx,
    logged_ctx,
    logged_home,
    template_home,
    template_pg_database,
)
from tests.evidence.conftest import installation, own_ctx  # noqa: F401
