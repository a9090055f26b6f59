"""The seal policy this installation uses now, taken from its settings.

The core's :class:`~sealdesk.core.sealing.policy.SealPolicy` knows nothing of the configuration
file (the core takes its own parameter types, as pyHanko takes explicit metadata); this is
where the settings are mapped onto it.
"""

from __future__ import annotations

from sealdesk.config import Config
from sealdesk.core.sealing.policy import SealPolicy, VisibleStamp
from sealdesk.services.sealing.choices import SealChoices


def seal_policy_from(config: Config, certificate_sha256: str,
                     key_label: str | None = None,
                     choices: SealChoices | None = None) -> SealPolicy:
    """The policy for seals made with ``certificate_sha256`` under ``config``; ``key_label``
    names the key when it is not the configured one (the standby token's key); ``choices``
    are what the person chose for this batch in place of the ``[seal]`` defaults."""
    seal = (choices or SealChoices()).applied_to(config.seal)
    visible = seal.visible
    return SealPolicy(
        level=seal.level,
        reason=seal.reason,
        location=seal.location,
        key_label=key_label or config.token.seal_key_label,
        certificate_sha256=certificate_sha256,
        visible=VisibleStamp(visible.page, visible.box) if visible.enabled else None,
    )
