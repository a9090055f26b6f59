"""Applying a settings change: check it, save it atomically, record it in the audit log.

The Settings page and any other front end hand in the whole configuration in its dictionary form
(as ``config.toml`` holds it) plus, optionally, a TSA password change. :func:`apply_settings`
then, in this order:

1. checks every field (:mod:`sealdesk.services.console.settings_checks`) and, for a new database
URL,
   connects and brings the schema up (:mod:`sealdesk.services.console.database_check`); any problem
   refuses the whole change with :class:`SettingsRejected`, and nothing has been written;
2. stores or removes the TSA password in the OS keyring (never anywhere else);
3. writes ``config.toml`` atomically;
4. appends ``settings.changed`` (each changed key with its old and new value; secrets masked)
   to the audit log. When the database moves, the event goes into the new database first and
   then into the old one, so both logs say where the history continues;
5. switches the running context over (configuration, database).

If step 3 or 4 fails, steps 2 and 3 are undone: a change exists exactly when it is audited.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sealdesk.config import Config, config_from_dict, config_to_dict, save_config
from sealdesk.core.audit.events import EventType, looks_like_secret
from sealdesk.errors import ConfigError, SealDeskError
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.log import record, record_now
from sealdesk.services.console.database_check import (
    DatabaseCheck,
    masked_url,
    open_checked_database,
)
from sealdesk.services.console.settings_checks import (
    SettingProblem,
    SettingsRejected,
    flatten,
    shape_problems,
    world_problems,
)
from sealdesk.services.context import AppContext
from sealdesk.services.progress import ProgressCallback, no_progress
from sealdesk.services.tsa_credentials import KeyringPasswords, PasswordStore
from sealdesk.storage.db import Database

__all__ = [
    "PasswordChange",
    "SettingChange",
    "SettingProblem",
    "SettingsRejected",
    "SettingsResult",
    "apply_settings",
    "describe_changes",
    "validate_settings",
]

PASSWORD_KEY = "tsa.password"
"""The Settings page's name for the password field (it is not a configuration key)."""


@dataclass(frozen=True)
class PasswordChange:
    """A new TSA password for the configured username; ``""`` removes the stored one."""

    password: str = field(repr=False)

    @property
    def removes(self) -> bool:
        return not self.password


@dataclass(frozen=True)
class SettingChange:
    """One changed key with display-safe old and new values (what the audit event records)."""

    key: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class SettingsResult:
    config: Config
    changes: tuple[SettingChange, ...] = ()
    database: DatabaseCheck | None = None
    """Set when the database was switched: what the new one looked like."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def validate_settings(current: Config, raw: Mapping[str, Any]) -> Config:
    """The new configuration, or :class:`SettingsRejected` listing every problem found.

    The checks against the machine run even when some fields are malformed (on the other
    fields, with the malformed ones left at their current values), so one save reports a bad
    TSA URL and a module path that is no PKCS#11 module together.
    """
    problems = shape_problems(raw)
    bad = {p.key for p in problems}
    try:
        new = config_from_dict(_with_current(raw, current, bad), source="the settings")
    except ConfigError as exc:
        raise SettingsRejected([*problems, SettingProblem("", exc.message, exc.hint)]) from None
    changed = {change.key for change in describe_changes(current, new)} - bad
    problems += world_problems(new, changed)
    if problems:
        raise SettingsRejected(problems)
    return new


def _with_current(raw: Mapping[str, Any], current: Config, keys: set[str]) -> dict[str, Any]:
    """``raw`` with the given dotted keys put back to their current values (or dropped)."""
    fixed = flatten(raw)
    known = flatten(config_to_dict(current))
    for key in keys:
        if key in known:
            fixed[key] = known[key]
        else:
            fixed.pop(key, None)
    result: dict[str, Any] = {}
    for key, value in fixed.items():
        node = result
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return result


def describe_changes(old: Config, new: Config) -> list[SettingChange]:
    """Every key whose value differs, in the file's order, with secrets and passwords masked."""
    before, after = flatten(config_to_dict(old)), flatten(config_to_dict(new))
    return [
        SettingChange(key, _shown(key, before.get(key)), _shown(key, after.get(key)))
        for key in dict.fromkeys([*before, *after])
        if before.get(key) != after.get(key)
    ]


