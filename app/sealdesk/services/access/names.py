"""The names of the roles, apart from the rules that check them.

Why apart: the command line offers these names as choices in ``sealdesk role --help``, which
must answer without importing the database layer that :mod:`sealdesk.services.access.roles`
needs to check an assignment.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    CUSTODIAN = "custodian"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"
