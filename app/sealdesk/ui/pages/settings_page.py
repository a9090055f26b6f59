"""Settings page (placeholder until the settings editor lands)."""

from __future__ import annotations

from sealdesk.ui.pages.placeholder import PlaceholderPage


class SettingsPage(PlaceholderPage):
    title = "Settings"
    coming = (
        "Token module, label and serial; seal appearance, level, reason and location; the "
        "timestamp authority; trust anchors; database and document store. This page is not "
        "built yet; edit config.toml in the configuration folder meanwhile."
    )
