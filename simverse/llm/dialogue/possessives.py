"""Owners and what they own in a line ("Finn's father", "the dragon's favourite food"): what
a question about an owner asks. Contractions such as "it's" are no owners."""

from __future__ import annotations

import re
from collections.abc import Sequence

from simverse.core.names import FUNCTION_WORDS, same_root, word_forms, word_set
from simverse.llm.dialogue.typed import CONTRACTIONS

_POSSESSIVE = re.compile(r"\b([a-z][a-z-]*)(?:'s|(?<=s)')\s")
_NEXT_WORDS = re.compile(r"[a-z]+")
_NOT_OWNERS = frozenset({"it", "that", "there", "what", "where", "who", "how", "when", "he", "she", "let", "here",
                         "this", "everyone", "one", "which", "why", "whose", "someone", "somebody", "anyone",
                         "anybody", "nobody", "everybody", "something", "nothing", "everything"})
_NOT_OWNED = frozenset({"a", "an", "the", "and", "or", "is", "are", "was", "to", "of", "in", "on", "at", "for",
                        "with", "that", "this", "new", "old", "own", "been", "got", "going", "not", "so", "very"})


def possessives(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Owners and what they own, from "X's Y [Z]" (contractions such as "it's" are not
    owners): at most two words after each owner, up to the first function word."""
    owners: list[str] = []
    owned: list[str] = []
    for match in _POSSESSIVE.finditer(raw):
        owner = match.group(1)
        if owner in _NOT_OWNERS or f"{owner}'s" in CONTRACTIONS:
            continue
        owners.append(owner)
        for word in _NEXT_WORDS.findall(raw[match.end():])[:2]:
            if word in _NOT_OWNED:
                break
            owned.append(word)
    return tuple(owners), tuple(owned)


def yours(words: tuple[str, ...]) -> frozenset[str]:
    """The word forms of what the one spoken to is said to own ("your refund" -> refund,
    refunds): the word after each "your"."""
    return frozenset(f for i, w in enumerate(words[:-1]) if w == "your" for f in word_forms(words[i + 1]))


def own_goal_named(words: tuple[str, ...], goals: Sequence[str], npc: str) -> bool:
    """Whether the line asks about something of the NPC's own ("what about your refund?",
    "tell me about your refund") that one of its goals names ("get a 300 coin refund
    today"), and about nothing else of it ("what batch number is on your kettle?" asks a
    number)."""
    owned = yours(words) - FUNCTION_WORDS
    if not owned or owned & _IDIOMS:
        return False
    asked = {w for w in words if w not in FUNCTION_WORDS and w not in _ABOUT_IT and w != npc.lower()}
    return not asked - {w for w in words if w in owned} and any(
        same_root(a, b) for g in goals for b in word_forms(g) for a in owned)


_ABOUT_IT = word_set("tell about details detail know hear more story news going how what please")
"""Words that ask about a thing without asking one detail of it."""
_IDIOMS = word_set("back way best mind time eye eyes hand hands head heart word own life day")
"""Nouns of "your" idioms ("get your back up", "on your mind"): no thing of the NPC's."""


__all__ = ["own_goal_named", "possessives", "yours"]
