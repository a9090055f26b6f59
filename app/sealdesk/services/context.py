"""Everything a use case needs, opened once: configuration, database, document store, actor.

The GUI and the CLI build one :class:`AppContext` at start and pass it to the services; no
service reads configuration or opens a database on its own. It is a context manager
(``with AppContext.open() as ctx:``) so the database pool is released however a command ends.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import socket
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

import sealdesk
from sealdesk.config import Config, load_config
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.errors import ConfigError
from sealdesk.fsutil import CERTIFICATE_LIMIT, read_bounded
from sealdesk.paths import AppPaths, app_paths
from sealdesk.services.snapshots.catalogue import snapshot_to_restore
from sealdesk.storage.audit.repo import append_event
from sealdesk.storage.compat import must_not_upgrade, record_compatibility
from sealdesk.storage.db import Database, apply_busy_timeout, create_database_engine
from sealdesk.storage.documents.blobstore import BlobStore
from sealdesk.storage.schema import SchemaCapabilities, read_capabilities, upgrade_schema


def os_account() -> tuple[str, int]:
    """The account this process really runs as: the effective uid and its passwd entry.

    Never ``getpass.getuser()``, ``$USER`` or ``$LOGNAME``: another account can set those to
    anything, and roles would follow (issue 17). An uid without a passwd entry is named
    ``uid<N>``, so it still matches nobody else's roles.
    """
    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name, uid
    except KeyError:
        return f"uid{uid}", uid


def uid_of(os_user: str) -> int | None:
    """The uid of a local account name, or ``None`` when this machine has no such account."""
    try:
        return pwd.getpwnam(os_user).pw_uid
    except KeyError:
        return None


@dataclass(frozen=True)
class Actor:
    """Who acts: the chosen operator name and the OS account it runs under.

    ``os_user`` and ``uid`` default to the real account (:func:`os_account`); the CLI and the
    GUI never set them. Tests that play other people pass ``os_user``; its uid is then looked
    up in the password file (``None`` for a name this machine does not know).
    """

    name: str
    os_user: str = field(default_factory=lambda: os_account()[0])
    uid: int | None = None

    def __post_init__(self) -> None:
        if self.uid is None:
            real_name, real_uid = os_account()
            uid = real_uid if self.os_user == real_name else uid_of(self.os_user)
            object.__setattr__(self, "uid", uid)

    @classmethod
    def current(cls, name: str = "") -> Actor:
        """The real account, acting under ``name`` (the account's name when empty)."""
        os_user, uid = os_account()
        return cls(name or os_user, os_user, uid)

    @property
    def identity(self) -> str:
        return f"{self.name} (os:{self.os_user})" if self.name != self.os_user else self.name


@dataclass
class AppContext:
    paths: AppPaths
    config: Config
    database: Database
    store: BlobStore
    actor: Actor
    read_only: bool = False
    """An auditor's view (a database copy, or ``open(read_only=True)``): nothing may be
    written; services refuse role-gated actions up front and pages disable write actions."""
    schema: SchemaCapabilities | None = None
    """The schema's revision and tables, read once when the context opened (an auditor's copy
    may come from an older release); ``None`` only for contexts built by hand in tests."""

    @classmethod
    def open(
        cls,
        paths: AppPaths | None = None,
        *,
        config: Config | None = None,
        actor: Actor | None = None,
        read_only: bool = False,
    ) -> AppContext:
        paths = (paths or app_paths()).ensure()  # also makes this process's umask private
        config = config or load_config(paths.config_file)
        database = Database(create_database_engine(config.database_url(paths), read_only=read_only))
        apply_busy_timeout(database.engine, config.storage.busy_timeout_seconds)
        newer = must_not_upgrade(database, lambda: _restore_hint(paths, config))
        if not read_only and not newer:
            upgrade_schema(database)
            record_compatibility(database)
        store = BlobStore(config.store_dir(paths))
        if not read_only:
            store.ensure()
        ctx = cls(paths, config, database, store, actor or Actor.current(), read_only,
                  read_capabilities(database))
        if not read_only:
            ctx._tighten_permissions()
        return ctx

    def _tighten_permissions(self) -> None:
        """Make an older, world-readable installation private and record what changed."""
        changed = self.paths.tighten(self.store.root, self.config.snapshot_dir(self.paths))
        if changed:
            with self.database.transaction() as session:
                append_event(session, self.event(
                    EventType.PERMISSIONS_TIGHTENED, {"console": self.console_id},
                    {"count": len(changed), "paths": changed[:50]},
                ))

    @property
    def console_id(self) -> str:
        return self.config.console_id or socket.gethostname()

    def event(
        self, kind: EventType, subject: dict[str, str], details: dict[str, object] | None = None
    ) -> AuditEvent:
        """An audit event stamped with now, this actor, this console and this version."""
        return AuditEvent(
            type=kind,
            time=dt.datetime.now(dt.UTC),
            actor=self.actor.identity,
            console_id=self.console_id,
            subject=subject,
            details=details or {},
            software_version=sealdesk.__version__,
        )

    def trust_anchors(self) -> list[asn1_x509.Certificate]:
        return [load_certificate(Path(p)) for p in self.config.trust.anchors]

    def close(self) -> None:
        self.store.lock()
        self.database.dispose()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _restore_hint(paths: AppPaths, config: Config) -> str:
    """Which snapshot to restore when this version may not open the database (rollback)."""
    return snapshot_to_restore(config.snapshot_dir(paths))


def load_certificate(path: Path) -> asn1_x509.Certificate:
    """Read a PEM or DER certificate file, with a clear error when it is not one."""
    try:  # a regular file of at most 1 MiB: /dev/zero once grew to 24 GB here (issue 18)
        data = read_bounded(path, CERTIFICATE_LIMIT, "trust anchor", ConfigError)
    except ConfigError as exc:
        raise ConfigError(
            f"The trust anchor {path} is not a readable certificate.",
            hint=f"{exc.message} Give a PEM or DER X.509 certificate file in Settings > Trust "
            "anchors.",
        ) from None
    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018 - parse fully now so a damaged file fails here, not later
    except (ValueError, TypeError, KeyError, RecursionError) as exc:  # asn1crypto on bad DER
        raise ConfigError(
            f"The trust anchor {path} is not a readable certificate.",
            hint="Give a PEM or DER X.509 certificate file in Settings > Trust anchors.",
        ) from exc
    return cert
