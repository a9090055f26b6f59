"""Retention classes, legal holds and deletion under retention, as pure domain (no storage)."""
