"""The audit log as a capability: appending events, checkpoints, reading, verifying, proofs."""
