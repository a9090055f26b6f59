"""Documents and seals: their rows, and the content-addressed store on disk."""
