"""Issue 8, item 6: fuzzing the two readers of untrusted files, the PDF intake and the evidence
bundle reader. Whatever the bytes: a result or the reader's documented error, never another
exception, never a hang.

CI runs a bounded number of examples; ``--hypothesis-profile=sealdesk-fuzz`` (registered in this
folder's conftest) runs thousands by hand.
"""

from __future__ import annotations

import base64
import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sealdesk.core.evidence.verdict import BundleVerdict
from sealdesk.core.evidence.verify import verify_bundle
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.sealing.intake import PdfFacts, inspect_pdf
from sealdesk.errors import InputError
from tests.evidence.conftest import Installation, installation  # noqa: F401  (fixture)
from tests.incidents.pdf_inputs import mutated

LONG_RUN = settings.default.max_examples > 1000
pytestmark = pytest.mark.timeout(4 * 3600 if LONG_RUN else 300)  # thousands of bundles by hand
PDF_EXAMPLES = settings.default.max_examples if LONG_RUN else 150
BUNDLE_EXAMPLES = settings.default.max_examples if LONG_RUN else 25
PARSE_TIMEOUT = 5.0
T = TypeVar("T")


def fuzz(examples: int) -> settings:
    """Bounded examples, no per-example deadline (the parse has its own time limit)."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=[
        HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])

_SEED = tempfile.mkdtemp(prefix="sealdesk-fuzz-")
SEED_PDF = make_text_pdf(Path(_SEED) / "seed.pdf", "Fuzz seed", ["a line"], pages=2).read_bytes()


def _outcome(work: Callable[[], T]) -> T | InputError:
    """The result, or the documented error as a value; any other exception fails the test."""
    try:
        return work()
    except InputError as exc:
        return exc


def _intake(tmp: Path, data: bytes) -> None:
    path = tmp / "fuzz.pdf"
    path.write_bytes(data)
    facts = _outcome(lambda: inspect_pdf(path, timeout=PARSE_TIMEOUT))
    if isinstance(facts, InputError):
        assert facts.message and facts.hint
    else:
        assert isinstance(facts, PdfFacts) and facts.page_count >= 1


@fuzz(PDF_EXAMPLES)
@given(data=mutated(SEED_PDF))
@example(data=SEED_PDF[:-7])
@example(data=SEED_PDF.replace(b"startxref", b"startxreg"))
def test_intake_survives_mutated_pdfs(tmp_path: Path, data: bytes) -> None:
    _intake(tmp_path, data)


@fuzz(PDF_EXAMPLES // 3)
@given(data=st.binary(max_size=4096).map(lambda b: b"%PDF-1.7\n" + b + b"\nstartxref\n"
                                         b"0\n%%EOF\n"))
def test_intake_survives_arbitrary_bytes_with_a_pdf_frame(tmp_path: Path, data: bytes) -> None:
    _intake(tmp_path, data)


def _bundle_check(path: Path) -> None:
    verdict = _outcome(lambda: verify_bundle(path))
    assert isinstance(verdict, BundleVerdict) or verdict.message


@fuzz(BUNDLE_EXAMPLES)
@given(data=st.data())
def test_bundle_reader_survives_damaged_zips(installation: Installation,  # noqa: F811
                                             tmp_path_factory, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    original = installation.bundle.read_bytes()
    damaged = data.draw(mutated(original))
    path = tmp_path_factory.mktemp("bundle") / "damaged.zip"
    path.write_bytes(damaged)
    _bundle_check(path)


@fuzz(BUNDLE_EXAMPLES)
@given(data=st.data())
def test_bundle_reader_survives_damaged_members(installation: Installation,  # noqa: F811
                                                tmp_path_factory, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    """A well-formed zip whose member bytes are damaged: the verdict names what is wrong."""
    with zipfile.ZipFile(installation.bundle) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    name = data.draw(st.sampled_from(sorted(members)))
    changed = data.draw(mutated(members[name]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in members.items():
            target.writestr(member, changed if member == name else content)
    path = tmp_path_factory.mktemp("bundle") / "altered.zip"
    path.write_bytes(buffer.getvalue())
    verdict = _outcome(lambda: verify_bundle(path))
    if isinstance(verdict, InputError):
        assert verdict.message
    elif changed != members[name]:
        assert not verdict.ok, f"a changed {name} went unnoticed"


def test_bundle_with_a_root_certificate_whose_name_is_not_utf8(  # found by the long fuzz run
    installation: Installation, tmp_path: Path,  # noqa: F811
) -> None:
    with zipfile.ZipFile(installation.bundle) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    name = next(n for n in members if n.endswith("Root_CA.pem"))
    body = base64.b64decode(b"".join(members[name].splitlines()[1:-1]))
    at = body.index(b"SealDesk Demo Root CA")
    damaged = body[:at] + b"\xaf" + body[at + 1:]
    members[name] = (b"-----BEGIN CERTIFICATE-----\n" + base64.encodebytes(damaged)
                     + b"-----END CERTIFICATE-----\n")
    path = tmp_path / "bad-root.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in members.items():
            target.writestr(member, content)
    verdict = _outcome(lambda: verify_bundle(path))
    assert isinstance(verdict, InputError) or not verdict.ok
