"""Re-verify sealed PDFs: ETSI EN 319 102-1 indications with reasons a person can act on.

Qt-free and database-free: give it a path and a :class:`ValidationPolicy`, get a
:class:`DocumentReport` back (JSON schema ``sealdesk.validation/1``, see
docs/validation-report-schema.md), and render many of them with :func:`render_html`.
"""

from .policy import RevocationMode, ValidationPolicy, certificate_info, load_certificates
from .report import (
    SCHEMA,
    CertificateInfo,
    Coverage,
    DocumentReport,
    Finding,
    Indication,
    ModificationLevel,
    PadesLevel,
    PolicySummary,
    Severity,
    SignatureKind,
    SignatureReport,
    SubIndication,
    worst,
)
from .report_html import render_html
from .validator import async_validate_pdf, validate_pdf

__all__ = [
    "SCHEMA",
    "CertificateInfo",
    "Coverage",
    "DocumentReport",
    "Finding",
    "Indication",
    "ModificationLevel",
    "PadesLevel",
    "PolicySummary",
    "RevocationMode",
    "Severity",
    "SignatureKind",
    "SignatureReport",
    "SubIndication",
    "ValidationPolicy",
    "async_validate_pdf",
    "certificate_info",
    "load_certificates",
    "render_html",
    "validate_pdf",
    "worst",
]
