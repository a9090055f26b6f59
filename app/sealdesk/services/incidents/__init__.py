"""Incident controls: maintenance switch, self-test after updates, key compromise, recovery."""
