"""Capture the Evidence page's "Encrypt for recipient…" dialog and an encrypted export.

Usage (under Xvfb at 1280x720):
    Xvfb :57 -screen 0 1280x720x24 &
    SEALDESK_HOME=/tmp/encrypt-shots DISPLAY=:57 QT_QPA_PLATFORM=xcb \\
        .venv/bin/python docs/screenshots/capture_evidence_encrypt.py OUT
then quantize: convert OUT/x.png -strip +dither -colors 256 PNG8:docs/screenshots/x.png

Demo mode in a fresh SEALDESK_HOME, three contracts sealed on the demo token; an auditor's RSA
encryption certificate (made here) is chosen as recipient, an EC certificate is refused, and two
contracts are exported encrypted (only NAME.zip.p7m is written).
"""

# ruff: noqa: TID251  (a GUI driver: Qt is the point; the ban protects core and services)
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from PySide6.QtWidgets import QApplication
from screen import grab_screen, wait_until

from sealdesk.core.samples import make_text_pdf
from sealdesk.paths import app_paths
from sealdesk.services.console.demo import DEMO_PIN, init_demo
from sealdesk.services.context import AppContext
from sealdesk.services.sealing.batch import seal_documents
from sealdesk.ui.app import build_main_window, configure_application
from sealdesk.ui.dialogs.file_choice import ScriptedFiles
from sealdesk.ui.dialogs.pin_dialog import PinAnswer
from sealdesk.ui.pages.evidence.page import EvidencePage
from sealdesk.ui.pages.evidence.recipients_dialog import RecipientsDialog
from sealdesk.ui.workers import JobRunner

OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
NAMES = ("lease-2026-014", "supplier-contract-a", "supplier-contract-b")


def certificate(name: str, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> Path:
    now = dt.datetime.now(dt.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kessler Audit GmbH")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=730)).sign(key, hashes.SHA256()))
    path = OUT / f"{name.lower().replace(' ', '-')}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


paths = app_paths()
init_demo(paths)
ctx = AppContext.open(paths)
inbox = OUT / "inbox"
inbox.mkdir(exist_ok=True)
files = [make_text_pdf(inbox / f"{n}.pdf", n, [f"Document {n}", "Terms and conditions"])
         for n in NAMES]
assert seal_documents(ctx, files, DEMO_PIN, export_dir=OUT / "sealed").ok
auditor = certificate("Maria Kessler", rsa.generate_private_key(65537, 3072))
signer = certificate("Maria Kessler signing", ec.generate_private_key(ec.SECP256R1()))

app = QApplication(sys.argv[:1])
configure_application(app)
jobs = JobRunner()
window = build_main_window(ctx, jobs)
window.token_poller.stop()
window.showMaximized()
window.setGeometry(0, 0, 1280, 720)

evidence = window.show_page("evidence")
assert isinstance(evidence, EvidencePage)
evidence.pin_provider = lambda _request, _parent: PinAnswer(DEMO_PIN)
wait_until(lambda: len(evidence.rows) == len(NAMES))

dialog = RecipientsDialog([], ScriptedFiles([]), window)
dialog.show()
assert dialog.add_certificate(auditor)
dialog.list.setFocus()
grab_screen(OUT / "evidence-6-encrypt-recipients.png", settle=0.8)
assert not dialog.add_certificate(signer)
grab_screen(OUT / "evidence-7-encrypt-refused.png", settle=0.8)
evidence.use_recipients(dialog.recipients)
dialog.close()

evidence.select_documents(["supplier-contract-a.pdf", "supplier-contract-b.pdf"])
evidence.export(OUT / "evidence-supplier-contracts.zip")
wait_until(lambda: evidence.last_export is not None, timeout=120)
assert evidence.last_export is not None
assert evidence.last_export.path.suffix == ".p7m"
grab_screen(OUT / "evidence-8-encrypted-export.png", settle=0.8)
jobs.wait_for_all()
window.close()
ctx.close()
