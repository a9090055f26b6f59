"""Inclusion and consistency proofs from the stored log, checked as an auditor would."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sealdesk.core.audit.proofs import check_proof_file
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.services.audit.checkpoints import latest_checkpoint_file
from sealdesk.services.audit.proofs import (
    checked_inclusion_proof,
    consistency_proof,
    inclusion_proof,
)
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext
from tests.audit.audit_support import SIZES, rehash_from, rows, tamper


def test_inclusion_proofs_against_every_checkpoint(logged_ctx: AppContext) -> None:
    for size in SIZES:
        for index in (0, 255, 256, size // 2, size - 1):
            result = check_proof_file(inclusion_proof(logged_ctx.database, index, size))
            assert (result.kind, result.leaf_index) == ("inclusion", index)
            assert result.checkpoints[0].tree_size == size
    latest = check_proof_file(inclusion_proof(logged_ctx.database, 7))
    assert latest.checkpoints[0].tree_size == SIZES[-1]
    assert latest.event is not None and latest.event["details"]["n"] == 7


def test_consistency_proofs_between_checkpoints(logged_ctx: AppContext) -> None:
    for old, new in ((SIZES[0], SIZES[1]), (SIZES[0], "latest"), (SIZES[1], SIZES[2])):
        result = check_proof_file(consistency_proof(logged_ctx.database, old, new))
        assert result.kind == "consistency"
    with pytest.raises(InputError, match="newer"):
        consistency_proof(logged_ctx.database, SIZES[2], SIZES[0])
    with pytest.raises(InputError, match="No checkpoint"):
        consistency_proof(logged_ctx.database, 17, SIZES[0])


def test_entry_after_the_latest_checkpoint_has_no_proof_yet(logged_ctx: AppContext) -> None:
    with pytest.raises(InputError, match="not covered"):
        inclusion_proof(logged_ctx.database, SIZES[-1])  # the checkpoint's own event


def test_gui_proof_reports_trust_in_the_signer(logged_ctx: AppContext) -> None:
    outcome = checked_inclusion_proof(logged_ctx.database, 42, trust_for(logged_ctx))
    assert outcome.signer_trusted
    assert outcome.result.leaf_index == 42


def test_no_proof_against_an_exported_checkpoint_the_log_no_longer_matches(
    logged_ctx: AppContext,
) -> None:
    exported = latest_checkpoint_file(logged_ctx)
    with tamper(logged_ctx) as conn:
        payload = bytes(rows(conn, 10)[0][3]).replace(b'"n":10', b'"n":11')
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = 10"),
                     {"p": payload})
        rehash_from(conn, 10)
    with pytest.raises(RecordIntegrityError):
        inclusion_proof(logged_ctx.database, 10, exported)
