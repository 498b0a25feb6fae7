"""Find blocked words in a text: normalised spellings looked up whole, then spared by context.

The pipeline, one named step each:

1. :func:`~simverse.core.filter_text.words` splits the text at whitespace (spans kept);
2. :func:`_candidates` gives each word, each run of spread-out letters (``f u c k``) and each
   pair of short pieces (``sh it``) its spellings (see :mod:`~simverse.core.filter_text`);
3. :meth:`Lexicon.lookup` matches a spelling whole, or as an entry plus an inflection
   (``fuckers``, ``shitty``), or as a compound of a vulgar stem (``shithead``); phrases
   (``hijo de puta``) match word by word. Matching is whole-word, so ``class``, ``Scunthorpe``
   and ``cocktail`` never match;
4. :func:`_spared` lets a match go when the text shows an innocent use: a sense word for a
   word with an innocent sense (a bitch *whelps*), a name (``Dick Whittington``, ``General
   Hooker``, ``William the Bastard``), a place (``the village of ...``), or a mention (``the
   word "..."``, an essay titled ``"..."``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from simverse.core.filter_lexicon import (
    COMPOUND_STEMS,
    INFLECTIONS,
    MENTION_CUES,
    PLACE_CUES,
    SENSES,
)
from simverse.core.filter_text import Word, fold, parts, spellings, words
from simverse.core.memo import Memo

TITLES = frozenset(("general", "lord", "sir", "count", "duke", "king", "queen", "mr", "mrs", "ms", "dr", "saint",
                    "st", "captain", "admiral", "prince", "princess", "lady", "earl", "baron", "colonel", "major",
                    "bishop", "father", "uncle", "aunt", "professor", "judge", "senator", "president"))
QUOTES = "\"“”«»„'‘’"


@dataclass(frozen=True)
class Match:
    """A blocked entry found in the text, and the words (indices) it covers."""

    entry: str
    first: int
    last: int
    compound: bool = False


class Lexicon:
    """Folded entries, with the lookups the matcher needs."""

    def __init__(self, entries: frozenset[str]) -> None:
        self.words = frozenset(e for e in entries if " " not in e)
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for entry in entries:
            if " " in entry:
                first, *rest = entry.split(" ")
                self.phrases.setdefault(first, []).append((first, *rest))
        self.by_length: dict[int, list[str]] = {}
        for word in self.words:
            self.by_length.setdefault(len(word), []).append(word)
        self.stems = tuple(s for s in (fold(x) for x in COMPOUND_STEMS) if s)
        self.chunk_hits: Memo[str, tuple[tuple[str, bool], ...]] = Memo(self._chunk_hits)
        """The hits of one chunk of text, by the chunk as written: talk repeats its words."""
        self.joined_hit: Memo[str, tuple[str, bool] | None] = Memo(self._joined_hit)
        """The whole-entry hit of two short pieces joined (``sh`` + ``it``): "at the", "to a"
        and their like are met in nearly every line."""

    def _joined_hit(self, joined: str) -> tuple[str, bool] | None:
        return next((h for s, _ in spellings(joined) if (h := self.lookup(s, whole_only=True))), None)

    def _chunk_hits(self, raw: str) -> tuple[tuple[str, bool], ...]:
        """``(entry, is_compound)`` for the chunk as a whole, else for each of its pieces."""
        for spelling, held in spellings(raw):
            hit = self.lookup(spelling, whole_only=held)
            if hit:
                return (hit,)
        return tuple(_piece_hits(raw, self))

    def lookup(self, spelling: str, whole_only: bool = False) -> tuple[str, bool] | None:
        """``(entry, is_compound)`` for a spelling, or None."""
        if "." in spelling:
            return self._wildcard(spelling)
        if spelling in self.words:
            return spelling, False
        if whole_only or len(spelling) < 3:
            return None
        for suffix in INFLECTIONS:
            base = spelling[: -len(suffix)]
            if spelling.endswith(suffix) and len(base) >= (5 if suffix == "r" else 3):
                for candidate in (base, base[:-1] if len(base) > 3 and base[-1] == base[-2] else ""):
                    if candidate in self.words:
                        return candidate, False
        for stem in self.stems:
            if len(spelling) > len(stem) and (spelling.startswith(stem) or _ends_with(spelling, stem)):
                return stem, True
        return None

    def _wildcard(self, spelling: str) -> tuple[str, bool] | None:
        letters = spelling.replace(".", "")
        if len(letters) < 2 or len(letters) < len(spelling) / 2:
            return None
        pattern = re.compile(re.escape(spelling).replace(r"\.", "[a-z]"))
        for word in self.by_length.get(len(spelling), []):
            if pattern.fullmatch(word):
                return word, False
        return None


def find(text: str, lexicon: Lexicon) -> list[Match]:
    """Every blocked entry in ``text`` that its context does not spare."""
    chunks = words(text)
    folded = [fold(w.bare) for w in chunks]
    candidates = _candidates(chunks, folded, lexicon)
    if not candidates:  # nearly every line: no context to gather for sparing
        return []
    context = {f for f in folded if f} | {p for w in chunks for p in parts(w.raw)}
    return _distinct([m for m in candidates if not _spared(m, chunks, folded, context)])


def _candidates(chunks: list[Word], folded: list[str], lexicon: Lexicon) -> list[Match]:
    out: list[Match] = []
    phrases = lexicon.phrases
    for i, chunk in enumerate(chunks):
        if hits := lexicon.chunk_hits(chunk.raw):  # nearly every chunk has none: no generator to make
            out.extend(Match(entry, i, i, compound) for entry, compound in hits)
        if folded[i] in phrases:
            out.extend(_phrase_matches(folded, i, lexicon))
    out.extend(_spread_out(chunks, folded, lexicon))
    return out


def _piece_hits(raw: str, lexicon: Lexicon) -> list[tuple[str, bool]]:
    """Pieces of a hyphenated or run-together chunk (``Moby-Dick``, ``you,fucker``)."""
    out = []
    for piece in parts(raw):
        if len(piece) < 4:
            continue
        for spelling, held in spellings(piece):
            hit = lexicon.lookup(spelling, whole_only=held)
            if hit:
                out.append(hit)
                break
    return out


def _phrase_matches(folded: list[str], i: int, lexicon: Lexicon) -> list[Match]:
    out = []
    for phrase in lexicon.phrases.get(folded[i], []):
        if tuple(folded[i: i + len(phrase)]) == phrase:
            out.append(Match(" ".join(phrase), i, i + len(phrase) - 1))
    return out


def _spread_out(chunks: list[Word], folded: list[str], lexicon: Lexicon) -> list[Match]:
    """Runs of single letters (``f u c k``) and pairs of short pieces (``sh it``), joined."""
    out: list[Match] = []
    i = 0
    while i < len(chunks):
        j = i
        while j < len(chunks) and len(chunks[j].bare) == 1:
            j += 1
        if j - i >= 3:
            out.extend(_joined_run(chunks, i, j, lexicon))
        i = max(j, i + 1)
    for i in range(len(chunks) - 1):
        a, b = chunks[i].bare, chunks[i + 1].bare
        if 1 <= len(a) <= 3 and 1 <= len(b) <= 3:
            hit = lexicon.joined_hit(a + b)
            if hit and hit[0] not in (folded[i], folded[i + 1]):
                out.append(Match(hit[0], i, i + 1))
    return out


def _joined_run(chunks: list[Word], i: int, j: int, lexicon: Lexicon) -> list[Match]:
    """The longest stretch of a run of single letters that spells an entry (``a f u c k``)."""
    for length in range(min(j - i, 24), 2, -1):
        for start in range(i, j - length + 1):
            joined = "".join(c.bare for c in chunks[start: start + length])
            hit = next((h for s, held in spellings(joined) if (h := lexicon.lookup(s, whole_only=held))), None)
            if hit:
                return [Match(hit[0], start, start + length - 1, hit[1])]
    return []


def _spared(match: Match, chunks: list[Word], folded: list[str], context: set[str]) -> bool:
    """Whether the text shows an innocent use of the match (see the module docstring)."""
    i = match.first
    cues = SENSES.get(match.entry)
    if cues is not None and (cues & context or _is_name(i, chunks, folded)):
        return True
    if match.compound and chunks[i].capitalised and not chunks[i].opens_sentence:
        return True
    return _in_place_frame(i, chunks, folded) or _is_mention(i, chunks, folded)


def _is_name(i: int, chunks: list[Word], folded: list[str]) -> bool:
    """A capitalised word next to another name, after a title, or a ``Name the Word`` epithet."""
    if not chunks[i].capitalised:
        return False
    if i > 0 and folded[i - 1] in TITLES:
        return True
    if i > 1 and folded[i - 1] == "the" and chunks[i - 2].capitalised:
        return True
    for j in (i - 1, i + 1):
        if 0 <= j < len(chunks) and chunks[j].capitalised and not chunks[j].opens_sentence and j != i:
            return True
    return False


def _in_place_frame(i: int, chunks: list[Word], folded: list[str]) -> bool:
    """``the village of X`` (and town, city, ...), with X written as a name."""
    return chunks[i].capitalised and i > 1 and folded[i - 1] in ("of", "de", "di") and folded[i - 2] in PLACE_CUES


def _is_mention(i: int, chunks: list[Word], folded: list[str]) -> bool:
    """The word is quoted right after a word that introduces a mention (``the word "..."``)."""
    opening = _quote_start(i, chunks)
    if opening is None:
        return False
    return any(f in MENTION_CUES for f in folded[max(0, opening - 3): opening])


def _quote_start(i: int, chunks: list[Word]) -> int | None:
    """The index of the word that opens the quotation holding word ``i`` (None if unquoted)."""
    for j in range(i, max(-1, i - 8), -1):
        raw = chunks[j].raw
        if raw[0] in QUOTES:
            return j
        if j != i and raw[-1] in QUOTES:
            return None
    return None


def _distinct(found: list[Match]) -> list[Match]:
    seen, out = set(), []
    for match in found:
        key = (match.entry, match.first)
        if key not in seen:
            seen.add(key)
            out.append(match)
    return out


def _ends_with(spelling: str, stem: str) -> bool:
    if spelling.endswith(stem):
        return True
    return any(spelling.endswith(stem + suffix) for suffix in INFLECTIONS if len(suffix) <= 4)


@lru_cache(maxsize=8)
def lexicon_for(entries: frozenset[str]) -> Lexicon:
    """One :class:`Lexicon` per entry set (filters with the same words share it)."""
    return Lexicon(entries)
