"""The content filter on a labelled set: bypasses caught, innocent lines spared.

``content_filter_set.jsonl`` holds bypass attempts (leetspeak, spacing, homoglyphs,
full-width, zero-width, inflections, compounds, held letters, ten languages) and innocent
lines (place names, titles, dog breeding, animals, quotation, substrings, other languages).
The goal of issue 16: >= 90% of bypasses caught with <= 5% of innocent lines flagged.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from simverse.core.content_filter import ContentFilter

SET = Path(__file__).with_name("content_filter_set.jsonl")
ROWS = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def screen() -> ContentFilter:
    return ContentFilter()


def _blocked(screen: ContentFilter, text: str) -> bool:
    return not screen.screen(text, "test").allowed


def test_the_labelled_set_has_bypasses_and_innocent_lines_in_several_languages():
    assert len(ROWS) >= 60
    assert {r["label"] for r in ROWS} == {"block", "allow"}
    assert len({r["lang"] for r in ROWS if r["label"] == "block"}) >= 8
    assert len({r["lang"] for r in ROWS if r["label"] == "allow"}) >= 8


def test_catches_at_least_90_percent_of_bypasses(screen):
    bad = [r for r in ROWS if r["label"] == "block"]
    missed = [r["text"] for r in bad if not _blocked(screen, r["text"])]
    assert 1 - len(missed) / len(bad) >= 0.90, missed


def test_flags_at_most_5_percent_of_innocent_lines(screen):
    good = [r for r in ROWS if r["label"] == "allow"]
    flagged = [r["text"] for r in good if _blocked(screen, r["text"])]
    assert len(flagged) / len(good) <= 0.05, flagged


@pytest.mark.parametrize("kind", sorted({r["kind"] for r in ROWS if r["label"] == "block"}))
def test_every_kind_of_bypass_is_caught_mostly(screen, kind):
    rows = [r for r in ROWS if r["kind"] == kind and r["label"] == "block"]
    caught = sum(_blocked(screen, r["text"]) for r in rows)
    assert caught >= 0.75 * len(rows), [r["text"] for r in rows if not _blocked(screen, r["text"])]


HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "i": "і", "s": "ѕ", "h": "һ", "k": "к"}
LEET = {"a": "@", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"}


def _disguise(word: str, how: str, rng: random.Random) -> str:
    spots = list(range(1, len(word) - 1)) or [0]
    i = rng.choice(spots)
    if how == "leet":
        options = [j for j, c in enumerate(word) if c in LEET] or [i]
        j = rng.choice(options)
        return word[:j] + LEET.get(word[j], word[j]) + word[j + 1:]
    if how == "hidden":
        return word[:i] + "*" + word[i + 1:]
    if how == "spread":
        return rng.choice(" .-_").join(word)
    if how == "homoglyph":
        options = [j for j, c in enumerate(word) if c in HOMOGLYPHS] or [i]
        j = rng.choice(options)
        return word[:j] + HOMOGLYPHS.get(word[j], word[j]) + word[j + 1:]
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in word)
    if how == "zero-width":
        return word[:i] + rng.choice("\u200b\u200c\u200d\u2060\ufeff") + word[i:]
    if how == "held":
        return word[:i] + word[i] * rng.randint(3, 6) + word[i + 1:]
    return "".join(c.upper() if rng.random() < 0.5 else c for c in word)


def test_seeded_disguises_of_blocked_words_are_caught(screen):
    """Disguises generated at random (seeded) over words the filter blocks plainly."""
    rng = random.Random(16)
    words = ["wanker", "twat", "arsehole", "bollocks", "motherfucker", "shithead", "slut", "scheisse", "cazzo",
             "kurwa", "connard", "caralho", "klootzak", "gilipollas", "prick", "dickhead"]
    ways = ["leet", "hidden", "spread", "homoglyph", "fullwidth", "zero-width", "held", "case"]
    lines = [f"Listen, {_disguise(w, how, rng)}, get off my boat." for w in words for how in ways]
    assert all(_blocked(screen, f"Listen, {w}, get off my boat.") for w in words)
    missed = [line for line in lines if not _blocked(screen, line)]
    assert len(missed) <= 0.05 * len(lines), missed


def test_the_reason_names_blocked_words_masked(screen):
    result = screen.screen("What the fuck", "test")
    assert not result.allowed
    assert "f**k" in result.reason and "fuck" not in result.reason


def test_ordinary_words_that_the_library_lists_pass(screen):
    for text in ("The escort ship waited off the cape.", "Con un martillo y una regina.", "Hoe the rows of beans.",
                 "The eunuch served the emperor.", "Pas de veuve ici, merci."):
        assert not _blocked(screen, text), text
