"""``pyhanko.sign``'s package ``__init__`` runs only when its own names are asked for.

In a fresh interpreter (this test process has pyHanko loaded already): after the CLI entry
point's :func:`defer_pyhanko_sign_init`, importing pyHanko's validation does not load the signing
side, and every way of reaching the package's names still works afterwards, with the very
objects pyHanko defines.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from sealdesk.cli.deferred_imports import defer_pyhanko_sign_init
assert defer_pyhanko_sign_init()
assert "pyhanko" not in sys.modules
import pyhanko.sign.validation
from pyhanko.sign.validation.policy_decl import SignatureValidationSpec
deferred = "pyhanko.sign.signers" not in sys.modules
import pyhanko.sign.pkcs11  # its signers ask 'from pyhanko.sign import attributes' mid-import
from pyhanko.sign import PdfSigner, sign_pdf
import pyhanko.sign
from pyhanko.sign import signers, general
from pyhanko.sign.signers.pdf_signer import PdfSigner as Real
print(json.dumps({
    "deferred": deferred,
    "same": PdfSigner is Real and pyhanko.sign.sign_pdf is sign_pdf,
    "all": sorted(pyhanko.sign.__all__) == sorted(n for n in pyhanko.sign.__all__
                                                   if hasattr(pyhanko.sign, n)),
    "submodules": signers.__name__ == "pyhanko.sign.signers"
                  and general.__name__ == "pyhanko.sign.general",
}))
"""


def test_validation_without_the_signing_side_and_every_name_afterwards() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "deferred": True, "same": True, "all": True, "submodules": True}
