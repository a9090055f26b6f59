"""The incident register: incidents as ``incident.*`` events in the audit log, read back from it.

An incident has no row of its own. Opening one appends ``incident.opened``; its id is the index
of that entry (``INC-<index>``), so an incident cannot be renumbered, forged into the past or
deleted without breaking the chain and the signed checkpoints. Notes, links, action items and
the closing are further events whose subject names the incident; :func:`load_incidents` folds
them into :class:`Incident` values. The log is the authority; nothing here is a second truth.

Detection automatically: where a failure is recorded (a FAILED revalidation, a compromise mark,
a batch stopped by the TSA or the token, a failed self-test) the recorder calls
:func:`attach_or_open` in its own transaction: the failure and its incident commit together, and
a second failure of the same type joins the open incident instead of opening another one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.canonical import format_time, parse_time
from sealdesk.core.audit.events import EventType
from sealdesk.errors import InputError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.audit.repo import lock_head
from sealdesk.storage.documents.models import Document, Seal
from sealdesk.storage.keys.models import ProposalRecord
from sealdesk.storage.revalidation.models import RevalidationRun

INCIDENT_EVENTS = (
    EventType.INCIDENT_OPENED, EventType.INCIDENT_NOTED, EventType.INCIDENT_LINKED,
    EventType.INCIDENT_CLOSED, EventType.INCIDENT_ACTION_ADDED,
    EventType.INCIDENT_ACTION_CLOSED, EventType.INCIDENT_REPORTED,
)
TITLE_MAX = 200
TEXT_MAX = 4000


class IncidentType(StrEnum):
    """The classes of ETSI/eIDAS incident reporting that SealDesk distinguishes."""

    SECURITY = "security"
    INTEGRITY = "integrity"
    AVAILABILITY = "availability"
    CONFIG = "config"


class LinkKind(StrEnum):
    """What an incident can point at; ``entry`` is any audit log entry by index."""

    DOCUMENT = "document"
    SEAL = "seal"
    RUN = "run"
    PROPOSAL = "proposal"
    ENTRY = "entry"


@dataclass(frozen=True)
class Link:
    kind: str
    ref: str
    index: int
    """The audit index of the ``incident.linked`` event."""
    entry: int | None = None
    """The audit entry that caused the link (a failed seal, a quarantine), if any."""


@dataclass
class ActionItem:
    id: int
    """The audit index of its ``incident.action_added`` event."""
    text: str
    owner: str
    added_at: dt.datetime
    closed_at: dt.datetime | None = None
    outcome: str = ""

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass
class Incident:
    """One incident as the log tells it (see :func:`load_incidents`)."""

    id: int
    type: IncidentType
    title: str
    opened_at: dt.datetime
    opened_by: str
    occurred_at: dt.datetime
    """When the problem began, as far as known (the first failure); detection is opened_at."""
    automatic: bool
    contained_at: dt.datetime | None = None
    """When sealing stopped for it: the trigger itself (a stopped batch, a refused key) or the
    first ``maintenance.enabled`` while it was open; filled by :mod:`.metrics`."""
    closed_at: dt.datetime | None = None
    closed_index: int | None = None
    root_cause: str = ""
    notes: list[tuple[int, dt.datetime, str, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    actions: dict[int, ActionItem] = field(default_factory=dict)
    reports: list[str] = field(default_factory=list)
    """SHA-256 of each statement issued (``incident.reported``)."""

    @property
    def name(self) -> str:
        return incident_name(self.id)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def open_actions(self) -> list[ActionItem]:
        return [a for a in self.actions.values() if a.is_open]


def incident_name(incident_id: int) -> str:
    return f"INC-{incident_id}"


def parse_incident_id(text: str) -> int:
    """``INC-42`` or ``42`` → 42; anything else is an :class:`InputError`."""
    raw = text.strip().upper().removeprefix("INC-")
    if not raw.isdigit():
        raise InputError(f"{text!r} is not an incident id.",
                         hint="Incident ids look like INC-42; 'sealdesk incident list' shows them.")
    return int(raw)


# ---- reading ---------------------------------------------------------------------------------


def load_incidents(session: Session) -> dict[int, Incident]:
    """Every incident, folded from the ``incident.*`` events in log order."""
    rows = session.execute(
        select(AuditEntry.idx, AuditEntry.payload)
        .where(AuditEntry.event_type.in_([str(t) for t in INCIDENT_EVENTS]))
        .order_by(AuditEntry.idx)
    )
    incidents: dict[int, Incident] = {}
    for idx, payload in rows:
        _apply(incidents, int(idx), json.loads(bytes(payload)))
    return incidents


def _apply(incidents: dict[int, Incident], idx: int, event: dict) -> None:  # type: ignore[type-arg]
    kind, details, time = event["type"], event["details"], parse_time(event["time"])
    if kind == EventType.INCIDENT_OPENED:
        incidents[idx] = Incident(
            id=idx, type=IncidentType(event["subject"]["incident_type"]),
            title=details["title"], opened_at=time, opened_by=event["actor"],
            occurred_at=parse_time(details.get("occurred_at") or event["time"]),
            automatic=bool(details.get("automatic")),
            contained_at=time if details.get("contained") else None,
        )
        return
    incident = incidents.get(int(event["subject"].get("incident", "-1")))
    if incident is None:
        return  # names an incident that was never opened: verification flags such entries
    if kind == EventType.INCIDENT_NOTED:
        incident.notes.append((idx, time, event["actor"], details["text"]))
    elif kind == EventType.INCIDENT_LINKED:
        incident.links.append(Link(details["kind"], details["ref"], idx, details.get("entry")))
        if details.get("contained") and incident.contained_at is None:
            incident.contained_at = time
    elif kind == EventType.INCIDENT_CLOSED:
        incident.closed_at, incident.closed_index = time, idx
        incident.root_cause = details["root_cause"]
    elif kind == EventType.INCIDENT_ACTION_ADDED:
        incident.actions[idx] = ActionItem(idx, details["text"], details.get("owner", ""), time)
    elif kind == EventType.INCIDENT_ACTION_CLOSED:
        item = incident.actions.get(int(details["action"]))
        if item is not None:
            item.closed_at, item.outcome = time, details.get("outcome", "")
    elif kind == EventType.INCIDENT_REPORTED:
        incident.reports.append(details["statement_sha256"])


def list_incidents(ctx: AppContext, *, open_only: bool = False) -> list[Incident]:
    """Incidents, newest first."""
    with ctx.database.reader() as session:
        found = load_incidents(session).values()
    return sorted((i for i in found if i.is_open or not open_only), key=lambda i: -i.id)


def get_incident(ctx: AppContext, incident_id: int) -> Incident:
    with ctx.database.reader() as session:
        return require_incident(load_incidents(session), incident_id)


def require_incident(incidents: dict[int, Incident], incident_id: int) -> Incident:
    try:
        return incidents[incident_id]
    except KeyError:
        raise InputError(f"There is no incident {incident_name(incident_id)}.",
                         hint="'sealdesk incident list' shows the incidents.") from None


# ---- writing by hand -------------------------------------------------------------------------


def open_incident(ctx: AppContext, kind: IncidentType | str, title: str, *,
                  occurred_at: dt.datetime | None = None) -> int:
    """Open an incident by hand; returns its id."""
    require_role(ctx, Role.ADMINISTRATOR, "open an incident")
    incident_type = _type(kind)
    title = _text("title", title, TITLE_MAX)
    if occurred_at is not None and occurred_at.utcoffset() is None:
        raise InputError("Give the time the incident began with a time zone (…Z or +01:00).")
    if occurred_at is not None and occurred_at > dt.datetime.now(dt.UTC):
        raise InputError("The time the incident began lies in the future.")
    with ctx.database.transaction() as session:
        return _open(session, ctx, incident_type, title, occurred_at, automatic=False)


def add_note(ctx: AppContext, incident_id: int, text: str) -> int:
    return _append(ctx, incident_id, EventType.INCIDENT_NOTED,
                   {"text": _text("note", text, TEXT_MAX)}, "add a note to an incident")


def link(ctx: AppContext, incident_id: int, kind: LinkKind | str, ref: str) -> int:
    """Link a document, seal, revalidation run, proposal or audit entry that exists."""
    link_kind = _link_kind(kind)
    with ctx.database.reader() as session:
        ref = _check_ref(session, link_kind, ref.strip())
    return _append(ctx, incident_id, EventType.INCIDENT_LINKED,
                   {"kind": link_kind.value, "ref": ref}, "link items to an incident")


def close_incident(ctx: AppContext, incident_id: int, root_cause: str) -> int:
    return _append(ctx, incident_id, EventType.INCIDENT_CLOSED,
                   {"root_cause": _text("root cause", root_cause, TEXT_MAX)},
                   "close an incident")


def add_action(ctx: AppContext, incident_id: int, text: str, owner: str = "") -> int:
    """Add an action item; returns its id (the index of its event)."""
    return _append(ctx, incident_id, EventType.INCIDENT_ACTION_ADDED,
                   {"text": _text("action", text, TEXT_MAX), "owner": owner.strip()[:256]},
                   "add an incident action item")


def close_action(ctx: AppContext, incident_id: int, action_id: int, outcome: str) -> int:
    require_role(ctx, Role.ADMINISTRATOR, "close an incident action item")
    outcome = _text("outcome", outcome, TEXT_MAX)
    with ctx.database.transaction() as session:
        lock_head(session)
        incident = require_incident(load_incidents(session), incident_id)
        item = incident.actions.get(action_id)
        if item is None:
            raise InputError(f"{incident.name} has no action item {action_id}.",
                             hint=f"'sealdesk incident show {incident.name}' lists them.")
        if not item.is_open:
            raise InputError(f"Action item {action_id} of {incident.name} is already closed.")
        return record(session, ctx.event(
            EventType.INCIDENT_ACTION_CLOSED, {"incident": str(incident_id)},
            {"action": action_id, "outcome": outcome})).index


def _append(ctx: AppContext, incident_id: int, kind: EventType, details: dict[str, object],
            action: str) -> int:
    require_role(ctx, Role.ADMINISTRATOR, action)
    with ctx.database.transaction() as session:
        lock_head(session)  # two consoles: the second sees the first's closing
        incident = require_incident(load_incidents(session), incident_id)
        if not incident.is_open and kind != EventType.INCIDENT_NOTED:
            raise InputError(f"{incident.name} is closed ({format_time(incident.closed_at)}).",
                             hint="Add a note to a closed incident, or open a new one.")
        return record(session, ctx.event(kind, {"incident": str(incident_id)}, details)).index


# ---- writing automatically, in the recorder's transaction ------------------------------------


@dataclass(frozen=True)
class Trigger:
    """A recorded failure that an incident points at."""

    kind: LinkKind
    ref: str
    entry: int | None = None


def attach_or_open(
    session: Session, ctx: AppContext, kind: IncidentType, title: str,
    triggers: Iterable[Trigger], *, occurred_at: dt.datetime | None = None,
    contained: bool = False,
) -> int:
    """Link ``triggers`` to the open incident of ``kind`` (opening one if there is none).

    Runs in the caller's transaction, so the failure and its incident commit together; the head
    lock makes two consoles agree on which incident is the open one.
    """
    lock_head(session)
    incidents = load_incidents(session)
    current = [i for i in incidents.values() if i.is_open and i.type == kind]
    if current:
        incident_id = current[-1].id
    else:
        incident_id = _open(session, ctx, kind, title, occurred_at, automatic=True,
                            contained=contained)
    linked = {(link.kind, link.ref) for link in incidents.get(incident_id, _NONE).links}
    for trigger in triggers:
        if (trigger.kind.value, trigger.ref) in linked:
            continue
        details: dict[str, object] = {"kind": trigger.kind.value, "ref": trigger.ref}
        if trigger.entry is not None:
            details["entry"] = trigger.entry
        if contained:
            details["contained"] = True
        record(session, ctx.event(EventType.INCIDENT_LINKED, {"incident": str(incident_id)},
                                  details))
        linked.add((trigger.kind.value, trigger.ref))
    return incident_id


_NONE = Incident(-1, IncidentType.CONFIG, "", dt.datetime.min, "", dt.datetime.min, False)


def _open(session: Session, ctx: AppContext, kind: IncidentType, title: str,
          occurred_at: dt.datetime | None, *, automatic: bool, contained: bool = False) -> int:
    details: dict[str, object] = {"title": title, "automatic": automatic}
    if occurred_at is not None:
        details["occurred_at"] = format_time(occurred_at.astimezone(dt.UTC))
    if contained:
        details["contained"] = True
    return record(session, ctx.event(EventType.INCIDENT_OPENED,
                                     {"incident_type": kind.value}, details)).index


# ---- input checks ----------------------------------------------------------------------------


def _type(kind: IncidentType | str) -> IncidentType:
    try:
        return IncidentType(kind)
    except ValueError:
        allowed = ", ".join(t.value for t in IncidentType)
        raise InputError(f"{kind!r} is not an incident type.", hint=f"Use one of: {allowed}.") \
            from None


def _link_kind(kind: LinkKind | str) -> LinkKind:
    try:
        return LinkKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in LinkKind)
        raise InputError(f"{kind!r} is not something an incident links to.",
                         hint=f"Use one of: {allowed}.") from None


def _text(name: str, value: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise InputError(f"The {name} is empty.", hint=f"Say in words what the {name} is.")
    if len(text) > limit:
        raise InputError(f"The {name} is {len(text)} characters long; at most {limit}.",
                         hint="Put the long text in an attachment and link it from a note.")
    return text


def _check_ref(session: Session, kind: LinkKind, ref: str) -> str:
    """The canonical form of ``ref`` if it names an existing item, else an InputError."""
    if kind in (LinkKind.DOCUMENT, LinkKind.SEAL):
        ref = ref.lower()
        column = Document.sha256 if kind is LinkKind.DOCUMENT else Seal.sealed_sha256
        found = session.execute(select(column).where(column == ref)).first()
    elif kind is LinkKind.RUN:
        found = ref.isdigit() and session.get(RevalidationRun, int(ref))
    elif kind is LinkKind.PROPOSAL:
        found = session.get(ProposalRecord, ref)
    else:
        found = ref.isdigit() and session.get(AuditEntry, int(ref))
    if not found:
        raise InputError(f"There is no {kind.value} {ref!r} to link.",
                         hint="Give a document or sealed-file SHA-256, a revalidation run "
                         "number, a proposal id or an audit entry index that exists.")
    return ref
