"""Incident times and their means per type: MTTD, time to contain, MTTR.

* occurred — when the problem began, as far as known (the first failure of a stopped batch, the
  compromise time the custodians approved, or what the administrator gave when opening);
* detected — when the incident was opened (by the recorder of the failure, or by hand);
* contained — when sealing stopped for it: the trigger itself when it stops sealing (a batch
  that stopped, a compromised key that is refused, a failed self-test), else the first
  ``maintenance.enabled`` from the moment it began until it closed;
* resolved — when it was closed.

MTTD is the mean of detected − occurred, MTTC of contained − detected (0 when sealing was
stopped before the incident was opened), MTTR of resolved − detected, over the incidents that
have both times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import fmean

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.events import EventType
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.register import Incident, IncidentType, load_incidents
from sealdesk.storage.audit.models import AuditEntry


@dataclass(frozen=True)
class TypeMetrics:
    type: IncidentType
    count: int
    open: int
    mttd_seconds: float | None
    mttc_seconds: float | None
    mttr_seconds: float | None

    def to_json(self) -> dict[str, object]:
        return {"type": self.type.value, "count": self.count, "open": self.open,
                "mttd_seconds": self.mttd_seconds, "mttc_seconds": self.mttc_seconds,
                "mttr_seconds": self.mttr_seconds}


def fill_containment(session: Session, incident: Incident) -> Incident:
    """Set ``contained_at`` from the maintenance switch when the trigger did not contain it."""
    if incident.contained_at is None:
        query = select(AuditEntry.time).where(
            AuditEntry.event_type == EventType.MAINTENANCE_ENABLED.value,
            AuditEntry.time >= incident.occurred_at)
        if incident.closed_index is not None:
            query = query.where(AuditEntry.idx <= incident.closed_index)
        first = session.execute(query.order_by(AuditEntry.idx).limit(1)).scalar_one_or_none()
        if first is not None:
            incident.contained_at = _aware(first)
    return incident


def incident_times(incident: Incident) -> dict[str, float | None]:
    """Seconds to detect, contain and resolve one incident (``None`` where not yet known)."""
    def span(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
        return None if start is None or end is None else max(0.0, (end - start).total_seconds())
    return {"detect": span(incident.occurred_at, incident.opened_at),
            "contain": span(incident.opened_at, incident.contained_at),
            "resolve": span(incident.opened_at, incident.closed_at)}


def metrics_by_type(ctx: AppContext) -> list[TypeMetrics]:
    """MTTD, MTTC and MTTR for each incident type (module docstring)."""
    with ctx.database.reader() as session:
        incidents = [fill_containment(session, i) for i in load_incidents(session).values()]
    result = []
    for kind in IncidentType:
        mine = [i for i in incidents if i.type == kind]
        times = [incident_times(i) for i in mine]
        result.append(TypeMetrics(
            kind, len(mine), sum(1 for i in mine if i.is_open),
            _mean(t["detect"] for t in times), _mean(t["contain"] for t in times),
            _mean(t["resolve"] for t in times)))
    return result


def _mean(values: object) -> float | None:
    known = [v for v in values if v is not None]  # type: ignore[attr-defined]
    return round(fmean(known), 3) if known else None


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
