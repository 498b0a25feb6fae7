"""What a place is called, asked of one the line names by another word or describes ("what's
the tavern by the harbour called?", "what do they call the big tower on the cliff?"): its name
is the answer, not what the NPC believes about it. A thing's name ("the smugglers' boat") is
left to the other answers."""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, word_forms, word_set
from simverse.llm.dialogue.described import described_place
from simverse.llm.dialogue.heard import Heard, name_of
from simverse.llm.dialogue.reading import Reading

_CALLED = re.compile(r"^(?:.*? )?(?:what (?:is|are|was) (?P<np>(?:the|that|this|those|these) (?:[a-z]+ ){0,6}?)called"
                     r"|what (?:is|was) (?:the )?name of (?P<of>(?:the|that|this) (?:[a-z]+ ?){1,7})"
                     r"|what (?:(?:do|does|did) )?(?:people|folk|they|you|we|everyone|locals|the locals) call"
                     r" (?P<call>(?:the|that|this|it)\b(?: [a-z]+){0,10})"
                     r"|what (?:is|was) (?:it|its|that|this) (?:called|name))$")
"""A name asked: "what's the X called", "what's the name of the X", "(any idea) what they call
the X", "what's it called"."""
_FRONTED = re.compile(r"^(?:[a-z]+ ){0,2}?(?P<front>(?:the|that|this) (?:[a-z]+ ){1,8}?)"
                      r"what (?:is|was) (?:it|its|that|this) (?:called|name)$")
"""The place said first, its name asked after: "(jonas) that stone tower out on the point, what's it called"."""
_WHERE_SAID = re.compile(r" (?:by|beside|near|next to|on|at|in|off|behind|opposite|across from|down by|up by|"
                         r"round|around|over|along|with|that|which|where|between|past|beyond|under|above|outside|"
                         r"inside|out|up|down) ")
"""Where a place is said to be, after what it is ("the tavern by the harbour")."""
_PLACE_NOUNS = word_set("room hall place building house shop store stall stand kiosk counter desk office tavern inn "
                        "pub bar cafe church chapel temple tower hut cottage yard square street lane road market "
                        "field pasture meadow hill wood forest cave bridge gallery wing studio library canteen "
                        "classroom corridor lobby ward clinic station dock quay harbour pier farm mill spot corner "
                        "gap pass valley peak ridge cliff river stream lake pond beach shore garden park pitch "
                        "path track trail ground grounds playground court")
"""Nouns that say what is asked the name of is a place ("the beer hall"), not a thing."""


def place_name_asked(r: Reading) -> bool:
    """Whether the line asks what a place is called, said by a word for a place ("the beer
    hall..."): then the places are compared with it (not for "the smugglers' boat")."""
    return bool((head := _head(r)) and set(head.split()) & _PLACE_NOUNS)


def _head(r: Reading) -> str | None:
    """What the line asks the name of, up to where it says where that is ("the tavern"), or
    None when it asks no name."""
    if (fronted := _FRONTED.search(r.text)) is not None:
        head = _WHERE_SAID.split(f"{fronted['front']} ")[0]
        return head if set(head.split()) & _PLACE_NOUNS else None  # "that old boat tied up at the quay": a thing
    match = _CALLED.search(r.text)
    if match is None:
        return None
    return _WHERE_SAID.split(f"{match['np'] or match['of'] or match['call'] or ''} ")[0]


def what_it_is_called(h: Heard) -> str:
    """"That's The Salty Gull.": the name of the one place the line names or describes as
    what it asks the name of, else ""."""
    head = _head(h.reading)
    if head is None:
        return ""
    places = [t for t in h.topics if t in h.req.names and h.req.names[t].kind == "place"]
    said = set(head.split()) - FUNCTION_WORDS
    words = {p: {w for n in (name_of(h, p), *h.req.names[p].aliases) for w in word_forms(n)} for p in places}
    if not set(head.split()[-1:]) & _PLACE_NOUNS.union(*words.values()):
        return ""  # "the name of the Museum Café's chef": a person's name, the place only says whose
    named = [p for p in places if said & words[p]]
    if len(named) == 1:
        place = named[0]
    else:
        place = described_place(h.place_similarity) if not named and said & _PLACE_NOUNS else None
    return f"That's {name_of(h, place)}." if place else ""
