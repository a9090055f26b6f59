"""SoftHSM2 tokens for demo mode and tests: a private token folder and configuration file.

SoftHSM2 is a real PKCS#11 module; only its keys live in files instead of hardware. SealDesk
drives it through exactly the same code as a USB token. Tokens are created through PKCS#11's
``C_InitToken``/``C_InitPIN`` in a child process that reads the PINs from a pipe
(:mod:`sealdesk.core.token.init_child`): never ``softhsm2-util --pin``, whose command line any
account can read (issue 18).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sealdesk.core.token import init_child
from sealdesk.errors import TokenError

DEFAULT_MODULE_PATHS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)


def find_softhsm_module() -> str:
    for candidate in DEFAULT_MODULE_PATHS:
        if Path(candidate).is_file():
            return candidate
    raise TokenError(
        "SoftHSM2 is not installed, so no demo token can be created.",
        hint="Install it (Debian/Ubuntu: 'sudo apt-get install softhsm2') and try again.",
    )


def write_softhsm_config(folder: Path) -> Path:
    """Create ``folder/tokens`` and ``folder/softhsm2.conf`` pointing at it; return the conf."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
        "log.level = ERROR\nslots.removable = false\n",
        encoding="utf-8",
    )
    return conf


def init_token(conf: Path, label: str, pin: str, so_pin: str) -> None:
    """Initialise a new SoftHSM2 token with ``label`` in the free slot of ``conf``'s folder.

    The child gets no arguments and an environment of ``SOFTHSM2_CONF`` and ``PATH`` only; the
    module path, the label and both PINs go through its stdin.
    """
    module = find_softhsm_module()
    request = json.dumps({"module": module, "label": label, "pin": pin, "so_pin": so_pin})
    try:
        result = subprocess.run(
            [sys.executable, "-S", "-E", str(_INIT_CHILD)], input=request,
            env={"SOFTHSM2_CONF": str(conf), "PATH": "/usr/bin:/bin"},
            capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TokenError(
            f"SoftHSM2 could not create the token {label!r} ({exc.__class__.__name__}).",
            hint="Check that SoftHSM2 is installed and the data folder is writable.",
        ) from None
    answer = _answer(result.stdout)
    if result.returncode != 0 or not answer.get("ok"):
        detail = answer.get("error") or f"the helper exited with status {result.returncode}"
        raise TokenError(
            f"SoftHSM2 could not create the token {label!r}: {detail}.",
            hint="Check that the data folder is writable.",
        )


_INIT_CHILD = Path(init_child.__file__)


def _answer(stdout: str) -> dict[str, object]:
    try:
        answer = json.loads(stdout or "{}")
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}
