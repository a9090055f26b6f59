"""A logged-in PKCS#11 session as a context manager, and the key operations SealDesk needs.

The token is touched only inside :func:`open_token_session`; leaving the block logs out and
closes the session even on error. The PIN is an argument of the opening call only: it is passed
to the module and dropped, never stored on an object, logged or put into an error.

Login and signing run under the watchdog's time limit; when a call on the module is stuck, the
session is not closed on exit (that call would block too) but closed once the stuck call returns.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import pkcs11
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass
from pkcs11 import exceptions as p11

from sealdesk.core.token import module as p11module
from sealdesk.core.token import watchdog
from sealdesk.core.token.errors import translate
from sealdesk.core.token.identity import PinState, TokenInfo, TokenSelector
from sealdesk.errors import KeyNotFoundError, PinLockedError, TokenAmbiguousError, TokenError

T = TypeVar("T")


@dataclass
class TokenSession:
    """An open, logged-in session on one identified token.

    ``notice`` says something the user should know about how the token was found ("label
    changed from X to Y"), or is empty. ``timeout`` bounds each blocking call on the session.
    """

    module_path: str
    info: TokenInfo
    session: pkcs11.Session
    notice: str = ""
    timeout: float = watchdog.DEFAULT_TIMEOUT
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    """Held around every guarded call: a PKCS#11 session runs one operation at a time
    (C_SignInit then C_Sign), and a batch seals several documents concurrently."""

    def guarded(self, doing: str, call: Callable[[], T]) -> T:
        """Run a blocking PKCS#11 call on this session under the watchdog's time limit.

        Calls from several threads (concurrent seals of one batch) take turns on the session.
        """
        with self.lock:
            return watchdog.guarded(self.module_path, doing, call, self.timeout)

    def private_key(self, label: str = "", key_id: bytes = b"") -> pkcs11.PrivateKey:
        return self._one(ObjectClass.PRIVATE_KEY, label, key_id)  # type: ignore[return-value]

    def certificate_der(self, label: str = "", key_id: bytes = b"") -> bytes:
        cert = self._one(ObjectClass.CERTIFICATE, label, key_id)
        return bytes(cert[Attribute.VALUE])

    def key_id_of(self, label: str) -> bytes:
        return bytes(self.private_key(label)[Attribute.ID])

    def has_certificate(self, label: str) -> bool:
        return bool(self._objects(ObjectClass.CERTIFICATE, label, b""))

    def _objects(self, cls: ObjectClass, label: str, key_id: bytes) -> list[pkcs11.Object]:
        attrs: dict[Attribute, object] = {Attribute.CLASS: cls}
        if label:
            attrs[Attribute.LABEL] = label
        if key_id:
            attrs[Attribute.ID] = key_id
        try:
            return list(self.session.get_objects(attrs))
        except p11.PKCS11Error as exc:
            raise translate(exc, doing="searching the token for keys") from exc

    def _one(self, cls: ObjectClass, label: str, key_id: bytes) -> pkcs11.Object:
        kind = "private key" if cls == ObjectClass.PRIVATE_KEY else "certificate"
        what = f"{kind} " + (f"labelled {label!r}" if label else f"with id {key_id.hex()}")
        found = self._objects(cls, label, key_id)
        if not found:
            raise KeyNotFoundError(
                f"The token {self.info.label!r} holds no {what}.",
                hint="Run 'sealdesk token list --keys' to see what the token holds, "
                "and fix the key label in Settings.",
            )
        if len(found) > 1:
            raise TokenAmbiguousError(
                f"The token {self.info.label!r} holds {len(found)} objects matching {what}.",
                hint="Give each key a unique label, or select the key by id.",
            )
        return found[0]

    def sign_with(
        self, label: str, data: bytes, *, context_pin: str | None = None
    ) -> tuple[bytes, str]:
        """Sign ``data`` with the labelled key; returns (DER signature, algorithm name).

        Used for audit checkpoints and approvals: the hash is computed here and the token only
        performs the raw operation, because SoftHSM2 (and many tokens) lack combined
        hash-and-ECDSA mechanisms. ``context_pin`` is given to keys that want the PIN for every
        signature (CKA_ALWAYS_AUTHENTICATE); it is passed to the module and not kept.
        """
        key = self.private_key(label)
        extra = {"pin": context_pin} if context_pin is not None else {}
        digest = hashes.Hash(hashes.SHA256())
        digest.update(data)
        value = digest.finalize()
        try:
            doing = f"signing with key {label!r}"
            if key.key_type == KeyType.EC:
                raw = self.guarded(
                    doing, lambda: key.sign(value, mechanism=Mechanism.ECDSA, **extra)
                )
                half = len(raw) // 2
                r, s = int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
                return encode_dss_signature(r, s), "ecdsa-sha256"
            signature = self.guarded(
                doing, lambda: key.sign(data, mechanism=Mechanism.SHA256_RSA_PKCS, **extra)
            )
            return signature, "rsa-pkcs1v15-sha256"
        except p11.PKCS11Error as exc:
            raise translate(exc, doing=f"signing with key {label!r}") from exc

    def public_key(self, label: str) -> ec.EllipticCurvePublicKey | rsa.RSAPublicKey:
        """The public half of a key pair, read from the token's public key object."""
        obj = self._one(ObjectClass.PUBLIC_KEY, label, b"")
        if obj.key_type == KeyType.EC:
            from pkcs11.util.ec import encode_ec_public_key

            der = encode_ec_public_key(obj)
        else:
            from pkcs11.util.rsa import encode_rsa_public_key

            pkcs1 = encode_rsa_public_key(obj)
            return serialization.load_der_public_key(  # type: ignore[return-value]
                _pkcs1_to_spki(pkcs1)
            )
        return serialization.load_der_public_key(der)  # type: ignore[return-value]


def _pkcs1_to_spki(pkcs1: bytes) -> bytes:
    from asn1crypto import keys

    return keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "rsa"},
            "public_key": keys.RSAPublicKey.load(pkcs1),
        }
    ).dump()


