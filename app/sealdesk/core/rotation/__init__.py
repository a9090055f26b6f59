"""Key and certificate rotation as a state machine with M-of-N custodian approval.

The rules live here, not in dialogs: a proposal has one canonical content and hash; custodians
approve or reject by signing a statement naming that hash with the key on their own token; a
proposal becomes executable only when enough distinct, registered custodians other than the
proposer approved it before it expired. Everything here is pure (no token, no database): the
services feed it stored rows and token signatures, and an auditor can feed it audit events
(:mod:`sealdesk.core.rotation.offline`).

States::

    proposed ──(quorum of approvals)──► approved ──► executing ──(all steps)──► executed
       │  └──(quorum unreachable after rejections)──► rejected
       └──(expiry passed before execution started)──► expired

Execution steps of a key rotation, each recorded before the next starts: ``key_generated``,
``csr_created``, ``certificate_imported``, ``activated``, ``old_retired``. Other actions have the
single step ``applied``.
"""
