"""Things asked about by what they are like or for rather than by name: "the warm thing
they ladle into bowls at the kiosk", "the thing that opens the tower's iron door", "one of
those books that explain every exhibit", "those books full of brain-teasers".

Each phrase of the line that opens with an article or a demonstrative, up to the end of its
clause, is compared by meaning (the offline embedder) with the name of each thing the world
has; the thing clearly closest to one of them (:data:`THING_CLOSE`, :data:`THING_MARGIN`),
by more than the words they share (:data:`REST_CLOSE`), is what the line is about. No word
list is involved: the world's own names are the candidates, and a thing the world does not
have ("the hat that keeps the rain off") is close to none. Only a line that names no thing
is read so, and a phrase about a place or a person describes no thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import takewhile

import numpy as np

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, word_forms
from simverse.llm.dialogue.clausal import PART_BREAK
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.per_world import item_names
from simverse.llm.dialogue.reading import Reading

THING_CLOSE = 0.4
"""Cosine of a phrase to a thing's name from which it may mean it ("those books full of maths
brain-teasers" and "maths puzzle book" 0.63, "the thing that opens the old tower's iron door"
and "rusty iron key" 0.45, "the warm thing they ladle into bowls" and "bowl of vegetable soup"
0.41; "the hat that keeps the rain off" at most 0.22 from anything in the valley)."""
THING_MARGIN = 0.1
"""How much closer than the next thing the one meant must be."""
_OPENING = re.compile(r"\b(?:the|that|this|those|these|a|an)\s+(?=[a-z])")
_ANY_THING = frozenset({"thing", "things", "stuff", "one", "ones", "item", "object"})
_SAID_OF = re.compile(r"\b(?:that|which|they|you|we|people|folk|full of)\b")
"""Where what is said of a thing begins ("the thing | that opens the door")."""
_DESCRIBES = re.compile(r"^(?:[a-z'-]+ ){0,2}?(?:" + "|".join(sorted(_ANY_THING)) + r")\b|" + _SAID_OF.pattern)
"""What makes a phrase a description of a thing rather than a name for one: a word for any
thing ("the warm thing...") or what is said of it ("... that opens the door", "books full of
brain-teasers"); "the rye" or "a favourite snack" only name a kind, which the world's names
answer or not."""
_LONGEST = 8
"""Words of a phrase compared at most: a description, not the rest of the sentence."""


def phrases(raw: str) -> list[str]:
    """Each phrase of ``raw`` that opens with an article or a demonstrative and describes a
    thing (:data:`_DESCRIBES`), to the end of its part of the line and at most
    :data:`_LONGEST` words ("the thing that opens the old tower's iron door")."""
    found = []
    for article, rest in _after_openings(raw):
        words = [article, *rest][:_LONGEST]
        if len(words) >= 3 and _DESCRIBES.search(" ".join(words[1:])):
            found.append(" ".join(words))
    return list(dict.fromkeys(found))


def _after_openings(raw: str) -> Iterator[tuple[str, list[str]]]:
    """Each article or demonstrative of ``raw`` (lower case) with the words after it to the end
    of its part of the line."""
    for part in PART_BREAK.split(raw.lower()):
        for opening in _OPENING.finditer(part):
            yield opening[0].strip(), part[opening.end():].split()


def kind_phrases(raw: str) -> list[str]:
    """Each phrase of ``raw`` that opens with an article or a demonstrative and names a kind
    of thing in other words than the world's: one to three words up to the first function
    word ("the painted coffin", "a little museum book")."""
    found = []
    for article, rest in _after_openings(raw):
        kept = list(takewhile(lambda w: w.isalpha() and w not in FUNCTION_WORDS, rest[:_KIND_WORDS]))
        if kept:
            found.append(f"{article} {' '.join(kept)}")
    return list(dict.fromkeys(found))


def thing_described(model: IntentModel, r: Reading, req: DecisionRequest, topics: list[str]) -> str | None:
    """The one thing of the world a line that names none describes, or ``None``. A phrase
    that names a place or a person is no description of a thing ("the sculpture hall"), and
    the words of a phrase that a thing's name does not have must mean it too (:data:`REST_CLOSE`).
    A phrase that only names a kind ("the painted coffin") must share a word with the thing's name,
    say more besides, and come closer (:data:`KIND_CLOSE`)."""
    names = item_names(req.names)
    if model.encoder is None or not names or any(t in names for t in topics):
        return None
    described = [p for p in phrases(r.raw) if not _names_other(req, p)]
    kinds = [p for p in kind_phrases(r.raw) if p not in described and not _names_other(req, p)]
    said = described + kinds
    if not said:
        return None
    rests = [[_rest(p, name) for p in said] for name in names.values()]
    heads = [_head(p) for p in said]
    vectors = model.vectors([*said, *names.values(), *heads, *(x for row in rests for x in row)])
    n, k = len(said), len(names)
    closeness = vectors[n:n + k] @ vectors[:n].T  # things x phrases
    head_closeness = vectors[n:n + k] @ vectors[n + k:2 * n + k].T
    rest_closeness = np.einsum("tpd,td->tp", vectors[2 * n + k:].reshape(k, n, -1), vectors[n:n + k])
    any_thing = np.array([head in _ANY_THING for head in heads])
    kind = np.arange(n) >= len(described)  # phrases that only name a kind, after those that describe
    kin = np.array([[_kin(p, name) for p in said] for name in names.values()])
    fits = (rest_closeness >= REST_CLOSE) & np.where(
        kind, kin & (closeness >= KIND_CLOSE), any_thing | (head_closeness >= HEAD_CLOSE))
    scores = np.where(fits, closeness, 0.0)
    return clearly_closest({entity: float(row.max()) for entity, row in zip(names, scores, strict=True)},
                           THING_CLOSE, THING_MARGIN)


KIND_CLOSE = 0.5
"""Cosine to a thing's name from which a phrase that only names a kind means it ("the painted
coffin" and "painted sarcophagus" 0.57, "the little museum book" and "museum guidebook" 0.72);
"the fishing nets" is 0.47 from "fresh herring", "a favourite snack" 0.40 from "almond croissant"."""
_KIND_WORDS = 3
"""Words after the article that a phrase naming a kind may have ("the little museum book")."""


REST_CLOSE = 0.2
"""Cosine to a thing's name, from which a phrase without the words it shares with that name
still means it ("the warm thing they ladle into" and "bowl of vegetable soup" 0.24, "those
books full of brain-teasers" and "maths puzzle book" 0.25; "a museum ticket" and
"museum guidebook" about 0.15): a shared word alone is no description."""


HEAD_CLOSE = 0.35
"""Cosine to a thing's name from which the word a phrase is about may be that thing ("books"
and "museum guidebook" 0.56, "maths puzzle book" 0.44); "the fishing fleet you've still to
see to" is a fleet ("fleet" and "fresh herring" 0.27), however close "fishing" brings it."""


