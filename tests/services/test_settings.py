"""Settings changes: checked field by field, saved atomically, audited, secrets kept out."""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
from sqlalchemy import select

from sealdesk.config import config_to_dict, load_config
from sealdesk.core.audit.events import EventType
from sealdesk.errors import StorageError
from sealdesk.paths import app_paths
from sealdesk.services.console.database_check import test_database_url as check_database
from sealdesk.services.console.settings import (
    PasswordChange,
    SettingsRejected,
    apply_settings,
    describe_changes,
)
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import Outcome, seal_documents
from sealdesk.services.tsa_credentials import (
    KEYRING_SERVICE,
    KeyringPasswords,
    tsa_password,
)
from sealdesk.storage.audit.models import AuditEntry
from sealdesk.storage.db import Database


class MemoryPasswords:
    """A keyring stand-in that remembers what it was given (tests only)."""

    def __init__(self) -> None:
        self.saved: dict[str, str] = {}

    def get(self, username: str) -> str | None:
        return self.saved.get(username)

    def set(self, username: str, password: str) -> None:
        self.saved[username] = password

    def delete(self, username: str) -> None:
        self.saved.pop(username, None)


def edited(ctx: AppContext, **changes: Any) -> dict[str, Any]:
    """The current configuration as a dict with dotted keys changed: ``**{"tsa.url": u}``."""
    raw = config_to_dict(ctx.config)
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node = raw
        for part in parents:
            node = node[part]
        node[last] = value
    return raw


def settings_events(database: Database) -> list[dict[str, Any]]:
    with database.reader() as session:
        payloads = session.execute(select(AuditEntry.payload).where(
            AuditEntry.event_type == str(EventType.SETTINGS_CHANGED))
            .order_by(AuditEntry.idx)).scalars()
        return [json.loads(p)["details"] for p in payloads]


def all_payloads(database: Database) -> bytes:
    with database.reader() as session:
        return b"\n".join(session.execute(select(AuditEntry.payload)).scalars())


def problems_of(exc: pytest.ExceptionInfo[SettingsRejected]) -> dict[str, str]:
    return {p.key: p.message for p in exc.value.problems}


def test_a_change_is_saved_and_audited_with_old_and_new_values(demo_ctx: AppContext) -> None:
    result = apply_settings(demo_ctx, edited(
        demo_ctx, **{"seal.reason": "Approved copy", "seal.visible.box": [50, 50, 250, 120],
                     "revalidation.interval_days": 7}))
    assert [c.key for c in result.changes] == [
        "seal.reason", "seal.visible.box", "revalidation.interval_days"]
    on_disk = load_config(app_paths().config_file)
    assert on_disk == demo_ctx.config == result.config
    assert on_disk.seal.visible.box == (50, 50, 250, 120)
    assert on_disk.revalidation.interval_days == 7
    (event,) = settings_events(demo_ctx.database)
    assert event["changes"][0] == {"key": "seal.reason", "old": "Sealed by SealDesk",
                                   "new": "Approved copy"}
    assert event["changes"][1]["old"] == [36, 36, 276, 106]


def test_no_change_records_nothing(demo_ctx: AppContext) -> None:
    result = apply_settings(demo_ctx, config_to_dict(demo_ctx.config))
    assert not result.changed
    assert settings_events(demo_ctx.database) == []


def test_invalid_values_are_rejected_field_by_field_and_nothing_is_saved(
    demo_ctx: AppContext,
) -> None:
    before = app_paths().config_file.read_bytes()
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, edited(demo_ctx, **{
            "seal.level": "B-X", "seal.visible.box": [300, 36, 100, 106],
            "seal.visible.page": 0, "tsa.url": "ftp://tsa.example.com",
            "revalidation.interval_days": -3, "token.timeout_seconds": 0,
            "token.module": "/nonexistent/vendor-pkcs11.so",
        }))
    problems = problems_of(caught)
    assert problems["seal.level"] == "seal.level must be one of B-B, B-T, B-LT, B-LTA, not 'B-X'."
    assert "is empty: x2 must exceed x1" in problems["seal.visible.box"]
    assert "1 = first, -1 = last" in problems["seal.visible.page"]
    assert "is not an http:// or https:// address" in problems["tsa.url"]
    assert "from 0 to 3650" in problems["revalidation.interval_days"]
    assert "must be a positive number" in problems["token.timeout_seconds"]
    assert problems["token.module"] == ("The PKCS#11 module /nonexistent/vendor-pkcs11.so does "
                                        "not exist.")  # checked although other fields are bad
    assert "7 settings need attention" in caught.value.message
    assert app_paths().config_file.read_bytes() == before
    assert settings_events(demo_ctx.database) == []


