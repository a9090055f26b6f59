"""Evidence for auditors: bundle export, the seals a bundle covers, the archive, auditor mode."""

from sealdesk._lazy import lazy_api

_API = {
    "export_bundle": "export",
    "ExportResult": "export",
    "Selection": "select",
    "select_seals": "select",
    "list_sealed": "archive",
    "trail": "archive",
    "stored_report": "archive",
    "stored_sealed_bytes": "archive",
    "read_document": "documents",
    "SealedRow": "archive",
    "open_database_copy": "auditor_mode",
    "write_verdict_report": "report",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
