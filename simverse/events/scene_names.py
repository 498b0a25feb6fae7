"""Grounding: which places, items and people of a world a piece of text names.

:class:`SceneIndex` is built once per world from its ids, names and ``aliases``, plus a
few generic synonyms (a *pub* is the world's tavern, a *church* its chapel) and the
distinctive words of each name (``Salty Gull`` -> *gull*). :meth:`SceneIndex.find` reads
text left to right, longest phrase first, exactly or with a small spelling slip (RapidFuzz
ratio >= 88 on words of five letters or more, so *bakry* is the bakery). A slip is only
considered for words that are not English words (pyspellchecker's dictionary): *baker*
is a person, not a misspelt *bakery*. A phrase that fits two entities equally is reported
as ambiguous, never guessed. RapidFuzz is used rather than ``difflib`` for its speed on
many phrases and its well-defined normalised ratio; pyspellchecker for a word list that
needs no download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process
from spellchecker import SpellChecker

from simverse.core.schema import WorldSpec
from simverse.events.scene_words import RESERVED_WORDS

FUZZ_CUTOFF = 88
MIN_FUZZY = 5
STOPWORDS = {"the", "a", "an", "of", "and", "with", "at", "in", "on", "to", "from", "for", "s", "old", "new", "room",
             "house", "place", "town", "street", "road", "hall", "area", "main", "big", "little", "great", "good"}
CONCEPTS = (
    {"tavern", "pub", "inn", "bar", "alehouse", "taproom", "saloon"},
    {"harbour", "harbor", "port", "docks", "dock", "quay", "wharf", "pier", "marina", "quayside"},
    {"chapel", "church", "temple", "shrine", "kirk"},
    {"market", "marketplace", "bazaar", "stalls", "stall"},
    {"square", "plaza", "piazza"},
    {"cafe", "café", "coffeehouse"},
    {"cafeteria", "canteen", "refectory", "lunchroom"},
    {"cottages", "cottage", "houses", "homes"},
    {"wood", "woods", "forest"},
    {"tower", "watchtower"},
    {"bakery", "bakehouse", "bakers"},
    {"pharmacy", "chemist", "dispensary"},
    {"library"},
    {"lobby", "foyer", "entrance"},
    {"bread", "loaf", "loaves"},
    {"ale", "beer"},
)


@dataclass(frozen=True)
class Mention:
    """A span of the text naming ``entities`` (one, unless the phrase is ambiguous)."""

    entities: tuple[str, ...]
    start: int
    end: int
    words: str

    @property
    def entity(self) -> str:
        return self.entities[0]


@dataclass
class SceneIndex:
    """Names of one world's places, items and NPCs, ready to be found in text."""

    kinds: dict[str, str]
    display: dict[str, str]
    phrases: dict[str, set[str]] = field(default_factory=dict)
    fuzzy: set[str] = field(default_factory=set)
    """Phrases a spelling slip may match: names, ids, aliases and distinctive words (not
    generic synonyms or plural forms, which are too short and too many)."""

    @classmethod
    def from_spec(cls, spec: WorldSpec) -> SceneIndex:
        kinds = {p.id: "place" for p in spec.places} | {i.id: "item" for i in spec.items}
        kinds |= {n.name: "npc" for n in spec.npcs}
        display = {p.id: p.name for p in spec.places} | {i.id: i.name for i in spec.items}
        display |= {n.name: n.name for n in spec.npcs}
        aliases = {p.id: p.aliases for p in spec.places} | {i.id: i.aliases for i in spec.items}
        aliases |= {n.name: n.aliases for n in spec.npcs}
        index = cls(kinds, display)
        for entity in kinds:
            for phrase in _phrases(entity, display[entity], aliases.get(entity, [])):
                index.phrases.setdefault(phrase, set()).add(entity)
        props = {p.replace("_", " ") for e in (*spec.places, *spec.items, *spec.npcs) for p in e.properties}
        props |= {p.replace("_", " ") for p in spec.environment.properties}
        index._add_words_and_concepts(RESERVED_WORDS | props)
        kinds["world"] = "world"
        for phrase in {_clean(spec.title), _clean(spec.name.replace("_", " ").replace("-", " "))} - {""}:
            if " " in phrase or phrase not in index.phrases:
                index.phrases[phrase] = {"world"}
        return index

    def _add_words_and_concepts(self, reserved: set[str]) -> None:
        """Distinctive words, generic synonyms and singular/plural forms, never a
        ``reserved`` word on its own (a property name, a word the readers need)."""
        owners: dict[str, set[str]] = {}
        for phrase, entities in list(self.phrases.items()):
            for word in phrase.split():
                if len(word) >= 4 and word not in STOPWORDS:
                    owners.setdefault(word, set()).update(entities)
        for word, entities in owners.items():
            if len(entities) == 1 and word not in self.phrases and word not in reserved:
                self.phrases[word] = set(entities)
        self.fuzzy = {p for p in self.phrases if p not in reserved}
        for concept in CONCEPTS:
            holders = {e for w in concept for e in self.phrases.get(w, set()) if len(self.phrases[w]) == 1}
            if len(holders) == 1:
                for word in concept:
                    self.phrases.setdefault(word, set(holders))
        for phrase, entities in [(p, self.phrases[p]) for p in sorted(self.fuzzy)]:
            for variant in _number_variants(phrase):
                if variant not in reserved:
                    self.phrases.setdefault(variant, set(entities))

    def find(self, text: str) -> list[Mention]:
        """Entities named in ``text`` (lower-case), left to right, without overlaps."""
        tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[a-z0-9é]+", normalise(text))]
        taken = [False] * len(tokens)
        found: list[Mention] = []
        by_size: dict[int, list[str]] = {}
        for phrase in self.fuzzy:
            by_size.setdefault(phrase.count(" ") + 1, []).append(phrase)
        for size in (5, 4, 3, 2, 1):
            for i in range(len(tokens) - size + 1):
                if any(taken[i:i + size]):
                    continue
                gram = " ".join(t[0] for t in tokens[i:i + size])
                entities = self._match(gram, by_size.get(size, []))
                if entities:
                    found.append(Mention(tuple(sorted(entities)), tokens[i][1], tokens[i + size - 1][2], gram))
                    taken[i:i + size] = [True] * size
        return sorted(found, key=lambda m: m.start)

    def _match(self, gram: str, candidates: list[str]) -> set[str]:
        if gram in STOPWORDS:
            return set()
        if gram in self.phrases:
            return set(self.phrases[gram])
        if len(gram.replace(" ", "")) < MIN_FUZZY or not candidates:
            return set()
        if all(word in _english() for word in gram.split()):
            return set()
        best = process.extractOne(gram, candidates, scorer=fuzz.ratio, score_cutoff=FUZZ_CUTOFF)
        return set(self.phrases[best[0]]) if best else set()

    def name(self, entity: str) -> str:
        return self.display.get(entity, entity)


