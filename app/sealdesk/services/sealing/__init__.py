"""Sealing documents: intake, token session, waves, staging, commit, results."""
