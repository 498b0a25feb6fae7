"""What follows from a world's names alone, worked out once per world rather than per line.

A reply reads the world's people (their roles, what they are known as) for many a line; at
10,000 NPCs going over all of them for every line heard was ~15% of a step. A world's
:class:`~simverse.core.names.NameIndex` never changes once built, so what is derived from
it alone stays right for as long as it is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from simverse.core.decisions import NameView
from simverse.core.memo import kept_for
from simverse.core.names import FUNCTION_WORDS, NameIndex, word_forms

T = TypeVar("T")


def from_names(names: Mapping[str, NameView], kind: str, build: Callable[[], T]) -> T:
    """``build()`` once per :class:`NameIndex` and ``kind``. A plain mapping (a request may
    carry one) may change, so it is worked out anew."""
    return kept_for(names, kind, build) if isinstance(names, NameIndex) else build()


def people_words(names: Mapping[str, NameView]) -> frozenset[str]:
    """The word forms of the names of the world's people ("ine" of "Ines", as
    :func:`~simverse.core.names.word_forms` spells them)."""
    return from_names(names, "people words", lambda: frozenset(
        w for view in names.values() if view.kind == "npc" for w in word_forms(view.name)))


def place_words(names: Mapping[str, NameView]) -> frozenset[str]:
    """The word forms of the names and aliases of the world's places ("quay", "harbour",
    "gallery"): where, not who or what."""
    return from_names(names, "place words", lambda: frozenset(
        w for view in names.values() if view.kind == "place" for phrase in (view.name, *view.aliases)
        for w in word_forms(phrase)))


def item_names(names: Mapping[str, NameView]) -> dict[str, str]:
    """Each of the world's things and its name in lower case, as a description is compared
    with it. Shared, so not to be changed by the caller."""
    return from_names(names, "item names", lambda: {
        entity: view.name.lower() for entity, view in names.items() if view.kind == "item"})


def thing_heads(names: Mapping[str, NameView]) -> frozenset[str]:
    """The head word of each name and alias of the world's things, its last word before any
    "of" or "with" ("kettle" of "recalled Brightline kettle", "slot" of "slot with the
    doctor"): a line that says one speaks of a thing, even of one it does not pick out."""
    return from_names(names, "thing heads", lambda: frozenset(
        head_word(phrase) for view in names.values() if view.kind == "item" for phrase in (view.name, *view.aliases)
        if head_word(phrase)))


def head_word(phrase: str) -> str:
    """A name's head word: its last before any "of" or "with" (:func:`thing_heads`)."""
    words = word_forms(phrase.split(":")[0].split("(")[0])  # "leaflet: 'Feeling dizzy? ...'"
    cut = next((i for i, w in enumerate(words) if i and w in FUNCTION_WORDS), len(words))
    return words[cut - 1] if words else ""
