"""Verification results in words a compliance auditor reads, with an icon per state.

The services report findings by kind (``payload_altered``) with a technical message (expected
and found hashes); an auditor needs to know what happened to the record, in their language. So
each kind gets one plain sentence here, translated through Qt (context ``AuditWords``); the
technical message stays one line below it for the investigator. Every state has an icon of its
own shape and its own words: colour is never the only signal.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from sealdesk.services.audit.entry_verdicts import EntryState, EntryVerdict
from sealdesk.services.audit.report import Finding, FindingKind
from sealdesk.ui.status_colors import status_icon
from sealdesk.ui.translations import translate

_ICONS = {
    EntryState.VERIFIED: "AUDIT_VERIFIED",
    EntryState.UNSIGNED: "AUDIT_UNSIGNED",
    EntryState.NOT_VERIFIED: "AUDIT_NOT_VERIFIED",
    EntryState.NOT_CHECKED: "AUDIT_NOT_CHECKED",
}


def state_words(state: EntryState) -> str:
    if state is EntryState.VERIFIED:
        return translate("AuditWords", "Verified")
    if state is EntryState.UNSIGNED:
        return translate("AuditWords", "Intact, not yet signed")
    if state is EntryState.NOT_VERIFIED:
        return translate("AuditWords", "Not verified")
    return translate("AuditWords", "Not yet checked")


def verdict_words(verdict: EntryVerdict) -> str:
    """The Check column's words: the state, and for an entry that is unproven only because the
    chain broke earlier, where it broke (so the edited entry stands apart from the rest)."""
    if verdict.state is EntryState.NOT_VERIFIED and verdict.finding is None:
        return translate("AuditWords", "Not verified (after {0})").format(verdict.after_break)
    return state_words(verdict.state)


def state_icon(state: EntryState) -> QIcon:
    return status_icon(_ICONS[state])


def finding_sentence(kind: FindingKind) -> str:
    """What happened to the record, in one plain sentence."""
    words = {
        FindingKind.PAYLOAD_ALTERED: translate("AuditWords",
            "The recorded event was changed after it was written: its content no longer "
            "matches its fingerprint."),
        FindingKind.HASH_ALTERED: translate("AuditWords",
            "The entry's fingerprint was overwritten in the database."),
        FindingKind.BROKEN_LINK: translate("AuditWords",
            "The entry no longer links to the one before it: entries were removed, replaced "
            "or reordered."),
        FindingKind.INDEX_GAP: translate("AuditWords",
            "An entry was deleted and the later ones renumbered to hide the gap."),
        FindingKind.REORDERED: translate("AuditWords",
                                         "Entries were moved out of their recorded order."),
        FindingKind.INSERTED: translate("AuditWords",
                                        "An entry was inserted into the history afterwards."),
        FindingKind.DUPLICATE_INDEX: translate("AuditWords",
                                               "Two entries claim the same place in the log."),
        FindingKind.ROOT_MISMATCH: translate("AuditWords",
            "The entries up to here no longer match what a signed checkpoint sealed: one of "
            "them was rewritten."),
        FindingKind.TRUNCATED: translate("AuditWords",
                                         "Entries at the end of the log were deleted."),
        FindingKind.HEAD_MISMATCH: translate("AuditWords",
            "The log's end marker disagrees with its entries: entries were added or removed "
            "outside SealDesk."),
        FindingKind.CHECKPOINT_MALFORMED: translate("AuditWords",
            "A signed checkpoint is damaged and cannot be read."),
        FindingKind.CHECKPOINT_ALTERED: translate("AuditWords",
            "A signed checkpoint was changed after it was signed."),
        FindingKind.SIGNATURE_INVALID: translate("AuditWords",
                                                 "A checkpoint's signature does not hold."),
        FindingKind.CERTIFICATE_UNTRUSTED: translate("AuditWords",
            "A checkpoint was signed with a certificate that is not a trusted audit "
            "certificate."),
        FindingKind.CHECKPOINT_CHAIN_BROKEN: translate("AuditWords",
            "The signed checkpoints do not follow one another: one was removed or replaced."),
        FindingKind.CHECKPOINT_NOT_RECORDED: translate("AuditWords",
            "A checkpoint exists that the log never recorded."),
        FindingKind.CHECKPOINT_MISSING: translate("AuditWords",
            "The log records a checkpoint that is no longer in the database."),
        FindingKind.COLUMN_ALTERED: translate("AuditWords",
            "A field shown in lists (who, what, when or which document) was edited in the "
            "database and no longer matches the signed record."),
        FindingKind.KEY_NOT_PINNED: translate("AuditWords",
            "A checkpoint was signed with an audit key the log never approved."),
        FindingKind.ANCHOR_MISMATCH: translate("AuditWords",
            "The entry differs from the copy kept in the out-of-band anchor folder."),
        FindingKind.ANCHOR_INVALID: translate("AuditWords",
                                              "An anchor file is damaged or was altered."),
        FindingKind.ROLLBACK: translate("AuditWords",
            "The database was rolled back to an older copy: anchored entries are missing."),
        FindingKind.FORK: translate("AuditWords",
            "The audit key signed two different histories (proof of a fork)."),
    }
    return words.get(kind, kind.value)


def finding_text(finding: Finding) -> str:
    """The plain sentence, then where, then the technical detail for the investigator."""
    where = ""
    if finding.index is not None:
        where = translate("AuditWords", "Entry {0}").format(finding.index)
        if finding.first_index is not None and finding.first_index != finding.index:
            where = translate("AuditWords", "One of entries {0} to {1}").format(
                finding.first_index, finding.index)
    head = f"{where}: {finding_sentence(finding.kind)}" if where else finding_sentence(
        finding.kind)
    detail = translate("AuditWords", "Detail")
    return f"{head}\n    {detail}: {finding.message}"


def verdict_reason(verdict: EntryVerdict) -> str:
    """The Check column's tooltip: why this entry is in this state."""
    if verdict.state is EntryState.VERIFIED:
        return translate("AuditWords",
                         "The hash chain holds up to this entry and a signed checkpoint covers it.")
    if verdict.state is EntryState.UNSIGNED:
        return translate("AuditWords",
                         "The hash chain holds, but no signed checkpoint covers this entry yet; "
                         "the next operation's checkpoint will.")
    if verdict.state is EntryState.NOT_CHECKED:
        return translate("AuditWords",
                         "Not checked: run Verify log (entries added after a check are not checked "
                         "either).")
    if verdict.finding is not None:
        return finding_text(verdict.finding)
    return translate("AuditWords",
                     "Cannot be proven: the log is broken at entry {0}, and nothing after a break "
                     "can be verified until it is resolved.").format(verdict.after_break)
