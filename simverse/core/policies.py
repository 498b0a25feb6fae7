"""Check NPC speech against a world's ``policies`` (e.g. a clinic's "refer, never diagnose").

A :class:`~simverse.core.schema.Policy` is data in the world file; this module is the one
place that decides whether a line breaks one. It is pure (no state, no I/O) so the pipeline
can call it for every dialogue turn of a step and record the violations it returns.

A line by a speaker the policy applies to (everyone when ``applies_to`` is empty) violates it

* when the line matches any ``forbid`` pattern, or
* when the line it answers matches a ``triggered_by`` pattern and the line matches none of
  the ``require`` patterns.

Patterns are case-insensitive regular expressions, searched anywhere in the line with RE2
(:mod:`simverse.core.patterns`: linear time, so no pattern a world file holds can hang a run).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from simverse.core.patterns import compile_pattern
from simverse.core.sanitize import REPLACEMENT
from simverse.core.schema import Policy

_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class PolicyViolation:
    """One line that broke one policy, and why (in words a designer can act on)."""

    policy: str
    speaker: str
    text: str
    reason: str


def check_utterance(
    policies: Iterable[Policy], speaker: str, text: str, answering: str | None = None
) -> list[PolicyViolation]:
    """Every violation of ``policies`` by ``speaker`` saying ``text`` (in reply to ``answering``).

    Returns an empty list when the line is fine; one entry per broken policy otherwise, so
    metrics can count violations per policy.
    """
    violations = []
    text, answering = _searchable(text), None if answering is None else _searchable(answering)
    for policy in policies:
        if policy.applies_to and speaker not in policy.applies_to:
            continue
        reason = _forbidden(policy, text) or _missing_requirement(policy, text, answering)
        if reason:
            violations.append(PolicyViolation(policy.name, speaker, text, reason))
    return violations


def _forbidden(policy: Policy, text: str) -> str | None:
    for pattern in policy.forbid:
        match = compile_pattern(pattern).search(text)
        if match:
            return f"says {match.group(0)!r}, which matches forbidden pattern {pattern!r}"
    return None


def _missing_requirement(policy: Policy, text: str, answering: str | None) -> str | None:
    if answering is None or not policy.require:
        return None
    trigger = next((p for p in policy.triggered_by if compile_pattern(p).search(answering)), None)
    if trigger is None:
        return None
    if any(compile_pattern(p).search(text) for p in policy.require):
        return None
    wanted = " or ".join(repr(p) for p in policy.require)
    return f"answers a line matching {trigger!r} without saying {wanted}"


def _searchable(text: str) -> str:
    """``text`` RE2 can read: it takes UTF-8, which a lone surrogate (from an undecodable
    argument or a JSON ``\\udc80``) has no spelling in; such a character becomes U+FFFD."""
    return text if text.isascii() else _SURROGATE.sub(REPLACEMENT, text)
