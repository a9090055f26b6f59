"""Role assignments."""
