"""core/token."""
