"""Envelope encryption of the document store (issue 21 items 2 and 4).

Setting it up (:mod:`setup`) makes the key-encryption key on the console token, names the
store's recipients (that key, and recovery certificates kept offline) and encrypts what the
store already holds; the recipients are a signed act recorded in the audit log, and
:mod:`recorded` refuses to write to a store whose recipients file disagrees with the log (a
file editor cannot add their own key or switch encryption off). :mod:`unlock` gives a front end
the token's unwrapping for reading, through a key agent process that holds the login.
"""

from sealdesk._lazy import lazy_api

_API = {
    "EncryptionSetup": "setup",
    "enable_encryption": "setup",
    "load_recovery_certificates": "setup",
    "EncryptionStatus": "status",
    "encryption_status": "status",
    "require_recorded_recipients": "recorded",
    "recorded_recipients": "recorded",
    "unlock_store": "unlock",
    "store_unlocked": "unlock",
    "unlock_with": "unlock",
    "unlock_now": "unlock",
    "unlock_with_token": "unlock",
    "unlock_with_token_now": "unlock",
    "TokenLocation": "unlock",
    "propose_storage_key_rotation": "rotation",
    "propose_storage_recipient": "rotation",
    "execute_store_proposal": "rotation",
    "StoreLockedError": "unlock",
    "store_is_locked": "unlock",
    "RewrapResult": "rewrap",
    "recover_store": "rewrap",
    "rewrap_all": "rewrap",
    "new_recipients_with_fresh_kek": "rewrap",
}

__getattr__, __dir__ = lazy_api(__name__, _API)
__all__ = sorted(_API)
