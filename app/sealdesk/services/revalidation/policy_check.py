"""Whether a verification ran under the signing policy the audit log proves.

A verdict on a seal depends on what was trusted; a court asks whether that was the policy the
custodians approved. The answer is a finding next to the verdict (code ``signing-policy``),
never a change of it: a seal that verifies under extra anchors still verifies, and the report
says the anchors were not the approved ones. The policy comes from the replayed log (never a
row); a log that cannot be read gives a finding too, and verification goes on.
"""

from __future__ import annotations

from collections.abc import Iterable

from sealdesk.core.rotation.signing_policy import verification_differences
from sealdesk.core.validation import DocumentReport
from sealdesk.core.validation.report import Finding, Severity
from sealdesk.errors import SealDeskError
from sealdesk.services.context import AppContext
from sealdesk.services.keys.signing_policy import signing_policy_in_force

FINDING_CODE = "signing-policy"
PREFIX = "verified under a policy the log does not prove: "


def signing_policy_finding(ctx: AppContext, anchors: Iterable[str],
                           levels: Iterable[str]) -> Finding | None:
    """A warning finding when the anchors or levels depart from the proven signing policy."""
    try:
        policy = signing_policy_in_force(ctx)
    except SealDeskError as exc:
        return Finding(FINDING_CODE, Severity.WARNING,
                       PREFIX + f"the signing policy could not be read ({exc.message})")
    found = verification_differences(policy, anchors=anchors, levels=levels)
    if not found:
        return None
    return Finding(FINDING_CODE, Severity.WARNING, PREFIX + "; ".join(found))


def report_anchors(report: DocumentReport) -> list[str]:
    return [info.sha256 for info in report.policy.trust_anchors]


def report_levels(report: DocumentReport) -> list[str]:
    """Levels of the seals themselves (document timestamps have no PAdES level)."""
    return [s.pades_level.value for s in report.signatures if s.pades_level is not None]