def test_a_box_that_is_not_four_numbers_and_unknown_keys_are_named(demo_ctx: AppContext) -> None:
    raw = edited(demo_ctx, **{"seal.visible.box": "36, 36, wide"})
    raw["tsa"]["proxy"] = "http://proxy"
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, raw)
    problems = problems_of(caught)
    assert problems["seal.visible.box"].startswith("seal.visible.box must be four whole numbers")
    assert problems["tsa.proxy"] == "Unknown configuration key(s): tsa.proxy."


def test_a_timestamped_level_needs_a_tsa(demo_ctx: AppContext) -> None:
    raw = edited(demo_ctx, **{"tsa.demo_cert": "", "tsa.demo_key": "", "seal.level": "B-T"})
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, raw)
    assert "PAdES B-T needs a timestamp authority" in problems_of(caught)["tsa.url"]


def test_a_bad_module_path_is_a_clear_error(demo_ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, edited(demo_ctx, **{"token.module": str(tmp_path / "no.so")}))
    assert problems_of(caught)["token.module"] == (
        f"The PKCS#11 module {tmp_path / 'no.so'} does not exist.")
    libz = sorted(glob.glob("/usr/lib/*/libz.so.1") + glob.glob("/lib/*/libz.so.1"))[0]
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, edited(demo_ctx, **{"token.module": libz}))
    assert problems_of(caught)["token.module"] == (
        f"{libz} is not a PKCS#11 module (it has no C_GetFunctionList).")
    assert load_config(app_paths().config_file).token.module == demo_ctx.config.token.module


def test_trust_anchors_must_be_readable_certificates(demo_ctx: AppContext, tmp_path: Path) -> None:
    note = tmp_path / "not-a-cert.pem"
    note.write_text("hello")
    anchors = [*demo_ctx.config.trust.anchors, str(note), str(tmp_path / "missing.pem")]
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, edited(demo_ctx, **{"trust.anchors": anchors}))
    messages = [p.message for p in caught.value.problems]
    assert messages == [f"The trust anchor {note} is not a readable certificate.",
                        f"The trust anchor {tmp_path / 'missing.pem'} is not a readable "
                        "certificate."]


def test_the_tsa_password_goes_to_the_keyring_only(demo_ctx: AppContext) -> None:
    store = MemoryPasswords()
    secret = "correct horse 8812"
    result = apply_settings(
        demo_ctx, edited(demo_ctx, **{"tsa.url": "https://tsa.example.com/tsr",
                                      "tsa.username": "sealdesk-office"}),
        password=PasswordChange(secret), passwords=store)
    assert store.saved == {"sealdesk-office": secret}
    assert tsa_password(demo_ctx.config.tsa, store) == secret
    assert secret not in app_paths().config_file.read_text()
    assert secret.encode() not in all_payloads(demo_ctx.database)
    assert secret not in repr(result)
    change = result.changes[-1]
    assert (change.key, change.old, change.new) == ("tsa.password (OS keyring)", "not stored",
                                                    "stored")
    apply_settings(demo_ctx, config_to_dict(demo_ctx.config), password=PasswordChange(""),
                   passwords=store)
    assert store.saved == {}
    assert settings_events(demo_ctx.database)[-1]["changes"] == [
        {"key": "tsa.password (OS keyring)", "old": "stored", "new": "removed"}]


def test_no_keyring_is_reported_before_anything_is_saved(demo_ctx: AppContext) -> None:
    headless = KeyringPasswords(keyring.backends.fail.Keyring())
    raw = edited(demo_ctx, **{"tsa.url": "https://tsa.example.com/tsr", "tsa.username": "u1"})
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, raw, password=PasswordChange("pw-1"), passwords=headless)
    problem = caught.value.problems[0]
    assert problem.key == "tsa.password"
    assert problem.message == ("No OS keyring is available to keep the TSA password "
                               "(NoKeyringError).")
    assert "headless server" in problem.hint
    assert load_config(app_paths().config_file).tsa.url == ""
    assert KEYRING_SERVICE == "SealDesk TSA"


