"""Question words that are not the word a line asks with: "when" that opens a clause which
only sets the time ("when you do a test, what score are you aiming for?" asks with "what"),
and "how about" or "what about" that suggests ("how about we try the inn")."""

from __future__ import annotations

from collections.abc import Sequence

from simverse.llm.dialogue.typed import WH

_SUBJECTS = frozenset({"you", "i", "we", "they", "he", "she", "it", "the", "your", "my", "our", "their"})


def after_when_clause(words: list[str]) -> str | None:
    """The question word after a clause that opens with "when" and its subject ("when you
    do a test, what..."), which only sets the time; None where "when" asks ("when do you...")."""
    at = words.index("when")
    if at + 1 >= len(words) or words[at + 1] not in _SUBJECTS:
        return None
    return next((w for w in words[at + 2:] if w in WH and w != "when"), None)


def suggests(words: Sequence[str]) -> bool:
    """"How about you get a line out", "what about we try the inn": a suggestion, not a
    question ("what about you, where are you from?" asks with "where")."""
    return len(words) == 4 and words[0] in ("how", "what") and words[1] == "about" and words[2] in ("you", "we") \
        and words[3] not in WH
