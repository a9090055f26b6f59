"""What brings a deletion nearer counts only under a signed checkpoint.

Releasing a hold, changing a class and starting a clock are signed acts
(:mod:`sealdesk.services.retention.acts`): SealDesk commits each event together with a
checkpoint the audit key signs, so an event SealDesk made is never found after the latest
checkpoint. One found there was appended by someone who can write the database but holds no
PIN: a forged ``hold.released`` with a valid hash chain, say. Before a deletion is proposed,
each such event of the documents must therefore be proven included in the latest checkpoint
(an inclusion proof, its signature checked against the configured trust anchors); one that is
not is refused as an integrity problem, naming the entry.

What this cannot tell apart: a forged event appended *before* a genuine signed act, whose
checkpoint then covers it too. ``sealdesk audit verify`` names any security-relevant entry
while it waits in the unsigned tail, and the deletion proposal lists every release with its
entry and who made it, for the approving custodian to read.
"""

from __future__ import annotations

from collections.abc import Iterable

from sealdesk.core.retention.ledger import DocumentRetention
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.services.audit.proofs import checked_inclusion_proof
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext

HINT = ("SealDesk signs a release, a class change or a clock start when it is made, so an event "
        "of that kind outside the signed log was written without the audit key. Do not delete "
        "anything; run 'sealdesk audit verify' and find out who wrote the database.")


def nearer_events(doc: DocumentRetention) -> list[tuple[int, str]]:
    """The entries that made ``doc`` deletable sooner: releases, a class change, a clock start."""
    found = [(int(str(r["released_entry"])), f"the release of legal hold {r['case']}")
             for r in doc.released]
    if doc.class_entry and doc.class_entry != doc.sealed_entry:
        found.append((doc.class_entry, f"the change of its class to {doc.class_name}"))
    if doc.clock_entry is not None:
        found.append((doc.clock_entry, "the start of its retention clock"))
    return found


def require_signed_history(ctx: AppContext, docs: Iterable[DocumentRetention]) -> None:
    """Refuse when an entry of :func:`nearer_events` is not proven under a signed checkpoint."""
    trust = trust_for(ctx)
    for doc in docs:
        for index, what in nearer_events(doc):
            name = doc.name or doc.document_sha256[:16]
            try:
                outcome = checked_inclusion_proof(ctx.database, index, trust)
            except (InputError, RecordIntegrityError) as exc:
                raise RecordIntegrityError(
                    f"{name}: {what} (audit entry {index}) is not covered by a signed "
                    f"checkpoint, so it does not count ({exc.message}).", hint=HINT) from exc
            if not outcome.signer_trusted:
                raise RecordIntegrityError(
                    f"{name}: the checkpoint covering {what} (audit entry {index}) is not "
                    "signed by a trusted audit key, so it does not count.", hint=HINT)
