"""The part of a revalidation run that runs in worker processes: check one document.

Why processes: validation is CPU-bound Python (ASN.1, hashing, signature checks, pyHanko's
difference analysis), so threads would share one core. Each worker builds its
:class:`DocumentChecker` once (policy, event loop, fetcher backend) in the pool's initializer
and then receives only small, picklable :class:`WorkItem` values and returns
:class:`WorkOutcome` values holding the report as JSON. Workers never touch the database: the
parent records results, so a worker that dies loses nothing that was recorded.

A worker ignores SIGINT: Ctrl+C belongs to the parent, which cancels cleanly.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import json
import logging
import signal
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509

from sealdesk.core.crypto.plain_view import plaintext_path
from sealdesk.core.validation import (
    DocumentReport,
    Finding,
    Indication,
    RevocationMode,
    Severity,
    SignatureKind,
    ValidationPolicy,
    async_validate_pdf,
)
from sealdesk.core.validation.crypto_profile import CryptoProfile, drift_findings
from sealdesk.core.validation.fetching import ReusingFetcherBackend
from sealdesk.errors import InputError
from sealdesk.fsutil import sha256_file, sha256_prefix_and_whole

STORE_COPY_DAMAGED = (
    "the store's copy of this sealed file is damaged: its SHA-256 no longer matches the one "
    "recorded in the audit log when it was sealed"
)
STORE_COPY_MISSING = "the store's copy of this sealed file is missing"
DELETED = "DELETED"
"""The verdict of a document deleted under retention: neither PASSED nor FAILED."""
ORIGINAL_DAMAGED = "the separately stored original of this document is damaged"
NOT_THE_ORIGINAL = "the sealed file does not begin with the recorded original document"
QUARANTINED = ("the seal is quarantined: it was made with a seal key marked compromised (see "
               "'sealdesk compromise list'); rely on its re-sealed copy")


@dataclass(frozen=True)
class PolicySpec:
    """A validation policy as plain data: what a run stores and what workers receive."""

    anchors_der: tuple[bytes, ...]
    revocation_mode: str
    moment: datetime | None = None

    @classmethod
    def of(cls, policy: ValidationPolicy) -> PolicySpec:
        return cls(tuple(c.dump() for c in policy.trust_anchors), policy.revocation_mode.value,
                   policy.moment)

    def build(self, backend: ReusingFetcherBackend | None = None) -> ValidationPolicy:
        return ValidationPolicy(
            trust_anchors=tuple(x509.Certificate.load(d) for d in self.anchors_der),
            revocation_mode=RevocationMode(self.revocation_mode),
            moment=self.moment,
            fetcher_backend=backend,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "revocation_mode": self.revocation_mode,
            "moment": self.moment.isoformat() if self.moment else None,
            "trust_anchors": [base64.b64encode(d).decode("ascii") for d in self.anchors_der],
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> PolicySpec:
        moment = data.get("moment")
        anchors = data.get("trust_anchors") or []
        assert isinstance(anchors, list)
        return cls(
            anchors_der=tuple(base64.b64decode(a) for a in anchors),
            revocation_mode=str(data["revocation_mode"]),
            moment=datetime.fromisoformat(moment) if isinstance(moment, str) else None,
        )


@dataclass(frozen=True)
class WorkItem:
    """One document to check; the store fields are empty for files SealDesk did not seal."""

    position: int
    path: str
    expected_sha256: str = ""
    """The sealed file's SHA-256 recorded when it was sealed."""
    store_copy: str = ""
    """The store's copy to check as well, when ``path`` is a copy elsewhere."""
    original_path: str = ""
    original_sha256: str = ""
    original_size: int = 0
    quarantined: bool = False
    seal_policy: str = ""
    """The seal row's policy JSON: what the seal is checked against for cryptographic drift."""
    deleted_entry: int | None = None
    """The ``retention.deleted`` entry when the document's content was deleted under retention
    (the log proves it): its missing store copy is that verdict, not a failure."""
    data_keys: dict[str, bytes] = dataclasses.field(default_factory=dict)
    """For store copies that are envelopes (an encrypted store): path -> data key, unwrapped
    by the parent (its key agent holds the token login) and sent over the pool's pipe, never
    through a file or the environment. The worker decrypts into memory only."""


@dataclass(frozen=True)
class WorkOutcome:
    position: int
    sha256: str
    indication: str
    sub_indication: str | None
    headline: str
    report_json: str | None
    problems: tuple[str, ...] = ()


class DocumentChecker:
    """Checks documents one after another with one policy, one event loop, shared fetches."""

    def __init__(self, spec: PolicySpec) -> None:
        self._loop = asyncio.new_event_loop()
        self._backend = ReusingFetcherBackend()
        self._policy = spec.build(self._backend)

    def check(self, item: WorkItem) -> WorkOutcome:
        if not item.data_keys:
            return self._check(item)
        with contextlib.ExitStack() as stack:
            plain = {name: str(stack.enter_context(plaintext_path(Path(name), key)))
                     for name, key in item.data_keys.items() if key and Path(name).is_file()}
            # An envelope whose key record is gone cannot be opened by anyone: it is checked
            # as the missing store copy it in effect is (a path that does not exist).
            plain.update({name: f"{name} (its key is gone)"
                          for name, key in item.data_keys.items() if not key})
            return self._check(dataclasses.replace(
                item, path=plain.get(item.path, item.path),
                store_copy=plain.get(item.store_copy, item.store_copy),
                original_path=plain.get(item.original_path, item.original_path),
                data_keys={}))

    def _check(self, item: WorkItem) -> WorkOutcome:
        path = Path(item.path)
        if item.deleted_entry is not None and not path.is_file():
            return WorkOutcome(item.position, item.expected_sha256, DELETED, None,
                               f"Deleted under retention (event {item.deleted_entry}).", None)
        problems = _store_problems(item)
        report: DocumentReport | None = None
        error: str | None = None
        if problems and problems[0] == STORE_COPY_MISSING and not item.store_copy:
            sha256 = ""
        else:
            try:
                report = self._loop.run_until_complete(async_validate_pdf(path, self._policy))
            except InputError as e:
                error = e.message
            if report is not None and item.seal_policy:
                report = with_drift(report, item.seal_policy)
            sha256 = report.sha256 if report else _sha256(path)
        if item.expected_sha256 and sha256 and sha256 != item.expected_sha256:
            problems.insert(0, STORE_COPY_DAMAGED)
        if report is None or report.indication is not Indication.PASSED:
            self._backend.forget()  # never replay a failed fetch to the next document
        return _outcome(item.position, sha256, report, error, tuple(problems))

    def close(self) -> None:
        self._loop.run_until_complete(self._backend.close())
        self._loop.close()


