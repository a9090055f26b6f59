"""Custodian counter-signatures: witnesses of anchored checkpoints, counter-signed reports.

One mechanism (:mod:`sealdesk.core.countersign` for the statement, the file and the check) used
for three documents: ``sealdesk audit witness`` (a checkpoint), ``sealdesk reconcile
--countersign`` (the reconciliation report) and ``sealdesk incident countersign`` (the incident
statement). Signing needs the custodian's own token and PIN; checking needs no token.
"""

from sealdesk._lazy import lazy_api

_API = {
    "countersign": "signing",
    "Countersigned": "signing",
    "countersignature_path": "signing",
    "check_file": "checking",
    "check_beside": "checking",
    "CheckedCountersignature": "checking",
    "SignedDocumentCheck": "checking",
    "find_recorded": "checking",
    "witness_newest_checkpoint": "witness",
    "Kind": "signing",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
