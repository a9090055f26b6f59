"""``sealdesk policy show|propose`` and the sealing gate (issue 17 item 7): a config.toml edited
behind the signing policy's back is refused by ``sealdesk seal``, naming the setting; after a
quorum-approved policy change the same configuration seals."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from click.testing import CliRunner, Result

from sealdesk.cli.main import cli as main_cli
from sealdesk.config import PadesLevel, load_config, save_config
from sealdesk.exit_codes import ExitCode
from sealdesk.paths import HOME_ENV
from sealdesk.services.console.demo import DEMO_PIN
from tests.rotation.conftest import Ceremony


def _cli(home: Path, *args: str, pin: str | None = None) -> Result:
    env = {HOME_ENV: str(home), "SEALDESK_PIN": pin, "SEALDESK_CUSTODIAN_PIN": None}
    return CliRunner().invoke(main_cli, list(args), env=env, catch_exceptions=False)


def _home(ceremony: Ceremony) -> Path:
    return ceremony.ctx.paths.config_file.parent.parent


def _propose(home: Path, *args: str) -> str:
    result = _cli(home, "policy", "propose", *args, pin=DEMO_PIN)
    assert result.exit_code == 0, result.output + result.stderr
    line = next(ln for ln in result.output.splitlines() if "sealdesk rotation execute" in ln)
    return line.rsplit(" ", 1)[-1]


def _adopt(ceremony: Ceremony, home: Path, *args: str) -> str:
    pid = _propose(home, *args)
    ceremony.decide(pid, "Alice")
    ceremony.decide(pid, "Bob")
    executed = _cli(home, "rotation", "execute", pid, pin=DEMO_PIN)
    assert executed.exit_code == 0, executed.output + executed.stderr
    return pid


def _set_level(home: Path, level: PadesLevel) -> None:
    path = home / "config" / "config.toml"
    config = load_config(path)
    save_config(dataclasses.replace(config, seal=dataclasses.replace(config.seal, level=level)),
                path)


def test_sealing_follows_the_signing_policy_the_quorum_approved(
        ceremony: Ceremony, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = _home(ceremony)
    out = tmp_path / "out"
    shown = _cli(home, "policy", "show")
    assert "none adopted" in shown.output and "Quorum policy: v1" in shown.output
    # No policy yet: sealing works as before.
    assert _cli(home, "seal", str(pdf_factory("before")), "--out", str(out),
                pin=ceremony.seal_pin).exit_code == 0

    level = load_config(home / "config" / "config.toml").seal.level
    pid = _adopt(ceremony, home, "--algorithm", "ec-p256", "--reason", "Pin the signing setup")
    shown = _cli(home, "policy", "show").output
    assert "Signing policy v1" in shown and f"PAdES level:   {level.value}" in shown
    assert f"Proposal:      {pid}" in shown
    assert "Approved by:   Alice" in shown and "Approved by:   Bob" in shown
    assert _cli(home, "seal", str(pdf_factory("following")), "--out", str(out),
                pin=ceremony.seal_pin).exit_code == 0

    # Behind the policy's back: config.toml now asks for another level.
    other = PadesLevel.B_B if level != PadesLevel.B_B else PadesLevel.B_T
    _set_level(home, other)
    refused = _cli(home, "seal", str(pdf_factory("deviating")), "--out", str(out),
                   pin=ceremony.seal_pin)
    assert refused.exit_code == ExitCode.PERMISSION
    assert (f"PAdES level (seal.level) {other.value} instead of {level.value}"
            in refused.stderr)
    assert "sealdesk policy propose" in refused.stderr
    assert not (out / "deviating.sealed.pdf").exists()

    # The custodians approve the change: the same configuration now seals.
    _adopt(ceremony, home, "--level", other.value, "--reason", "Move to the new level")
    assert "Signing policy v2" in _cli(home, "policy", "show").output
    sealed = _cli(home, "seal", str(pdf_factory("deviating")), "--out", str(out),
                  pin=ceremony.seal_pin)
    assert sealed.exit_code == 0, sealed.output + sealed.stderr
    assert (out / "deviating.sealed.pdf").exists()


def test_a_tsa_edited_behind_the_policy_is_named(
        ceremony: Ceremony, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = _home(ceremony)
    _adopt(ceremony, home, "--algorithm", "ec-p256", "--reason", "Pin the signing setup")
    path = home / "config" / "config.toml"
    config = load_config(path)
    save_config(dataclasses.replace(config, tsa=dataclasses.replace(
        config.tsa, url="https://tsa.example.invalid/")), path)
    refused = _cli(home, "seal", str(pdf_factory("x")), "--out", str(tmp_path / "out"),
                   pin=ceremony.seal_pin)
    assert refused.exit_code == ExitCode.PERMISSION
    assert "TSA (tsa.url) https://tsa.example.invalid/ instead of (demo)" in refused.stderr


def test_a_first_policy_needs_the_algorithm(ceremony: Ceremony) -> None:
    result = _cli(_home(ceremony), "policy", "propose", "--reason", "x")
    assert result.exit_code != 0
    assert "--algorithm" in result.stderr


def test_verify_says_when_the_log_proves_no_such_policy(
        ceremony: Ceremony, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The finding sits next to the verdict and never changes it (issue 17 item 7)."""
    home = _home(ceremony)
    out = tmp_path / "out"
    assert _cli(home, "seal", str(pdf_factory("doc")), "--out", str(out),
                pin=ceremony.seal_pin).exit_code == 0
    sealed = str(out / "doc.sealed.pdf")
    note = "verified under a policy the log does not prove"

    unproven = _cli(home, "verify", sealed, "--no-record")
    assert f"{note}: no signing policy is proven by the audit log" in unproven.output

    _adopt(ceremony, home, "--algorithm", "ec-p256", "--reason", "Pin the signing setup")
    proven = _cli(home, "verify", sealed, "--no-record")
    assert note not in proven.output
    assert proven.exit_code == unproven.exit_code

    other = tmp_path / "other-root.pem"
    other.write_bytes(ceremony.issuer.cert_pem())
    extra = _cli(home, "verify", sealed, "--no-record", "--trust", str(other),
                 "--json", str(tmp_path / "report.json"))
    assert f"{note}: trusted 1 anchor(s) not in signing policy v1" in extra.output
    assert extra.exit_code == proven.exit_code  # the seal's verdict is unchanged
    assert '"code": "signing-policy"' in (tmp_path / "report.json").read_text()


def test_revalidation_reports_a_run_outside_the_proven_policy(
        ceremony: Ceremony, pdf_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = _home(ceremony)
    assert _cli(home, "seal", str(pdf_factory("doc")), "--out", str(tmp_path / "out"),
                pin=ceremony.seal_pin).exit_code == 0
    note = "verified under a policy the log does not prove"
    before = _cli(home, "revalidate", "--all", "--workers", "1",
                  "--json", str(tmp_path / "before.json"))
    assert f"{note}: no signing policy is proven" in before.output
    assert '"code": "signing-policy"' in (tmp_path / "before.json").read_text()
    _adopt(ceremony, home, "--algorithm", "ec-p256", "--reason", "Pin the signing setup")
    after = _cli(home, "revalidate", "--all", "--workers", "1",
                 "--json", str(tmp_path / "after.json"))
    assert note not in after.output
    assert after.exit_code == before.exit_code
    assert '"policy_findings": []' in (tmp_path / "after.json").read_text()
