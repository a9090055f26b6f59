"""The standby seal token: a second token with its own seal key, and which of the two is active.

Why: one token is a single point of failure (seed 001, scenario A: the HSM is slow or down). A
second token, with its own seal key and a certificate from the organisation's CA, lets sealing go
on; but a second key that can seal for the organisation is as weighty as a new seal key, so it is
registered only by a quorum-approved ``register_standby`` proposal (threshold of a seal key
rotation), and the choice between the two tokens is an audited act of a person, never automatic.

Both facts live in the audit log, never in an editable row:

* ``token.standby_registered`` carries the token's identity (label, serial, maker, model), the
  key label and the certificate; it counts only when an executed, quorum-approved
  ``register_standby`` proposal carries it and names the same token and certificate;
* ``token.switched`` (``to``: ``standby`` or ``primary``) counts only when a standby is
  registered, names its certificate and changes the state; a switch TO the standby must also
  carry the standby key's signature over :func:`switch_statement`, which names the switch's
  sequence number (so an old signature replayed later does not count). Anyone who can write
  the database can append a hash-chained event, but only the standby token, with its PIN, can
  make sealing move to it. A switch back to the primary is unsigned: it returns to the
  configured key, which needs no proof, and a forged one only stops the standby sealing. The
  last valid switch decides which token seals.

Everything here is pure; :mod:`sealdesk.core.rotation.offline` calls :func:`on_registered` and
:func:`on_switched` while it replays the log, so an auditor's replay says the same.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography import x509

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.rotation.decision import signature_valid
from sealdesk.errors import InputError

PRIMARY = "primary"
STANDBY = "standby"
TOKENS = (PRIMARY, STANDBY)
SWITCH_TYPE = "sealdesk.standby.switch"
PARAMS = frozenset({"token_label", "token_serial", "manufacturer", "model", "key_label",
                    "certificate_der_b64"})


@dataclass(frozen=True)
class StandbyToken:
    """The registered standby token, as its registration event (and proposal) state it."""

    proposal_id: str
    token_label: str
    token_serial: str
    manufacturer: str
    model: str
    key_label: str
    certificate_der: bytes
    entry: int = -1
    """The audit index of the ``token.standby_registered`` event."""

    @property
    def certificate_sha256(self) -> str:
        return hashlib.sha256(self.certificate_der).hexdigest()

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.certificate_der)

    def describe(self) -> str:
        return f"{self.token_label!r} (serial {self.token_serial}), key {self.key_label!r}"

    @classmethod
    def from_params(cls, proposal_id: str, params: Mapping[str, Any],
                    entry: int = -1) -> StandbyToken:
        return cls(proposal_id, str(params["token_label"]), str(params["token_serial"]),
                   str(params["manufacturer"]), str(params["model"]), str(params["key_label"]),
                   base64.b64decode(str(params["certificate_der_b64"]), validate=True), entry)


@dataclass(frozen=True)
class TokenSwitch:
    """One valid ``token.switched`` event."""

    entry: int
    time: dt.datetime
    to: str
    incident: int | None
    actor: str
    reason: str


def check_params(params: Mapping[str, Any]) -> None:
    """What an approver must not have to check: the fields exist and the certificate parses."""
    if set(params) != PARAMS:
        raise InputError(f"Parameters of register_standby must be exactly {sorted(PARAMS)}, "
                         f"not {sorted(params)}.")
    if not str(params["token_label"]).strip() or not str(params["token_serial"]).strip():
        raise InputError("A standby token is registered by its label and serial number.",
                         hint="'sealdesk token list' shows both.")
    try:
        StandbyToken.from_params("0" * 16, params).certificate  # noqa: B018 - parse check
    except ValueError as exc:
        raise InputError("The standby key's certificate is not a readable X.509 "
                         "certificate.") from exc


def switch_statement(sequence: int, certificate_sha256: str) -> bytes:
    """What the standby key signs to move sealing onto it: the ``sequence``-th switch."""
    return canonical_json({"type": SWITCH_TYPE, "v": 1, "to": STANDBY, "sequence": sequence,
                           "certificate_sha256": certificate_sha256})


def switch_problem(standby: StandbyToken | None, active: str, details: Mapping[str, Any],
                   sequence: int) -> str | None:
    """Why a ``token.switched`` event (the ``sequence``-th valid one, counting from 1) does not
    count, or None when it does."""
    to = details.get("to")
    if to not in TOKENS:
        return f"a switch to {to!r}, which is neither the primary nor the standby token"
    if standby is None:
        return "a switch of the seal token while no standby token is registered"
    if to == active:
        return f"a switch to the {to} token, which was already the active one"
    if details.get("standby_certificate_sha256") != standby.certificate_sha256:
        return "a switch naming another standby certificate than the registered one"
    if to == STANDBY and not _signed_by_standby(standby, details, sequence):
        return ("a switch to the standby token without the standby key's signature over "
                f"switch number {sequence}")
    return None


def _signed_by_standby(standby: StandbyToken, details: Mapping[str, Any],
                       sequence: int) -> bool:
    try:
        signature = base64.b64decode(str(details["signature_b64"]), validate=True)
        return signature_valid(standby.certificate,
                               switch_statement(sequence, standby.certificate_sha256),
                               signature, str(details["algorithm"]))
    except (KeyError, ValueError):
        return False
