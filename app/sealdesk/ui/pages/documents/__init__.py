"""The Documents page: the list, the preview, sealing a batch, the self-test bar."""
