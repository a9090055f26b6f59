"""PAdES sealing through pyHanko: intake checks, seal policy, timestamping, the batch sealer."""
