"""p11shim: a fault-injecting PKCS#11 proxy module, a test substitute for hardware.

SoftHSM2 cannot count wrong PINs, be unplugged, have a PIN pad, demand a PIN
per signature, hang or crash; real USB tokens do all of that. ``build_shim``
compiles a small C module that forwards every call to SoftHSM2 and injects
those behaviours, and ``ShimControl`` switches them on and off at runtime.
Load the built module by path exactly as production code loads a vendor
module (``pkcs11.lib(path)``, pyHanko's ``PKCS11Signer``).
"""

from .build import (
    CONTROL_KEYS,
    SOFTHSM2_MODULE,
    ShimBuildError,
    ShimControl,
    build_shim,
)

__all__ = [
    "CONTROL_KEYS",
    "SOFTHSM2_MODULE",
    "ShimBuildError",
    "ShimControl",
    "build_shim",
]
