"""``verify_quorum_offline``: re-verify a proposal's approvals from the audit log alone.

The log is read through a read-only snapshot (:class:`AuditReader`); its hash chain is checked
and its events replayed in one pass by :func:`sealdesk.services.keys.authority.read_authority`,
the same code that decides at execution. Nothing of the rotation tables is read: a database
whose proposal, decision or custodian rows were edited cannot influence the result.
"""

from __future__ import annotations

from sealdesk.core.rotation.offline import QuorumReport
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_authority

__all__ = ["QuorumReport", "verify_quorum_offline"]


def verify_quorum_offline(ctx: AppContext, proposal_id: str) -> QuorumReport:
    with AuditReader(ctx.database) as reader, reader.session() as session:
        try:
            authority = read_authority(session, full=True)
        except RecordIntegrityError as exc:
            report = QuorumReport(proposal_id)
            report.problems.append(exc.message)
            return report
        return authority.report(proposal_id)
