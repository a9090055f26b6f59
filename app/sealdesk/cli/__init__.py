"""The ``sealdesk`` command line: a thin front end over the services, for scripts and auditors."""
