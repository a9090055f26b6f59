"""The key registry: which key on the token is active for seals (or audit checkpoints).

The database is the record (``managed_keys``: pending, active, retired; at most one active per
purpose, enforced by a unique index). The configuration's ``token.seal_key_label`` /
``token.audit_key_label`` follows it: activation writes the new label to ``config.toml``
(atomically) inside the activation's transaction, just before the commit, so the sealing
service, which reads the label from the configuration, needs no change. If the commit then
fails, the execution step is not recorded and is done again on resume; :func:`reconcile_config`
makes the configuration follow the database should they ever differ.

A key configured before rotation existed is adopted into the registry (as active, with an audit
event) the first time a rotation needs to know the current key.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy.orm import Session

from sealdesk.config import Config, load_config, save_config, with_token
from sealdesk.core.audit.checkpoint import key_id_for
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.inventory import list_objects
from sealdesk.errors import ConfigError, KeyNotFoundError
from sealdesk.services.audit.log import record
from sealdesk.services.audit.signed_acts import signed_transaction
from sealdesk.services.context import AppContext
from sealdesk.storage.keys import repo
from sealdesk.storage.keys.models import ManagedKey

PURPOSES = ("seal", "audit")


def configured_label(config: Config, purpose: str) -> str:
    return config.token.seal_key_label if purpose == "seal" else config.token.audit_key_label


def with_label(config: Config, purpose: str, label: str) -> Config:
    field = "seal_key_label" if purpose == "seal" else "audit_key_label"
    return with_token(config, **{field: label})


def token_selector(config: Config) -> TokenSelector:
    return TokenSelector.from_config(config.token)


def require_token(config: Config) -> None:
    if not config.has_token:
        raise ConfigError(
            "No token is configured, so no key can be rotated.",
            hint="Configure the seal token in Settings (or run 'sealdesk demo init').",
        )


def current_key(ctx: AppContext, purpose: str) -> ManagedKey:
    """The active key for ``purpose``, adopting the configured one if the registry has none."""
    with ctx.database.reader() as session:
        existing = repo.active_key(session, purpose)
    return existing if existing is not None else adopt_configured_key(ctx, purpose)


def adopt_configured_key(ctx: AppContext, purpose: str) -> ManagedKey:
    """Record the configured key as active (read without login: certificates are public)."""
    require_token(ctx.config)
    label = configured_label(ctx.config, purpose)
    cfg = ctx.config.token
    with open_token_session(cfg.module, token_selector(ctx.config), None,
                            environment=cfg.environment, timeout=cfg.timeout_seconds,
                            login=False) as token:
        serial = token.info.serial
        certs = [o for o in list_objects(token) if o.kind == "certificate" and o.label == label]
    if len(certs) != 1:
        raise KeyNotFoundError(
            f"The token holds {len(certs)} certificates labelled {label!r} (the configured "
            f"{purpose} key); exactly one is needed to know which key is in use.",
            hint="Check the key label in Settings and the token's contents "
            "('sealdesk token list --keys').",
        )
    cert_der = certs[0].certificate_der
    cert = x509.load_der_x509_certificate(cert_der)
    now = dt.datetime.now(dt.UTC)
    with signed_transaction(ctx, "record the key in use") as session:  # a key.activated event
        existing = repo.active_key(session, purpose)
        if existing is not None:
            return existing
        key = ManagedKey(
            purpose=purpose, label=label, key_id_hex=certs[0].key_id, token_serial=serial,
            algorithm=algorithm_of(cert), public_key_sha256=key_id_for(cert.public_key()),  # type: ignore[arg-type]
            certificate_der=cert_der, certificate_sha256=hashlib.sha256(cert_der).hexdigest(),
            status="active", created_at=now, activated_at=now, proposal_id="",
        )
        session.add(key)
        record(session, ctx.event(
            EventType.KEY_ACTIVATED, {"key": key.public_key_sha256},
            {"purpose": purpose, "label": label, "certificate_sha256": key.certificate_sha256,
             "adopted_from_configuration": True},
        ))
    return key


def algorithm_of(cert: x509.Certificate) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    key = cert.public_key()
    if isinstance(key, ec.EllipticCurvePublicKey):
        return {"secp256r1": "ec-p256", "secp384r1": "ec-p384"}.get(key.curve.name, key.curve.name)
    if isinstance(key, rsa.RSAPublicKey):
        return f"rsa-{key.key_size}"
    return "unknown"


def activate(
    ctx: AppContext, session: Session, new: ManagedKey, old: ManagedKey | None,
    proposal_id: str, now: dt.datetime,
) -> Config:
    """In the caller's transaction: ``new`` becomes the only active key, config follows.

    The old key is marked retired at once (so there is never a moment with two active keys);
    the ``old_retired`` step then archives its certificate and records ``key.retired``.
    """
    if old is not None and old.id != new.id:
        old.status = "retired"
        session.flush()  # free the one-active slot before taking it
    new.status = "active"
    new.activated_at = now
    session.flush()
    record(session, ctx.event(
        EventType.KEY_ACTIVATED, {"key": new.public_key_sha256},
        {"purpose": new.purpose, "label": new.label,
         "certificate_sha256": new.certificate_sha256, "proposal_id": proposal_id,
         "replaces": old.public_key_sha256 if old is not None else None,
         "replaces_certificate_sha256": old.certificate_sha256 if old is not None else None},
    ))
    config = with_label(ctx.config, new.purpose, new.label)
    save_config(config, ctx.paths.config_file)
    return config


def reconcile_config(ctx: AppContext) -> list[str]:
    """Make the configuration (file and memory) follow the registry's active keys.

    Returns what changed. Needed only after a crash between writing the configuration and
    committing an activation, when the file may name a key the database never activated.
    """
    on_disk = load_config(ctx.paths.config_file) if ctx.paths.config_file.exists() else None
    config = ctx.config
    changed = []
    with ctx.database.reader() as session:
        for purpose in PURPOSES:
            active = repo.active_key(session, purpose)
            if active is None:
                continue
            stale = configured_label(config, purpose) != active.label or (
                on_disk is not None and configured_label(on_disk, purpose) != active.label)
            if stale:
                config = with_label(config, purpose, active.label)
                changed.append(f"{purpose} key label set to {active.label!r}")
    if changed:
        save_config(config, ctx.paths.config_file)
        ctx.config = config
    return changed


def certificate_pem(der: bytes) -> bytes:
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)
