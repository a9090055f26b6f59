"""The entries of a verification, streamed once: copied columns and anchored hashes checked.

The chain walk (:func:`sealdesk.core.audit.chain.verify_chain`) proves the payloads. The rows
also carry copies of payload fields (type, time, actor, subject) that browsing, ``audit list``
and evidence selection filter on; an ``UPDATE`` of a copy leaves the chain intact, so each copy
is compared here with what the payload says, in the same pass (no second scan of a million
rows). Stored entry hashes are compared with the hashes an out-of-band anchor recorded, which
names the first entry of a rewritten history exactly, even when every hash in the database was
recomputed and the checkpoints re-signed. The stream also notes the entries verification needs
again later (checkpoint events, key activations) so that nothing is searched for twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from sqlalchemy.orm import Session

from sealdesk.core.audit.columns import payload_columns, stored_columns_agree
from sealdesk.core.audit.events import SECURITY_EVENTS, AuditEvent, EventType
from sealdesk.errors import SealDeskError
from sealdesk.services.audit.report import Finding, FindingKind
from sealdesk.storage.audit.repo import iter_entry_rows, time_text

MAX_COLUMN_FINDINGS = 1000
"""Column findings kept in one report; the count of the rest is reported as a warning."""

_COLUMN_NAMES = ("event_type", "time", "actor", "subject")
_SECURITY = frozenset(kind.value for kind in SECURITY_EVENTS)
_AUTHORITY = frozenset(kind.value for kind in EventType if kind.value.split(".")[0] in (
    "rotation", "custodian", "policy")) | {EventType.COUNTERSIGNED.value}
"""Parsed during the walk: the custodian registry's replay and the counter-signatures that
witness checkpoints (:mod:`~sealdesk.services.audit.witnesses`)."""
_NOTED_TYPES = _SECURITY | _AUTHORITY | {EventType.CHECKPOINT_CREATED.value}
_NOTED_BYTES = frozenset(kind.encode() for kind in _NOTED_TYPES)


class EntryStream:
    """The rows of a verification in index order, as the 4-tuples the chain walk consumes."""

    def __init__(self, session: Session, anchored_leaves: Sequence[bytes] = ()) -> None:
        self._session = session
        self._anchored = anchored_leaves
        self.checkpoint_events: list[int] = []
        self.key_events: list[int] = []
        self.column_findings: list[Finding] = []
        self.column_mismatches = 0
        self.anchor_finding: Finding | None = None
        self.security_events: list[tuple[int, str]] = []
        """The last security-relevant events seen (index, type), newest last (bounded)."""
        self.authority_events: list[tuple[int, AuditEvent]] = []
        """Registry, policy, rotation and counter-signature events, parsed, in log order."""

    def __iter__(self) -> Iterator[tuple[int, bytes, bytes, bytes]]:
        anchored = self._anchored
        known = len(anchored)
        for rows in iter_entry_rows(self._session, with_columns=True):
            for idx, prev_hash, entry_hash, payload, etype, time, actor, subject in rows:
                if type(etype) is bytes and stored_columns_agree(payload, etype, time, actor,
                                                                 subject):
                    if etype in _NOTED_BYTES:
                        self._note(idx, etype.decode(), payload)
                else:
                    self._check_slowly(idx, payload, (etype, time, actor, subject))
                if idx < known and entry_hash != anchored[idx] and self.anchor_finding is None:
                    self.anchor_finding = _anchor_differs(idx, anchored[idx], entry_hash)
                yield idx, prev_hash, entry_hash, payload

    def _check_slowly(self, idx: int, payload: bytes, stored: tuple[object, ...]) -> None:
        """Decide with the payload parsed (escapes, truncation, another driver, an edit)."""
        try:
            said = payload_columns(payload)
        except ValueError as ex:
            self._unreadable(idx, str(ex))
            return
        etype, time, actor, subject = (
            v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in stored)
        found = (etype, time_text(time), actor, subject)
        if said != found:
            self._mismatch(idx, said, found)  # type: ignore[arg-type]
        if said.event_type in _NOTED_TYPES:
            self._note(idx, said.event_type, payload)

    def _note(self, idx: int, event_type: str, payload: bytes) -> None:
        if event_type == EventType.CHECKPOINT_CREATED:
            self.checkpoint_events.append(idx)
        elif event_type == EventType.KEY_ACTIVATED:
            self.key_events.append(idx)
        if event_type in _SECURITY:
            self._security(idx, event_type)
        if event_type in _AUTHORITY:
            # an unreadable payload is the chain walk's finding, not this one's
            with contextlib.suppress(ValueError, TypeError, KeyError, SealDeskError):
                event = AuditEvent.from_canonical_bytes(bytes(payload))
                self.authority_events.append((idx, event))

    def _security(self, idx: int, event_type: str) -> None:
        self.security_events.append((idx, event_type))
        if len(self.security_events) > 2 * MAX_COLUMN_FINDINGS:
            del self.security_events[:MAX_COLUMN_FINDINGS]

    def _mismatch(self, idx: int, said: tuple[str, ...], stored: tuple[str, ...]) -> None:
        for name, expected, found in zip(_COLUMN_NAMES, said, stored, strict=True):
            if expected != found:
                self._add(Finding(
                    FindingKind.COLUMN_ALTERED,
                    f"the {name} column of entry {idx} was changed: it no longer says what the "
                    "hashed payload says, so lists, searches and evidence selection that read "
                    "it were misled",
                    index=idx, expected=f"{name}={expected}", found=f"{name}={found}"))

    def _unreadable(self, idx: int, reason: str) -> None:
        self._add(Finding(FindingKind.COLUMN_ALTERED,
                          f"the payload of entry {idx} cannot be read for its columns: {reason}",
                          index=idx))

    def _add(self, finding: Finding) -> None:
        self.column_mismatches += 1
        if len(self.column_findings) < MAX_COLUMN_FINDINGS:
            self.column_findings.append(finding)


def _anchor_differs(idx: int, anchored: bytes, stored: bytes) -> Finding:
    return Finding(
        FindingKind.ANCHOR_MISMATCH,
        f"entry {idx} differs from the entry an out-of-band anchor recorded: the log was "
        "rewritten from this entry on (hashes recomputed and, if they verify, checkpoints "
        "re-signed with the audit key)",
        index=idx, expected=anchored.hex(), found=bytes(stored).hex())
