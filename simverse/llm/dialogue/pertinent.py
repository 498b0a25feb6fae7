"""Whether a belief says what a question asks, or only shares its topic: "what's drawn on the
map, any treasure marked?" is not answered by "the map is locked in the old watchtower", though
the belief is about the map.

The words the question asks with besides its topic (no names, function, asking or time words:
"drawn", "treasure", "marked") must meet a word of the belief, in some form or bridged by the
embedder (:mod:`.synonyms`), or the question must be close to the belief as a whole; a question
with no such words ("when's the festival?", "tell me about the map") is answered by any belief
on its topic. A belief that does not say what was asked is still told, after "I don't know",
as what the NPC does know of it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from simverse.core.decisions import DecisionRequest, FactView
from simverse.core.names import FUNCTION_WORDS, name_words, same_root, word_forms, word_set
from simverse.llm.dialogue.knowing import CLOSE
from simverse.llm.dialogue.parts import asking_text
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.synonyms import content_words

_FRAME = word_set("actually exactly really else much many sort kind lot bit way thing things anything something "
                  "everything there here now deal story matter problem trouble happen happened happening going "
                  "see saw seen notice noticed work working doing done good bad like new news name named called")
"""Words that frame a question rather than say what it asks ("what else", "what's the deal
with...", "what did you see", "what are you working on")."""


_ATTRIBUTE_ASKED = re.compile(r"\b(?:what|which) (?P<noun>brand|make|model|colour|color|size|shape|flavour|flavor|"
                              r"breed|material|dose|dosage|strength|version|weight|height|length|width)s?\b")
"""A "what" question that asks one property of its topic ("what brand...", "which colour..."):
a belief on the topic that does not say that property does not answer it."""


def asked_words(r: Reading, req: DecisionRequest) -> list[str]:
    """The words a "what" or "which" question asks with, besides its topic (see the module);
    none for a yes/no question, which a belief on its topic answers ("are we having a quiz
    today?"), nor for where, why or who, which a belief answers in words of its own ("where
    did you pick up that gossip?" - "I heard it in the staff room")."""
    if r.wh not in ("what", "which"):
        return []
    text = read(asking_text(r.raw or r.text)).text
    if (kind := _ATTRIBUTE_ASKED.search(text)) is not None:
        return [kind["noun"]]  # "what brand are your bp tablets?": a belief about the tablets must say the brand
    return [w for w in content_words(text, name_words(req.names)) if w not in _FRAME]


def says_what_is_asked(fact: FactView, asked: list[str], bridged: Collection[str], similarity: float) -> bool:
    """Whether ``fact`` meets what the question asks: no words asked besides its topic, a
    word asked said by the belief in some form or bridged to it, or a close belief."""
    if not asked or similarity >= CLOSE:
        return True
    said = set(word_forms(f"{fact.text} {fact.predicate.replace('_', ' ')}")) - FUNCTION_WORDS
    return any(w in bridged or any(same_root(w, s) for s in said) for w in asked)


_COUNT = re.compile(r"\b(?:\d{1,3}(?!\d)|no|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens|several|few|"
                    r"couple|single|only|twice|once)\b")
"""A number or count in a belief (not a year: "painted in 1665" counts nothing)."""


def count_unsaid(fact: FactView, r: Reading) -> bool:
    """Whether a "how many" question meets a belief that says no number: "how many paintings
    does the museum own?" is not answered by when one was painted."""
    return r.has("how many") and _COUNT.search(fact.text.lower()) is None
