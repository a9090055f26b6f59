"""Incident controls: maintenance switch, self-test after updates, key compromise, standby
token switch, recovery."""

from sealdesk._lazy import lazy_api

_API = {
    "enable": "maintenance",
    "disable": "maintenance",
    "current": "maintenance",
    "sealing_state": "maintenance",
    "SealingState": "maintenance",
    "run_selftest": "selftest",
    "status": "selftest",
    "SelftestResult": "selftest",
    "propose_compromise": "compromise",
    "mark_compromised": "compromise",
    "MarkResult": "compromise",
    "quarantined_seals": "reseal",
    "reseal": "reseal",
    "ResealResult": "reseal",
    "standby_status": "standby",
    "switch_to_standby": "standby",
    "switch_back": "standby",
    "StandbyStatus": "standby",
    "recover": "recovery",
    "RecoveryReport": "recovery",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
