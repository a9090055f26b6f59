"""Domain errors: what went wrong, in words a compliance officer understands, and what to do next.

Library exceptions (python-pkcs11, pyHanko, SQLAlchemy, OS errors) are wrapped exactly once, at the
boundary where they happen, into one of these. The GUI shows ``str(error)`` and ``error.hint`` in
a dialog; the CLI prints both and exits with ``error.exit_code``, a member of the one exit-code
table (:class:`sealdesk.exit_codes.ExitCode`).

Messages never contain a PIN or any other secret: builders of these errors receive only labels,
paths and counts, never credentials.
"""

from __future__ import annotations

from sealdesk.exit_codes import ExitCode


class SealDeskError(Exception):
    """Base of every error SealDesk reports to a person."""

    exit_code: ExitCode = ExitCode.INTERNAL
    """Subclasses name their code; a bare SealDeskError is unexpected, so INTERNAL."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def describe(self) -> str:
        """The message and the next step, as one text for dialogs and terminals."""
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class ConfigError(SealDeskError):
    """The configuration is missing, unreadable or holds an invalid value."""

    exit_code = ExitCode.CONFIG


class InputError(SealDeskError):
    """A document given to SealDesk cannot be used (not a PDF, encrypted, corrupt, unreadable)."""

    exit_code = ExitCode.INPUT


class TokenError(SealDeskError):
    """Anything about the PKCS#11 module, the token, the login or the keys on it."""

    exit_code = ExitCode.TOKEN


class ModuleLoadError(TokenError):
    """The PKCS#11 module path does not exist or is not a PKCS#11 library."""


class TokenNotPresentError(TokenError):
    """No token matches the configured identity, or it was removed."""


class TokenAmbiguousError(TokenError):
    """Several tokens match; SealDesk never guesses which one to use."""


class TokenReplacedError(TokenError):
    """A token is connected where the configured one should be, but it is another token.

    Same label, different serial (or same serial, different maker/model): signing with it would
    seal under the wrong key, so it is reported and never used silently.
    """


class TokenTimeoutError(TokenError):
    """The PKCS#11 module stopped answering a call (hung driver, reader or token)."""


class WrongPinError(TokenError):
    """The PIN was rejected; carries what the token says about the tries left."""

    def __init__(
        self, message: str, *, hint: str = "", count_low: bool = False, final_try: bool = False
    ) -> None:
        super().__init__(message, hint=hint)
        self.count_low = count_low
        self.final_try = final_try


class PinLockedError(TokenError):
    """The user PIN is locked; only the security officer can unblock it."""


class KeyNotFoundError(TokenError):
    """The configured key or certificate is not on the token."""


class AuditKeyLoginRequiredError(TokenError):
    """A security-relevant act was asked for without a login to the token that holds the
    audit key: its record must be signed before it takes effect, so it is refused first."""


class MechanismUnsupportedError(TokenError):
    """The token cannot perform the signature mechanism the key needs."""


class TimestampError(SealDeskError):
    """The timestamp authority could not be reached or answered badly."""

    exit_code = ExitCode.TIMESTAMP


class StorageError(SealDeskError):
    """The database or the document store failed (locked, full, unreachable)."""

    exit_code = ExitCode.STORAGE


class ReadOnlyError(StorageError):
    """The database was opened read-only (e.g. an auditor's copy): nothing may be written."""


class RecordIntegrityError(SealDeskError):
    """Stored evidence does not match what was recorded: tampering or corruption."""

    exit_code = ExitCode.INTEGRITY


class PermissionDeniedError(SealDeskError):
    """The acting person's role does not allow this action, or sealing is stopped."""

    exit_code = ExitCode.PERMISSION


class OperationCancelledError(SealDeskError):
    """The operator cancelled a long operation; everything finished before it is kept."""

    exit_code = ExitCode.CANCELLED
