r"""Canonical JSON: the one byte form of a value that the audit log hashes and signs.

Hashes and signatures commit to bytes, not to values, so every value that enters the audit log is
first turned into exactly one byte string. An auditor must be able to reproduce that byte string
from the value without SealDesk, so the format is defined here completely:

* Accepted values: ``None``, ``bool``, ``int`` in the range -(2**53 - 1) .. 2**53 - 1 (integers
  every JSON reader represents exactly), ``str``, ``list`` and ``dict`` with ``str`` keys, nested
  at most :data:`MAX_DEPTH` deep. Anything else is refused with :class:`TypeError`: floats
  (``0.1`` has several textual forms and readers round differently), tuples, bytes (encode them
  as hex or base64 first), datetimes (format them with :func:`format_time` first).
* Every string, keys included, is normalised to Unicode NFC, so that "é" typed as one code point
  and "é" as "e" plus a combining accent hash the same. Two keys of one object that become equal
  after normalisation are refused with :class:`ValueError`, as are strings that cannot be
  encoded as UTF-8 (lone surrogates).
* Serialisation is Python's ``json.dumps(value, sort_keys=True, separators=(",", ":"),
  ensure_ascii=False, allow_nan=False)`` encoded as UTF-8: no whitespace at all; object keys in
  ascending Unicode code point order; strings written literally in UTF-8 except ``"`` and ``\``
  (backslash-escaped), the control characters U+0008, U+0009, U+000A, U+000C, U+000D (written
  ``\b \t \n \f \r``) and every other character below U+0020 (written ``\u00xx``, lowercase
  hex); integers in plain decimal; ``true``, ``false``, ``null``.

This is close to RFC 8785 (JCS) but not identical: keys sort by code point (JCS sorts by UTF-16
code unit, which differs only for keys mixing characters above U+FFFF with U+E000..U+FFFF), and
numbers are integers only. An auditor reproduces it with::

    import json, unicodedata
    def nfc(v):
        if isinstance(v, str): return unicodedata.normalize("NFC", v)
        if isinstance(v, list): return [nfc(x) for x in v]
        if isinstance(v, dict): return {nfc(k): nfc(x) for k, x in v.items()}
        return v
    def canonical_json(v):
        return json.dumps(nfc(v), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False, allow_nan=False).encode("utf-8")

Timestamps are strings in one fixed RFC 3339 form, always UTC with six fractional digits:
``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (see :func:`format_time` and :func:`parse_time`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1
"""Largest integer every JSON implementation (including JavaScript's) reads back exactly."""

MAX_DEPTH = 32
"""Deepest nesting accepted; deeper values are surely a mistake (or a cycle)."""

_TIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


def canonical_json(obj: Any) -> bytes:
    """Return the canonical UTF-8 JSON bytes of ``obj`` (format in the module docstring).

    Raises :class:`TypeError` for values of a kind the format does not accept and
    :class:`ValueError` for accepted kinds with unacceptable contents (integer out of range,
    unencodable string, keys colliding after NFC normalisation, nesting too deep). The message
    names the offending place, e.g. ``value.details.files[2].size``.
    """
    return encode_normalized(normalize_json(obj))


def normalize_json(obj: Any, where: str = "value") -> Any:
    """Return a validated deep copy of ``obj`` holding only the types canonical JSON accepts.

    Strings (keys included) come back NFC-normalised and plain ``str``; raises exactly as
    :func:`canonical_json` does, naming the place from ``where`` on. Useful to keep a private,
    already-canonical copy of a value and encode it later with :func:`encode_normalized`.
    """
    try:
        return _normalize(obj, 0)
    except _Refused as refused:
        location = where + "".join(reversed(refused.path))
        raise refused.error_type(f"{location}: {refused.message}") from None


def encode_normalized(normalized: Any) -> bytes:
    """Serialise a value returned by :func:`normalize_json` (and only such a value)."""
    text = json.dumps(
        normalized, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


class _Refused(Exception):
    """Internal: a refused value; containers add their key to ``path`` on the way out.

    Building the location only when something is refused keeps the common path free of string
    formatting, which matters when a million events are built in a row.
    """

    def __init__(self, error_type: type[Exception], message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.path: list[str] = []


def _normalize(obj: Any, depth: int) -> Any:
    """Return a plain copy of ``obj`` (str/int/bool/None/list/dict only) with NFC strings."""
    kind = type(obj)
    if kind is str:
        return _nfc(obj)
    if kind is int:
        if not -MAX_SAFE_INTEGER <= obj <= MAX_SAFE_INTEGER:
            raise _Refused(
                ValueError,
                f"integer {obj} is outside ±(2**53 - 1), which JSON readers cannot all "
                "represent exactly; store it as a decimal or hex string",
            )
        return obj
    if obj is None or kind is bool:
        return obj
    if isinstance(obj, list | dict):
        if depth >= MAX_DEPTH:
            raise _Refused(ValueError, f"nested deeper than {MAX_DEPTH} levels (or a cycle)")
        if isinstance(obj, dict):
            return _normalize_dict(obj, depth)
        return _normalize_list(obj, depth)
    if isinstance(obj, str):  # str subclasses such as StrEnum members; text[:] is a plain str
        return _nfc(obj[:])
    if isinstance(obj, int):  # int subclasses such as IntEnum members
        return _normalize(int(obj), depth)
    if isinstance(obj, float):
        raise _Refused(
            TypeError,
            "floats are not allowed in canonical JSON (their text form is ambiguous); "
            "use an integer in a smaller unit or a decimal string",
        )
    if isinstance(obj, datetime):
        raise _Refused(TypeError, "format datetimes with format_time() before hashing them")
    raise _Refused(TypeError, f"{type(obj).__name__} is not allowed in canonical JSON")


def _normalize_list(obj: list[Any], depth: int) -> list[Any]:
    result = []
    for i, item in enumerate(obj):
        try:
            result.append(_normalize(item, depth + 1))
        except _Refused as refused:
            refused.path.append(f"[{i}]")
            raise
    return result


def _normalize_dict(obj: dict[Any, Any], depth: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in obj.items():
        if not isinstance(key, str):
            raise _Refused(TypeError, f"object keys must be str, not {type(key).__name__}")
        try:
            norm_key = _nfc(key[:])
        except _Refused as refused:
            refused.path.append(f" key {key!r}")
            raise
        if norm_key in result:
            raise _Refused(
                ValueError,
                f"two keys equal {norm_key!r} after NFC normalisation; keep only one",
            )
        try:
            result[norm_key] = _normalize(value, depth + 1)
        except _Refused as refused:
            refused.path.append(f".{norm_key}")
            raise
    return result


def _nfc(text: str) -> str:
    if text.isascii():  # ASCII is always NFC and always encodable
        return text
    plain = unicodedata.normalize("NFC", text)
    try:
        plain.encode("utf-8")
    except UnicodeEncodeError:
        raise _Refused(ValueError, "string is not valid Unicode (lone surrogate)") from None
    return plain


def format_time(dt: datetime) -> str:
    """Format a timezone-aware datetime as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC.

    Naive datetimes are refused: a time without a zone is ambiguous, and guessing the local zone
    would make the log depend on the machine that wrote it.
    """
    if not isinstance(dt, datetime):
        raise TypeError(f"expected a datetime, not {type(dt).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("naive datetime: attach a timezone (e.g. datetime.now(UTC))")
    u = dt.astimezone(UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T"
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}Z"
    )


def parse_time(text: str) -> datetime:
    """Parse the exact form :func:`format_time` writes; anything else is a :class:`ValueError`.

    Strict on purpose: a second accepted spelling of the same instant would be a second byte
    form of the same hashed value.
    """
    if not isinstance(text, str) or not _TIME_PATTERN.fullmatch(text):
        raise ValueError(f"not a SealDesk UTC timestamp (YYYY-MM-DDTHH:MM:SS.ffffffZ): {text!r}")
    try:
        parsed = datetime.strptime(text[:-1], "%Y-%m-%dT%H:%M:%S.%f")
    except ValueError as ex:
        raise ValueError(f"not a valid date and time: {text!r}") from ex
    return parsed.replace(tzinfo=UTC)
