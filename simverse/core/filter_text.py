"""Text as the content filter reads it: one normalised set of spellings per word.

People who want a word past a filter disguise its spelling; this module undoes the usual
disguises before any word is looked up, so the lexicon holds each word once:

* Unicode NFKC (full-width ``ｆｕｃｋ`` -> ``fuck``, ligatures), case folding, accents dropped
  (the lexicon gets the same treatment, so ``scheiße`` and ``enculé`` still match);
* zero-width and other invisible format characters removed (``f\u200buck``);
* homoglyphs mapped to the Latin letter they imitate (Cyrillic ``ѕһіt``, Greek ``Fυck``),
  from Unicode's confusables table as packaged by ``confusable_homoglyphs``;
* leetspeak (``sh1t``, ``@ss``, ``$hit``, ``b!tch``), and ``*``/``#`` as a hidden letter (``f*ck``);
* letters spread out (``f u c k``, ``s.h.i.t``, ``f_u_c_k``, ``sh it``) joined again;
* letters held (``fuuuuck``, ``shiiit``) shortened.

:func:`words` splits a text into :class:`Word` objects (span in the original text, the
capitalisation a name has, whether it opens a sentence) and :func:`spellings` gives the
candidate spellings of one word, most literal first.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from confusable_homoglyphs import utils as confusable_data

INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
LEET = {"0": "o", "1": "i", "!": "i", "|": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s",
        "7": "t", "+": "t", "8": "b", "9": "g", "€": "e", "(": "c", "¢": "c", "£": "l", "¥": "y", "6": "b"}
LEET_ALTERNATIVES = {"1": "l", "|": "l", "6": "g"}
HIDDEN_LETTER = "*#%"
LOOKALIKES = {"к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "п": "n", "г": "r", "ш": "w", "ь": "b",
              "κ": "k", "ν": "v", "τ": "t", "ι": "i", "ρ": "p", "μ": "u", "ω": "w", "η": "n", "υ": "u"}
"""Letters that pass for Latin in small print but that Unicode's table does not pair with one;
used only inside a word that also has Latin letters."""
EDGE_PUNCTUATION = "\"'`«»“”‘’„‚.,;:?!()[]{}<>…–—-_~/\\*#%="
SENTENCE_END = re.compile(r"[.!?:;…]['\"”’»)\]]*$")
MAX_VARIANTS = 16


class Word(NamedTuple):
    """One whitespace-separated chunk of the original text (a named tuple: every line
    screened makes one per chunk, and a frozen dataclass is slow to build)."""

    start: int
    end: int
    raw: str
    capitalised: bool
    opens_sentence: bool
    bare: str
    """The chunk without the punctuation around it (leet symbols kept)."""


def words(text: str) -> list[Word]:
    """The chunks of ``text`` (split at whitespace), with what a name looks like."""
    cleaned = INVISIBLE.sub(lambda m: "\x00" * len(m.group(0)), text)  # keep offsets; \x00 is dropped later
    out: list[Word] = []
    opens = True
    for match in _CHUNK.finditer(cleaned):
        raw = match.group(0).replace("\x00", "")
        if not raw:
            continue
        bare, capitalised, closes = _chunk_look(raw)
        out.append(Word(match.start(), match.end(), raw, capitalised, opens, bare))
        opens = closes
    return out


_CHUNK = re.compile(r"\S+")


@lru_cache(maxsize=1 << 16)
def _chunk_look(raw: str) -> tuple[str, bool, bool]:
    """A chunk's bare word, whether it is written as a name, and whether the next chunk opens
    a sentence (kept per chunk: the filter screens every line said, and talk repeats its words)."""
    bare = strip_edges(raw)
    return bare, _capitalised(bare), bool(SENTENCE_END.search(raw)) or raw in "\"“«"


def _capitalised(bare: str) -> bool:
    """Whether a word is written as a name is: an upper-case first letter, some lower-case
    letters after it ("Dick", not "DICK" or "d")."""
    if bare.isascii() and bare.isalpha():  # the usual word, without building a list of its letters
        return len(bare) > 1 and bare[0].isupper() and not bare[1:].isupper()
    letters = [c for c in bare if c.isalpha()]
    return len(letters) > 1 and letters[0].isupper() and any(c.islower() for c in letters[1:])


def strip_edges(raw: str) -> str:
    """Drop quotes and punctuation around a chunk, keeping symbols that stand for letters."""
    start, end = 0, len(raw)
    while start < end and raw[start] in EDGE_PUNCTUATION and raw[start] not in "(|":
        start += 1
    while end > start and raw[end - 1] in EDGE_PUNCTUATION:
        end -= 1
    return raw[start:end]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """NFKC, case-folded, invisible characters and accents removed, homoglyphs mapped to Latin
    (kept per text: the filter folds every word of every line it screens)."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    if any(ord(c) > 127 for c in text):
        letters = [c for c in text if c.isalpha()]
        table = _homoglyphs()
        if any(c.isascii() for c in letters):  # Latin with look-alikes mixed in
            text = "".join(table.get(c, LOOKALIKES.get(c, c)) for c in text)
        elif all(c in table for c in letters):  # nothing but look-alikes (not a word of that script)
            text = "".join(table.get(c, c) for c in text)
    return text


