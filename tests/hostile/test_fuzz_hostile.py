"""Issue 18, "Done means": a bounded fuzz/property suite over every reader of untrusted input.

Extends tests/incidents/test_fuzz_inputs.py (intake and bundles, same mutation strategy) with:

* hostile page trees built from their structure (loops, shared kids, lying and huge /Count,
  deep nesting anywhere): intake accepts only real trees, and then counts exactly their leaves;
* mutated and structured PDFs through intake **and signing** with the demo's real SoftHSM2
  token: each document is sealed or fails alone with an InputError, the batch never stops,
  nothing half-stored;
* mutated checkpoints, proofs and certificates through their readers.

Only documented errors escape (InputError, or the reader's documented SealDeskError), and every
case stays under 300 MB and a time bound (tests/hostile/fuzz_budget.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from sealdesk.core.audit.checkpoint import load_certificates, load_checkpoint_file
from sealdesk.core.audit.proofs import check_proof_file
from sealdesk.core.samples import make_text_pdf
from sealdesk.core.sealing.intake import inspect_pdf
from sealdesk.errors import ConfigError, InputError, RecordIntegrityError
from sealdesk.services.audit.proofs import inclusion_proof
from sealdesk.services.context import AppContext, load_certificate
from sealdesk.services.sealing.batch import Outcome, seal_documents
from tests.evidence.conftest import Installation, installation  # noqa: F401  (fixture)
from tests.hostile.fuzz_budget import LONG_RUN, SLOW, bounded_case, fuzz
from tests.hostile.hostile_pdfs import build_pdf
from tests.incidents.pdf_inputs import mutated
from tests.incidents.support import leftovers

pytestmark = pytest.mark.timeout(4 * 3600 if LONG_RUN or SLOW else 600)
INTAKE_SECONDS = 10.0  # the parse's own limit is 30 s; these files are tiny
SEAL_SECONDS = 20.0
READ_SECONDS = 5.0


def _caught(work, *documented: type[BaseException]):  # type: ignore[no-untyped-def]
    """``work()``'s result, or one of the ``documented`` errors as a value; anything else
    escapes and fails the test."""
    try:
        return work()
    except documented as exc:
        return exc


# --- hostile page trees, built from a structure the test knows -------------------------------

Tree = dict[int, tuple[str, list[int], int]]
"""Object number → (kind "/Page" or "/Pages", kids (object numbers), claimed /Count)."""


@st.composite
def page_trees(draw: st.DrawFn) -> tuple[Tree, int, int]:
    """A page tree (root object 2) of up to 9 nodes with arbitrary kids, counts and one
    optional deep nesting; returns it with the node that carries the nesting and its depth."""
    numbers = list(range(2, 2 + draw(st.integers(1, 9))))
    refs = st.sampled_from([*numbers, 99])  # 99 does not exist
    tree: Tree = {}
    for number in numbers:
        kind = "/Pages" if number == 2 else draw(st.sampled_from(["/Page", "/Pages"]))
        kids = draw(st.lists(refs, max_size=4)) if kind == "/Pages" else []
        count = draw(st.one_of(st.integers(-3, 12), st.sampled_from([10**26, 2**63, 2**31])))
        tree[number] = (kind, kids, count)
    if draw(st.booleans()):  # honest counts, so that real trees (accepted ones) come up often
        tree = {n: (kind, kids, _leaves(tree, n) or 0) for n, (kind, kids, _) in tree.items()}
    nested_in = draw(st.sampled_from([0, *numbers]))
    depth = draw(st.sampled_from([1, 50, 64, 65, 3000]))
    return tree, nested_in, depth


def _leaves(tree: Tree, root: int = 2) -> int | None:
    """The leaves of a proper tree at ``root``; None if it loops, shares or dangles."""
    seen: set[int] = set()

    def walk(number: int) -> int | None:
        if number in seen or number not in tree:
            return None
        seen.add(number)
        kind, kids, _ = tree[number]
        if kind == "/Page":
            return 1
        total = 0
        for kid in kids:
            below = walk(kid)
            if below is None:
                return None
            total += below
        return total

    return walk(root)


def _write_tree(path: Path, tree: Tree, nested_in: int, depth: int) -> Path:
    nest = b"[" * depth + b"]" * depth
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for number, (kind, kids, count) in tree.items():
        extra = b" /Hostile " + nest if number == nested_in else b""
        if kind == "/Page":
            objects[number] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s >>"
                               % extra)
        else:
            kid_refs = b" ".join(b"%d 0 R" % kid for kid in kids)
            objects[number] = b"<< /Type /Pages /Kids [%s] /Count %d%s >>" % (kid_refs, count,
                                                                               extra)
    return build_pdf(path, objects)


@fuzz(60)
@given(shape=page_trees())
@example(shape=({2: ("/Pages", [3], 10**26), 3: ("/Page", [], 0)}, 0, 1))
@example(shape=({2: ("/Pages", [3, 3], 2), 3: ("/Page", [], 0)}, 0, 1))
@example(shape=({2: ("/Pages", [3], 1), 3: ("/Pages", [2], 1)}, 0, 1))
@example(shape=({2: ("/Pages", [3, 4], 3), 3: ("/Page", [], 0),
                 4: ("/Pages", [5, 6], 2), 5: ("/Page", [], 0), 6: ("/Page", [], 0)}, 5, 64))
def test_intake_counts_only_real_page_trees(tmp_path: Path,
                                            shape: tuple[Tree, int, int]) -> None:
    tree, nested_in, depth = shape
    path = _write_tree(tmp_path / "tree.pdf", tree, nested_in, depth)
    with bounded_case(INTAKE_SECONDS):
        facts = _caught(lambda: inspect_pdf(path), InputError)
    event("refused" if isinstance(facts, InputError) else "accepted")  # shown in statistics
    if isinstance(facts, InputError):
        assert facts.message and facts.hint
        return
    expected = _leaves(tree)
    assert expected is not None, "a loop, a shared kid or a dangling kid was accepted"
    assert facts.page_count == expected == tree[2][2], "the count is the tree's, never /Count"


# --- intake and signing with the real token -------------------------------------------------

@pytest.fixture
def seed_pdf(tmp_path: Path) -> bytes:
    return make_text_pdf(tmp_path / "seed.pdf", "Seal fuzz seed", ["one line"],
                         pages=2).read_bytes()


def _seal_one(ctx: AppContext, pin: str, path: Path) -> None:
    """Seal ``path`` alone: sealed, or refused with an InputError; the batch never stops."""
    with bounded_case(SEAL_SECONDS):
        batch = seal_documents(ctx, [path], pin)
    [result] = batch.results
    assert batch.stopped_by is None, batch.stopped_by
    if result.outcome is Outcome.FAILED:
        assert isinstance(result.error, InputError), repr(result.error)
        assert result.error.message and result.error.hint
    else:
        assert result.outcome in (Outcome.SEALED, Outcome.ALREADY_SEALED)
    assert not leftovers(ctx), "nothing half-stored"


@fuzz(12)
@given(data=st.data())
def test_mutated_pdfs_through_intake_and_signing(
    demo_ctx: AppContext, demo_pin: str, seed_pdf: bytes, tmp_path: Path,
    data: st.DataObject,
) -> None:
    path = tmp_path / "mutated.pdf"
    path.write_bytes(data.draw(mutated(seed_pdf)))
    _seal_one(demo_ctx, demo_pin, path)


@fuzz(12)
@given(shape=page_trees())
@example(shape=({2: ("/Pages", [3], 1), 3: ("/Page", [], 0)}, 3, 3000))
def test_hostile_page_trees_through_intake_and_signing(
    demo_ctx: AppContext, demo_pin: str, tmp_path: Path, shape: tuple[Tree, int, int],
) -> None:
    tree, nested_in, depth = shape
    _seal_one(demo_ctx, demo_pin, _write_tree(tmp_path / "tree.pdf", tree, nested_in, depth))


# --- checkpoints, proofs and certificates through their readers -----------------------------

@pytest.fixture(scope="module")
def seeds(installation: Installation) -> dict[str, bytes]:  # noqa: F811
    """A real checkpoint file, inclusion proof and audit certificate of one installation."""
    with zipfile.ZipFile(installation.bundle) as bundle:
        checkpoint = bundle.read("audit/checkpoint.json")
    ctx = AppContext.open(installation.paths, read_only=True)
    try:
        proof = inclusion_proof(ctx.database, 0)
    finally:
        ctx.close()
    return {"checkpoint": checkpoint, "proof": proof, "certificate": installation.audit_cert_pem}


def _documented(work) -> None:  # type: ignore[no-untyped-def]
    """Run a reader: a result, or InputError / RecordIntegrityError (a proof that does not
    hold) with a message; anything else fails the test."""
    with bounded_case(READ_SECONDS):
        outcome = _caught(work, InputError, RecordIntegrityError)
    if isinstance(outcome, InputError | RecordIntegrityError):
        assert outcome.message


@fuzz(40)
@given(data=st.data())
def test_mutated_checkpoints_and_proofs(seeds: dict[str, bytes], data: st.DataObject) -> None:
    checkpoint = data.draw(mutated(seeds["checkpoint"]))
    _documented(lambda: load_checkpoint_file(checkpoint))
    proof = data.draw(mutated(seeds["proof"]))
    _documented(lambda: check_proof_file(proof))
    _documented(lambda: check_proof_file(proof, seeds["certificate"]))


@fuzz(40)
@given(data=st.data())
def test_mutated_certificates(seeds: dict[str, bytes], tmp_path: Path,
                              data: st.DataObject) -> None:
    pem = data.draw(mutated(seeds["certificate"]))
    _documented(lambda: load_certificates(pem, "audit certificate"))
    anchor = tmp_path / "anchor.pem"
    anchor.write_bytes(pem)
    with bounded_case(READ_SECONDS):
        outcome = _caught(lambda: load_certificate(anchor), ConfigError)  # a trust anchor
    if isinstance(outcome, ConfigError):
        assert outcome.message and outcome.hint


def test_the_seeds_themselves_read_cleanly(seeds: dict[str, bytes]) -> None:
    """The mutations start from files the readers accept (else the fuzzing proves little)."""
    assert load_checkpoint_file(seeds["checkpoint"]).signed.checkpoint.tree_size > 0
    assert check_proof_file(seeds["proof"]) is not None
    assert load_certificates(seeds["certificate"])
