"""Envelope encryption of stored documents: data keys, the file format, key wrapping."""
