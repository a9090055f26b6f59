"""The document half of bundle verification: seals, originals, and what the log says of them.

A seal is validated by :func:`sealdesk.core.validation.validate_pdf` with revocation OFFLINE, the
certificates the bundle carries as path-building helpers, and its OCSP/CRL data as known
revocation information. Without roots from the auditor, the self-signed certificates among
those the bundle carries for that document are the anchors, and the verdict says so.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509

from sealdesk.core.evidence import manifest as m
from sealdesk.core.evidence.verdict import BundleVerdict, DocumentVerdict
from sealdesk.core.evidence.zipread import BundleZip, MemberDamaged
from sealdesk.core.validation import (
    DocumentReport,
    RevocationMode,
    ValidationPolicy,
    load_certificates,
    validate_pdf,
)
from sealdesk.errors import ConfigError, InputError

SEALED = "document.sealed"


def check_documents(bundle: BundleZip, manifest: m.Manifest, events: dict[int, dict[str, Any]],
                    intact: set[str], anchors: tuple[bytes, ...] | list[bytes],
                    verdict: BundleVerdict) -> None:
    supplied = load_certificates(anchors) if anchors else ()
    with tempfile.TemporaryDirectory(prefix="sealdesk-bundle-") as folder:
        for number, record in enumerate(manifest.documents, start=1):
            doc = DocumentVerdict(record.original_name, record.original_sha256,
                                  record.sealed_sha256, record.file, level=record.level,
                                  sealed_at=record.sealed_at, operator=record.operator,
                                  entries=record.entries)
            verdict.documents.append(doc)
            _check_log(record, manifest, events, doc)
            _check_report(bundle, record, intact, doc)
            if record.file not in intact:
                doc.fail(record.file, "the sealed PDF is missing, damaged or altered, so its "
                                      "seal was not checked")
                continue
            pdf = Path(folder) / f"{number:04d}.pdf"
            try:
                bundle.copy_to(record.file, pdf)
            except MemberDamaged as ex:
                doc.fail(record.file, ex.reason)
                continue
            _check_original(pdf, record, doc)
            _check_seal(bundle, pdf, record, supplied, doc)


def _check_log(record: m.DocumentRecord, manifest: m.Manifest,
               events: dict[int, dict[str, Any]], doc: DocumentVerdict) -> None:
    """The proven entries must concern this document, and one must record sealing it."""
    mine = {record.original_sha256, record.sealed_sha256}
    sealed = False
    for index in record.entries:
        entry = manifest.entries.get(index)
        if entry is None:
            doc.fail(m.MANIFEST, f"names audit entry {index}, which the bundle does not carry")
            continue
        event = events.get(index)
        if event is None:
            continue  # its entry or proof failed; already a reason
        subject = event.get("subject", {})
        if not mine & set(subject.values() if isinstance(subject, dict) else ()):
            doc.fail(entry.file, "does not concern this document (its subject names other "
                                 "hashes)")
        if event.get("type") == SEALED and subject.get("document_sha256") == (
                record.original_sha256) and subject.get("sealed_sha256") == record.sealed_sha256:
            sealed = True
            doc.facts.append(f"audit entry {index} records the seal ({event.get('time')}, by "
                             f"{event.get('actor')})")
    if not sealed:
        doc.fail(record.file, "no proven audit entry records sealing this original into this "
                              "sealed file")


def _check_report(bundle: BundleZip, record: m.DocumentRecord, intact: set[str],
                  doc: DocumentVerdict) -> None:
    if record.report not in intact:
        return  # already a reason from the member check
    try:
        report = DocumentReport.from_json(bundle.read(record.report).decode("utf-8"))
    except (InputError, UnicodeDecodeError, MemberDamaged) as ex:
        doc.fail(record.report, getattr(ex, "message", str(ex)))
        return
    if report.sha256 != record.sealed_sha256:
        doc.fail(record.report, "is a report on another file")
    doc.facts.append(f"validation report made at export: {report.indication}")


def _check_original(pdf: Path, record: m.DocumentRecord, doc: DocumentVerdict) -> None:
    """A PAdES seal is an incremental update: the sealed file starts with the original."""
    with pdf.open("rb") as handle:
        prefix = handle.read(record.original_size)
    if len(prefix) != record.original_size or (
            hashlib.sha256(prefix).hexdigest() != record.original_sha256):
        doc.fail(record.file, "does not begin with the original document the manifest names")
    else:
        doc.facts.append(f"begins with the original ({record.original_size} bytes, SHA-256 "
                         f"{record.original_sha256[:16]}…)")


def _check_seal(bundle: BundleZip, pdf: Path, record: m.DocumentRecord,
                supplied: tuple[asn1_x509.Certificate, ...], doc: DocumentVerdict) -> None:
    certs, ocsps, crls = _material(bundle, record, doc)
    anchors = supplied or tuple(c for c in certs if c.self_signed != "no")
    try:
        policy = ValidationPolicy(anchors, RevocationMode.OFFLINE, extra_certs=certs,
                                  extra_ocsps=ocsps, extra_crls=crls)
        report = validate_pdf(pdf, policy)
    except (ConfigError, InputError) as ex:
        doc.fail(record.file, ex.message)
        return
    doc.indication = str(report.indication)
    if doc.indication != "PASSED":
        for signature in report.signatures:
            for finding in signature.findings:
                if str(finding.severity) in ("error", "warning"):
                    doc.fail(record.file, f"{signature.field_name}: {finding.message}")
        if not doc.reasons:
            doc.fail(record.file, f"the seal is {doc.indication} when checked offline")
    else:
        levels = ", ".join(str(s.pades_level) for s in report.signatures if s.pades_level)
        doc.facts.append(f"seal PASSED offline ({levels or 'level unknown'})")


def _material(bundle: BundleZip, record: m.DocumentRecord, doc: DocumentVerdict) -> tuple[
        tuple[asn1_x509.Certificate, ...], tuple[asn1_ocsp.OCSPResponse, ...],
        tuple[asn1_crl.CertificateList, ...]]:
    certs: list[asn1_x509.Certificate] = []
    ocsps: list[asn1_ocsp.OCSPResponse] = []
    crls: list[asn1_crl.CertificateList] = []
    for name in (*record.certificates, *record.revocation):
        try:
            data = bundle.read(name)
            if name in record.certificates:
                loaded = load_certificates([data])
                for cert in loaded:  # parse fully now: asn1crypto is lazy, and a damaged
                    cert.native  # noqa: B018 - name would fail later, outside this check
                certs.extend(loaded)
            elif name.rsplit("/", 1)[-1].startswith("ocsp"):
                response = asn1_ocsp.OCSPResponse.load(data)
                response.native  # noqa: B018 - parse fully now
                ocsps.append(response)
            else:
                crl = asn1_crl.CertificateList.load(data)
                crl.native  # noqa: B018
                crls.append(crl)
        except (MemberDamaged, ConfigError, ValueError, TypeError, KeyError) as ex:
            doc.fail(name, f"is not readable ({getattr(ex, 'message', ex)})")
    return tuple(certs), tuple(ocsps), tuple(crls)
