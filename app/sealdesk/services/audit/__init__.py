"""The audit log as a capability: appending events, checkpoints, reading, verifying, proofs."""

from sealdesk._lazy import lazy_api

_API = {
    "record": "log",
    "record_all": "log",
    "record_now": "log",
    "record_login": "log",
    "checkpoint_after_operation": "checkpoints",
    "create_checkpoint": "checkpoints",
    "latest_checkpoint_file": "checkpoints",
    "export_latest_checkpoint": "checkpoints",
    "TokenCheckpointSigner": "checkpoints",
    "audit_key_login": "signed_acts",
    "signed_transaction": "signed_acts",
    "audit_key_session": "signed_acts",
    "verify_log": "verify",
    "verify_database": "verify",
    "record_verification": "verify",
    "trust_for": "verify",
    "AuditReport": "report",
    "Finding": "report",
    "FindingKind": "report",
    "CheckpointTrust": "report",
    "AuditReader": "reading",
    "read_only_twin": "reading",
    "AuditBrowser": "browse",
    "inclusion_proof": "proofs",
    "consistency_proof": "proofs",
    "checked_inclusion_proof": "proofs",
    "read_checkpoint_file": "proofs",
    "ProofOutcome": "proofs",
    "checked_consistency": "proofs",
    "ConsistencyOutcome": "proofs",
    "entry_verdicts": "entry_verdicts",
    "EntryVerdicts": "entry_verdicts",
    "EntryVerdict": "entry_verdicts",
    "EntryState": "entry_verdicts",
    "anchor_status": "anchor_status",
    "AnchorStatus": "anchor_status",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
