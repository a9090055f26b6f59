"""One sealed document out of a bundle, in memory, for a preview: bounded and re-hashed.

The bytes go to the viewer straight from the zip (never extracted to disk). The member is read
only if the bundle's manifest-checked verdict names it, at most :data:`PREVIEW_LIMIT` bytes
(declared size checked before inflating), and its SHA-256 must equal the sealed hash the verdict
was computed for: a bundle replaced on disk after the check shows nothing rather than a document
the verdict beside it does not describe.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sealdesk.core.evidence.verdict import DocumentVerdict
from sealdesk.core.evidence.zipread import BundleZip, MemberDamaged
from sealdesk.errors import InputError

PREVIEW_LIMIT = 256 * 1024 * 1024


def read_document(bundle: Path, doc: DocumentVerdict, limit: int = PREVIEW_LIMIT) -> bytes:
    """The sealed PDF ``doc`` of ``bundle``; InputError when it is missing, too large or altered."""
    with BundleZip(bundle) as archive:
        if doc.member not in archive:
            raise InputError(f"The bundle no longer holds {doc.name} ({doc.member}).",
                             hint="Check the bundle again: it changed since it was checked.")
        size = archive.members[doc.member].size
        if size > limit:
            raise InputError(
                f"{doc.name} is too large to preview ({size // (1024 * 1024)} MB).",
                hint="Its checks above hold regardless; open the bundle in a PDF reader.")
        try:
            data = archive.read(doc.member, limit)
        except MemberDamaged as ex:
            raise InputError(f"{doc.name} cannot be read from the bundle: {ex.reason}.",
                             hint="The bundle is damaged; do not rely on it.") from None
    if hashlib.sha256(data).hexdigest() != doc.sealed_sha256:
        raise InputError(
            f"{doc.name} in the bundle is not the file that was checked (its SHA-256 differs).",
            hint="The bundle was replaced or altered after the check; check it again.")
    return data
