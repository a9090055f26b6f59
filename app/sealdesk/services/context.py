"""Everything a use case needs, opened once: configuration, database, document store, actor.

The GUI and the CLI build one :class:`AppContext` at start and pass it to the services; no
service reads configuration or opens a database on its own.
"""

from __future__ import annotations

import datetime as dt
import getpass
import socket
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

import sealdesk
from sealdesk.config import Config, load_config
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.errors import ConfigError
from sealdesk.paths import AppPaths, app_paths
from sealdesk.storage.audit.repo import append_event
from sealdesk.storage.compat import must_not_upgrade, record_compatibility
from sealdesk.storage.db import Database, apply_busy_timeout, create_database_engine
from sealdesk.storage.documents.blobstore import BlobStore
from sealdesk.storage.schema import upgrade_schema


@dataclass(frozen=True)
class Actor:
    """Who acts: the chosen operator name and the OS account it runs under."""

    name: str
    os_user: str = field(default_factory=getpass.getuser)

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
        ctx = cls(paths, config, database, store, actor or Actor(getpass.getuser()), read_only)
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
        self.database.dispose()


def _restore_hint(paths: AppPaths, config: Config) -> str:
    """Which snapshot to restore when this version may not open the database (rollback)."""
    from sealdesk.services.snapshots.listing import snapshot_to_restore

    return snapshot_to_restore(config.snapshot_dir(paths))


def load_certificate(path: Path) -> asn1_x509.Certificate:
    """Read a PEM or DER certificate file, with a clear error when it is not one."""
    try:
        data = path.read_bytes()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018 - parse fully now so a damaged file fails here, not later
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"The trust anchor {path} is not a readable certificate.",
            hint="Give a PEM or DER X.509 certificate file in Settings > Trust anchors.",
        ) from exc
    return cert
