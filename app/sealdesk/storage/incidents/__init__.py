"""Maintenance switch, software state (self-test) and key compromise records."""
