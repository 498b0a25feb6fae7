"""Compile the regular expressions a world file gives its policies, in linear time.

A policy's ``forbid``, ``triggered_by`` and ``require`` patterns come from a world file (or a
generated world) and are searched in every NPC line of every step. Python's ``re`` backtracks:
a pattern such as ``(a+)+$`` against a line of forty ``a`` takes hours, so one careless or
hostile world file could hang a run. RE2 (the ``google-re2`` package, Google's library with
prebuilt wheels) matches in time linear in the line for every pattern, so no pattern can hang a
run. We chose it over the ``regex`` package's ``timeout=``: a timeout still spends its seconds
on every line and then leaves the step with no answer, where RE2 never needs one.

RE2 has no backreferences (``\\1``) or lookaround (``(?=``, ``(?<!``); a pattern using them is
refused when the world loads (see :class:`~simverse.core.schema.Policy`), never mid-run.
Its ``\\w``, ``\\d`` and ``\\b`` are ASCII (``\\pL`` matches any letter), matching is
case-insensitive as before.
"""

from __future__ import annotations

from functools import lru_cache

import re2

MAX_PATTERN_CHARS = 2000
"""A policy pattern is a phrase or a few alternatives; longer is a mistake or an attack (RE2
also caps the memory a compiled pattern may use, refusing what goes past it)."""


class PatternError(ValueError):
    """A policy pattern RE2 cannot compile; the message says why in RE2's words."""


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> re2._Regexp:
    """``pattern`` compiled case-insensitively for linear-time search; :class:`PatternError` if RE2
    refuses it (its syntax, a repeat over 1000, or over :data:`MAX_PATTERN_CHARS`)."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternError(f"is {len(pattern)} characters long; a pattern may have at most {MAX_PATTERN_CHARS}")
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except (re2.error, UnicodeEncodeError) as exc:  # a lone surrogate has no UTF-8 for RE2
        reason = exc.args[0] if isinstance(exc, re2.error) and exc.args else str(exc)
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise PatternError(f"{pattern!r} is not a pattern RE2 can match ({reason}); backreferences and lookaround "
                           "are not supported, see worlds/README.md") from None
