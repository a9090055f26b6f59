"""PKCS#11 tokens: load a module, find a token without guessing, log in, find and use keys.

Everything that touches python-pkcs11 lives in this package, and every PKCS#11 error is
translated here, once, into a :mod:`sealdesk.errors` domain error.
"""

from sealdesk.core.token.identity import PinState, TokenInfo, TokenSelector
from sealdesk.core.token.module import list_tokens, load_module
from sealdesk.core.token.session import TokenSession, open_token_session

__all__ = [
    "PinState",
    "TokenInfo",
    "TokenSelector",
    "TokenSession",
    "list_tokens",
    "load_module",
    "open_token_session",
]
