"""Sealing documents: intake, one token session per batch, waves, staging, commit, results."""

from sealdesk._lazy import lazy_api

_API = {
    "seal_documents": "batch",
    "SealChoices": "choices",
    "placed_stamp": "choices",
    "stamp_text": "choices",
    "Outcome": "results",
    "DocumentResult": "results",
    "BatchResult": "results",
    "require_sealing_allowed": "gates",
    "require_usable_certificate": "gates",
    "compromised_certificates": "gates",
    "read_maintenance": "gates",
    "read_selftest_status": "gates",
    "Maintenance": "gates",
    "SelftestStatus": "gates",
    "GateUnreadableError": "gates",
    "SELFTEST_REQUIRED_TITLE": "gates",
    "extract_original": "originals",
    "effective_time": "times",
    "seal_policy_from": "policy",
    "BatchToken": "token_session",
    "stored_sealed_bytes": "stored",
    "copy_stored_sealed": "stored",
    "is_stored_copy": "stored",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
