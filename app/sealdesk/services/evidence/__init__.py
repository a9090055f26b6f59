"""Evidence for auditors: bundle export, the seals a bundle covers, auditor mode."""