def with_drift(report: DocumentReport, seal_policy_json: str) -> DocumentReport:
    """The report with a ``crypto.drift`` note per deviation from the recorded seal policy.

    The seal compared is the document's last signature (SealDesk seals once; later document
    timestamps of an LTV refresh are not seals). A policy that cannot be read is a drift too.
    """
    try:
        recorded = json.loads(seal_policy_json)
    except ValueError:
        recorded = None
    if not isinstance(recorded, dict):
        return dataclasses.replace(report, notes=(*report.notes, _UNREADABLE_POLICY))
    expected = dict(recorded.get("crypto_policy") or {})
    expected.setdefault("certificate_sha256", recorded.get("certificate_sha256"))
    expected.setdefault("pades_level", recorded.get("level"))
    seals = [s for s in report.signatures if s.kind is SignatureKind.SIGNATURE and s.crypto]
    if not seals:
        return report
    seal = seals[-1]
    try:
        actual = CryptoProfile.from_dict(seal.crypto or {})
    except (KeyError, TypeError):
        return report
    level = seal.pades_level.value if seal.pades_level else None
    drift = drift_findings(expected, actual, level)
    return dataclasses.replace(report, notes=(*report.notes, *drift)) if drift else report


_UNREADABLE_POLICY = Finding(
    "crypto.drift", Severity.WARNING,
    "Cryptographic drift cannot be checked: the seal policy recorded for this seal is not "
    "readable. Check the database's seal records.",
)


def _outcome(position: int, sha256: str, report: DocumentReport | None, error: str | None,
             problems: tuple[str, ...]) -> WorkOutcome:
    if report is None:
        reason = problems[0] if problems else (error or "the document could not be read")
        return WorkOutcome(position, sha256, Indication.FAILED.value, "FORMAT_FAILURE",
                           _sentence(reason), None, problems)
    worst = max(report.signatures, key=lambda s: s.indication.rank)
    indication = Indication.FAILED if problems else report.indication
    sub = worst.sub_indication.value if worst.sub_indication else None
    if problems:
        headline = _sentence(problems[0])
    else:
        wanted = (Severity.ERROR,) if indication is not Indication.PASSED else (Severity.WARNING,)
        found = [f.message for f in (*worst.findings, *report.notes) if f.severity in wanted]
        headline = found[0] if found else ""
    return WorkOutcome(position, sha256, indication.value, sub, headline, report.to_json(),
                       problems)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else text


def _store_problems(item: WorkItem) -> list[str]:
    problems: list[str] = []
    copy = Path(item.store_copy or item.path) if item.expected_sha256 else None
    if copy is not None and not copy.is_file():
        problems.append(STORE_COPY_MISSING)
    elif item.store_copy and _sha256(Path(item.store_copy)) != item.expected_sha256:
        problems.append(STORE_COPY_DAMAGED)
    if item.original_path and _sha256(Path(item.original_path)) != item.original_sha256:
        problems.append(ORIGINAL_DAMAGED)  # a separate copy, stored before issue 9
    if item.original_sha256:  # the original is the sealed file's prefix
        sealed = Path(item.path)
        if sealed.is_file() and _sha256(sealed, item.original_size) != item.original_sha256:
            problems.append(NOT_THE_ORIGINAL)
    if item.quarantined:
        problems.append(QUARANTINED)
    return problems


def _sha256(path: Path, limit: int | None = None) -> str:
    """SHA-256 of the file (or of its first ``limit`` bytes); '' if it cannot be read."""
    try:
        if limit is None:
            return sha256_file(path)
        return sha256_prefix_and_whole(path, limit).prefix
    except OSError:
        return ""


# --- process pool entry points -----------------------------------------------------------------

_CHECKER: DocumentChecker | None = None


def init_worker(spec: PolicySpec) -> None:
    """Pool initializer: one checker per process, built once."""
    global _CHECKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger().setLevel(logging.ERROR)  # the parent reports; workers stay quiet
    _CHECKER = DocumentChecker(spec)


def check_in_worker(item: WorkItem) -> WorkOutcome:
    assert _CHECKER is not None, "init_worker did not run"
    return _CHECKER.check(item)


def failed_outcome(item: WorkItem, problem: str) -> WorkOutcome:
    """The outcome recorded when checking crashed (a bug, or a worker process killed)."""
    return dataclasses.replace(
        WorkOutcome(item.position, "", Indication.INDETERMINATE.value, "GENERIC", "", None),
        headline=_sentence(f"validation could not be completed ({problem}); run it again"),
    )
