"""The world's names, and finding them in what people say.

A player writes "where's pieters ledger", "the festivl fund" or "herrings"; the world says
``Pieter``, ``festival_fund`` and ``fish`` ("fresh herring"). :class:`NameIndex` maps the
words of a line to the ids of the world's NPCs, places, items and concepts:

* case-, possessive- and plural-tolerant: every word goes through :func:`word_forms`
  (lower case, ``'s`` dropped, a plain plural made singular), on both sides;
* typo-tolerant: a word that is not a common English word (so "great" never becomes
  "Greta") is compared with the names by RapidFuzz's normalised Indel similarity, and
  a multi-word name with the same number of words in the line;
* longest name first: "Mara's Bakery" is the bakery, not Mara.

Common words come from pyspellchecker's English frequency list (:mod:`.spelling`, which
also corrects misspelt ordinary words for the dialogue brain). Both libraries are well kept
and small; RapidFuzz is C++ and fast enough to run on every line of a step.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from simverse.core.decisions import NameView
from simverse.core.memo import Memo
from simverse.core.spelling import is_common

FUZZY_CUTOFF = 80.0
COMMON_CUTOFF = 90.0


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` (split on white space): word lists written as one string."""
    return frozenset(text.split())


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
ROLE_NOUNS = word_set(
    """
    baker fisherman fisher merchant trader keeper priest father mayor vendor sailor apprentice guide
    guard restorer director student teacher schoolteacher journalist agent manager customer plumber
    nurse doctor receptionist assistant advisor adviser pharmacist driver runner parent elder knight
    rogue bard shepherd hermit herbalist innkeeper barkeep landlord landlady smith blacksmith farmer
    miller hunter soldier captain sheriff judge clerk scholar monk nun abbot chef cook waiter
    waitress servant maid butler gardener carpenter mason tailor weaver potter healer witch wizard
    mage king queen prince princess lord lady noble thief pirate smuggler musician singer painter
    artist poet writer curator visitor tourist boy girl child kid joker lawyer officer
    porter courier messenger ranger warden watchman janitor librarian principal headmaster
    """)
"""Words that say what a person is; the first of them in a persona names the NPC."""
FUNCTION_WORDS = word_set(
    "the a an of to in on at and or but is are was were be been being am it its this that these those you your "
    "yours i me my mine we us our he him his she her they them their what who whom whose where when why how "
    "which do does did done have has had can could would will shall should may might must about any some all "
    "there here for with from by as if so not no yes too very just also than then"
)
"""Words that carry no topic: left out when lines and beliefs are compared word by word."""
HANDING_WORDS = word_set("sell serve give hand pour trade offer fetch bring dispense")
"""Words of an action that passes something to the one who asks for it."""
_KEEP_S = word_set("news always perhaps series species yes this his is was has does its us thus plus bus gas")
NAME_STOP = word_set(
    "a an the of and or in on at to for with my your his her our their its this that me you it is are "
    "old new one two big little small good")
"""Words never used on their own as a name (they stay parts of longer names)."""


def singular(word: str) -> str:
    """A plain English plural made singular (``loaves`` -> ``loaf``, ``herrings`` ->
    ``herring``); names ending in ``-as``/``-us``/``-is`` (Tomas, Jonas) stay as they are."""
    if len(word) <= 3 or word in _KEEP_S or not word.endswith("s") or word[-2] in "suia'":
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ves") and len(word) > 4:
        return word[:-3] + "f"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    return word[:-1]


