"""Re-proving seals: one file's verification, bulk runs, reports, schedule, LTV upkeep."""

from sealdesk._lazy import lazy_api

_API = {
    "verify_file": "verification",
    "check_against_store": "verification",
    "policy_from": "verification",
    "Verification": "verification",
    "StoreCheck": "verification",
    "SignatureView": "seal_panel",
    "signature_view": "seal_panel",
    "stored_signature_view": "seal_panel",
    "revalidate": "runs",
    "create_run": "runs",
    "execute_run": "runs",
    "summary": "runs",
    "RunSummary": "runs",
    "Scope": "plan",
    "RunReport": "report",
    "load_run_report": "report",
    "to_json": "report",
    "to_html": "report",
    "due_revalidation": "schedule",
    "next_scheduled_run": "schedule",
    "run_scheduled_revalidation": "schedule",
    "RunInfo": "browse",
    "ResultDetail": "browse",
    "list_runs": "browse",
    "result_lines": "browse",
    "result_detail": "browse",
    "refresh_ltv": "ltv",
    "due_for_refresh": "ltv",
    "LtvReport": "ltv",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
