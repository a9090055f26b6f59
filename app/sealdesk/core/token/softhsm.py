"""SoftHSM2 tokens for demo mode and tests: a private token folder and configuration file.

SoftHSM2 is a real PKCS#11 module; only its keys live in files instead of hardware. SealDesk
drives it through exactly the same code as a USB token. Tokens are created with
``softhsm2-util`` because PKCS#11 has no portable call to create a token.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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
    """Initialise a new SoftHSM2 token with ``label`` in the free slot."""
    util = shutil.which("softhsm2-util")
    if util is None:
        raise TokenError(
            "softhsm2-util was not found, so no demo token can be created.",
            hint="Install SoftHSM2 (Debian/Ubuntu: 'sudo apt-get install softhsm2').",
        )
    result = subprocess.run(
        [util, "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", so_pin],
        env={"SOFTHSM2_CONF": str(conf), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        # softhsm2-util's messages never echo the PINs; still, only the first line is kept.
        first_line = (result.stderr or result.stdout).strip().splitlines()[:1]
        raise TokenError(
            f"SoftHSM2 could not create the token {label!r}: {' '.join(first_line)}",
            hint="Check that the data folder is writable.",
        )
