""""Detect tokens" for the Settings page: what a PKCS#11 module offers, and the labels on each.

The module is probed in a child process first (a hanging or crashing driver is reported, not
loaded), then each token present is opened without a login, which shows its public objects:
certificates and public keys. Their labels are the choices for the seal and audit keys (a key
pair and its certificate share the label). No PIN is asked and nothing on the token changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sealdesk.core.token import TokenSelector, open_token_session
from sealdesk.core.token.identity import TokenInfo
from sealdesk.core.token.inventory import list_objects
from sealdesk.core.token.probe import probe_module
from sealdesk.errors import ModuleLoadError, TokenError


@dataclass(frozen=True)
class DetectedToken:
    info: TokenInfo
    certificate_labels: tuple[str, ...] = ()
    problem: str = ""
    """Why the labels could not be read (the token is still listed and selectable)."""

    @property
    def title(self) -> str:
        model = f", {self.info.model}" if self.info.model else ""
        return f"{self.info.label or '(no label)'} — serial {self.info.serial or '?'}{model}"


def detect_tokens(
    module: str, environment: Mapping[str, str] | None = None, *, timeout: float = 30.0
) -> list[DetectedToken]:
    """Every initialised token of ``module`` with its certificate labels (worker thread).

    Raises :class:`ModuleLoadError` when the path is missing or not a PKCS#11 module.
    """
    if not module:
        raise ModuleLoadError(
            "Enter the PKCS#11 module path first.",
            hint="For example /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so (see the README).",
        )
    env = dict(environment or {})
    found = probe_module(module, env, timeout=timeout)
    return [_with_labels(module, env, info, timeout) for info in found.tokens]


def _with_labels(module: str, env: dict[str, str], info: TokenInfo,
                 timeout: float) -> DetectedToken:
    if info.pin.protected_auth_path:  # opening it without a PIN would start a PIN-pad login
        return DetectedToken(info, problem="This token sits on a PIN-pad reader; its labels are "
                                           "not read here. Type the key labels instead.")
    selector = TokenSelector(label=info.label, serial=info.serial,
                             manufacturer=info.manufacturer, model=info.model)
    try:
        with open_token_session(module, selector, None, environment=env,
                                timeout=timeout, login=False) as session:
            objects = list_objects(session)
    except TokenError as exc:
        return DetectedToken(info, problem=exc.message)
    labels = sorted({o.label for o in objects if o.kind == "certificate" and o.label})
    return DetectedToken(info, tuple(labels))