@contextlib.contextmanager
def open_token_session(
    module_path: str,
    selector: TokenSelector,
    pin: str | None,
    *,
    environment: Mapping[str, str] | None = None,
    rw: bool = False,
    timeout: float = watchdog.DEFAULT_TIMEOUT,
    login: bool = True,
) -> Iterator[TokenSession]:
    """Find the selected token, log in with ``pin`` and yield a :class:`TokenSession`.

    ``pin=None`` logs in through the reader's PIN pad when the token has a protected
    authentication path (waiting at least :data:`watchdog.PINPAD_MIN_TIMEOUT` for the person to
    type), and opens an unauthenticated session otherwise (enough to read certificates). A
    locked PIN is reported before trying, so no attempt is wasted. ``login=False`` never logs
    in, whatever the reader: for reading public objects (certificates, key labels) without
    making a PIN-pad reader ask for a PIN nobody requested.
    """
    p11module.session_opening(module_path)  # counted before the token is located (module.py)
    try:
        info, token, notice = p11module.locate_token(
            module_path, selector, environment, timeout=timeout
        )
        if not login:
            pin = None
        pin_pad = login and pin is None and info.pin.protected_auth_path
        if info.pin.locked and (pin is not None or pin_pad):
            raise PinLockedError(
                f"The PIN of token {info.label!r} is locked.",
                hint="Ask the token's security officer to unblock the PIN; SealDesk cannot do it.",
            )
        doing = f"logging in to token {info.label!r}"
        wait = max(timeout, watchdog.PINPAD_MIN_TIMEOUT) if pin_pad else timeout
        try:
            session = watchdog.guarded(
                module_path, doing, _opener(token, pin, pin_pad, rw), wait, late=_close_late_session
            )
        except p11.PKCS11Error as exc:
            state = _fresh_pin_state(module_path, info, timeout)
            raise translate(exc, doing=doing, pin_state=state) from exc
    except BaseException:
        p11module.session_closed(module_path)
        raise
    finally:
        p11module.session_opening_done(module_path)
    try:
        yield TokenSession(module_path, info, session, notice=notice, timeout=timeout)
    finally:
        p11module.session_closed(module_path)
        watchdog.after_unstuck(module_path, session.close)


def _close_late_session(session: pkcs11.Session) -> None:
    """A login that came back after its timeout: nobody uses that session, close it."""
    session.close()


def _opener(
    token: pkcs11.Token, pin: str | None, pin_pad: bool, rw: bool
) -> Callable[[], pkcs11.Session]:
    """The login call; the PIN lives in this closure only as long as the call does."""
    if pin_pad:
        return lambda: token.open(user_pin=pkcs11.PROTECTED_AUTH, rw=rw)
    if pin is None:
        return lambda: token.open(rw=rw)
    return lambda: token.open(user_pin=pin, rw=rw)


def _fresh_pin_state(module_path: str, info: TokenInfo, timeout: float) -> PinState:
    """Re-read the token's PIN flags after a failed login (they change with each failure)."""

    def read() -> PinState:
        lib = pkcs11.lib(module_path)
        for slot in lib.get_slots(token_present=True):
            if slot.slot_id == info.slot_id:
                return PinState.from_flags(int(slot.get_token().flags))
        return info.pin

    try:
        return watchdog.guarded(module_path, "reading the PIN state", read, timeout)
    except (p11.PKCS11Error, TokenError):
        return info.pin
