"""The token layer against real SoftHSM2 tokens: discovery, selection, login, keys, signing."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding

from sealdesk.core.token import TokenSelector, list_tokens, open_token_session
from sealdesk.core.token.module import find_token
from sealdesk.errors import (
    KeyNotFoundError,
    ModuleLoadError,
    TokenAmbiguousError,
    TokenNotPresentError,
    WrongPinError,
)
from tests.fixtures.tokens import SoftToken


def test_lists_the_token_with_its_identity(soft_token: SoftToken) -> None:
    tokens = list_tokens(soft_token.module, soft_token.environment)
    infos = [info for info, _ in tokens]
    assert [i.label for i in infos] == ["Test Token"]
    assert infos[0].serial and infos[0].model == "SoftHSM v2"
    assert not infos[0].pin.locked


def test_selects_by_serial_when_the_label_is_shared(soft_token: SoftToken) -> None:
    twin = soft_token.add_token("Test Token")
    with pytest.raises(TokenAmbiguousError, match="2 tokens match") as excinfo:
        find_token(soft_token.module, TokenSelector(label="Test Token"), soft_token.environment)
    assert "serial" in excinfo.value.hint
    infos = [info for info, _ in list_tokens(twin.module, twin.environment)]
    chosen = TokenSelector(label="Test Token", serial=infos[1].serial)
    info, _ = find_token(soft_token.module, chosen, soft_token.environment)
    assert info.serial == infos[1].serial


def test_absent_token_names_what_is_present(soft_token: SoftToken) -> None:
    with pytest.raises(TokenNotPresentError, match="Test Token") as excinfo:
        find_token(soft_token.module, TokenSelector(label="Other"), soft_token.environment)
    assert "Connect the token" in excinfo.value.hint


def test_missing_module_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModuleLoadError, match="does not exist"):
        list_tokens(str(tmp_path / "nope.so"))


def test_a_library_that_is_not_pkcs11_is_refused() -> None:
    import glob

    libz = sorted(glob.glob("/usr/lib/*/libz.so.1") + glob.glob("/lib/*/libz.so.1"))[0]
    with pytest.raises(ModuleLoadError, match="not a PKCS#11 module"):
        list_tokens(libz)


def test_wrong_pin_is_reported_without_the_pin(soft_token: SoftToken) -> None:
    with pytest.raises(WrongPinError) as excinfo, open_token_session(
        soft_token.module, soft_token.selector, "000000", environment=soft_token.environment
    ):
        pass
    assert "000000" not in excinfo.value.describe()
    assert "PIN was not accepted" in excinfo.value.message


def test_missing_key_is_a_clear_error(soft_token: SoftToken) -> None:
    with soft_token.session() as session, pytest.raises(KeyNotFoundError, match="no private key"):
        session.private_key("seal")


def test_signs_with_ec_and_rsa_keys(token_with_key: SoftToken) -> None:
    data = b"checkpoint: tree size 42"
    with token_with_key.session() as session:
        signature, algorithm = session.sign_with("seal", data)
        public = session.public_key("seal")
    if algorithm == "ecdsa-sha256":
        assert isinstance(public, ec.EllipticCurvePublicKey)
        public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    else:
        public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())  # type: ignore[call-arg]
