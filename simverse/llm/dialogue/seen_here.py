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
_ON_IT = re.compile(r"\bwhat (?:is|are)(?: all)?(?: that| this| those| these)? (?:drawn|written|painted|shown|pinned|"
                    r"stuck|kept|on|in|inside)\b")
"""Asking what is on or in something ("what's drawn on your whiteboard?", "what's in the bowl?")."""
_SOMEONE = frozenset({"anyone", "anybody", "someone", "somebody", "who", "whoever"})
"""Words that ask for a person ("is there anyone here who knows ...?"), whom no description shows."""
_LEAST = 4
"""Letters a word needs to pick out a thing of the description ("pie" alone is too slight)."""


def seen_here(h: Heard) -> str:
    """The one thing of the NPC's place's description that a question asks for, as the
    description lists it, "right here"; "" when the line asks for none or for several."""
    text = h.reading.text
    presence, on_it = _PRESENCE.search(text), _ON_IT.search(text)
    asking = presence or on_it
    if asking is None or any(t != h.req.place for t in h.topics) or set(h.reading.words) & _SOMEONE:
        return ""
    names = name_words(h.req.names)
    asked = {w for w in word_forms(text[asking.end():])  # what follows the asking: "have you got | lollipops?"
             if len(w) >= _LEAST and w not in FUNCTION_WORDS and w not in names}
    items = [item for item, sentence in place_details(h.req.place_description)  # each thing listed, not the list
             if item != sentence or "," not in sentence]
    found = [item for item in items if (said := set(word_forms(item)) & asked)
             and (presence or set(word_forms(item)) - said - FUNCTION_WORDS)]  # "what's in the fish tank?": no more
    return f"{capital(found[0])}, right here." if len(found) == 1 else ""
