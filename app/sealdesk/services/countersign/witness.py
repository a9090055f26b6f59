"""A custodian witnesses the newest anchored checkpoint (``sealdesk audit witness``).

The holder of the audit key can re-sign any history; an anchor with a TSA timestamp proves when
a root existed, and a witness adds a person: a custodian, with their own token, signs the
checkpoint hash of the newest anchor. The co-signature is written beside the anchor as
``witness-<tree size>-<checkpoint hash, 16 hex>-<custodian, 12 hex>.json`` (the anchor files are
``checkpoint-*.json``, so neither is mistaken for the other) and recorded in the log.
``sealdesk audit verify`` checks every witness file it finds
(:mod:`sealdesk.services.audit.witnesses`).

A custodian witnesses only what the log reproduces: the anchor's checkpoint must verify (audit
key, trust anchors) and be the one the database stores for that tree size.
"""

from __future__ import annotations

from pathlib import Path

from sealdesk.core.countersign import Kind
from sealdesk.errors import RecordIntegrityError
from sealdesk.services.audit.anchors import CheckedAnchor, check_anchors
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.audit.report import AuditReport
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext
from sealdesk.services.countersign.signing import Countersigned, countersign
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.storage.audit import checkpoints as checkpoint_repo


def witness_file_name(tree_size: int, checkpoint_hash: str, custodian_sha256: str) -> str:
    return f"witness-{tree_size:012d}-{checkpoint_hash[:16]}-{custodian_sha256[:12]}.json"


def newest_anchor(ctx: AppContext) -> CheckedAnchor:
    """The newest anchor whose checkpoint verifies and matches the database's."""
    folder = ctx.config.anchor_dir(ctx.paths)
    report = AuditReport()
    anchors = check_anchors(folder, trust_for(ctx), report)
    if not anchors:
        problems = "; ".join(f.message for f in report.findings[:3])
        raise RecordIntegrityError(
            f"No anchored checkpoint that verifies was found in {folder}"
            + (f" ({problems})" if problems else "") + ".",
            hint="Anchors are written with every checkpoint; seal or run 'sealdesk audit "
            "checkpoint create' with the anchor folder reachable, then witness again.")
    newest = anchors[-1]
    checkpoint = newest.anchor.checkpoint.signed.checkpoint
    with AuditReader(ctx.database) as reader, reader.session() as session:
        stored = checkpoint_repo.checkpoint_at(session, checkpoint.tree_size)
    try:
        same = stored is not None and stored.decode().checkpoint == checkpoint
    except ValueError:
        same = False
    if not same:
        raise RecordIntegrityError(
            f"The newest anchor ({newest.path.name}) is not the checkpoint the database stores "
            f"for tree size {checkpoint.tree_size}: do not witness it.",
            hint="Run 'sealdesk audit verify' and find out why the log and the anchor differ.")
    return newest


def witness_newest_checkpoint(ctx: AppContext, where: CustodianToken, pin: str | None, *,
                              custodian: str | None = None) -> Countersigned:
    """Co-sign the newest anchored checkpoint with the custodian's token; write and record."""
    newest = newest_anchor(ctx)
    checkpoint = newest.anchor.checkpoint.signed.checkpoint
    digest = checkpoint.checkpoint_hash().hex()
    about = {"tree_size": checkpoint.tree_size, "root_hash": checkpoint.root_hash.hex(),
             "anchor": newest.path.name}
    folder: Path = newest.path.parent
    return countersign(ctx, where, pin, Kind.CHECKPOINT, digest, about,
                       lambda sha: folder / witness_file_name(checkpoint.tree_size, digest, sha),
                       expected=custodian)
