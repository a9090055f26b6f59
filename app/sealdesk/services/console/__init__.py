"""The console's own upkeep: dashboard, settings, demo mode, database check, token discovery."""

from sealdesk._lazy import lazy_api

_API = {
    "gather_dashboard": "dashboard",
    "Dashboard": "dashboard",
    "apply_settings": "settings",
    "validate_settings": "settings",
    "SettingsResult": "settings",
    "SettingsRejected": "settings_checks",
    "init_demo": "demo",
    "DemoSetup": "demo",
    "test_database_url": "database_check",
    "DatabaseCheck": "database_check",
    "detect_tokens": "token_discovery",
    "DetectedToken": "token_discovery",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
