"""Print the README's attack table: SealDesk's verdict beside pdfsig and pyHanko for each file.

Run from the worktree root (it starts the loopback test PKI, builds every attacked PDF of
tests/verdicts/attacks.py and validates each three ways):

    PYTHONPATH=app:. .venv/bin/python tests/verdicts/independent_table.py

Not a test: it documents what independent validators say, which changes with their versions.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from sealdesk.core.validation import Severity, ValidationPolicy, validate_pdf
from tests.core.validation.conftest import make_pdf, seal_bytes
from tests.fixtures.pki import TestPKI, start_test_pki, stop_test_pki
from tests.verdicts import attacks


def cases(pki: TestPKI) -> dict[str, bytes]:
    sealed = seal_bytes(pki, make_pdf(), signer="ec", level="B-T")
    genuine = pki.signer("ec")
    extra = pki.ocsp_responder_cert
    carrying = attacks.with_extra_certificate(genuine.simple_signer, extra)
    forged: dict[str, Callable[[], bytes]] = {
        "Self-signed certificate with the organisation's seal name": lambda: attacks.seal_with(
            make_pdf(), attacks.self_signed_impostor(genuine.cert), pki.timestamper()),
        "Look-alike root CA (same name as the trusted root, other key)": lambda: (
            attacks.seal_with(make_pdf(), attacks.look_alike_root(genuine.cert, pki.root_cert),
                              pki.timestamper())),
        "Flipped byte in an extra certificate carried in the CMS": lambda: (
            attacks.extra_certificate_damaged(
                attacks.seal_with(make_pdf(), carrying, pki.timestamper()), extra)),
    }
    return {
        "Intact B-T seal (reference)": sealed,
        "Text appended after %%EOF": attacks.trailing_text(sealed),
        "NULs appended after %%EOF": attacks.trailing_nuls(sealed),
        "Object appended without an xref section": attacks.object_without_xref(sealed),
        "Incremental update replacing the page content": attacks.content_replaced(sealed),
        "Incremental update adding a page": attacks.page_added(sealed),
        "Sticky note (comment) added by an update": attacks.sticky_note(sealed),
        "Seal field removed by a later update": attacks.seal_removed(sealed),
        "Corrupted signature value (B-T seal)": attacks.signature_value_corrupted(sealed),
        **{name: build() for name, build in forged.items()},
    }


def sealdesk_says(path: Path, policy: ValidationPolicy) -> tuple[str, str]:
    sig = validate_pdf(path, policy).signatures[0]
    sub = f"/{sig.sub_indication.value}" if sig.sub_indication else ""
    first = sig.findings[0].message
    warnings = [f.message for f in sig.findings[1:] if f.severity is Severity.WARNING]
    if warnings:
        first += f" *Warning:* {warnings[0]}"
    return f"{sig.indication.value}{sub}", first


def pdfsig_says(path: Path) -> str:
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    keep = [line.strip(" -") for line in out.splitlines()
            if "Signature Validation" in line or "document signed" in line]
    return "; ".join(keep) or (out.strip().splitlines() or ["(no output)"])[-1]


def pyhanko_says(path: Path, pki: TestPKI) -> str:
    with path.open("rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return "no signatures found"
        context = ValidationContext(trust_roots=[pki.root_cert], allow_fetching=True)
        try:
            status = validate_pdf_signature(signatures[0], context)
        except Exception as e:  # what pyHanko's own CLI would print as an error
            return f"error: {type(e).__name__}: {str(e).splitlines()[0][:90]}"
        coverage = status.coverage.name if status.coverage else "?"
        level = status.modification_level.name if status.modification_level else "?"
        return f"{status.summary()}; coverage {coverage}; modifications {level}"


def main() -> None:
    pki, server, thread = start_test_pki()
    try:
        policy = ValidationPolicy(trust_anchors=(pki.root_cert,))
        folder = Path(tempfile.mkdtemp(prefix="verdicts-"))
        print("| Attack | SealDesk verdict | What the user reads first | pdfsig | pyHanko |")
        print("|---|---|---|---|---|")
        for number, (name, data) in enumerate(cases(pki).items()):
            path = folder / f"case-{number:02d}.pdf"
            path.write_bytes(data)
            verdict, first = sealdesk_says(path, policy)
            row = (name, verdict, first, pdfsig_says(path), pyhanko_says(path, pki))
            print("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    finally:
        stop_test_pki(server, thread)


if __name__ == "__main__":
    sys.exit(main())
