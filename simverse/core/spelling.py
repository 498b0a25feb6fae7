"""Ordinary English words: which are common, and what a misspelt one most likely means.

Both come from pyspellchecker's English frequency list (a well-kept library with the word
counts and edit-distance candidates this needs): :func:`is_common` keeps names from
swallowing everyday words ("great" is never "Greta"), :func:`spelled` is the correction the
dialogue brain uses for misspelt ordinary words.
"""

from __future__ import annotations

from functools import cache, lru_cache

COMMON_FREQUENCY = 1e-6
"""A word used more often than this (share of English text) is "common": it is matched
to a name only when spelt exactly like it, or nearly ("harbor" for "harbour")."""


@cache
def _speller():  # the library's own SpellChecker
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=2)


def noun_of(adjective: str) -> str | None:
    """The noun an adjective in -y is made from ("cheesy" -> "cheese", "nutty" -> "nut"), when
    that noun is the more used word ("happy" is no "hap"); else ``None``."""
    if len(adjective) < 5 or not adjective.endswith("y") or not adjective.isalpha():
        return None
    stem, used = adjective[:-1], _speller().word_usage_frequency
    best = max(sorted({stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else stem}), key=used)
    return best if used(best) > max(used(adjective), COMMON_FREQUENCY) else None


def is_common(word: str) -> bool:
    """Whether ``word`` (lower case) is an everyday English word."""
    return _speller().word_usage_frequency(word) > COMMON_FREQUENCY


@lru_cache(maxsize=1 << 16)
def spelled(word: str) -> str:
    """``word`` if known, else the known word within two edits it most likely means, else
    ``word``: the likeliest by how often each is used, a candidate that swaps back two
    letters side by side counting :data:`SWAP_ODDS` times (ties: the alphabetically first,
    so the result never depends on set order). Two common words run together ("skylit",
    "shopfront") are a word the speller lacks, not a slip two edits from another ("split").
    A word with its final "g" dropped is that word ("doin" is "doing", not the likelier "down")."""
    speller = _speller()
    if len(word) < 4 or not word.isalpha() or word in speller:
        return word
    if word.endswith("in") and word + "g" in speller:
        return word + "g"
    candidates = speller.candidates(word) or set()
    known = [c for c in candidates if c in speller]
    if not known or (_joined(word) and not any(_one_edit(word, c) for c in known)):
        return word
    return min(known, key=lambda c: (-speller.word_usage_frequency(c) * (SWAP_ODDS if _swapped(word, c) else 1), c))


SWAP_ODDS = 10.0
"""How much likelier two letters side by side swapped is than any other slip of one letter:
"wehre" is "where", not the more frequent "were"; "wasn" is still "was", not "wans"."""
_JOINED_PART = 3
"""Fewest letters of each word in a run-together pair ("a"+"lot" is a slip, not a compound)."""


def _joined(word: str) -> bool:
    """Whether ``word`` is two common words run together."""
    return any(is_common(word[:i]) and is_common(word[i:])
               for i in range(_JOINED_PART, len(word) - _JOINED_PART + 1))


def misspelt_one_of(word: str, words: frozenset[str]) -> str | None:
    """The one word of ``words`` that ``word`` (of four letters or more, and no everyday English
    word: "bake" is no slip for "lake", but "macro" may be for "marco") is one slip from ("ilza"
    for "ilsa"), or None. Of several,
    the one with two letters side by side swapped, where only one is ("hael" is "hale", not
    "hall": see :data:`SWAP_ODDS`)."""
    if len(word) < 4 or not word.isalpha() or is_common(word):
        return None
    near = _speller().edit_distance_1(word) & words
    if len(near) > 1:
        near = {n for n in near if _swapped(word, n)}
    return next(iter(near)) if len(near) == 1 else None


def _swapped(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with two letters side by side swapped."""
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b]
    return len(word) == len(other) and len(diff) == 2 and diff[1] == diff[0] + 1 \
        and word[diff[0]] == other[diff[1]] and word[diff[1]] == other[diff[0]]


def _one_edit(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with one letter added, dropped, changed, or two swapped."""
    return other in _speller().edit_distance_1(word)