def _head(phrase: str) -> str:
    """The word a phrase is about: the last before what is said of it ("the fishing fleet you
    ..." -> fleet, "the warm thing they ..." -> thing), else its last word."""
    about = _SAID_OF.split(phrase, maxsplit=1)[0].split()
    return about[-1] if about else phrase.split()[-1]


def _rest(phrase: str, name: str) -> str:
    """``phrase`` without the words it shares with ``name`` (the phrase itself if none)."""
    own = set(word_forms(name))
    rest = [w for w in phrase.split() if not set(word_forms(w)) & own]
    return " ".join(rest) if rest and len(rest) < len(phrase.split()) else phrase


def _kin(phrase: str, name: str) -> bool:
    """Whether a phrase that names a kind shares a word with a thing's name and says more
    besides ("the painted coffin": painted; "the valley" says nothing but the name's word, "the
    ancient collection" shares none)."""
    words = set(word_forms(phrase)) - FUNCTION_WORDS
    shared = words & set(word_forms(name))
    return bool(shared) and bool(words - shared)


def _names_other(req: DecisionRequest, phrase: str) -> bool:
    """Whether what ``phrase`` is about names a place or a person of the world ("the tour
    guide for a walk round"); what it says of it may ("the thing that opens the tower door")."""
    find = getattr(req.names, "find", None)
    head = _SAID_OF.split(phrase, maxsplit=1)[0]
    return find is not None and any(req.names[e].kind in ("place", "npc") for e in find(head))

