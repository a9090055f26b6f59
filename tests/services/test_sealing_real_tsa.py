"""Sealing with a CA-issued key through the real HTTP TSA: the token's issuer chain is embedded.

A token issued by a CA holds the seal certificate and its intermediates. A verifier that trusts
only the root, and may not fetch anything, can build the path only if the seal carries the
intermediate; the Sealer therefore embeds the issuer chain read from the token in every seal.
The timestamp comes from the loopback certomancer TSA over HTTP, as in production.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.config import PadesLevel, SealConfig, TrustConfig, TsaConfig, with_token
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.fixtures.independent import assert_pdfsig_valid, assert_pyhanko_trusted
from tests.fixtures.pki import TestPKI
from tests.fixtures.tokens import SoftToken

KEY_LABEL = "pki-seal"


def _embedded_certificates(path: Path) -> set[bytes]:
    with path.open("rb") as handle:
        signature = PdfFileReader(handle).embedded_signatures[-1]
        signed_data: cms.SignedData = signature.signed_data
        return {choice.chosen.dump() for choice in signed_data["certificates"]}


def _use_pki_token(ctx: AppContext, token: SoftToken, pki: TestPKI, folder: Path,
                   *, with_chain: bool) -> None:
    """Put the PKI's EC signer on ``token`` and point ``ctx`` at it, the TSA and the root."""
    with token.session() as session:
        pki.import_signer_to_token(session.session, "ec", KEY_LABEL, b"\x01",
                                   with_chain=with_chain)
    anchor = folder / "root.pem"
    anchor.write_bytes(pki.root_cert_pem)
    config = with_token(
        ctx.config, module=token.module, label=token.label, serial="", manufacturer="",
        model="", environment=token.environment, seal_key_label=KEY_LABEL,
    )
    ctx.config = type(config)(
        token=config.token, tsa=TsaConfig(url=pki.tsa_url), seal=SealConfig(level=PadesLevel.B_T),
        trust=TrustConfig(anchors=(str(anchor),), revocation="soft-fail"),
        storage=config.storage, revalidation=config.revalidation,
        console_id=config.console_id, demo=False,
    )


def test_seal_embeds_the_intermediate_from_the_token_and_validates_with_the_root_only(
    demo_ctx: AppContext, soft_token: SoftToken, pki: TestPKI, pdf_factory,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    _use_pki_token(demo_ctx, soft_token, pki, tmp_path, with_chain=True)
    files = [pdf_factory("contract"), pdf_factory("invoice")]
    with pki.recording() as requests:
        batch = seal_documents(demo_ctx, files, soft_token.pin)
    assert batch.ok, batch.stopped_by
    assert batch.count(Outcome.SEALED) == 2
    # real RFC 3161 calls over HTTP: one per seal (pyHanko adds one to size the first)
    assert [kind for kind, _path in requests].count("tsa") >= 2

    for result in batch.results:
        sealed = result.stored_path
        assert sealed is not None
        embedded = _embedded_certificates(sealed)
        assert pki.intermediate_cert.dump() in embedded
        assert len(embedded) == len(set(embedded))  # root from token and anchors: once
        assert_pdfsig_valid(sealed)
        assert_pyhanko_trusted(sealed, pki.root_cert)  # root only, allow_fetching=False


def test_without_the_chain_on_the_token_the_root_alone_cannot_trust_the_seal(
    demo_ctx: AppContext, soft_token: SoftToken, pki: TestPKI, pdf_factory,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """The control: proves the first test passes because of the embedded intermediate."""
    _use_pki_token(demo_ctx, soft_token, pki, tmp_path, with_chain=False)
    batch = seal_documents(demo_ctx, [pdf_factory("memo")], soft_token.pin)
    assert batch.ok, batch.stopped_by
    sealed = batch.results[0].stored_path
    assert sealed is not None
    assert pki.intermediate_cert.dump() not in _embedded_certificates(sealed)
    with pytest.raises(AssertionError):
        assert_pyhanko_trusted(sealed, pki.root_cert)
