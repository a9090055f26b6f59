"""Initialise a PKCS#11 token through ``C_InitToken`` / ``C_InitPIN``, with PINs read from a pipe.

Why this exists (issue 18, item 7): SealDesk used to create SoftHSM2 tokens with
``softhsm2-util --init-token --pin P --so-pin S``, so both PINs sat on a command line that any
account on the machine can read in ``/proc/<pid>/cmdline``. python-pkcs11 has no wrapper for
``C_InitToken``/``C_InitPIN``, and ``softhsm2-util`` cannot read PINs from a pipe, so these two
PKCS#11 calls are made here through ctypes on the module's exported functions.

It runs in a short-lived child (``python -S -E init_child.py``, started by
:func:`sealdesk.core.token.softhsm.init_token`), like the module probe: SoftHSM2 reads its
configuration (``SOFTHSM2_CONF``) once per process at ``C_Initialize``, and the parent may have
the module loaded for another token folder with sessions open. The child's command line holds
no argument at all and its environment only ``SOFTHSM2_CONF`` and ``PATH``; the module path,
label and PINs arrive as one JSON object on stdin. Standard library only (no site packages).

Protocol: stdout is one JSON object, ``{"ok": true, "slot_id": N}`` or
``{"error": TEXT}`` (a PKCS#11 function name and return code; never a PIN).
"""

from __future__ import annotations

import ctypes
import json
import sys

try:
    from sealdesk.core.token.probe_child import CK_TOKEN_INFO
except ImportError:  # run as a script by path: the sibling module is on sys.path[0]
    from probe_child import CK_TOKEN_INFO  # type: ignore[no-redef]

CK_ULONG = ctypes.c_ulong
CKR_OK = 0
CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191
CKF_TOKEN_INITIALIZED = 0x400
CKF_RW_SESSION = 0x2
CKF_SERIAL_SESSION = 0x4
CKU_SO = 0
LABEL_SIZE = 32


class InitFailed(Exception):
    """A PKCS#11 call failed; the text names the call and its return code only."""


def _check(name: str, rv: int) -> None:
    if rv != CKR_OK:
        raise InitFailed(f"{name} returned 0x{rv:x}")


def _pin(text: str) -> ctypes.Array[ctypes.c_char]:
    return ctypes.create_string_buffer(text.encode("utf-8"))


def _wipe(*buffers: ctypes.Array[ctypes.c_char]) -> None:
    """Overwrite PIN buffers as soon as the calls are done (the JSON text is not ours to wipe)."""
    for buffer in buffers:
        ctypes.memset(buffer, 0, len(buffer))


def free_slot(library: ctypes.CDLL) -> int:
    """The first slot whose token is not initialised yet (SoftHSM2 always offers one)."""
    count = CK_ULONG(0)
    _check("C_GetSlotList", library.C_GetSlotList(1, None, ctypes.byref(count)))
    slots = (CK_ULONG * max(count.value, 1))()
    _check("C_GetSlotList", library.C_GetSlotList(1, slots, ctypes.byref(count)))
    for slot_id in list(slots)[: count.value]:
        info = CK_TOKEN_INFO()
        _check("C_GetTokenInfo", library.C_GetTokenInfo(slot_id, ctypes.byref(info)))
        if not info.flags & CKF_TOKEN_INITIALIZED:
            return int(slot_id)
    raise InitFailed("no free slot (every token is initialised)")


def initialise(module: str, label: str, pin: str, so_pin: str) -> int:
    """Create token ``label`` in the free slot of ``module`` with the SO PIN and user PIN."""
    library = ctypes.CDLL(module)
    rv = library.C_Initialize(None)
    if rv not in (CKR_OK, CKR_CRYPTOKI_ALREADY_INITIALIZED):
        _check("C_Initialize", rv)
    so_buffer, pin_buffer = _pin(so_pin), _pin(pin)
    try:
        slot = free_slot(library)
        padded = label.encode("utf-8")[:LABEL_SIZE].ljust(LABEL_SIZE, b" ")
        _check("C_InitToken", library.C_InitToken(
            CK_ULONG(slot), so_buffer, CK_ULONG(len(so_buffer) - 1), padded))
        session = CK_ULONG(0)
        _check("C_OpenSession", library.C_OpenSession(
            CK_ULONG(slot), CK_ULONG(CKF_RW_SESSION | CKF_SERIAL_SESSION), None, None,
            ctypes.byref(session)))
        try:
            _check("C_Login", library.C_Login(session, CK_ULONG(CKU_SO), so_buffer,
                                              CK_ULONG(len(so_buffer) - 1)))
            _check("C_InitPIN", library.C_InitPIN(session, pin_buffer,
                                                  CK_ULONG(len(pin_buffer) - 1)))
            library.C_Logout(session)
        finally:
            library.C_CloseSession(session)
        return slot
    finally:
        _wipe(so_buffer, pin_buffer)
        library.C_Finalize(None)


def main() -> int:
    try:
        request = json.loads(sys.stdin.read())
        slot = initialise(request["module"], request["label"], request["pin"],
                          request["so_pin"])
    except InitFailed as exc:
        sys.stdout.write(json.dumps({"error": str(exc)}))
        return 0
    except (OSError, ValueError, KeyError, AttributeError) as exc:  # never echo the request
        sys.stdout.write(json.dumps({"error": exc.__class__.__name__}))
        return 0
    sys.stdout.write(json.dumps({"ok": True, "slot_id": slot}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
