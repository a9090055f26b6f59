"""core/validation."""
