"""The naive baseline as a user runs it: a whole Python process that loops pyHanko's sign_pdf.

``python bench/naive_seal_script.py MODULE TOKEN_LABEL KEY_LABEL TSA_URL OUT FILE...`` with the
PIN in ``NAIVE_PIN``; ``TSA_URL`` ``-`` seals at B-B (no timestamp). One login, one PdfSigner per
file, pyHanko's own HTTP timestamper: the best short script a competent user would write. No
store, no database, no audit log, no fsync.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper


def main(argv: list[str]) -> int:
    module, token, key, tsa_url, out, *files = argv
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    stamper = None if tsa_url == "-" else RequestsHTTPTimeStamper(tsa_url, timeout=30)
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    session = open_pkcs11_session(module, token_criteria=TokenCriteria(label=token),
                                  user_pin=os.environ["NAIVE_PIN"])
    try:
        signer = PKCS11Signer(session, key_label=key, cert_label=key, use_raw_mechanism=True)
        for name in files:
            source = Path(name)
            with source.open("rb") as handle, (target / source.name).open("wb") as output:
                signers.PdfSigner(meta, signer, timestamper=stamper).sign_pdf(
                    IncrementalPdfFileWriter(handle, strict=False), output=output)
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
