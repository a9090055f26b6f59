"""Choosing THE configured token among those present: by serial when known, never by a guess.

The rules, in order (pure logic over :class:`TokenInfo`, so they are testable without hardware):

1. A known serial decides. The token with that serial (and the remembered maker and model) is
   ours even if its label changed; the change is reported as a notice, not an error, because
   relabelling is harmless and users do it.
2. No token has the serial, but one carries the configured label: that is ANOTHER token in the
   place of ours (replaced, or a colleague's). :class:`TokenReplacedError`, never used.
   The same holds for a token with our serial but another maker or model.
3. Without a known serial, the label must match exactly one token; several matches are a
   :class:`TokenAmbiguousError` listing them, so the user picks one explicitly
   (``sealdesk token select --serial S``, or Settings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sealdesk.core.token.identity import TokenInfo, TokenSelector
from sealdesk.errors import TokenAmbiguousError, TokenNotPresentError, TokenReplacedError

PICK_HINT = (
    "Choose the token by its serial number: 'sealdesk token select --serial SERIAL' "
    "(serials are shown by 'sealdesk token list'), or in Settings."
)


@dataclass(frozen=True)
class TokenChoice:
    """The chosen token's position in the list given, and a notice for the user, if any."""

    index: int
    notice: str = ""


def choose_token(tokens: Sequence[TokenInfo], selector: TokenSelector) -> TokenChoice:
    """Apply the module docstring's rules to the tokens present; raise when none is ours."""
    if not (selector.label or selector.serial):
        raise TokenAmbiguousError("No token is selected.", hint=PICK_HINT)
    if selector.serial:
        return _by_serial(tokens, selector)
    return _by_label(tokens, selector)


def _by_serial(tokens: Sequence[TokenInfo], selector: TokenSelector) -> TokenChoice:
    same_serial = [i for i, t in enumerate(tokens) if t.serial == selector.serial]
    ours = [i for i in same_serial if selector.same_device(tokens[i])]
    if len(ours) > 1:
        raise _ambiguous(tokens, ours, selector)
    if ours:
        found = tokens[ours[0]]
        notice = ""
        if selector.label and found.label != selector.label:
            notice = (
                f"The token's label changed from {selector.label!r} to {found.label!r}; "
                f"SealDesk found it by its serial number {found.serial}. Run 'sealdesk token "
                f"select --serial {found.serial}' to remember the new label."
            )
        return TokenChoice(ours[0], notice)
    if same_serial:
        other = tokens[same_serial[0]]
        raise TokenReplacedError(
            f"The connected token {other.label!r} is not the configured one "
            f"(serial {selector.serial} by {selector.manufacturer or '?'} "
            f"{selector.model or '?'} expected, {other.manufacturer} {other.model} found).",
            hint="Connect the configured token. To use this one instead, select it "
            "explicitly: " + PICK_HINT,
        )
    namesakes = [t for t in tokens if selector.label and t.label == selector.label]
    if namesakes:
        found_serials = ", ".join(t.serial or "?" for t in namesakes)
        raise TokenReplacedError(
            f"The connected token {selector.label!r} is not the configured one "
            f"(serial {selector.serial} expected, {found_serials} found).",
            hint="Connect the configured token; SealDesk never seals with a different token "
            "that merely has the same label. To use this one instead: " + PICK_HINT,
        )
    raise _absent(tokens, selector)


def _by_label(tokens: Sequence[TokenInfo], selector: TokenSelector) -> TokenChoice:
    matches = [i for i, t in enumerate(tokens) if selector.matches(t)]
    if not matches:
        raise _absent(tokens, selector)
    if len(matches) > 1:
        raise _ambiguous(tokens, matches, selector)
    return TokenChoice(matches[0])


def _ambiguous(
    tokens: Sequence[TokenInfo], indexes: list[int], selector: TokenSelector
) -> TokenAmbiguousError:
    names = "; ".join(tokens[i].display_name for i in indexes)
    return TokenAmbiguousError(
        f"{len(indexes)} tokens match {selector.describe()}: {names}.", hint=PICK_HINT
    )


def _absent(tokens: Sequence[TokenInfo], selector: TokenSelector) -> TokenNotPresentError:
    present = ", ".join(t.display_name for t in tokens) or "none"
    return TokenNotPresentError(
        f"No token with {selector.describe()} is connected (present: {present}).",
        hint="Connect the token, or select the right one in Settings.",
    )
