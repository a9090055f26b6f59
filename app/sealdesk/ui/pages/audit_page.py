"""Audit log page (placeholder until the audit browser lands)."""

from __future__ import annotations

from sealdesk.ui.pages.placeholder import PlaceholderPage


class AuditLogPage(PlaceholderPage):
    title = "Audit log"
    coming = (
        "Browse and filter every recorded act (logins, seals, failures, recoveries), verify the "
        "hash chain and the signed checkpoints, and export inclusion and consistency proofs for "
        "an auditor. This page is not built yet; 'sealdesk audit' will offer the same checks."
    )
