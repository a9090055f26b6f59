"""Keys and custodians: rotation proposals, quorum approvals, execution, key registry."""

from sealdesk._lazy import lazy_api

_API = {
    "propose": "rotation",
    "decide": "rotation",
    "submit_decision": "rotation",
    "show": "rotation",
    "list_proposals": "rotation",
    "execute": "execution",
    "ExecutionResult": "execution",
    "propose_key_rotation": "proposals",
    "propose_policy_change": "proposals",
    "propose_add_custodian": "proposals",
    "propose_remove_custodian": "proposals",
    "propose_retire_key": "proposals",
    "ProposalView": "views",
    "DecisionView": "views",
    "verify_quorum_offline": "quorum_audit",
    "list_custodians": "custodians",
    "current_policy": "custodians",
    "register_custodian": "custodians",
    "set_initial_policy": "custodians",
    "CustodianInfo": "custodians",
    "CustodianToken": "custodian_tokens",
    "sign_as_custodian": "custodian_tokens",
    "identify": "custodian_tokens",
    "prove_possession": "custodian_tokens",
    "current_key": "registry",
    "activate": "registry",
    "token_selector": "registry",
    "read_inventory": "inventory",
    "propose_register_standby": "standby_proposal",
    "StandbyCandidate": "standby_proposal",
    "seal_token": "standby",
    "SealToken": "standby",
    "read_standing": "standby",
    "Inventory": "inventory",
}
__all__ = sorted(_API)
__getattr__, __dir__ = lazy_api(__name__, _API)