def verb_forms(word: str) -> set[str]:
    """A word and the plain verbs it may inflect (``fishing`` -> fish, ``baking`` ->
    bake, ``prayed`` -> pray), so "go fishing" names the action ``fish``."""
    forms = {word}
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        forms |= {stem, stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
    elif (word.endswith("ed") and len(word) > 4) or (word.endswith("er") and len(word) > 5):
        forms |= {word[:-2], word[:-1]}
    return forms


def same_root(a: str, b: str) -> bool:
    """Whether two words share a root: equal, or the same first five letters or more of
    words at least six long ("festivities" / "festival", "robbed" / "robbery")."""
    if a == b:
        return True
    n = min(len(a), len(b))
    return n >= 5 and max(len(a), len(b)) >= 6 and a[:max(5, n - 2)] == b[:max(5, n - 2)]


def word_forms(text: str) -> list[str]:
    """The words of ``text`` as names are compared: lower case, ``'s`` dropped, singular."""
    return list(_word_forms(text))


def and_listed(words: Iterable[str]) -> str:
    """Words as a sentence lists them: "a", "a and b", "a, b and c"."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@lru_cache(maxsize=1 << 16)
def word_form_set(text: str) -> frozenset[str]:
    """The set of :func:`word_forms`, kept per text: a belief's words are compared with
    every line heard about it."""
    return frozenset(_word_forms(text))


@lru_cache(maxsize=1 << 16)
def _word_forms(text: str) -> tuple[str, ...]:
    """:func:`word_forms`, kept per text: world talk asks for the same texts' words often."""
    plain = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    out = []
    for raw in _WORD.findall(plain.lower().replace("_", " ")):
        word = raw.split("'")[0] if raw.endswith(("'s", "'")) else raw.replace("'", "")
        out.append(singular(word))
    return tuple(out)


class NameIndex(Mapping[str, NameView]):
    """The names of one world by id, ready to be found in text. Build once per world."""

    def __init__(self, views: Iterable[NameView]) -> None:
        self.views: dict[str, NameView] = {v.id: v for v in views}
        self._exact: dict[tuple[str, ...], set[str]] = {}
        for view in self.views.values():
            for alias in _aliases(view):
                self._exact.setdefault(alias, set()).add(view.id)
        self._longest = max((len(a) for a in self._exact), default=1)
        self._firsts = frozenset(a[0] for a in self._exact if a)
        """First words of the names: a word that starts none starts no exact match."""
        self.words: frozenset[str] = frozenset(w for alias in self._exact for w in alias)
        """Every word of every name, as :func:`word_forms` writes it."""
        self._fuzzy: dict[tuple[int, str], list[tuple[str, set[str]]]] = {}
        """Aliases a misspelling may mean, by (number of words, first letter): what a
        typo keeps, so a window is compared with a few aliases, not every name."""
        for alias, ids in self._exact.items():
            if sum(len(w) for w in alias) >= 4:
                self._fuzzy.setdefault((len(alias), alias[0][0]), []).append((" ".join(alias), ids))
        self._fuzzy_match: Memo[tuple[str, ...], frozenset[str]] = Memo(self._closest_names)
        """Fuzzy matches by window: the same words come back line after line."""
        self._found: Memo[str, tuple[str, ...]] = Memo(self._find)
        """Names by text: lines, goals and fact texts come back request after request (the
        tables above are built here and never change, so a kept result stays right)."""
        named = {a for view in self.views.values() for a in _aliases(view, heads=False)}
        self._heads = {a for view in self.views.values() for a in _head_aliases(view) if a not in named}
        """One-word aliases that are only a head word of a name ("station" of "Nurse Station")."""

    def __getitem__(self, entity: str) -> NameView:
        return self.views[entity]

    def __iter__(self) -> Iterator[str]:
        return iter(self.views)

    def __contains__(self, entity: object) -> bool:
        return entity in self.views

    def __len__(self) -> int:
        return len(self.views)

    def name(self, entity: str) -> str:
        """How talk writes the entity: its name, else its id with spaces."""
        view = self.views.get(entity)
        return view.name if view else entity.replace("_", " ")

    def find(self, text: str) -> list[str]:
        """Ids of the names ``text`` uses, in order of first use (longest match first; a word
        that fits two names equally gives both; "light house" is "lighthouse"). A name right
        before another modifies it ("the watchtower key"): the last of such a run comes first.

        Kept per the text in lower case where it is ASCII (finding reads only lower-cased
        words and punctuation), so a line and its lower-cased copy, which the reply looks
        for names in again, are found once."""
        return list(self._found(text.lower() if text.isascii() else text))

    def _find(self, text: str) -> tuple[str, ...]:
        """:meth:`find`, computed."""
        words = word_forms(text)
        ends: set[int] | None = None  # computed only when a lone head word is met
        spans: list[tuple[int, int, list[str]]] = []
        i = 0
        while i < len(words):
            size, ids = self._match_at(words, i)
            if ids and size == 1 and (words[i],) in self._heads:
                ends = _clause_ends(text) if ends is None else ends
                if self._other_compound(words, i, ends):
                    ids = set()  # "the train station" is not the Nurse Station, "the post office" no trading post
            if ids:
                spans.append((i, i + size, sorted(ids)))
            i += max(size, 1)
        ordered: list[str] = []
        run: list[list[str]] = []
        for n, (_, end, ids) in enumerate(spans):
            run.append(ids)
            if n + 1 < len(spans) and spans[n + 1][0] == end:
                continue
            for group in reversed(run):
                ordered += [e for e in group if e not in ordered]
            run = []
        return tuple(ordered)

    def _other_compound(self, words: list[str], i: int, ends: set[int]) -> bool:
        """Whether the head word at ``i`` is part of another noun phrase: a noun before it
        that is no word of the world's names ("train station"), or one after it that ends
        the clause ("the post office?") in a line with no auxiliary that would make it a
        verb ("what does the bakery sell?")."""
        before = words[i - 1] if i else ""
        if before and i - 1 not in ends and _noun_like(before) and before not in self.words:
            return True
        after = words[i + 1] if i + 1 < len(words) else ""
        if not after or i in ends or i + 1 not in ends or after in self.words or not _noun_like(after):
            return False
        start = max((e + 1 for e in ends if e < i), default=0)
        return not set(words[start:i]) & _AUXILIARIES

    def _match_at(self, words: list[str], i: int) -> tuple[int, AbstractSet[str]]:
        longest = min(self._longest, len(words) - i)
        if words[i] in self._firsts:
            for size in range(longest, 0, -1):
                ids = self._exact.get(tuple(words[i:i + size]))
                if ids:
                    return size, ids
        if i + 1 < len(words) and (ids := self._exact.get((words[i] + words[i + 1],))):
            return 2, ids
        initial = words[i][:1]
        for size in range(longest, 0, -1):
            if (size, initial) in self._fuzzy and (ids := self._fuzzy_match(tuple(words[i:i + size]))):
                return size, ids
        return 0, set()

    def _closest_names(self, window: tuple[str, ...]) -> frozenset[str]:
        """Names spelt a little differently: words of 3+ letters, same first letter, same
        number of words; a common word only when nearly the same ("harbor", "harbour")."""
        if any(len(w) < 3 or w.isdigit() for w in window) or window[0] in NAME_STOP:
            return frozenset()
        common = any(is_common(w) for w in window)
        if common and sum(len(w) for w in window) < 5:
            return frozenset()
        cutoff = COMMON_CUTOFF if common else FUZZY_CUTOFF
        text = " ".join(window)
        best, ids = 0.0, set()
        for alias, alias_ids in self._fuzzy.get((len(window), window[0][0]), ()):
            score = _similarity(text, alias)
            if score >= cutoff and score > best:
                best, ids = score, set(alias_ids)
            elif score >= cutoff and score == best:
                ids |= alias_ids
        return frozenset(ids)


def _similarity(a: str, b: str) -> float:
    """RapidFuzz's normalised Indel similarity (0-100), or 85 for one slip of the keys
    (a letter left out, added, changed or two swapped: "fiar", "Nel") in a word of 3+ letters;
    86 for two letters swapped, the likelier slip ("hael" is Hale before Hall)."""
    score = fuzz.ratio(a, b)
    if score < 85 and min(len(a), len(b)) >= 3 and OSA.distance(a, b) <= 1:
        return 86.0 if sorted(a) == sorted(b) else 85.0
    return score


_AUXILIARIES = word_set("do does did can could will would shall should may might must")
_NOT_NOUNS = word_set(
    "old new big small little main nice good best other same near next last first whole open closed shut full "
    "empty local real right wrong own great fine lovely cheap dear here there now today tonight tomorrow yet "
    "again please then later though anyway still too far away gone out up down over off")
"""Words before or after a head word that leave it the name's head ("the old bakery",
"is the bakery open?", "from this teacher room out to ..."): plain adjectives, adverbs and
particles that no suffix shows."""
_ADJECTIVE_ENDINGS = ("est", "al", "ful", "ous", "ive", "ic", "ish", "less", "able", "ible", "ed", "ly", "y", "ing",
                      "er", "en")
_IC_NOUNS = word_set("music clinic magic traffic logic topic panic picnic attic comic critic fabric plastic "
                     "public mosaic relic tonic arithmetic rhetoric")
"""Common nouns with an adjective's ending ("the music room" is no Staff Room)."""


def _noun_like(word: str) -> bool:
    """Whether a word may be a noun that makes a compound with the next or last one: a
    common English word of three letters or more that is no function word, plain
    adjective or adverb and has no adjective's, adverb's or participle's ending."""
    return (len(word) >= 3 and not word.isdigit() and word not in FUNCTION_WORDS and word not in NAME_STOP
            and word not in _NOT_NOUNS and (not word.endswith(_ADJECTIVE_ENDINGS) or word in _IC_NOUNS)
            and is_common(word))


def _clause_ends(text: str) -> set[int]:
    """Indexes (in :func:`word_forms` order) of the words after which a clause ends
    (punctuation, or the end of the text)."""
    ends: set[int] = set()
    count = 0
    for piece in re.split(r"[,.;:?!\u2013\u2014]|\s-\s", text):
        count += len(word_forms(piece))
        if count:
            ends.add(count - 1)
    return ends


def _head_aliases(view: NameView) -> set[tuple[str, ...]]:
    return {tuple(word_forms(h)) for h in view.heads if len(word_forms(h)) == 1}


def _aliases(view: NameView, heads: bool = True) -> set[tuple[str, ...]]:
    """Word tuples that name ``view``: its id, name and aliases (without its derived
    head words unless ``heads``), each also without a leading article."""
    out: set[tuple[str, ...]] = set()
    skip = set() if heads else set(view.heads)
    for phrase in (view.id, view.name, *(a for a in view.aliases if a not in skip)):
        words = tuple(word_forms(phrase))
        while words and words[0] in ("the", "a", "an"):
            words = words[1:]
        if words and not (len(words) == 1 and words[0] in NAME_STOP):
            out.add(words)
    return out



def name_words(names: object) -> frozenset[str]:
    """The words of a world's names, where ``names`` is a :class:`NameIndex` (a request may
    carry a plain mapping instead, whose names are not read as words)."""
    return names.words if isinstance(names, NameIndex) else frozenset()
