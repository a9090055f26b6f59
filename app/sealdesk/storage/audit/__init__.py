"""The audit log's tables and queries: entries, chain head, Merkle subtrees, checkpoints."""
