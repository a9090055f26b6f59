"""Auditor mode: evidence bundles and read-only database copies, with nothing written."""
