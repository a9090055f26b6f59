"""The columns copied out of each payload, read back from the hashed payload bytes.

Storage keeps a few payload fields as plain, indexed columns (type, time, actor, subject) so that
the Audit page and ``audit list`` can filter a million entries quickly. Those columns are not
hashed: one ``UPDATE`` could change what a person reads or drop an event from a selection while
the chain still verifies. Everything shown or selected must therefore be what the payload says,
and verification compares every copied column with the payload in the same streaming pass.

The payload is canonical JSON with sorted keys (see :mod:`.events`), so its layout is fixed::

    {"actor":"…","console_id":"…","details":{…},"software_version":"…",
     "subject":{…},"time":"YYYY-MM-DDTHH:MM:SS.ffffffZ","type":"…","v":1}

:func:`payload_columns` slices the fields out by that layout instead of parsing the whole JSON
(only the small subject object is parsed): a full ``json.loads`` per entry would double the
time of a million-entry verification. A quote inside a JSON string is always escaped, so the
markers searched for (``,"console_id":``, ``,"subject":``, ``,"type":"``) can only be
structural; ``subject`` is the last object before ``time``, so the last ``,"subject":`` before
the time is the top-level one even if ``details`` nests another.
"""

from __future__ import annotations

import json
from typing import NamedTuple

SUBJECT_MAX = 256
"""How much of the actor and of the subject text the columns keep."""

_HEAD = b'{"actor":'
_CONSOLE = b',"console_id":'
_SUBJECT = b',"subject":'
_TYPE = b',"type":"'
_TIME = b',"time":"'
_END = b'","v":1}'
_TIME_LEN = 27  # YYYY-MM-DDTHH:MM:SS.ffffffZ


class CopiedColumns(NamedTuple):
    """What the copied columns of an entry must hold; ``time`` in the payload's UTC form."""

    event_type: str
    time: str
    actor: str
    subject: str


def subject_key(subject: dict[str, str]) -> str:
    """The searchable text of a subject: its values in key order, space separated (hashes, ids)."""
    return " ".join(str(subject[key]) for key in sorted(subject))[:SUBJECT_MAX]


def payload_columns(payload: bytes) -> CopiedColumns:
    """The copied columns as the payload states them; ``ValueError`` if the layout is not v1."""
    if not payload.startswith(_HEAD) or not payload.endswith(_END):
        raise ValueError("the payload is not a version 1 audit event")
    type_at = payload.rfind(_TYPE)
    time_at = type_at - len(_TIME) - _TIME_LEN - 1
    if type_at < 0 or payload[time_at : time_at + len(_TIME)] != _TIME:
        raise ValueError("the payload has no time and type where a version 1 event has them")
    subject_at = payload.rfind(_SUBJECT, 0, time_at)
    actor_end = payload.find(_CONSOLE)
    if subject_at < 0 or actor_end < 0:
        raise ValueError("the payload has no actor or subject where a version 1 event has them")
    return CopiedColumns(
        event_type=payload[type_at + len(_TYPE) : -len(_END)].decode(),
        time=payload[time_at + len(_TIME) : type_at - 1].decode(),
        actor=_json_string(payload[len(_HEAD) : actor_end])[:SUBJECT_MAX],
        subject=_subject_text(payload[subject_at + len(_SUBJECT) : time_at]),
    )


def _subject_text(raw: bytes) -> str:
    """:func:`subject_key` of the canonical subject object ``raw``.

    Without a backslash no string holds a quote, so ``","`` and ``":"`` are structural and the
    values, already in key order, are split out directly; otherwise the object is parsed.
    """
    if b"\\" not in raw and raw[:2] == b'{"' and raw[-2:] == b'"}':
        values = [item.split(b'":"', 1)[1] for item in raw[2:-2].split(b'","')]
        return b" ".join(values).decode()[:SUBJECT_MAX]
    if raw == b"{}":
        return ""
    subject = json.loads(raw)
    if not isinstance(subject, dict):
        raise ValueError("the payload's subject is not an object")
    return subject_key(subject)


def payload_subject(payload: bytes) -> dict[str, str]:
    """The payload's subject object (for selecting entries by what they concern)."""
    data = json.loads(payload)
    subject = data.get("subject") if isinstance(data, dict) else None
    if not isinstance(subject, dict):
        raise ValueError("the payload has no subject object")
    return {str(k): str(v) for k, v in subject.items()}


def _json_string(raw: bytes) -> str:
    if b"\\" not in raw and raw[:1] == b'"' and raw[-1:] == b'"':
        return raw[1:-1].decode()
    value = json.loads(raw)
    if not isinstance(value, str):
        raise ValueError("the payload's actor is not a string")
    return value


def stored_columns_agree(payload: bytes, event_type: bytes, time: bytes, actor: bytes,
                         subject: bytes) -> bool:
    """Fast path: True if the copied columns, as raw UTF-8 bytes (SQLite text ``time`` form
    ``YYYY-MM-DD HH:MM:SS.ffffff``), certainly agree with the payload.

    Built for the verification hot loop: a few byte comparisons, no decoding. ``False`` means
    "not certain" (an edit, or merely escapes, truncation or another time spelling); the caller
    then decides with :func:`payload_columns`.
    """
    if len(time) != 26:
        return False
    tail = b',"time":"%bT%bZ","type":"%b","v":1}' % (time[:10], time[11:], event_type)
    end = len(payload) - len(tail)
    if payload[end:] != tail or payload[9 : 12 + len(actor)] != b'"%b",' % actor:
        return False
    start = payload.rfind(_SUBJECT, 0, end)
    raw = payload[start + len(_SUBJECT) : end]
    if raw == b"{}":
        return subject == b""
    if b"\\" in raw or raw[:2] != b'{"' or raw[-2:] != b'"}' or len(subject) >= SUBJECT_MAX:
        return False
    return b" ".join([item.split(b'":"', 1)[-1] for item in raw[2:-2].split(b'","')]) == subject
