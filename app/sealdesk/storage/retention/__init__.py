"""Rows of retention and legal hold: a cache of the log's statements, never the authority."""
