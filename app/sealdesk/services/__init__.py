"""Use cases combining core and storage, one transaction each; called by the GUI and the CLI."""
