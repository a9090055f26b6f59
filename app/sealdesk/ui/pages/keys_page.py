"""Keys & certificates page (placeholder until the token and rotation views land)."""

from __future__ import annotations

from sealdesk.ui.pages.placeholder import PlaceholderPage


class KeysPage(PlaceholderPage):
    title = "Keys & certificates"
    coming = (
        "The token's keys and certificates with their expiry, and the key rotation wizard: "
        "propose, collect M-of-N custodian approvals, execute, retire the old key. "
        "This page is not built yet; 'sealdesk token list' shows the token today."
    )
