"""Revalidation page (placeholder until bulk revalidation lands)."""

from __future__ import annotations

from sealdesk.ui.pages.placeholder import PlaceholderPage


class RevalidationPage(PlaceholderPage):
    title = "Revalidation"
    coming = (
        "Re-prove stored seals on demand: byte ranges, certificate path, revocation and "
        "timestamp, with PASSED / INDETERMINATE / FAILED per document and an exportable report. "
        "This page is not built yet."
    )
