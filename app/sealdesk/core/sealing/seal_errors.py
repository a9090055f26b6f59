"""What goes wrong while sealing one document, said in SealDesk's words.

pyHanko, python-pkcs11 and the OS raise their own exceptions from deep inside a seal; the person
at the console needs to know whose fault it is (the document, the token, the TSA, the disk) and
what to do. :func:`translating` wraps one document's seal and turns whatever escapes into the
matching :class:`~sealdesk.errors.SealDeskError`; the first cause is kept as ``__cause__``.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

from pkcs11 import exceptions as p11
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from sealdesk.core.token.errors import translate
from sealdesk.errors import InputError, SealDeskError, StorageError, TimestampError, WrongPinError


@contextlib.contextmanager
def translating(name: str, *, per_signature_pin: bool) -> Iterator[None]:
    """Raise a SealDeskError for anything that fails inside this block (sealing ``name``).

    ``per_signature_pin``: the key logs in for every signature, so a refused PIN at signing
    time is that per-signature login (some tokens have a separate signature PIN).
    """
    try:
        yield
    except SealDeskError:
        raise
    except OSError as exc:
        if isinstance(exc, TimestampRequestError):
            raise tsa_error(exc) from exc
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # writing the output, not reading
            raise StorageError(
                "The disk is full (writing the sealed document).",
                hint="Free some space on the data disk and try again; nothing partial was kept.",
            ) from exc
        raise InputError(
            f"Cannot read {name} while sealing: {exc.strerror or exc}.",
            hint="Check that the file is still there and readable.",
        ) from exc
    except SigningError as exc:
        raise _context_pin_error(signing_error(exc), per_signature_pin) from exc
    except p11.PKCS11Error as exc:
        raise _context_pin_error(translate(exc, doing=f"sealing {name}"),
                                 per_signature_pin) from exc
    except (PdfError, KeyError, ValueError, TypeError) as exc:
        raise InputError(
            f"{name} could not be sealed: its PDF structure is damaged "
            f"({exc.__class__.__name__}).",
            hint="Repair the document (e.g. 'qpdf in.pdf out.pdf') and seal the repaired copy.",
        ) from exc
    except Exception as exc:  # whatever a hostile file provokes stays its own
        raise unexpected_document_error(name, exc) from exc


def unexpected_document_error(name: str, exc: BaseException) -> InputError:
    """An exception nobody foresaw while sealing ``name``: that document fails, nothing else.

    pyHanko is not a hardened parser: arrays nested thousands deep raise RecursionError while
    it writes the seal, other damage AssertionError, IndexError or AttributeError (issue 18).
    Such a failure is attributed to the document being sealed (its error is an
    :class:`InputError`, so the batch goes on). Should it be SealDesk's fault instead, every
    document fails the same way, and the hint asks for a report in that case.
    """
    if isinstance(exc, RecursionError):
        reason = "its PDF structure is nested too deeply to be processed safely"
    elif isinstance(exc, (OverflowError, MemoryError)):
        reason = "it holds numbers or sizes too large to be processed"
    else:
        reason = "processing it failed unexpectedly"
    return InputError(
        f"{name} could not be sealed: {reason} ({exc.__class__.__name__}); nothing was kept "
        "for it.",
        hint="Repair the document (e.g. 'qpdf in.pdf out.pdf') or ask the sender for a clean "
        "copy, then seal it again. If every document fails this way, report it with the "
        "SealDesk version.",
    )


def _context_pin_error(error: SealDeskError, per_signature_pin: bool) -> SealDeskError:
    """A PIN refused at signing time is the per-signature PIN: say so, it differs on some."""
    if not (per_signature_pin and isinstance(error, WrongPinError)):
        return error
    return WrongPinError(
        "The token refused the PIN for a signature (it asks for the PIN for every "
        "signature, and the login PIN was not accepted for it).",
        hint="Tokens with a separate signature PIN are not supported for bulk sealing yet; "
        "use a seal key without per-signature PIN. Documents sealed so far are kept.",
        count_low=error.count_low, final_try=error.final_try,
    )


def tsa_error(exc: BaseException) -> TimestampError:
    return TimestampError(
        f"The timestamp authority did not answer correctly ({exc.__class__.__name__}).",
        hint="Check the network and the TSA URL in Settings, then seal the remaining documents "
        "again; documents already sealed are kept.",
    )


def signing_error(exc: SigningError) -> SealDeskError:
    """The SealDesk error behind pyHanko's SigningError (token, TSA), or pyHanko's message."""
    cause = exc.__cause__ or exc.__context__
    while cause is not None:
        if isinstance(cause, SealDeskError):
            return cause
        if isinstance(cause, p11.PKCS11Error):
            return translate(cause, doing="signing")
        if isinstance(cause, TimestampRequestError):
            return tsa_error(cause)
        cause = cause.__cause__ or cause.__context__
    return SealDeskError(
        f"pyHanko could not produce the seal: {exc.failure_message}",
        hint="Check the seal certificate (validity, key usage) and the trust anchors in Settings.",
    )
