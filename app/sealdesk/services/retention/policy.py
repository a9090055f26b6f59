"""Retention classes in the signing policy: the class a seal gets, and proposing new classes.

Classes are part of the signing policy (:class:`~sealdesk.core.rotation.signing_policy.
SigningPolicy`), so they change only through a ``change_signing_policy`` proposal approved by
the custodians' quorum, and the log's replay is their only source.
"""

from __future__ import annotations

import dataclasses

from sealdesk.core.retention.classes import RetentionRules
from sealdesk.errors import InputError
from sealdesk.services.context import AppContext
from sealdesk.services.keys.proposals import propose_signing_policy
from sealdesk.services.keys.signing_policy import (
    policy_from_configuration,
    signing_policy_in_force,
)
from sealdesk.services.keys.views import ProposalView


def class_for_sealing(ctx: AppContext, requested: str | None) -> str:
    """The class a new seal records: ``requested`` if the policy has it, else the default.

    Raises when a class is asked for and the signing policy in force has no such class, so a
    typing mistake never seals a document under no class at all. "" when the policy has none.
    """
    policy = signing_policy_in_force(ctx)  # the log's replay, as the sealing gate reads it
    rules = policy.retention if policy is not None else RetentionRules()
    if requested:
        return rules.require(requested).name
    return rules.default


def propose_classes(ctx: AppContext, rules: RetentionRules, *, reason: str,
                    algorithms: tuple[str, ...] = (), **kwargs: object) -> ProposalView:
    """Propose the signing policy in force with ``rules`` as its retention classes.

    Without a signing policy yet, the first one is built from the configuration and needs the
    allowed key ``algorithms``.
    """
    current = signing_policy_in_force(ctx)
    if current is None:
        if not algorithms:
            raise InputError("There is no signing policy yet; a first one needs the allowed "
                             "seal key algorithms.",
                             hint="Give --algorithm (e.g. ec-p256), or propose the signing "
                             "policy first with 'sealdesk policy propose'.")
        current = policy_from_configuration(ctx.config, algorithms)
    proposed = dataclasses.replace(current, retention=rules, version=0)
    return propose_signing_policy(ctx, proposed, reason=reason, **kwargs)
