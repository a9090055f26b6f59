"""Refusals of the rotation ceremony, as domain errors with a next step each.

They subclass the general domain errors (:mod:`sealdesk.errors`), so the CLI's exit codes and the
GUI's error dialog treat them like any other: a refused approval or execution is a permission
matter (exit code 8), a proposal whose content no longer matches its hash is an integrity matter
(exit code 7).
"""

from __future__ import annotations

from sealdesk.errors import InputError, PermissionDeniedError, RecordIntegrityError


class RotationRefusedError(PermissionDeniedError):
    """The ceremony's rules do not allow this step now."""


class ApprovalRefusedError(RotationRefusedError):
    """An approval or rejection cannot be accepted (who signed it, what it binds to, when)."""


class ProposalExpiredError(RotationRefusedError):
    """The proposal's expiry time has passed; its approvals expired with it."""


class QuorumNotMetError(RotationRefusedError):
    """Execution was asked for before enough custodians approved."""


class ProposalStateError(RotationRefusedError):
    """The proposal is not in a state that allows this (e.g. executing a rejected proposal)."""


class ProposalTamperedError(RecordIntegrityError):
    """The stored proposal no longer hashes to what was proposed and approved."""


class BootstrapClosedError(RotationRefusedError):
    """The initial custodians and policy are set; changes now need a quorum-approved proposal."""


class CustodianCertificateError(InputError):
    """A custodian certificate file is unreadable, unusable, or its key is not on the token."""


class CertificateMismatchError(InputError):
    """The certificate offered for the new key certifies another key, or is not valid now."""
