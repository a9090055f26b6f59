"""pyHanko's PKCS#11 signer adapted to real tokens: time-limited signatures, per-signature PIN.

Kept apart from :mod:`sealdesk.core.sealing.sealer` because it leans on one pyHanko internal
(``PKCS11Signer._pull_signing_key_handle``, stable since pyHanko 0.13): if a pyHanko upgrade
moves it, this is the only file to adapt, and ``tests/tokens`` fail loudly.
"""

from __future__ import annotations

from typing import Any

import pkcs11
from pkcs11 import Attribute
from pkcs11 import exceptions as p11
from pyhanko.sign.pkcs11 import PKCS11Signer

from sealdesk.core.token.session import TokenSession
from sealdesk.errors import TokenError


class _GuardedKey:
    """The signing key as pyHanko sees it, with each signature under the time limit."""

    def __init__(self, key: pkcs11.PrivateKey, token: TokenSession) -> None:
        self._key = key
        self._token = token

    def sign(self, data: bytes, **kwargs: Any) -> bytes:
        return self._token.guarded("signing", lambda: self._key.sign(data, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._key, name)


class GuardedPKCS11Signer(PKCS11Signer):
    """pyHanko's signer, handing out the guarded key.

    pyHanko signs in its event loop's default executor, and ``asyncio.run`` joins that executor
    at the end of every document: a signature stuck in it would freeze the batch forever. The
    guarded key waits in the executor thread at most the time limit, while the module call itself
    runs in the watchdog's own daemon thread.
    """

    def __init__(self, token: TokenSession, **kwargs: Any) -> None:
        super().__init__(token.session, **kwargs)
        self._sealdesk_token = token

    def _pull_signing_key_handle(self):  # type: ignore[no-untyped-def]
        return _GuardedKey(super()._pull_signing_key_handle(), self._sealdesk_token)


def always_authenticate(key: pkcs11.PrivateKey) -> bool:
    """Does the key want a PIN per signature? Tokens that lack the attribute answer no."""
    try:
        return bool(key[Attribute.ALWAYS_AUTHENTICATE])
    except (p11.PKCS11Error, KeyError, NotImplementedError):
        return False


def pinpad_context_login_unsupported(key_label: str) -> TokenError:
    return TokenError(
        f"The key {key_label!r} asks for the PIN for every signature, and this token takes "
        "its PIN on the reader's PIN pad: a per-signature PIN-pad login is not supported yet.",
        hint="Use a seal key without per-signature PIN (CKA_ALWAYS_AUTHENTICATE) for bulk "
        "sealing, or a reader without PIN pad.",
    )
