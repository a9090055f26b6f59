"""The Evidence page: export signed bundles of sealed documents, and check bundles offline."""
