"""The configuration file (TOML): which token and keys to use, which TSA, which trust anchors.

Configuration is a tree of frozen dataclasses, read once and passed explicitly; nothing reads the
file behind a caller's back. Writing goes through a temp file and an atomic rename so that a crash
never leaves half a configuration. Secrets (PINs, TSA passwords) are never part of it: TSA
credentials live in the OS keyring, PINs are asked for each time.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from sealdesk.core.sealing.policy import PadesLevel
from sealdesk.errors import ConfigError
from sealdesk.fsutil import CONFIG_LIMIT, atomic_write_bytes, read_text_bounded
from sealdesk.paths import AppPaths


@dataclass(frozen=True)
class TokenConfig:
    """How to find the token and the keys on it.

    The token is selected by label and, once known, by serial too, so a relabelled or swapped
    token is noticed instead of silently used. ``manufacturer`` and ``model`` (as the token
    reports them) complete the identity: serials are only unique per maker. ``environment`` holds
    variables some modules read at load time (SoftHSM2's ``SOFTHSM2_CONF``, vendor log
    settings). ``timeout_seconds`` bounds every PKCS#11 call that can block (module probe, slot
    listing, login, signing), so a hung driver is reported instead of freezing SealDesk.
    """

    module: str = ""
    label: str = ""
    serial: str = ""
    seal_key_label: str = "seal"
    audit_key_label: str = "audit"
    environment: dict[str, str] = field(default_factory=dict)
    manufacturer: str = ""
    model: str = ""
    timeout_seconds: float = 30.0

    def __post_init__(self) -> None:
        value = self.timeout_seconds
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(
                f"token.timeout_seconds must be a positive number, not {self.timeout_seconds!r}.",
                hint="30 seconds suits most tokens; PIN-pad readers get more time automatically.",
            )


@dataclass(frozen=True)
class StandbyConfig:
    """Where to find the standby seal token (``[standby]``) and when the primary is "slow".

    Which token is the standby (label, serial, key, certificate) is NOT configured here: the
    custodians' quorum registered it and the audit log says so. This section only holds the
    local things: the module path and its environment when they differ from the primary's
    (empty: the primary's), and ``slow_seconds``, the answer time of the primary token above
    which SealDesk offers the switch to the standby (it never switches by itself).
    """

    module: str = ""
    environment: dict[str, str] = field(default_factory=dict)
    slow_seconds: float = 10.0

    def __post_init__(self) -> None:
        value = self.slow_seconds
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 600:
            raise ConfigError(
                f"standby.slow_seconds must be more than 0 and at most 600, not {value!r}.",
                hint="10 seconds: a token that takes longer to answer is offered a switch.",
            )


@dataclass(frozen=True)
class TsaConfig:
    """The RFC 3161 timestamp authority.

    ``url`` is an HTTP(S) TSA. ``demo_cert``/``demo_key`` select the offline in-process demo TSA
    instead (demo mode only: it is a real RFC 3161 signer, but its key sits in the data folder).
    """

    url: str = ""
    username: str = ""
    timeout_seconds: float = 10.0
    demo_cert: str = ""
    demo_key: str = ""
    retries: int = 2
    """Attempts after the first failed one (timeout, refused, HTTP error) before giving up."""
    retry_backoff_seconds: float = 1.0
    """Wait before the first retry; doubled before each further one (1 s, 2 s, 4 s, ...)."""

    def __post_init__(self) -> None:
        retries, backoff = self.retries, self.retry_backoff_seconds
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
            raise ConfigError(
                f"tsa.retries must be a whole number from 0 to 10, not {retries!r}.",
                hint="2 retries ride out a brief network hiccup without a long wait.",
            )
        if isinstance(backoff, bool) or not isinstance(backoff, int | float) or not (
                0 <= backoff <= 60):
            raise ConfigError(
                f"tsa.retry_backoff_seconds must be 0 to 60 seconds, not {backoff!r}.",
                hint="1 second is a good start; it doubles before each further retry.",
            )

    @property
    def is_demo(self) -> bool:
        return bool(self.demo_cert and self.demo_key) and not self.url


@dataclass(frozen=True)
class VisibleStampConfig:
    """Where a visible seal stamp goes: page (1-based, -1 for last) and box in PDF points."""

    enabled: bool = False
    page: int = 1
    box: tuple[int, int, int, int] = (36, 36, 276, 106)


@dataclass(frozen=True)
class SealConfig:
    level: PadesLevel = PadesLevel.B_T
    reason: str = "Sealed by SealDesk"
    location: str = ""
    visible: VisibleStampConfig = field(default_factory=VisibleStampConfig)


@dataclass(frozen=True)
class TrustConfig:
    """PEM files with the trust anchors seals are validated against, and how revocation is
    checked: "hard-fail" (no answer from OCSP/CRL means INDETERMINATE), "soft-fail" (no answer
    is tolerated, with a warning) or "offline" (only validation data embedded in the PDF)."""

    anchors: tuple[str, ...] = ()
    revocation: str = "hard-fail"


@dataclass(frozen=True)
class RevalidationConfig:
    """How often every stored seal is re-proved (days); 0 means only when someone asks.

    Thirty days by default: well inside the usual OCSP/CRL retention and certificate lifetimes,
    so a revoked or expiring certificate is noticed while the evidence can still be fetched.
    """

    interval_days: int = 30

    def __post_init__(self) -> None:
        value = self.interval_days
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
            raise ConfigError(
                "revalidation.interval_days must be a whole number of days from 0 to 3650, "
                f"not {value!r}.",
                hint="30 re-proves every seal monthly; 0 turns the schedule off.",
            )


@dataclass(frozen=True)
class StorageConfig:
    """Where data lives. ``busy_timeout_seconds``: how long a write waits for another console's
    lock (SQLite busy timeout, PostgreSQL lock_timeout) before failing with "database busy"."""

    database_url: str = ""
    store_dir: str = ""
    busy_timeout_seconds: float = 30.0
    snapshot_dir: str = ""
    """Where ``sealdesk snapshot create`` writes; empty: beside the data folder (never in it)."""
    snapshot_warn_days: int = 7
    """The Home page warns when the newest snapshot is older than this many days (0: never)."""

    def __post_init__(self) -> None:
        value = self.busy_timeout_seconds
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 3600:
            raise ConfigError(
                f"storage.busy_timeout_seconds must be more than 0 and at most 3600, not "
                f"{value!r}.",
                hint="30 seconds lets consoles sharing a database take turns.",
            )
        days = self.snapshot_warn_days
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 3650:
            raise ConfigError(
                f"storage.snapshot_warn_days must be a whole number of days from 0 to 3650, "
                f"not {days!r}.",
                hint="7 warns when no snapshot was taken for a week; 0 never warns.",
            )


@dataclass(frozen=True)
class AlertsConfig:
    """Alert thresholds (``[alerts]``): rules run on the audit log after every commit.

    ``failed_logins``/``failed_seals`` failures within ``window_minutes`` raise an alert; the
    seal certificate raises one ``expiry_warn_days`` and one ``expiry_urgent_days`` before it
    expires; sealing outside ``sealing_start_hour``..``sealing_end_hour`` (UTC, end excluded;
    0 and 24 allow any time) or more than ``rate_factor`` times the usual hourly rate (and at
    least ``rate_minimum`` seals in an hour) raises one; so does a log with entries not pinned by a
    checkpoint for ``checkpoint_overdue_hours``.

    Off by default for now: every alert is an audit entry, and test suites that count entries
    after settings or role changes must learn about them first (README, "Alerts").
    """

    enabled: bool = False
    window_minutes: int = 15
    failed_logins: int = 3
    failed_seals: int = 5
    expiry_warn_days: int = 30
    expiry_urgent_days: int = 7
    sealing_start_hour: int = 0
    sealing_end_hour: int = 24
    rate_factor: float = 5.0
    rate_minimum: int = 200
    checkpoint_overdue_hours: float = 24.0

    def __post_init__(self) -> None:
        for name in ("window_minutes", "failed_logins", "failed_seals", "expiry_warn_days",
                     "expiry_urgent_days", "rate_minimum"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100000:
                raise ConfigError(f"alerts.{name} must be a whole number from 1 to 100000, "
                                  f"not {value!r}.", hint="The README lists the defaults.")
        start, end = self.sealing_start_hour, self.sealing_end_hour
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= 24):
            raise ConfigError(
                f"alerts.sealing_start_hour/sealing_end_hour {start!r}..{end!r} are not hours "
                "with 0 <= start < end <= 24 (UTC).", hint="7 and 19 allow 07:00-18:59 UTC.")
        for name in ("rate_factor", "checkpoint_overdue_hours"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ConfigError(f"alerts.{name} must be a positive number, not {value!r}.",
                                  hint="The README lists the defaults.")


SIEM_TRANSPORTS = ("udp", "tcp", "tls")


@dataclass(frozen=True)
class SiemConfig:
    """Where ``sealdesk siem export`` sends the audit log (``[siem]``): RFC 5424 syslog to
    ``host``:``port`` over ``transport`` (udp, tcp, tls; TLS checks the server against
    ``ca_file``, or the system's CAs when empty) and/or JSON Lines appended to ``jsonl_path``."""

    host: str = ""
    port: int = 514
    transport: str = "tcp"
    ca_file: str = ""
    jsonl_path: str = ""
    app_name: str = "sealdesk"

    def __post_init__(self) -> None:
        if self.transport not in SIEM_TRANSPORTS:
            raise ConfigError(f"siem.transport must be one of {', '.join(SIEM_TRANSPORTS)}, "
                              f"not {self.transport!r}.", hint="tls for anything leaving "
                              "the machine; udp loses messages under load.")
        if isinstance(self.port, bool) or not isinstance(self.port, int) \
                or not 0 < self.port < 65536:
            raise ConfigError(f"siem.port must be a TCP/UDP port (1-65535), not {self.port!r}.",
                              hint="514 is syslog, 6514 syslog over TLS.")


@dataclass(frozen=True)
class AuditConfig:
    """Where signed checkpoints are anchored outside the database.

    Every checkpoint is written to ``anchor_dir`` as a file, timestamped by the configured TSA
    (``timestamp_checkpoints``), and ``audit verify`` checks the log against every anchor it
    finds there: a rolled-back database, a deleted tail or a history the audit key re-signed
    shows up even when every row and checkpoint in the database agrees. Point this at
    removable media or a WORM share that database administrators cannot write; empty means
    ``<data>/anchors``, which protects against a database writer but not against someone who
    can also write the data folder.
    """

    anchor_dir: str = ""
    timestamp_checkpoints: bool = True


UI_LANGUAGES = ("auto", "en", "de")


@dataclass(frozen=True)
class UiConfig:
    """The console's look (``[ui]``). ``language``: "auto" follows the system locale (German
    when it is German, English otherwise), "en" or "de" choose one. Read at start-up."""

    language: str = "auto"

    def __post_init__(self) -> None:
        if self.language not in UI_LANGUAGES:
            raise ConfigError(
                f"ui.language must be one of {', '.join(UI_LANGUAGES)}, not {self.language!r}.",
                hint="auto follows the system's language; en and de choose English or German.",
            )


@dataclass(frozen=True)
class Config:
    token: TokenConfig = field(default_factory=TokenConfig)
    tsa: TsaConfig = field(default_factory=TsaConfig)
    seal: SealConfig = field(default_factory=SealConfig)
    trust: TrustConfig = field(default_factory=TrustConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)
    revalidation: RevalidationConfig = field(default_factory=RevalidationConfig)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    siem: SiemConfig = field(default_factory=SiemConfig)
    audit: AuditConfig = field(default_factory=AuditConfig)
    standby: StandbyConfig = field(default_factory=StandbyConfig)
    ui: UiConfig = field(default_factory=UiConfig)
    console_id: str = ""
    demo: bool = False

    @property
    def has_token(self) -> bool:
        return bool(self.token.module and (self.token.label or self.token.serial))

    def database_url(self, paths: AppPaths) -> str:
        return self.storage.database_url or paths.default_database_url

    def store_dir(self, paths: AppPaths) -> Path:
        return Path(self.storage.store_dir) if self.storage.store_dir else paths.store_dir

    def snapshot_dir(self, paths: AppPaths) -> Path:
        return (Path(self.storage.snapshot_dir).expanduser() if self.storage.snapshot_dir
                else paths.default_snapshot_dir)

    def anchor_dir(self, paths: AppPaths) -> Path:
        """The out-of-band folder for checkpoint anchors (see :class:`AuditConfig`).

        The default is per database: anchors of one log checked against another (after a
        switch in Settings) would read as a rewrite. A configured folder is used as is.
        """
        if self.audit.anchor_dir:
            return Path(self.audit.anchor_dir)
        base = paths.data_dir / "anchors"
        if not self.storage.database_url:
            return base
        return base / hashlib.sha256(self.storage.database_url.encode()).hexdigest()[:16]


def load_config(path: Path) -> Config:
    """Read the configuration; a missing file is an empty configuration, a bad one an error."""
    if not path.exists():
        return Config()
    try:
        raw = tomllib.loads(read_text_bounded(path, CONFIG_LIMIT, "configuration file",
                                              ConfigError))
    except RecursionError as exc:  # tomllib recurses per level of nested arrays
        raise ConfigError(
            f"The configuration file {path} nests values too deeply to be read.",
            hint="Move it away to start from defaults, or correct it.",
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"Cannot read the configuration file {path}: {exc.__class__.__name__}.",
            hint="Check the file's permissions, or move it away to start from defaults.",
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"The configuration file {path} is not valid TOML: {exc}.",
            hint="Fix the line named above, or move the file away to start from defaults.",
        ) from exc
    return config_from_dict(raw, source=str(path))


def save_config(config: Config, path: Path) -> None:
    """Write the configuration atomically (temp file, fsync, rename)."""
    atomic_write_bytes(path, tomli_w.dumps(config_to_dict(config)).encode("utf-8"))


_WRITTEN_WHEN_SET = ("standby", "ui")
"""Sections newer than the oldest release that may open this installation (see storage.compat):
written only when they differ from their defaults, so that release's strict reader, which does not
know them, still reads the file after a rollback (README "Rollback of the software")."""


def config_to_dict(config: Config) -> dict[str, Any]:
    data = asdict(config)
    data["seal"]["level"] = str(config.seal.level)
    data["seal"]["visible"]["box"] = list(config.seal.visible.box)
    data["trust"]["anchors"] = list(config.trust.anchors)
    defaults = asdict(Config())
    for name in _WRITTEN_WHEN_SET:
        if data[name] == defaults[name]:
            del data[name]
    return data


def config_from_dict(raw: dict[str, Any], *, source: str = "configuration") -> Config:
    """Build a Config, rejecting unknown keys and wrong types with the offending key named."""
    try:
        token = TokenConfig(**_section(raw, "token", TokenConfig))
        tsa = TsaConfig(**_section(raw, "tsa", TsaConfig))
        seal_raw = _section(raw, "seal", SealConfig)
        visible_raw = dict(seal_raw.pop("visible", {}) or {})
        _reject_unknown(visible_raw, VisibleStampConfig, "seal.visible")
        if "box" in visible_raw:
            visible_raw["box"] = _box(visible_raw["box"])
        seal = SealConfig(
            level=_level(seal_raw.pop("level", PadesLevel.B_T)),
            visible=VisibleStampConfig(**visible_raw),
            **seal_raw,
        )
        trust_raw = _section(raw, "trust", TrustConfig)
        trust = TrustConfig(
            anchors=tuple(trust_raw.get("anchors", ())),
            revocation=_revocation(trust_raw.get("revocation", "hard-fail")),
        )
        storage = StorageConfig(**_section(raw, "storage", StorageConfig))
        revalidation = RevalidationConfig(**_section(raw, "revalidation", RevalidationConfig))
        alerts = AlertsConfig(**_section(raw, "alerts", AlertsConfig))
        siem = SiemConfig(**_section(raw, "siem", SiemConfig))
        audit = AuditConfig(**_section(raw, "audit", AuditConfig))
        standby = StandbyConfig(**_section(raw, "standby", StandbyConfig))
        ui = UiConfig(**_section(raw, "ui", UiConfig))
        top = {k: v for k, v in raw.items() if k not in _SECTIONS}
        _reject_unknown(top, Config, "")
    except TypeError as exc:
        raise ConfigError(
            f"Invalid value in {source}: {exc}.",
            hint="Compare with the example configuration in the README.",
        ) from exc
    return Config(
        token=token, tsa=tsa, seal=seal, trust=trust, storage=storage, revalidation=revalidation,
        alerts=alerts, siem=siem, audit=audit, standby=standby, ui=ui,
        console_id=str(top.get("console_id", "")), demo=bool(top.get("demo", False)),
    )


_SECTIONS = ("token", "tsa", "seal", "trust", "storage", "revalidation", "alerts", "siem",
             "audit", "standby",
             "ui")


def _section(raw: dict[str, Any], name: str, cls: type) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(
            f"[{name}] in the configuration must be a table.",
            hint="Compare with the example configuration in the README.",
        )
    _reject_unknown(value, cls, name)
    return dict(value)


def _reject_unknown(values: dict[str, Any], cls: type, where: str) -> None:
    known = set(cls.__dataclass_fields__)
    unknown = sorted(set(values) - known - set(_SECTIONS if cls is Config else ()))
    if unknown:
        prefix = f"{where}." if where else ""
        raise ConfigError(
            f"Unknown configuration key(s): {', '.join(prefix + k for k in unknown)}.",
            hint=f"Known keys here: {', '.join(sorted(known))}.",
        )


def _level(value: object) -> PadesLevel:
    try:
        return PadesLevel(str(value))
    except ValueError:
        allowed = ", ".join(level.value for level in PadesLevel)
        raise ConfigError(
            f"seal.level must be one of {allowed}, not {value!r}.",
            hint="B-T (timestamped) is the recommended default.",
        ) from None


REVOCATION_MODES = ("hard-fail", "soft-fail", "offline")


def _revocation(value: object) -> str:
    if value not in REVOCATION_MODES:
        raise ConfigError(
            f"trust.revocation must be one of {', '.join(REVOCATION_MODES)}, not {value!r}.",
            hint="hard-fail is the safe default for production PKIs.",
        )
    return str(value)


def _box(value: object) -> tuple[int, int, int, int]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 4
        or not all(isinstance(v, int) for v in value)
    ):
        raise ConfigError(
            "seal.visible.box must be four whole numbers [x1, y1, x2, y2] in PDF points.",
            hint="For example [36, 36, 276, 106] puts the stamp in the lower left corner.",
        )
    x1, y1, x2, y2 = value
    if x2 <= x1 or y2 <= y1:
        raise ConfigError(
            f"seal.visible.box {list(value)} is empty: x2 must exceed x1 and y2 exceed y1.",
            hint="Give the lower-left corner first, then the upper-right corner.",
        )
    return (x1, y1, x2, y2)


def with_token(config: Config, **changes: Any) -> Config:
    """A copy of ``config`` with some token settings changed."""
    return replace(config, token=replace(config.token, **changes))
