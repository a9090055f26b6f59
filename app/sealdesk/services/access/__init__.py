"""Who may do what: roles, checked where each action starts, and their administration."""

from sealdesk._lazy import lazy_api

_API = {
    "Role": "roles",
    "require_role": "roles",
    "roles_of": "roles",
    "holders_of": "roles",
    "list_roles": "admin",
    "change_role": "admin",
    "AssignmentView": "admin",
    "RoleChange": "admin",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