def _shown(key: str, value: Any) -> Any:
    """A value as the audit log may hold it: no floats, no secrets, no passwords in URLs."""
    if looks_like_secret(key.rsplit(".", 1)[-1]):
        return "(hidden)"
    if key == "storage.database_url" and value:
        return masked_url(str(value))
    if isinstance(value, float):
        return int(value) if value.is_integer() else repr(value)
    if isinstance(value, dict):  # the module environment: NAME=value, secret-looking hidden
        return [f"{k}={'(hidden)' if looks_like_secret(k) else v}" for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [_shown(key, item) for item in value]
    return value


def apply_settings(
    ctx: AppContext,
    raw: Mapping[str, Any],
    *,
    password: PasswordChange | None = None,
    passwords: PasswordStore | None = None,
    progress: ProgressCallback = no_progress,
) -> SettingsResult:
    """Check, save and audit a settings change, then switch ``ctx`` over (see module docs)."""
    require_role(ctx, Role.ADMINISTRATOR, "change the settings")
    progress(0, 0, "Checking the settings…")
    old = ctx.config
    new = validate_settings(old, raw)
    changes = describe_changes(old, new)
    keyring_step = None
    if password is not None:
        keyring_step = _KeyringStep(new.tsa.username, password, passwords or KeyringPasswords())
        changes.append(keyring_step.describe())
    if not changes:
        return SettingsResult(old)
    switch = new.database_url(ctx.paths) != old.database_url(ctx.paths)
    new_db, check = (_open_new_database(new.database_url(ctx.paths), progress) if switch
                     else (None, None))
    undo: list[Callable[[], None]] = []
    try:
        if keyring_step is not None:
            keyring_step.run()
            undo.append(keyring_step.undo)
        progress(0, 0, "Saving the configuration…")
        save_config(new, ctx.paths.config_file)
        undo.append(lambda: save_config(old, ctx.paths.config_file))
        _record(ctx, changes, new_db, check)
    except BaseException:
        for step in reversed(undo):
            _quietly(step)
        if new_db is not None:
            new_db.dispose()
        raise
    _switch(ctx, new, new_db)
    return SettingsResult(new, tuple(changes), check)


class _KeyringStep:
    """A TSA password change: checked when made, run after all checks, undone on failure."""

    def __init__(self, username: str, change: PasswordChange, store: PasswordStore) -> None:
        if not username:
            raise SettingsRejected([SettingProblem(
                PASSWORD_KEY, "A TSA password needs a TSA username.",
                "Enter the username of the TSA account, or leave the password empty.")])
        self.username, self.change, self.store = username, change, store
        try:  # also proves a keyring is there before anything is written
            self._previous = store.get(username)
        except ConfigError as exc:
            raise SettingsRejected([SettingProblem(PASSWORD_KEY, exc.message, exc.hint)]) \
                from None

    def describe(self) -> SettingChange:
        had = self._previous is not None
        after = "removed" if self.change.removes else ("replaced" if had else "stored")
        return SettingChange(f"{PASSWORD_KEY} (OS keyring)", "stored" if had else "not stored",
                             after)

    def run(self) -> None:
        if self.change.removes:
            self.store.delete(self.username)
        else:
            self.store.set(self.username, self.change.password)

    def undo(self) -> None:
        if self._previous is None:
            self.store.delete(self.username)
        else:
            self.store.set(self.username, self._previous)


def _open_new_database(url: str, progress: ProgressCallback
                       ) -> tuple[Database, DatabaseCheck]:
    progress(0, 0, f"Connecting to {masked_url(url)}…")
    try:
        return open_checked_database(url)
    except SealDeskError as exc:
        raise SettingsRejected([SettingProblem(
            "storage.database_url", exc.message, exc.hint)]) from None


def _record(ctx: AppContext, changes: list[SettingChange], new_db: Database | None,
            check: DatabaseCheck | None) -> None:
    details: dict[str, object] = {"changes": [c.to_dict() for c in changes]}
    subject = {"config": ctx.paths.config_file.name}
    if new_db is None or check is None:
        record_now(ctx, ctx.event(EventType.SETTINGS_CHANGED, subject, details))
        return
    moved = {"from": masked_url(ctx.database.url), "to": check.url}
    arriving = ctx.event(EventType.SETTINGS_CHANGED, subject,
                         {**details, "database_switch": {**moved, "recorded_in": "new"}})
    leaving = ctx.event(EventType.SETTINGS_CHANGED, subject,
                        {**details, "database_switch": {**moved, "recorded_in": "previous"}})
    with new_db.transaction() as session:
        record(session, arriving)
    record_now(ctx, leaving)


def _switch(ctx: AppContext, new: Config, new_db: Database | None) -> None:
    """Point the running context at the new configuration (and database)."""
    ctx.config = new
    if new_db is not None:
        previous, ctx.database = ctx.database, new_db
        previous.dispose()


def _quietly(step: Callable[[], None]) -> None:
    with contextlib.suppress(Exception):  # a failed undo must not hide the error behind it
        step()
