"""The audit log's pure core: no Qt, no database, no token — bytes in, verdicts out.

- :mod:`.canonical` — the one byte form of a value (canonical JSON) and UTC timestamps.
- :mod:`.events` — :class:`~.events.AuditEvent` and :class:`~.events.EventType`; no secrets.
- :mod:`.chain` — entries that commit to their predecessor; streaming :func:`~.chain.verify_chain`.
- :mod:`.merkle` — RFC 9162 hashing, :class:`~.merkle.CompactRange`, inclusion and consistency.
- :mod:`.subtree_cache` — stored 256-leaf subtree hashes that make proofs take milliseconds.
- :mod:`.checkpoint` — signed checkpoints (tree size + root), their files and verification.
- :mod:`.proofs` — inclusion and consistency proof files an auditor checks offline.

Storage keeps the rows, services decide when to append and checkpoint, the token signs; every
check an auditor may want to reproduce is here, in a few hundred lines per module.
"""