@cache
def _english() -> frozenset[str]:
    """English words (so a real word is never taken for a misspelt name)."""
    return frozenset(SpellChecker().word_frequency.keys())


def normalise(text: str) -> str:
    """Lower-case, straight apostrophes, no possessive ``'s``."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\b(it|that|there|here|what|who|he|she|everyone|everybody)'s\b", r"\1 is", text)
    return re.sub(r"'s\b", "", text)


def _phrases(entity: str, name: str, aliases: list[str]) -> set[str]:
    out = {_clean(entity.replace("_", " "))}
    for text in (name, re.sub(r"\(.*?\)", " ", name), *aliases):
        cleaned = _clean(text)
        if cleaned:
            out.add(cleaned)
    return {p for p in out if p and p not in STOPWORDS}


def _clean(text: str) -> str:
    words = re.findall(r"[a-z0-9é]+", normalise(text))
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _number_variants(phrase: str) -> list[str]:
    """Singular and plural of the phrase's last word (``apple`` / ``apples``, ``herbs`` / ``herb``)."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    if len(last) < 3:
        return []
    if last.endswith("ies"):
        forms = [last[:-3] + "y"]
    elif last.endswith(("ches", "shes", "sses", "xes")):
        forms = [last[:-2]]
    elif last.endswith("s") and not last.endswith("ss"):
        forms = [last[:-1]]
    elif last.endswith("y") and last[-2] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("ch", "sh", "ss", "x")):
        forms = [last + "es"]
    else:
        forms = [last + "s"]
    return [prefix + f for f in forms]
