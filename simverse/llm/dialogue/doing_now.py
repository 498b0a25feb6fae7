"""Guesses and remarks about what an NPC is doing now: "are you queuing for something?",
"you look ever so busy". A person answers both by saying what they are doing, whatever the
guess was. Plain English shapes, never a world's words."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import word_forms
from simverse.llm.dialogue.aims import AIM_WORDS
from simverse.llm.dialogue.own_day import about_itself
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.roles import other_time
from simverse.llm.dialogue.unmarked import last_sentence

_BUSY = re.compile(r"^(?:[a-z]+ ){0,3}?you(?: are| look| seem| have been| look to be| seem to be)? "
                   r"(?:so |very |ever so |awfully |rather |pretty |really |terribly |mighty |a bit |a little )?"
                   r"(?:busy|occupied|engrossed|absorbed|preoccupied|hard at (?:work|it)|rushed off your feet"
                   r"|run off your feet|snowed under)\b")
""""You look ever so busy", "you seem hard at it": a remark on the NPC being busy, which a person
answers by saying what keeps them so."""

_DOING_GUESSED = re.compile(r"^(?:(?:are|were) you|is that you) (?:just |still |already |now |currently )?"
                            r"(?P<verb>[a-z]{3,}ing)\b")
""""Are you queuing for something?", "are you still working?", "is that you getting a number?": a
guess at what the NPC is doing now, answered with what it is doing."""
_NOT_DOING = frozenset({"going", "coming", "heading", "leaving", "staying", "selling", "offering", "charging",
                        "feeling", "kidding", "joking", "being", "saying", "telling", "asking", "enjoying", "liking",
                        "loving", "hating", "thinking"})
"""Verbs whose "are you ...ing" asks a plan, wares, a state or a remark, not what is being done
(nor do words of aiming: "are you planning any tests?")."""


def busy_remarked(r: Reading) -> bool:
    """Whether a line that asks nothing remarks that the NPC looks busy (its last sentence)."""
    last = read(last_sentence(r.raw))
    return not r.question and _BUSY.search(" ".join(last.body or last.words)) is not None


def doing_guessed(r: Reading, topics: list[str], req: DecisionRequest) -> bool:
    """Whether the line guesses what the NPC is doing now, naming nothing but it and its place."""
    match = _DOING_GUESSED.search(" ".join(r.body or r.words))
    return match is not None and match["verb"] not in _NOT_DOING | AIM_WORDS and r.question and not other_time(r) and (
        about_itself(topics, req))


_KIND_ASKED = re.compile(r"\b(?:what|which) (?!(?:is|are|was|were|do|does|did|can|could|would|will|should|of|one)\b)"
                         r"(?P<noun>[a-z]+)\b")
""""Which book?", "what book are you reading?": the kind of thing asked for after "what"/"which"."""


def thing_in_use(r: Reading, req: DecisionRequest) -> str | None:
    """The item the NPC's present activity uses, where a "what/which <kind>" question asks for
    a thing of that kind ("Theo, reading already? Which book?": the book it reads); ``None``
    when it is elsewhere for its schedule or its activity uses no such thing."""
    match = _KIND_ASKED.search(r.text)
    if match is None or not req.schedule_args or req.schedule_place not in (None, req.place):
        return None
    noun = word_forms(match["noun"])
    acting = word_forms((req.schedule_action or "").replace("_", " "))  # "read_book": the thing read is a book
    for item in req.schedule_args.values():
        view = req.names.get(item)
        if view is not None and view.kind == "item" and noun and (
                noun[0] in word_forms(" ".join((view.name, *view.aliases))) or noun[0] in acting):
            return view.name
    return None


__all__ = ["busy_remarked", "doing_guessed", "thing_in_use"]
