"""Certificate issuance for demo mode and for demo-mode rotations (cryptography only)."""
