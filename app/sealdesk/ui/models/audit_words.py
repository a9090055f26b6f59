"""Verification results in words a compliance auditor reads, with an icon per state.

The services report findings by kind (``payload_altered``) with a technical message (expected
and found hashes); an auditor needs to know what happened to the record, in their language. So
each kind gets one plain sentence here, translated through Qt (context ``AuditWords``); the
technical message stays one line below it for the investigator. Every state has an icon of its
own shape and its own words: colour is never the only signal.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from sealdesk.services.audit.entry_verdicts import EntryState, EntryVerdict
from sealdesk.services.audit.report import Finding, FindingKind
from sealdesk.ui.status_colors import status_icon


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditWords", text)


_ICONS = {
    EntryState.VERIFIED: "AUDIT_VERIFIED",
    EntryState.UNSIGNED: "AUDIT_UNSIGNED",
    EntryState.NOT_VERIFIED: "AUDIT_NOT_VERIFIED",
    EntryState.NOT_CHECKED: "AUDIT_NOT_CHECKED",
}


def state_words(state: EntryState) -> str:
    if state is EntryState.VERIFIED:
        return _tr("Verified")
    if state is EntryState.UNSIGNED:
        return _tr("Intact, not yet signed")
    if state is EntryState.NOT_VERIFIED:
        return _tr("Not verified")
    return _tr("Not yet checked")


def verdict_words(verdict: EntryVerdict) -> str:
    """The Check column's words: the state, and for an entry that is unproven only because the
    chain broke earlier, where it broke (so the edited entry stands apart from the rest)."""
    if verdict.state is EntryState.NOT_VERIFIED and verdict.finding is None:
        return _tr("Not verified (after {0})").format(verdict.after_break)
    return state_words(verdict.state)


def state_icon(state: EntryState) -> QIcon:
    return status_icon(_ICONS[state])


def finding_sentence(kind: FindingKind) -> str:
    """What happened to the record, in one plain sentence."""
    words = {
        FindingKind.PAYLOAD_ALTERED: _tr(
            "The recorded event was changed after it was written: its content no longer "
            "matches its fingerprint."),
        FindingKind.HASH_ALTERED: _tr(
            "The entry's fingerprint was overwritten in the database."),
        FindingKind.BROKEN_LINK: _tr(
            "The entry no longer links to the one before it: entries were removed, replaced "
            "or reordered."),
        FindingKind.INDEX_GAP: _tr(
            "An entry was deleted and the later ones renumbered to hide the gap."),
        FindingKind.REORDERED: _tr("Entries were moved out of their recorded order."),
        FindingKind.INSERTED: _tr("An entry was inserted into the history afterwards."),
        FindingKind.DUPLICATE_INDEX: _tr("Two entries claim the same place in the log."),
        FindingKind.ROOT_MISMATCH: _tr(
            "The entries up to here no longer match what a signed checkpoint sealed: one of "
            "them was rewritten."),
        FindingKind.TRUNCATED: _tr("Entries at the end of the log were deleted."),
        FindingKind.HEAD_MISMATCH: _tr(
            "The log's end marker disagrees with its entries: entries were added or removed "
            "outside SealDesk."),
        FindingKind.CHECKPOINT_MALFORMED: _tr(
            "A signed checkpoint is damaged and cannot be read."),
        FindingKind.CHECKPOINT_ALTERED: _tr(
            "A signed checkpoint was changed after it was signed."),
        FindingKind.SIGNATURE_INVALID: _tr("A checkpoint's signature does not hold."),
        FindingKind.CERTIFICATE_UNTRUSTED: _tr(
            "A checkpoint was signed with a certificate that is not a trusted audit "
            "certificate."),
        FindingKind.CHECKPOINT_CHAIN_BROKEN: _tr(
            "The signed checkpoints do not follow one another: one was removed or replaced."),
        FindingKind.CHECKPOINT_NOT_RECORDED: _tr(
            "A checkpoint exists that the log never recorded."),
        FindingKind.CHECKPOINT_MISSING: _tr(
            "The log records a checkpoint that is no longer in the database."),
        FindingKind.COLUMN_ALTERED: _tr(
            "A field shown in lists (who, what, when or which document) was edited in the "
            "database and no longer matches the signed record."),
        FindingKind.KEY_NOT_PINNED: _tr(
            "A checkpoint was signed with an audit key the log never approved."),
        FindingKind.ANCHOR_MISMATCH: _tr(
            "The entry differs from the copy kept in the out-of-band anchor folder."),
        FindingKind.ANCHOR_INVALID: _tr("An anchor file is damaged or was altered."),
        FindingKind.ROLLBACK: _tr(
            "The database was rolled back to an older copy: anchored entries are missing."),
        FindingKind.FORK: _tr(
            "The audit key signed two different histories (proof of a fork)."),
    }
    return words.get(kind, kind.value)


def finding_text(finding: Finding) -> str:
    """The plain sentence, then where, then the technical detail for the investigator."""
    where = ""
    if finding.index is not None:
        where = _tr("Entry {0}").format(finding.index)
        if finding.first_index is not None and finding.first_index != finding.index:
            where = _tr("One of entries {0} to {1}").format(finding.first_index, finding.index)
    head = f"{where}: {finding_sentence(finding.kind)}" if where else finding_sentence(
        finding.kind)
    return f"{head}\n    {_tr('Detail')}: {finding.message}"


def verdict_reason(verdict: EntryVerdict) -> str:
    """The Check column's tooltip: why this entry is in this state."""
    if verdict.state is EntryState.VERIFIED:
        return _tr("The hash chain holds up to this entry and a signed checkpoint covers it.")
    if verdict.state is EntryState.UNSIGNED:
        return _tr("The hash chain holds, but no signed checkpoint covers this entry yet; the "
                   "next operation's checkpoint will.")
    if verdict.state is EntryState.NOT_CHECKED:
        return _tr("Not checked: run Verify log (entries added after a check are not checked "
                   "either).")
    if verdict.finding is not None:
        return finding_text(verdict.finding)
    return _tr("Cannot be proven: the log is broken at entry {0}, and nothing after a break "
               "can be verified until it is resolved.").format(verdict.after_break)
