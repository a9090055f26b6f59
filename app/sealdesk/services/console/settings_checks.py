"""Checking a settings change field by field, so the Settings page can say what is wrong where.

A settings change arrives as the configuration's dictionary form (what ``config.toml`` holds).
Two kinds of checks run on it:

* **Shape checks** reuse :func:`sealdesk.config.config_from_dict` one field at a time, so the
  page and the configuration file reject exactly the same values with the same words (an unknown
  level, an empty box, a negative timeout) and each message lands next to its own field;
* **World checks** look outside: the PKCS#11 module is probed in a child process (never loaded
  here), trust anchors are read as certificates, the TSA URL must be http(s). They run only for
  fields that changed, so an unrelated edit is never blocked by, say, a token that is unplugged.

Every problem is collected before anything is reported: a person fixes three fields in one go
rather than learning about them one save at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from sealdesk.config import Config, PadesLevel, config_from_dict
from sealdesk.core.token.probe import probe_module
from sealdesk.errors import ConfigError, ModuleLoadError
from sealdesk.services.context import load_certificate

OPAQUE_KEYS = frozenset({"token.environment"})
"""Dictionaries that are one value (the module's environment), not further settings."""


@dataclass(frozen=True)
class SettingProblem:
    """What is wrong with one setting; ``key`` is its dotted name ("tsa.url"), "" for the whole."""

    key: str
    message: str
    hint: str = ""


class SettingsRejected(ConfigError):
    """A settings change was refused; nothing was saved. ``problems`` names each bad field."""

    def __init__(self, problems: list[SettingProblem]) -> None:
        count = len(problems)
        names = ", ".join(p.key or "configuration" for p in problems)
        first = problems[0].message if problems else ""
        summary = first if count == 1 else f"{count} settings need attention ({names})."
        super().__init__(summary, hint="Nothing was saved. Correct the fields marked in red, "
                                       "then save again.")
        self.problems = tuple(problems)


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"tsa": {"url": u}}`` → ``{"tsa.url": u}``; opaque dictionaries stay whole."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and name not in OPAQUE_KEYS:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def nest(key: str, value: Any) -> dict[str, Any]:
    """``nest("seal.visible.box", b)`` → ``{"seal": {"visible": {"box": b}}}``."""
    parts = key.split(".")
    result: dict[str, Any] = {parts[-1]: value}
    for part in reversed(parts[:-1]):
        result = {part: result}
    return result


def shape_problems(raw: Mapping[str, Any]) -> list[SettingProblem]:
    """Each field alone through :func:`config_from_dict`, plus the few rules it does not have."""
    problems = []
    for key, value in flatten(raw).items():
        try:
            config_from_dict(nest(key, value), source="the settings")
        except ConfigError as exc:
            problems.append(SettingProblem(key, exc.message, exc.hint))
            continue
        extra = _extra_rule(key, value)
        if extra is not None:
            problems.append(extra)
    return problems


def _extra_rule(key: str, value: Any) -> SettingProblem | None:
    """Rules the configuration file does not enforce yet but a form must."""
    if key == "seal.visible.page":
        if isinstance(value, bool) or not isinstance(value, int) or value == 0:
            return SettingProblem(
                key, f"The stamp page must be a page number (1 = first, -1 = last), not {value!r}.",
                "Pages are counted from 1; negative numbers count from the end.")
    elif key == "seal.visible.enabled" and not isinstance(value, bool):
        return SettingProblem(key, "The visible stamp setting must be on or off.")
    elif key == "tsa.timeout_seconds" and (
        isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
    ):
        return SettingProblem(key, f"The TSA timeout must be a positive number of seconds, "
                                   f"not {value!r}.", "10 seconds suits most TSAs.")
    elif key == "tsa.url" and value:
        return tsa_url_problem(str(value))
    elif key == "storage.database_url" and value:
        return database_url_problem(str(value))
    elif key in ("token.seal_key_label", "token.audit_key_label") and not str(value).strip():
        return SettingProblem(key, "A key label cannot be empty.",
                              "Use 'Detect tokens' to pick one of the token's certificates.")
    return None


def tsa_url_problem(url: str) -> SettingProblem | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return SettingProblem(
            "tsa.url", f"The TSA URL {url!r} is not an http:// or https:// address.",
            "Enter the timestamp authority's URL, e.g. http://timestamp.example.com/tsr.")
    if parts.password:
        return SettingProblem(
            "tsa.url", "The TSA URL contains a password; SealDesk never stores passwords in "
            "its configuration.", "Remove it from the URL and enter it in the TSA password "
            "field: it is kept in the OS keyring.")
    return None


def database_url_problem(url: str) -> SettingProblem | None:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return SettingProblem(
            "storage.database_url", f"{url!r} is not a database URL.",
            "Use sqlite:///path/to/file.db or postgresql://user@host/dbname "
            "(empty: the SQLite file in the data folder).")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        return SettingProblem(
            "storage.database_url", f"SealDesk supports SQLite and PostgreSQL, not "
            f"{parsed.get_backend_name()!r}.", "Use sqlite:///… or postgresql://….")
    if parsed.password:
        return SettingProblem(
            "storage.database_url", "The database URL contains a password; SealDesk never "
            "stores passwords in its configuration.",
            "Remove it from the URL and put it in PostgreSQL's password file (~/.pgpass, "
            "mode 600), which the driver reads by itself.")
    return None


def world_problems(new: Config, changed: set[str]) -> list[SettingProblem]:
    """Checks against the machine, for the changed fields only (see the module docstring)."""
    problems: list[SettingProblem] = []
    token_keys = {"token.module", "token.label", "token.serial", "token.environment"}
    if new.token.module and changed & token_keys:
        try:
            probe_module(new.token.module, new.token.environment,
                         timeout=new.token.timeout_seconds)
        except ModuleLoadError as exc:
            problems.append(SettingProblem("token.module", exc.message, exc.hint))
    if "trust.anchors" in changed:
        problems.extend(_anchor_problems(new.trust.anchors))
    problems.extend(_policy_problems(new, changed))
    return problems


def _anchor_problems(anchors: tuple[str, ...]) -> Iterator[SettingProblem]:
    for anchor in anchors:
        try:
            load_certificate(Path(anchor))
        except ConfigError as exc:
            yield SettingProblem("trust.anchors", exc.message, exc.hint)


def _policy_problems(new: Config, changed: set[str]) -> Iterator[SettingProblem]:
    """Combinations that cannot work: a timestamped level without any timestamp authority."""
    relevant = {"seal.level", "tsa.url", "tsa.demo_cert", "tsa.demo_key"}
    timestamped = new.seal.level != PadesLevel.B_B
    if changed & relevant and timestamped and not (new.tsa.url or new.tsa.is_demo):
        yield SettingProblem(
            "tsa.url", f"PAdES {new.seal.level} needs a timestamp authority, and none is set.",
            "Enter the TSA URL, or choose level B-B (no timestamp).")
    if "tsa.username" in changed and new.tsa.username and not new.tsa.url:
        yield SettingProblem("tsa.username", "A TSA username needs a TSA URL.",
                             "Enter the URL of the TSA the account belongs to.")
