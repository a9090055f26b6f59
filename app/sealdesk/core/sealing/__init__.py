"""core/sealing."""
