"""The one-line quorum verdict the Keys page and ``audit verify-quorum`` lead with."""

from __future__ import annotations

from sealdesk.core.rotation.offline import QuorumReport


def test_executed_with_quorum() -> None:
    report = QuorumReport("p1", content_sha256="ab", required=2, approvals=["Alice", "Carol"],
                          started=True, executed=True)
    assert report.verdict() == ("Quorum verified: proposal p1 was executed with 2 valid "
                                "custodian approvals of the 2 required (Alice, Carol).")


def test_not_executed_yet() -> None:
    report = QuorumReport("p2", content_sha256="ab", approvals=["Bob"])
    assert report.verdict() == ("Quorum verified so far: proposal p2 has 1 valid custodian "
                                "approval (Bob); it has not been executed.")


def test_problems_make_it_not_verified_and_name_the_first() -> None:
    report = QuorumReport("p3", content_sha256="ab", approvals=["Bob"], started=True,
                          problems=["Bob's signature does not verify", "execution too early",
                                    "x"])
    assert report.verdict() == ("Quorum NOT verified for proposal p3: Bob's signature does "
                                "not verify (and 2 more problems)")
    assert QuorumReport("p4").verdict() == (
        "Quorum NOT verified for proposal p4: the proposal is not in the log")
