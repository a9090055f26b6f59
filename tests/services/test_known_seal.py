"""Has this file been sealed before? (services.sealing.known, for the Documents page)

The answer is read from the seal's audit entry, and a database row that points at an entry
which does not record that seal is refused as an integrity failure (the attack: a DBA edits the
row so that a document looks sealed at another time, or at all).
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from sealdesk.errors import RecordIntegrityError
from sealdesk.fsutil import sha256_file
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.sealing.known import examine_added, find_seal
from sealdesk.storage.documents.models import Seal


def test_an_original_and_its_sealed_copy_are_both_known(  # type: ignore[no-untyped-def]
    demo_ctx: AppContext, demo_pin: str, pdf_factory,
) -> None:
    original, fresh = pdf_factory("contract"), pdf_factory("fresh")
    [result] = seal_documents(demo_ctx, [original], demo_pin).results
    assert result.outcome is Outcome.SEALED and result.stored_path is not None

    known = find_seal(demo_ctx, sha256_file(original))
    assert known is not None and not known.is_sealed_copy
    assert known.name == "contract.pdf" and known.sealed_path == result.stored_path
    assert known.sealed_sha256 == result.sealed_sha256 and known.sealed_at.tzinfo is not None
    as_copy = find_seal(demo_ctx, result.sealed_sha256)
    assert as_copy is not None and as_copy.is_sealed_copy
    assert as_copy.sealed_at == known.sealed_at and as_copy.audit_index == known.audit_index

    added = examine_added(demo_ctx, fresh)
    assert added.known is None and added.facts.page_count == 1


def test_a_row_pointing_at_another_entry_is_an_integrity_failure(  # type: ignore[no-untyped-def]
    demo_ctx: AppContext, demo_pin: str, pdf_factory,
) -> None:
    original = pdf_factory("contract")
    seal_documents(demo_ctx, [original], demo_pin)
    with demo_ctx.database.transaction() as session:  # the attack: repoint the cached row
        session.execute(update(Seal).values(audit_index=0))
    with pytest.raises(RecordIntegrityError, match="does not record that seal"):
        find_seal(demo_ctx, sha256_file(original))
