"""Things anyone standing where the NPC is can see: "have you got lollipops?" at a counter with
"a bowl of lollipops for children", "what's drawn on the whiteboard?" in a room with "a
whiteboard covered in pie charts". The place's own description says them, so the NPC tells
the thing as the description lists it. Only a question for whether something is here, where
it is, or what is on or in it is answered so: what a description does not say ("how many
chairs?", "what colour is the fish tank?") stays unknown.
"""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, name_words, word_forms
from simverse.llm.dialogue.details import place_details
from simverse.llm.dialogue.heard import Heard, capital

_PRESENCE = re.compile(r"\b(?:is there|are there|have you got|have you any|do you have|you got any|got any"
                       r"|where (?:can|could|do|might) (?:i|we|one) (?:find|get|see)|where (?:is|are) the)\b(?= \w)")
"""Asking whether something is here or where it is ("have you got sweets?", "where is the hand gel?")."""
_ON_IT = re.compile(r"\bwhat (?:is|are)(?: all)?(?:(?: that| this| those| these)(?: (?:thing|things|one|ones)"
                    r"| (?:\w+ ){0,2}\w+(?= (?:in|on|inside|above|over|behind) (?:the|that|this|your|my)\b))?)? "
                    r"(?:drawn|written|painted|shown|pinned|stuck|kept|hanging|hung|standing|lying|sitting|on|in|inside"
                    r"|above|over|behind)\b")
"""Asking what is on or in something ("what's drawn on your whiteboard?", "what's in the bowl?", "what's
that thing hanging from the ceiling?")."""
_POINTS_BACK = re.compile(r"\b(?:it|them)\b")
"""Words after the asking that stand for a thing said before it."""
_SOMEONE = frozenset({"anyone", "anybody", "someone", "somebody", "who", "whoever"})
"""Words that ask for a person ("is there anyone here who knows ...?"), whom no description shows."""
_LEAST = 4
"""Letters a word needs to pick out a thing of the description ("pie" alone is too slight)."""


def _word_of_here(h: Heard, topic: str, here: set[str]) -> bool:
    """Whether ``topic`` is a thing or place elsewhere whose names share a word with the
    description here (its words ``here``): "the bowl on your counter" is neither the kiosk's
    bowl of soup nor the pharmacy's counter."""
    view = h.req.names.get(topic)
    return view is not None and view.kind in ("item", "place") and topic not in h.req.items_here \
        and bool(set(word_forms(" ".join([view.name, *view.aliases]))) & here - FUNCTION_WORDS)


def seen_here(h: Heard) -> str:
    """The one thing of the NPC's place's description that a question asks for, as the
    description lists it, "right here"; "" when the line asks for none or for several."""
    text = h.reading.text
    presence, on_it = _PRESENCE.search(text), _ON_IT.search(text)
    asking = presence or on_it
    here = set(word_forms(h.req.place_description))
    if asking is None or any(t != h.req.place and not _word_of_here(h, t, here) for t in h.topics) \
            or set(h.reading.words) & _SOMEONE:
        return ""
    names = name_words(h.req.names)
    said = text[asking.end():]  # what follows the asking: "have you got | lollipops?"
    if _POINTS_BACK.search(said):  # "the big noticeboard by the lockers, what's pinned up on it?"
        said = f"{text[:asking.start()]} {said}"
    order = [w for w in word_forms(said)
             if len(w) >= _LEAST and w not in FUNCTION_WORDS and (w not in names or w in here)]  # "the bowl"
    asked = set(order)
    items = [item for item, sentence in place_details(h.req.place_description)  # each thing listed, not the list
             if item != sentence or "," not in sentence]
    found = [item for item in items if (shared := set(word_forms(item)) & asked)
             and (presence or set(word_forms(item)) - shared - FUNCTION_WORDS)]  # "what's in the fish tank?": no more
    if len(found) > 1:  # "the sweets in the bowl on your counter": the thing said first, not where it stands
        first = {item: min(order.index(w) for w in set(word_forms(item)) & asked) for item in found}
        found = [item for item in found if first[item] == min(first.values())]
    return f"{capital(found[0].rstrip('.!;: '))}, right here." if len(found) == 1 else ""
