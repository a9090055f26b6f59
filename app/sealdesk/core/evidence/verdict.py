"""What checking a bundle found: one verdict, its reasons, each naming the member concerned."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reason:
    """One failed check. ``member`` is the zip member it concerns ("" for the bundle)."""

    member: str
    message: str

    def __str__(self) -> str:
        return f"{self.member}: {self.message}" if self.member else self.message


@dataclass
class DocumentVerdict:
    """The checks of one document: seal, hashes, its audit entries."""

    name: str
    original_sha256: str
    sealed_sha256: str
    member: str
    indication: str = "NOT CHECKED"
    level: str = ""
    sealed_at: str = ""
    operator: str = ""
    entries: tuple[int, ...] = ()
    reasons: list[Reason] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons and self.indication == "PASSED"

    def fail(self, member: str, message: str) -> None:
        self.reasons.append(Reason(member, message))


@dataclass
class BundleVerdict:
    """``ok``: every check held. ``anchored``: the audit certificate and the seal roots were
    supplied by the caller, not taken from the bundle itself (which proves consistency only)."""

    path: str
    reasons: list[Reason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    documents: list[DocumentVerdict] = field(default_factory=list)
    checkpoint_tree_size: int | None = None
    checkpoint_time: str = ""
    audit_certificate_sha256: str = ""
    audit_trusted: bool = False
    seal_roots_supplied: bool = False
    entries_checked: int = 0
    created: str = ""
    exported_by: str = ""

    @property
    def all_reasons(self) -> list[Reason]:
        return [*self.reasons, *(r for d in self.documents for r in d.reasons)]

    @property
    def ok(self) -> bool:
        return not self.all_reasons and all(d.ok for d in self.documents)

    @property
    def anchored(self) -> bool:
        return self.audit_trusted and self.seal_roots_supplied

    @property
    def members_named(self) -> set[str]:
        """Every member a reason names (tests and the viewer highlight them)."""
        return {r.member for r in self.all_reasons if r.member}

    def fail(self, member: str, message: str) -> None:
        self.reasons.append(Reason(member, message))

    def headline(self, *, allow_self_contained: bool = False) -> str:
        """The verdict in one line. A bundle checked only against itself is UNANCHORED.

        Why: anyone can build a consistent bundle with their own audit key and their own
        seal roots; "VERIFIED" must mean "made by the installation you trust". Only when the
        caller explicitly accepts a self-contained check does it read VERIFIED (self-contained).
        """
        if not self.ok:
            count = len(self.all_reasons)
            return f"FAILED: {count} problem{'s' if count != 1 else ''} found"
        if self.anchored:
            return "VERIFIED: intact, signed by the trusted audit key, seals chain to your roots"
        if allow_self_contained:
            return ("VERIFIED (self-contained): intact and consistent, but checked against the "
                    "certificates inside the bundle")
        return ("UNANCHORED: intact and consistent, but checked only against the certificates "
                "inside the bundle, which anyone can make. Verify again with the audit "
                "certificate (--trusted-audit-cert) and the seal roots (--trust) you obtained "
                f"out of band{self._missing_anchors()}.")

    def _missing_anchors(self) -> str:
        missing = [what for what, given in (("audit certificate", self.audit_trusted),
                                            ("seal roots", self.seal_roots_supplied))
                   if not given]
        return f" (not given: {', '.join(missing)})" if missing else ""

    def is_unanchored(self, *, allow_self_contained: bool = False) -> bool:
        """Intact, but trusted only because the bundle vouches for itself (and not allowed)."""
        return self.ok and not self.anchored and not allow_self_contained

    def to_dict(self, *, allow_self_contained: bool = False) -> dict[str, object]:
        return {
            "bundle": self.path, "ok": self.ok, "anchored": self.anchored,
            "headline": self.headline(allow_self_contained=allow_self_contained),
            "created": self.created,
            "exported_by": self.exported_by, "checkpoint_tree_size": self.checkpoint_tree_size,
            "checkpoint_time": self.checkpoint_time,
            "audit_certificate_sha256": self.audit_certificate_sha256,
            "audit_trusted": self.audit_trusted, "seal_roots_supplied": self.seal_roots_supplied,
            "entries_checked": self.entries_checked,
            "reasons": [{"member": r.member, "message": r.message} for r in self.reasons],
            "notes": list(self.notes),
            "documents": [
                {"name": d.name, "original_sha256": d.original_sha256,
                 "sealed_sha256": d.sealed_sha256, "member": d.member,
                 "indication": d.indication, "level": d.level, "sealed_at": d.sealed_at,
                 "operator": d.operator, "entries": list(d.entries), "ok": d.ok,
                 "reasons": [{"member": r.member, "message": r.message} for r in d.reasons],
                 "facts": list(d.facts)}
                for d in self.documents
            ],
        }
