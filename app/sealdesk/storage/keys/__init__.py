"""Rotation proposals, custodian decisions, custodians and quorum policies."""
