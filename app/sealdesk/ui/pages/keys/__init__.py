"""The Keys & certificates page: token inventory, proposals, execution, details."""
