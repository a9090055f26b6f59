"""Steps the counter-signature tests share: a checkpoint (and its anchor) signed on the demo
token, and the insider's way of making a co-signature the console would refuse to make."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sealdesk.core.audit.canonical import canonical_json, format_time
from sealdesk.core.audit.checkpoint import SignedCheckpoint
from sealdesk.core.audit.events import EventType
from sealdesk.core.countersign import Countersignature, Kind, statement
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.services.audit.checkpoints import create_checkpoint
from sealdesk.services.audit.log import record_now
from sealdesk.services.console.demo import DEMO_PIN
from sealdesk.services.context import AppContext
from sealdesk.services.countersign.witness import witness_file_name
from sealdesk.services.keys.custodian_tokens import CustodianToken, custodian_signer
from tests.rotation.helpers import CUSTODIAN_PIN


def checkpoint(ctx: AppContext) -> SignedCheckpoint:
    """Sign a checkpoint with the audit key on the demo token (it is anchored too)."""
    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), DEMO_PIN,
                            environment=cfg.environment) as token:
        return create_checkpoint(ctx, token)


def anchor_folder(ctx: AppContext) -> Path:
    return ctx.config.anchor_dir(ctx.paths)


def forge_witness(ctx: AppContext, where: CustodianToken, key_holder: Custodian,
                  named_sha256: str, signed: SignedCheckpoint, *, record: bool = True) -> Path:
    """What SealDesk refuses to do, done by hand: ``where``'s token signs a witness statement
    naming the certificate ``named_sha256`` (the key it holds is ``key_holder``'s), the file is
    dropped beside the anchors, and (``record``) an insider who can write the database appends a
    matching countersignature.added event, so only the signature check can stop it."""
    cp = signed.checkpoint
    digest = cp.checkpoint_hash().hex()
    stmt = statement(Kind.CHECKPOINT, digest, {"tree_size": cp.tree_size,
                                               "root_hash": cp.root_hash.hex()},
                     named_sha256, format_time(dt.datetime.now(dt.UTC)))
    with custodian_signer(where, CUSTODIAN_PIN, [key_holder]) as signer:
        made = signer.sign(canonical_json(stmt))
    forged = Countersignature(stmt, made.algorithm, made.signature, key_holder.name)
    path = anchor_folder(ctx) / witness_file_name(cp.tree_size, digest, named_sha256)
    path.write_bytes(forged.encode())
    if record:
        record_now(ctx, ctx.event(
            EventType.COUNTERSIGNED, {"kind": "checkpoint", "document_sha256": digest},
            {"custodian": key_holder.name, "custodian_sha256": named_sha256,
             "signature_sha256": hashlib.sha256(made.signature).hexdigest(),
             "file": path.name, "about": {}}))
    return path
