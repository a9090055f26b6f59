"""The dangerous half of the module probe: load a PKCS#11 module and list its tokens, then exit.

This file runs ONLY in a short-lived child process (see :mod:`sealdesk.core.token.probe`), so a
module that hangs, aborts or corrupts memory takes down the child, never SealDesk. It uses the
standard library alone (ctypes, json) and is started as ``python -S -E probe_child.py MODULE``:
no site packages, no SealDesk imports, so it starts in a few tens of milliseconds and cannot be
broken by anything but the module under test.

Protocol (stdout, one JSON object per line, flushed at once so the parent sees how far it got):

* ``{"stage": "listing slots"}`` before each step, naming what the module is asked to do;
* ``{"result": {"tokens": [...]}}`` at the end, or ``{"error": KIND, "detail": TEXT}`` for a
  failure the module reported in an orderly way (KIND: ``not-a-library``, ``not-pkcs11``,
  ``pkcs11``). A crash or hang shows as a missing result; the parent names the last stage.

No PIN is ever involved: the probe opens no session.
"""

from __future__ import annotations

import ctypes
import json
import sys

CK_ULONG = ctypes.c_ulong
CK_RV = CK_ULONG
CKR_OK = 0
CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191
# A slot whose token vanished between C_GetSlotList and C_GetTokenInfo is skipped, not an error.
_SKIP_SLOT = {0xE0, 0xE1, 0x30, 0x32, 0x3}  # TOKEN_NOT_PRESENT/RECOGNIZED, DEVICE_*, SLOT_ID

# PKCS#11 structures are packed to 1 byte on Windows and naturally aligned elsewhere.
_PACK = 1 if sys.platform == "win32" else 0


class CK_VERSION(ctypes.Structure):  # PKCS#11's own names
    _pack_ = _PACK or 8
    _fields_ = [("major", ctypes.c_ubyte), ("minor", ctypes.c_ubyte)]


class CK_TOKEN_INFO(ctypes.Structure):
    _pack_ = _PACK or 8
    _fields_ = [
        ("label", ctypes.c_char * 32),
        ("manufacturerID", ctypes.c_char * 32),
        ("model", ctypes.c_char * 16),
        ("serialNumber", ctypes.c_char * 16),
        ("flags", CK_ULONG),
        *[(name, CK_ULONG) for name in (
            "ulMaxSessionCount", "ulSessionCount", "ulMaxRwSessionCount", "ulRwSessionCount",
            "ulMaxPinLen", "ulMinPinLen", "ulTotalPublicMemory", "ulFreePublicMemory",
            "ulTotalPrivateMemory", "ulFreePrivateMemory",
        )],
        ("hardwareVersion", CK_VERSION),
        ("firmwareVersion", CK_VERSION),
        ("utcTime", ctypes.c_char * 16),
    ]


_C_INITIALIZE = ctypes.CFUNCTYPE(CK_RV, ctypes.c_void_p)
_C_FINALIZE = ctypes.CFUNCTYPE(CK_RV, ctypes.c_void_p)
_C_GET_SLOT_LIST = ctypes.CFUNCTYPE(
    CK_RV, ctypes.c_ubyte, ctypes.POINTER(CK_ULONG), ctypes.POINTER(CK_ULONG)
)
_C_GET_TOKEN_INFO = ctypes.CFUNCTYPE(CK_RV, CK_ULONG, ctypes.POINTER(CK_TOKEN_INFO))


class CK_FUNCTION_LIST(ctypes.Structure):
    """The head of the function list: only the entries the probe calls (order is fixed)."""

    _pack_ = _PACK or 8
    _fields_ = [
        ("version", CK_VERSION),
        ("C_Initialize", _C_INITIALIZE),
        ("C_Finalize", _C_FINALIZE),
        ("C_GetInfo", ctypes.c_void_p),
        ("C_GetFunctionList", ctypes.c_void_p),
        ("C_GetSlotList", _C_GET_SLOT_LIST),
        ("C_GetSlotInfo", ctypes.c_void_p),
        ("C_GetTokenInfo", _C_GET_TOKEN_INFO),
    ]


def _say(**message: object) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").rstrip(" \x00")


def _fail(kind: str, detail: str) -> int:
    _say(error=kind, detail=detail)
    return 0


def probe(path: str) -> int:
    """Load ``path``, list the tokens, finalise; report on stdout. Returns the exit status."""
    _say(stage="loading the library")
    try:
        library = ctypes.CDLL(path)
    except OSError as exc:
        return _fail("not-a-library", str(exc))
    _say(stage="looking up C_GetFunctionList")
    try:
        get_function_list = library.C_GetFunctionList
    except AttributeError:
        return _fail("not-pkcs11", "no C_GetFunctionList symbol")
    get_function_list.restype = CK_RV
    get_function_list.argtypes = [ctypes.POINTER(ctypes.POINTER(CK_FUNCTION_LIST))]
    functions = ctypes.POINTER(CK_FUNCTION_LIST)()
    _say(stage="getting the function list")
    rv = get_function_list(ctypes.byref(functions))
    if rv != CKR_OK or not functions:
        return _fail("pkcs11", f"C_GetFunctionList returned 0x{rv:x}")
    table = functions.contents
    _say(stage="initialising the module")
    rv = table.C_Initialize(None)
    if rv not in (CKR_OK, CKR_CRYPTOKI_ALREADY_INITIALIZED):
        return _fail("pkcs11", f"C_Initialize returned 0x{rv:x}")
    tokens = _tokens(table)
    if isinstance(tokens, str):
        return _fail("pkcs11", tokens)
    _say(stage="finalising the module")
    table.C_Finalize(None)
    _say(result={"tokens": tokens})
    return 0


def _tokens(table: CK_FUNCTION_LIST) -> list[dict[str, object]] | str:
    _say(stage="listing slots")
    count = CK_ULONG(0)
    rv = table.C_GetSlotList(1, None, ctypes.byref(count))
    if rv != CKR_OK:
        return f"C_GetSlotList returned 0x{rv:x}"
    slots = (CK_ULONG * max(count.value, 1))()
    rv = table.C_GetSlotList(1, slots, ctypes.byref(count))
    if rv != CKR_OK:
        return f"C_GetSlotList returned 0x{rv:x}"
    found: list[dict[str, object]] = []
    _say(stage="reading token information")
    for slot_id in list(slots)[: count.value]:
        info = CK_TOKEN_INFO()
        rv = table.C_GetTokenInfo(slot_id, ctypes.byref(info))
        if rv in _SKIP_SLOT:
            continue
        if rv != CKR_OK:
            return f"C_GetTokenInfo returned 0x{rv:x}"
        found.append({
            "slot_id": int(slot_id),
            "label": _text(info.label),
            "manufacturer": _text(info.manufacturerID),
            "model": _text(info.model),
            "serial": _text(info.serialNumber),
            "flags": int(info.flags),
        })
    return found


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write("usage: probe_child.py MODULE\n")
        sys.exit(2)
    sys.exit(probe(sys.argv[1]))
