"""Which token is ours: shared labels, a changed label, a replaced token."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sealdesk.cli.main import cli
from sealdesk.config import Config, TokenConfig, load_config, save_config
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSelector, list_tokens
from sealdesk.core.token.identity import PinState, TokenInfo
from sealdesk.core.token.module import find_token
from sealdesk.core.token.selection import choose_token
from sealdesk.errors import TokenAmbiguousError, TokenReplacedError
from sealdesk.paths import app_paths
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.fixtures.tokens import SoftToken
from tests.tokens.conftest import ShimSetup, events


def _info(label: str, serial: str, model: str = "M1", maker: str = "Maker") -> TokenInfo:
    return TokenInfo(slot_id=0, label=label, serial=serial, manufacturer=maker, model=model,
                     initialized=True, pin=PinState())


def test_two_tokens_with_one_label_need_an_explicit_choice(
    soft_token: SoftToken, sealdesk_home: Path
) -> None:
    """Label-only selection refuses to guess; `token select --serial` records the choice."""
    soft_token.add_token("Test Token")
    with pytest.raises(TokenAmbiguousError) as excinfo:
        find_token(soft_token.module, TokenSelector(label="Test Token"), soft_token.environment)
    infos = [info for info, _ in list_tokens(soft_token.module, soft_token.environment)]
    serials = [info.serial for info in infos]
    assert len(set(serials)) == 2
    assert all(serial in excinfo.value.message for serial in serials)
    assert "sealdesk token select --serial" in excinfo.value.hint

    config_file = app_paths().config_file
    save_config(Config(token=TokenConfig(module=soft_token.module, label="Test Token",
                                         environment=soft_token.environment)), config_file)
    result = CliRunner().invoke(cli, ["token", "select", "--serial", serials[1]])
    assert result.exit_code == 0, result.output
    token_cfg = load_config(config_file).token
    assert (token_cfg.serial, token_cfg.manufacturer, token_cfg.model) == (
        serials[1], "SoftHSM project", "SoftHSM v2")
    info, _ = find_token(soft_token.module, TokenSelector.from_config(token_cfg),
                         soft_token.environment)
    assert info.serial == serials[1]

    listing = CliRunner().invoke(cli, ["token", "list"])
    marked = [line for line in listing.output.splitlines() if line.startswith("*")]
    assert len(marked) == 1 and serials[1] in marked[0]


def test_a_relabelled_token_is_found_by_serial_and_the_change_is_reported(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    shim.control.set(token_label="Renamed Seal")
    seen: list[str] = []
    batch = seal_documents(shim.ctx, [pdf_factory("memo")], shim.pin, on_notice=seen.append)
    assert batch.ok and batch.count(Outcome.SEALED) == 1
    assert seen == batch.notices
    assert "label changed from 'SealDesk Demo' to 'Renamed Seal'" in batch.notices[0]
    assert shim.ctx.config.token.serial in batch.notices[0]


def test_a_replaced_token_with_the_same_label_is_refused(
    shim: ShimSetup, pdf_factory  # type: ignore[no-untyped-def]
) -> None:
    expected = shim.ctx.config.token.serial
    shim.control.set(token_serial="0000SWAP")
    with pytest.raises(TokenReplacedError) as excinfo:
        seal_documents(shim.ctx, [pdf_factory("memo")], shim.pin)
    assert excinfo.value.message == (
        "The connected token 'SealDesk Demo' is not the configured one "
        f"(serial {expected} expected, 0000SWAP found)."
    )
    assert shim.control.user_logins == 0, "never log in to a token that is not ours"
    assert not events(shim.ctx, EventType.DOCUMENT_SEALED)


def test_same_serial_from_another_maker_or_model_is_a_replacement() -> None:
    remembered = TokenSelector(label="Seal", serial="42", manufacturer="Maker", model="M1")
    assert choose_token([_info("Seal", "42")], remembered).index == 0
    with pytest.raises(TokenReplacedError, match="Maker M1 expected, Maker M2 found"):
        choose_token([_info("Seal", "42", model="M2")], remembered)
    both = [_info("Seal", "42", model="M2"), _info("Other", "42")]
    choice = choose_token(both, remembered)
    assert choice.index == 1 and "changed from 'Seal' to 'Other'" in choice.notice


def test_label_only_selection_with_one_match_needs_no_serial() -> None:
    choice = choose_token([_info("A", "1"), _info("B", "2")], TokenSelector(label="B"))
    assert (choice.index, choice.notice) == (1, "")