def fold_entry(entry: str) -> str:
    """A lexicon entry as :func:`fold` writes words (homoglyphs left alone: entries are honest)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", entry).casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def spellings(raw: str) -> list[tuple[str, bool]]:
    """Candidate spellings of one chunk, each with whether it shortened held letters: as
    written, de-leeted, with hidden letters as ``.`` (a regex wildcard), inner separators
    removed, held letters shortened (those only ever match a whole entry)."""
    folded = fold(strip_edges(raw))
    if not folded:
        return []
    out = [folded]
    if 2 * sum(c.isalpha() for c in folded) >= len(folded):  # mostly letters: symbols may stand for some
        out.extend(_deleet(folded))
    joined = [re.sub(r"[.\-_'’,:;~/\\]+", "", s) for s in out]
    out.extend(j for j in joined if len(j) > 1)
    held = [v for s in out for v in _shorten_held(s)]
    plain = list(dict.fromkeys(s for s in out if s))[:2 * MAX_VARIANTS]
    return [(s, False) for s in plain] + [(s, True) for s in dict.fromkeys(held) if s not in plain][:MAX_VARIANTS]


@lru_cache(maxsize=1 << 16)
def parts(raw: str) -> tuple[str, ...]:
    """The pieces of a chunk joined by hyphens or other punctuation (``Moby-Dick``; kept
    per chunk, as talk repeats its words)."""
    folded = fold(strip_edges(raw))
    return tuple(p for p in _PIECE_BREAK.split(folded) if p and p != folded)


_PIECE_BREAK = re.compile(r"[^\w*#$@!|]+")


def _deleet(text: str) -> list[str]:
    options = []
    for char in text:
        choices = [LEET.get(char, char)]
        if char in LEET_ALTERNATIVES:
            choices.append(LEET_ALTERNATIVES[char])
        if char in HIDDEN_LETTER:
            choices = ["."]
        options.append(choices)
    variants = ("".join(v) for v in itertools.islice(itertools.product(*options), MAX_VARIANTS))
    return [v for v in variants if v != text]


def _shorten_held(text: str) -> list[str]:
    """Runs of one letter: three or more become one or two, a pair becomes one."""
    runs = [(m.group(0)[0], len(m.group(0))) for m in re.finditer(r"(.)\1*", text)]
    if all(n == 1 for _, n in runs):
        return []
    options = [[c, c * 2] if n >= 3 else [c * 2, c] if n == 2 else [c] for c, n in runs]
    return ["".join(v) for v in itertools.islice(itertools.product(*options), MAX_VARIANTS)]


@lru_cache(maxsize=1)
def _homoglyphs() -> dict[str, str]:
    """Unicode's confusables that imitate a Latin letter, as ``char -> letter``."""
    table: dict[str, str] = {}
    for char, entries in confusable_data.load("confusables.json").items():
        if len(char) != 1 or char.isascii():
            continue
        for entry in entries:
            glyph = entry.get("c", "")
            if len(glyph) == 1 and glyph.isascii() and glyph.isalpha():
                table[char] = glyph.lower()
                break
    return table
