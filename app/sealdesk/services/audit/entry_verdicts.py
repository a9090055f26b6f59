"""Per-entry results of a verification: which entries are proven, which are not, and why.

:class:`~sealdesk.services.audit.report.AuditReport` lists findings; a person browsing the log
asks the other way round, entry by entry: "is *this* event proven?". The answer is derived from
the report alone, in constant memory whatever the log's size (ranges, not one flag per entry):

* **not verified**: a finding names the entry (or a range it must lie in: a root that no longer
  matches), or the hash chain broke at an earlier entry, after which nothing can be proven;
* **verified**: the hash chain holds up to it and a signed root the walk reproduced covers it;
* **intact, not yet signed**: the chain holds, but no signed checkpoint covers it yet (the next
  operation's checkpoint will): a database writer could still have appended or rewritten it;
* **not checked**: appended after the check ran.

Verdicts carry the finding itself; the words an auditor reads are the front end's business (the
GUI translates them).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from sealdesk.services.audit.report import AuditReport, Finding, FindingKind

__all__ = ["EntryState", "EntryVerdict", "EntryVerdicts", "entry_verdicts"]

MAX_PROBLEM_RANGES = 200
"""At most this many ranges go into a "problems only" filter (findings are bounded anyway)."""

_STOPS_THE_WALK = frozenset({
    FindingKind.PAYLOAD_ALTERED, FindingKind.HASH_ALTERED, FindingKind.BROKEN_LINK,
    FindingKind.INDEX_GAP, FindingKind.REORDERED, FindingKind.INSERTED,
    FindingKind.DUPLICATE_INDEX, FindingKind.ROOT_MISMATCH,
})
"""Chain problems: the walk stops at the first one, so later entries were never proven."""


class EntryState(StrEnum):
    VERIFIED = "verified"
    UNSIGNED = "unsigned"
    NOT_VERIFIED = "not_verified"
    NOT_CHECKED = "not_checked"


@dataclass(frozen=True)
class EntryVerdict:
    """One entry's state; ``finding`` names the problem, ``after_break`` the entry at which the
    chain broke when this one could not be proven because of it."""

    index: int
    state: EntryState
    finding: Finding | None = None
    after_break: int | None = None


@dataclass(frozen=True)
class EntryVerdicts:
    """Verdicts for every entry of the log as it was checked (see the module docstring)."""

    checked_size: int
    signed_size: int
    broken_at: int | None
    ranges: tuple[tuple[int, int, Finding], ...]
    log_wide: tuple[Finding, ...]

    def verdict(self, index: int) -> EntryVerdict:
        if index >= self.checked_size:
            return EntryVerdict(index, EntryState.NOT_CHECKED)
        finding = self._finding_at(index)
        if finding is not None:
            return EntryVerdict(index, EntryState.NOT_VERIFIED, finding)
        if self.broken_at is not None and index > self.broken_at:
            return EntryVerdict(index, EntryState.NOT_VERIFIED, after_break=self.broken_at)
        if index < self.signed_size:
            return EntryVerdict(index, EntryState.VERIFIED)
        return EntryVerdict(index, EntryState.UNSIGNED)

    def _finding_at(self, index: int) -> Finding | None:
        """The finding whose range holds ``index``: a binary search over the starts, then a
        walk back that stops where no earlier range reaches this far (so a table repaint's
        lookups stay cheap with a thousand findings)."""
        position = bisect.bisect_right(self._starts, index) - 1
        while position >= 0 and self._reach[position] >= index:
            first, last, finding = self.ranges[position]
            if first <= index <= last:
                return finding
            position -= 1
        return None

    @cached_property
    def _starts(self) -> list[int]:
        return [first for first, _last, _finding in self.ranges]

    @cached_property
    def _reach(self) -> list[int]:
        """``_reach[i]``: the highest entry any of the first ``i + 1`` ranges covers."""
        return list(itertools.accumulate((last for _first, last, _f in self.ranges), max))

    @property
    def problem_ranges(self) -> tuple[tuple[int, int], ...]:
        """The entries findings name, merged into sorted inclusive ranges (for a filter).

        Entries after a break are left out on purpose: they are unproven, not shown to be bad,
        and listing a million of them would hide the one to act on.
        """
        merged: list[list[int]] = []
        for first, last, _finding in self.ranges:
            last = min(last, self.checked_size - 1)
            if first > last:
                continue
            if merged and first <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([first, last])
        return tuple((a, b) for a, b in merged[:MAX_PROBLEM_RANGES])

    @property
    def problem_entries(self) -> int:
        """How many entries findings name directly."""
        return sum(b - a + 1 for a, b in self.problem_ranges)


def entry_verdicts(report: AuditReport) -> EntryVerdicts:
    """The per-entry view of ``report`` (cheap: proportional to the number of findings)."""
    ranges: list[tuple[int, int, Finding]] = []
    log_wide: list[Finding] = []
    broken_at: int | None = None
    for finding in report.sorted_findings():
        if finding.index is None or finding.index >= report.log_size:
            log_wide.append(finding)
            continue
        first = finding.first_index if finding.first_index is not None else finding.index
        ranges.append((min(first, finding.index), finding.index, finding))
        if finding.kind in _STOPS_THE_WALK:
            broken_at = finding.index if broken_at is None else min(broken_at, finding.index)
    ranges.sort(key=lambda r: (r[0], r[1]))
    signed = max(report.roots_checked, default=0)
    if broken_at is not None:
        signed = min(signed, broken_at)
    return EntryVerdicts(report.log_size, signed, broken_at, tuple(ranges), tuple(log_wide))
