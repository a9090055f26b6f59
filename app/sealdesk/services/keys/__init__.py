"""Keys and custodians: rotation proposals, quorum approvals, execution, key registry."""