def test_a_failed_audit_write_undoes_the_keyring_and_the_file(sealdesk_home: Path,
                                                             demo_ctx: AppContext) -> None:
    read_only = AppContext.open(read_only=True)
    store = MemoryPasswords()
    before = app_paths().config_file.read_bytes()
    try:
        with pytest.raises(StorageError):
            apply_settings(read_only, edited(read_only, **{
                "tsa.url": "https://tsa.example.com/tsr", "tsa.username": "u2"}),
                password=PasswordChange("pw-2"), passwords=store)
    finally:
        read_only.close()
    assert store.saved == {}
    assert app_paths().config_file.read_bytes() == before


def test_database_urls_with_passwords_or_unreachable_servers_are_refused(
    demo_ctx: AppContext,
) -> None:
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, edited(demo_ctx, **{
            "storage.database_url": "postgresql://sd:hunter2@db.example/sealdesk"}))
    assert "contains a password" in problems_of(caught)["storage.database_url"]
    assert "hunter2" not in str(caught.value.problems)
    with pytest.raises(SettingsRejected) as caught:
        apply_settings(demo_ctx, edited(demo_ctx, **{
            "storage.database_url": "postgresql://postgres@127.0.0.1:1/nowhere"}))
    message = problems_of(caught)["storage.database_url"]
    assert message.startswith("Cannot use the database postgresql://postgres@127.0.0.1:1/nowhere:"
                              " connection failed")
    assert "Connection refused" in message


def test_database_test_reports_a_new_schema(tmp_path: Path) -> None:
    check = check_database(f"sqlite:///{tmp_path / 'other.db'}")
    assert check.backend_name == "SQLite" and check.revision_before is None
    assert check.describe().startswith("Connected to SQLite 3.")
    assert "new SealDesk schema created" in check.describe()


def test_changes_hide_secret_looking_values() -> None:
    from sealdesk.config import Config, TokenConfig, with_token

    old = Config(token=TokenConfig(environment={"SOFTHSM2_CONF": "/a"}))
    new = with_token(old, environment={"SOFTHSM2_CONF": "/b", "VENDOR_PIN": "0000"})
    (change,) = describe_changes(old, new)
    assert change.new == ["SOFTHSM2_CONF=/b", "VENDOR_PIN=(hidden)"]


@pytest.mark.postgres
def test_switching_to_postgresql_and_back_is_recorded_in_both_logs(
    demo_ctx: AppContext, demo_pin: str, postgres_url: str, pdf_factory,  # type: ignore[no-untyped-def]
) -> None:
    sqlite_db = demo_ctx.database
    result = apply_settings(demo_ctx, edited(demo_ctx, **{"storage.database_url": postgres_url}))
    assert result.database is not None and result.database.backend_name == "PostgreSQL"
    assert demo_ctx.database.engine.dialect.name == "postgresql"
    batch = seal_documents(demo_ctx, [pdf_factory("on-postgres")], demo_pin)
    assert batch.count(Outcome.SEALED) == 1

    previous = Database(sqlite_db.engine)  # disposed engines reconnect on demand
    switch_out = settings_events(previous)[-1]["database_switch"]
    assert switch_out["recorded_in"] == "previous" and switch_out["to"] == postgres_url

    apply_settings(demo_ctx, edited(demo_ctx, **{"storage.database_url": ""}))
    assert demo_ctx.database.is_sqlite
    pg = Database(__import__("sqlalchemy").create_engine(postgres_url))
    try:
        pg_events = settings_events(pg)
        assert [e["database_switch"]["recorded_in"] for e in pg_events] == ["new", "previous"]
        assert b"document.sealed" in all_payloads(pg)
    finally:
        pg.dispose()
    back = settings_events(demo_ctx.database)
    assert [e["database_switch"]["recorded_in"] for e in back] == ["previous", "new"]
    assert b"document.sealed" not in all_payloads(demo_ctx.database)


def test_sections_newer_than_the_rollback_floor_are_written_only_when_set(
    demo_ctx: AppContext,
) -> None:
    """An older release's strict reader rejects sections it does not know: after a rollback it
    must still read a config.toml this release wrote, unless the person set those sections."""
    from dataclasses import replace

    from sealdesk.config import UiConfig, config_from_dict

    written = config_to_dict(demo_ctx.config)
    assert "standby" not in written and "ui" not in written
    assert config_from_dict(written) == demo_ctx.config
    german = replace(demo_ctx.config, ui=UiConfig(language="de"))
    assert config_to_dict(german)["ui"] == {"language": "de"}
    assert config_from_dict(config_to_dict(german)).ui.language == "de"
