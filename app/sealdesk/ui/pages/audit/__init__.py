"""The Audit log page: the table, its filters and the details of one entry."""
