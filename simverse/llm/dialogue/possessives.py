"""Owners and what they own in a line ("Finn's father", "the dragon's favourite food"): what
a question about an owner asks. Contractions such as "it's" are no owners."""

from __future__ import annotations

import re

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


__all__ = ["possessives"]
