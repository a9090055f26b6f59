"""``verify_quorum_offline``: re-verify a proposal's approvals from the audit log alone.

The log is read through a read-only snapshot (:class:`AuditReader`), its hash chain is checked
first (events from a broken chain prove nothing), and the events are replayed by
:func:`sealdesk.core.rotation.offline.verify_quorum`. Nothing of the rotation tables is read:
a database whose proposal, decision or custodian rows were edited cannot influence the result.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from sealdesk.core.audit.chain import verify_chain
from sealdesk.core.audit.events import AuditEvent
from sealdesk.core.rotation.offline import QuorumReport, verify_quorum
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.repo import iter_entries, iter_entry_rows

__all__ = ["QuorumReport", "verify_quorum_offline"]


def verify_quorum_offline(ctx: AppContext, proposal_id: str) -> QuorumReport:
    with AuditReader(ctx.database) as reader:
        with reader.session() as session:
            chain = verify_chain(row for rows in iter_entry_rows(session) for row in rows)
        if not chain.ok:
            report = QuorumReport(proposal_id)
            assert chain.problem is not None
            report.problems.append(f"the audit log's hash chain is broken: "
                                   f"{chain.problem.message}")
            return report
        with reader.session() as session:
            return verify_quorum(_events(session), proposal_id)


def _events(session: Session) -> Iterator[tuple[int, AuditEvent]]:
    for entry in iter_entries(session):
        yield entry.index, AuditEvent.from_canonical_bytes(entry.payload_json)
