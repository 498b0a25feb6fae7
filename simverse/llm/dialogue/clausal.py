"""The clause that carries a question said after a lead-in, with or without a question mark:
"ines u got here early, whats going on with the pencils", "sorry to bother you but where do
the carts leave from", "if you won the prize what would you buy first". :func:`~.reading.read`
looks for a question word near the line's start; a longer lead-in hid it, and the line was
read as a remark or an order ("i need rope, how much for a coil" as an order to sell).

The clause is found by the line's own punctuation and a few English words ("but", "so";
"if", "when" opening a supposition), never a world's words. From it come the question word,
the text compared with what drives the NPC or what it is doing, the topics it names (not
those of the lead-in), and the description it names a place by ("the rooms with the
papyri"), which the embedder compares with what the world says of each place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from simverse.core.decisions import NameView
from simverse.core.names import FUNCTION_WORDS, word_forms
from simverse.llm.dialogue.reading import AUX, WH, Reading, read

PART_BREAK = re.compile(r"[,;:.!?\u2013\u2014]+\s*|\s+-+\s+")
"""Where one part of a line ends: a clause or a sentence."""
LEADING = frozenset({"if", "when", "once", "suppose", "say", "before", "after", "while", "since", "now"})
"""Words that open a clause leading into the main one ("if you could... what would..."); a
line opening with one may ask later without a comma."""
_NOT_AFTER = frozenset({"know", "knew", "tell", "told", "see", "saw", "ask", "asked", "wonder", "guess", "sure",
                        "about", "is", "was", "that", "of", "matter", "no", "idea", "anyone", "someone",
                        "something", "anything", "thing", "things", "place", "one", "those", "people", "you",
                        "me", "him", "her", "them", "us", "on", "into", "over", "out", "up", "check", "person",
                        "man", "woman", "lady", "bloke", "fella", "fellow", "guy", "chap", "lad", "lass", "girl",
                        "boy", "gentleman", "kid", "folk", "somebody", "anybody"})
"""Words after which a question word opens no question ("I know what you did", "the place where...",
"the kind lady who does the advice, ...")."""


@lru_cache(maxsize=1 << 16)
def asked_late(r: Reading) -> Reading:
    """``r`` as a question when a clause after its lead-in asks with a question word (its
    ``wh`` from that clause, or ``how much`` for a price); ``r`` itself when it asks with
    a question word near its start, or no clause asks."""
    if r.wh == "how much":  # a price found in a line without a question mark is asked all the same
        return replace(r, question=True)
    if r.wh is not None and (r.question or _inverted_clause(r) is None):  # not "when she looks at u, do u..."
        return r
    clause = _late_clause(r)
    if clause is None:
        return r
    wh = "how much" if _COST_TO_ME.search(clause.text) else clause.wh
    return replace(r, question=True, wh=wh)


_COST_TO_ME = re.compile(r"^what (?:will|would|is|does|did|is going to) (?:that|it|this|those|these|they) "
                         r"(?:\w+ )?[a-z]+ (?:me|us)(?: back)?$")
""""..., what'll that run me?", "what'd it set us back": what a thing does to the speaker's
purse, in any verb, is its price."""


@lru_cache(maxsize=1 << 16)
def late_question(r: Reading) -> str:
    """The words of the clause that asks, when a lead-in hides it ("mr hale you look like you
    haven't slept, what's eating you" -> "what is eating you"): what is compared with asking
    what drives the NPC or what it is doing; "" for a line that asks from its start."""
    clause = _late_clause(r) if not r.opens else None
    return clause.text if clause is not None else ""


@lru_cache(maxsize=1 << 16)
def _late_clause(r: Reading) -> Reading | None:
    """The last clause that asks with a question word at or near its start ("..., from this
    corridor where's...", not in the first clause) or after "but" or "so" ("sorry to bother
    you but what's..."); else, in a line opening with a leading word, the words from a
    question word that opens a question. Kept per reading: :func:`asked_late` and
    :func:`late_question` both look for it in most lines a reply hears."""
    clauses = [c for c in PART_BREAK.split(r.raw) if c.strip()]
    for n, text in reversed(list(enumerate(clauses))):
        words = list(read(text).words)
        said = _asking_from(words, _NEAR_START) if n else None
        joined = [i + 1 for i, w in enumerate(words[:-1]) if w in _JOINING and words[i + 1] in WH]
        said = said or (_asking_from(words[joined[0]:], 1) if joined else None)
        if said is not None:
            return said
    body = list(r.body or r.words)
    if body and body[0] in LEADING and (said := _asking_from(body[2:], len(body))) is not None:
        return said
    return _inverted_clause(r)


def _inverted_clause(r: Reading) -> Reading | None:
    """In a line nothing marks as a question, a clause after the first that opens with a
    verb like "do" or "is" before its subject ("..., do u like her or smth", "..., is there
    food near here"): it asks all the same."""
    if r.question:
        return None
    later = [read(c) for c in PART_BREAK.split(r.raw) if c.strip()][1:]
    return next((c for c in reversed(later) if _inverted(c.words) and c.opens), None)  # not "may your X stay warm"


_PERSONS = frozenset({"you", "we", "they", "i"})
_SUBJECTS = frozenset({"you", "i", "we", "they", "he", "she", "it", "there", "the", "a", "an", "this", "that",
                       "these", "those", "your", "my", "his", "her", "its", "their", "anyone", "anybody", "someone",
                       "somebody"})


def _inverted(words: tuple[str, ...]) -> bool:
    """Whether words open in question order: a verb like "is" or "do", then its subject."""
    if len(words) < 3 or words[0] not in AUX:
        return False
    return words[1] in (_PERSONS if words[0] in ("do", "have") else _SUBJECTS)  # not "do it now", "have a look"


_JOINING = frozenset({"but", "so", "and", "or"})
"""Words that join a question to what goes before without a comma ("... but what's...")."""
_NEAR_START = 4
"""How far into a clause its question word may come after a short lead ("from here, where...")."""


def _asking_from(words: list[str], within: int) -> Reading | None:
    """The words from the first question word among the first ``within`` that opens a
    question (at the start, or not after "know" or "the place" and, near a clause's start,
    before a verb like "is" or "would"), read; ``None`` when none does."""
    for i, word in enumerate(words[:within]):
        if word in WH and (i == 0 or (i + 1 < len(words) and words[i - 1] not in _NOT_AFTER
                                      and (words[i + 1] in AUX or within > _NEAR_START))):
            said = read(" ".join(words[i:]))
            if said.wh is not None and len(said.words) >= 3:
                return said
    return None


_DESCRIBED = re.compile(r"\b(?:the|a|an|some|somewhere|someplace|where)\b (?P<what>.+?)"
                        r"(?: (?:from|round|around|near|in|over) (?:here|there|this \w+))?$")
_GOAL = re.compile(r"\b(?:to|reach|find)\s+(?=(?:the|a|an|some|somewhere|someplace|where)\b)")
_STOP_DESCRIBED = frozenset({"you", "i", "we", "me", "is", "are", "it"})


def described_phrase(r: Reading) -> str:
    """What a question names by a description rather than a name ("where's the quiet room
    with the puzzle books from here" -> "quiet room with the puzzle books"): the words of
    the asking clause from its first article or "where" on (after "to" in a way asked),
    less a closing "from here"; "" when that leaves too few words."""
    asked = _late_clause(r) if not r.opens else None
    if asked is None:  # "where's the chemist bit from here, i've got a script": the clause that asks
        asked = next((c for c in map(read, PART_BREAK.split(r.raw)) if set(c.words) & set(WH)), r)
    words = list(asked.body or asked.words)
    start = next((i for i, w in enumerate(words) if w in WH), None)
    if start is None:
        return ""
    rest = " ".join(words[start + 1:])
    goal = list(_GOAL.finditer(rest))  # "the best way from here to the rooms with...": after "to"
    match = _DESCRIBED.search(rest[goal[-1].end():] if goal else rest)
    what = match.group("what").split() if match else []
    return " ".join(what) if len(what) >= _DESCRIBED_WORDS and not set(what[:1]) & _STOP_DESCRIBED else ""


_DESCRIBED_WORDS = 3
"""Fewer words are a name more than a description ("music room" is close to any room's
name); two words said together are compared with the places' names elsewhere."""


def asked_topics(r: Reading, topics: list[str], names: Mapping[str, NameView]) -> list[str]:
    """The topics the asking clause itself names, when a lead-in hides it ("you're up with
    the gulls, what keeps you busy at the harbour?" -> the harbour): what the lead-in names
    sets the scene; all ``topics`` for a line that asks from its start."""
    clause = late_question(r)
    if not clause:
        return topics
    said = set(word_forms(clause)) - FUNCTION_WORDS
    return [t for t in topics if t in names and said & (set(word_forms(" ".join((names[t].name, *names[t].aliases))))
                                                           - FUNCTION_WORDS)]
