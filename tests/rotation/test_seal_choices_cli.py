"""``sealdesk seal --reason --location --level`` (issue 22): the choices reach the seal, and a
level the signing policy does not allow is refused with a sentence naming the choice."""

from __future__ import annotations

from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.config import load_config
from sealdesk.exit_codes import ExitCode
from tests.rotation.conftest import Ceremony
from tests.rotation.test_policy_cli import _adopt, _cli, _home


def test_seal_options_reach_the_seal_and_the_policy_refuses_another_level(
        ceremony: Ceremony, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = _home(ceremony)
    out = tmp_path / "out"
    sealed = _cli(home, "seal", str(pdf_factory("board")), "--out", str(out), "--reason",
                  "Approved by the board", "--location", "Berlin", pin=ceremony.seal_pin)
    assert sealed.exit_code == 0, sealed.output + sealed.stderr
    with (out / "board.sealed.pdf").open("rb") as handle:
        sig = PdfFileReader(handle).embedded_signatures[0].sig_object
        assert (str(sig["/Reason"]), str(sig["/Location"])) == ("Approved by the board",
                                                                "Berlin")

    level = load_config(home / "config" / "config.toml").seal.level.value
    _adopt(ceremony, home, "--algorithm", "ec-p256", "--reason", "Pin the signing setup")
    other = "B-B" if level != "B-B" else "B-T"
    refused = _cli(home, "seal", str(pdf_factory("other")), "--out", str(out), "--level", other,
                   pin=ceremony.seal_pin)
    assert refused.exit_code == ExitCode.PERMISSION
    assert (f"PAdES level {other} was chosen for this batch, but signing policy v1 allows "
            f"only {level}" in refused.stderr)
    assert not (out / "other.sealed.pdf").exists()
    allowed = _cli(home, "seal", str(pdf_factory("other")), "--out", str(out), "--level", level,
                   pin=ceremony.seal_pin)
    assert allowed.exit_code == 0, allowed.output + allowed.stderr
