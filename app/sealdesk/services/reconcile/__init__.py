"""Reconciliation: do the store, the seal rows, the seal events and the checkpoints agree?

Public API: :func:`reconcile` (the checks), :func:`write_report` (signed JSON + HTML, recorded).
"""

from sealdesk.services.reconcile.checks import Finding, Reconciliation, reconcile
from sealdesk.services.reconcile.report import WrittenReport, write_report

__all__ = ["Finding", "Reconciliation", "WrittenReport", "reconcile", "write_report"]
