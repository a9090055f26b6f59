"""The attacked PDFs of issue 18 ("Why"), built from a real seal by real byte surgery.

Each builder takes the bytes of a sealed PDF (or the test PKI, for forged signers) and returns
the attacked bytes. They are plain functions so the README table script
(tests/verdicts/independent_table.py) and the tests build exactly the same files.
"""

from __future__ import annotations

import datetime as dt
import io

from asn1crypto import keys, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PageObject
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def trailing_text(sealed: bytes) -> bytes:
    return sealed + b"\nThis invoice was approved for 9999.00 EUR\n"


def trailing_nuls(sealed: bytes) -> bytes:
    return sealed + b"\x00" * 512


def object_without_xref(sealed: bytes) -> bytes:
    """A replacement for the page's content stream appended with no xref section.

    Readers that rebuild a damaged cross-reference table by scanning for ``obj`` keywords
    take the last definition of an object number, so some of them show this content.
    """
    reader = PdfFileReader(io.BytesIO(sealed))
    contents = reader.root["/Pages"]["/Kids"][0].get_object().raw_get("/Contents")
    body = b"BT /F1 14 Tf 72 720 Td (total 9999.00 EUR) Tj ET"
    obj = (
        f"\n{contents.idnum} {contents.generation} obj\n<< /Length {len(body)} >>\nstream\n"
    ).encode() + body + b"\nendstream\nendobj\n"
    return sealed + obj


def content_replaced(sealed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[pdf_name("/Contents")] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 720 Td (total 9999.00 EUR) Tj ET")
    )
    writer.update_container(page)
    return _written(writer)


def page_added(sealed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    contents = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 720 Td (Addendum: pay 9999) Tj ET")
    )
    writer.insert_page(PageObject(contents=contents, media_box=[0, 0, 595, 842]))
    return _written(writer)


def sticky_note(sealed: bytes) -> bytes:
    """A comment ("sticky note", /Subtype /Text) added to page 1 by an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    note = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Text"),
                pdf_name("/Rect"): generic.ArrayObject(
                    generic.FloatObject(v) for v in (400, 700, 420, 720)
                ),
                pdf_name("/Contents"): generic.TextStringObject("Total is really 9999.00"),
                pdf_name("/P"): page_ref,
            }
        )
    )
    annots = page.get("/Annots")
    items = list(annots) if annots is not None else []
    page[pdf_name("/Annots")] = generic.ArrayObject([*items, note])
    writer.update_container(page)
    return _written(writer)


def seal_removed(sealed: bytes) -> bytes:
    """A later update that drops the seal field from the form and the page's annotations."""
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    form = writer.root["/AcroForm"]
    kept = [f for f in form["/Fields"] if f.get_object().get("/FT") != "/Sig"]
    form[pdf_name("/Fields")] = generic.ArrayObject(kept)
    writer.update_container(form)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    annots = [a for a in page.get("/Annots", ()) if a.get_object().get("/FT") != "/Sig"]
    page[pdf_name("/Annots")] = generic.ArrayObject(annots)
    writer.update_container(page)
    return _written(writer)


def _hex_position(sealed: bytes, raw: bytes) -> int:
    return sealed.lower().index(raw.hex().encode())


def _flip_hex(data: bytes, position: int) -> bytes:
    flip = b"0" if data[position : position + 1] != b"0" else b"1"
    return data[:position] + flip + data[position + 1 :]


def signature_value_corrupted(sealed: bytes) -> bytes:
    """One hex digit of the seal's own signature value changed."""
    embedded = PdfFileReader(io.BytesIO(sealed)).embedded_signatures[0]
    value = embedded.signer_info["signature"].native
    return _flip_hex(sealed, _hex_position(sealed, value) + 20)


def extra_certificate_damaged(sealed: bytes, extra: x509.Certificate) -> bytes:
    """One hex digit changed inside the issuer's signature over a carried extra certificate."""
    signature = extra["signature_value"].native
    return _flip_hex(sealed, _hex_position(sealed, signature) + 10)


# -- forged signers ----------------------------------------------------------------------------
def _ec_key() -> tuple[ec.EllipticCurvePrivateKey, keys.PrivateKeyInfo]:
    key = ec.generate_private_key(ec.SECP256R1())
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key, keys.PrivateKeyInfo.load(der)


def _name_of(cert: x509.Certificate, part: str) -> cx509.Name:
    """The subject or issuer of ``cert`` exactly as it is written (what an impostor copies)."""
    loaded = cx509.load_der_x509_certificate(cert.dump())
    return loaded.subject if part == "subject" else loaded.issuer


def _cert(
    subject: cx509.Name, issuer: cx509.Name, public_key, issuer_key, *, ca: bool
) -> x509.Certificate:
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    usage = cx509.KeyUsage(
        digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False,
    )
    cert = (
        cx509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(cx509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(issuer_key, hashes.SHA256())
    )
    return x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def self_signed_impostor(genuine: x509.Certificate) -> SimpleSigner:
    """A self-signed certificate carrying the genuine seal certificate's exact name."""
    key, key_info = _ec_key()
    name = _name_of(genuine, "subject")
    cert = _cert(name, name, key.public_key(), key, ca=False)
    return SimpleSigner(signing_cert=cert, signing_key=key_info,
                        cert_registry=SimpleCertificateStore.from_certs([cert]))


def look_alike_root(genuine: x509.Certificate, root: x509.Certificate) -> SimpleSigner:
    """A root named exactly like the trusted one (another key) issuing the seal's name."""
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name_of(root, "subject")
    fake_root = _cert(root_name, root_name, root_key.public_key(), root_key, ca=True)
    key, key_info = _ec_key()
    cert = _cert(_name_of(genuine, "subject"), root_name, key.public_key(), root_key, ca=False)
    return SimpleSigner(signing_cert=cert, signing_key=key_info,
                        cert_registry=SimpleCertificateStore.from_certs([fake_root]))


def with_extra_certificate(signer: SimpleSigner, extra: x509.Certificate) -> SimpleSigner:
    """The same signer, carrying one more certificate the signature does not need."""
    store = SimpleCertificateStore.from_certs([*signer.cert_registry, extra])
    return SimpleSigner(signing_cert=signer.signing_cert, signing_key=signer.signing_key,
                        cert_registry=store)


def seal_with(
    data: bytes, signer: SimpleSigner, timestamper=None, md_algorithm: str | None = None
) -> bytes:
    """Seal ``data`` (PAdES, field 'Seal') with any signer, e.g. a forged one."""
    meta = signers.PdfSignatureMetadata(
        field_name="Seal", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm=md_algorithm
    )
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=signer,
                     timestamper=timestamper, output=out)
    return out.getvalue()
