"""Which places lie next to one ("which room is right next door to your studio?", "from
here, which rooms can you step straight into?"): the map everyone knows answers it, from
the place the line names, else from where the NPC stands. Plain English word shapes.
"""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import word_forms, word_set
from simverse.llm.dialogue.reading import Reading

_PLACES = r"\b(?:which|what) (?:rooms?|places?|areas?|parts?)\b(?: [a-z]+){0,4}? "
_NEXT_ASKED = re.compile(
    _PLACES + r"(?:next (?:door )?to|next door|beside|adjoin|adjoins|adjoining|connects?(?: to| with)?|joins?"
    r"|opens? (?:onto|into)|leads? off)\b"
    r"|" + _PLACES + r"(?:step|go|walk|get|pass) (?:straight|directly|right) (?:in)?to\b")
""""Which room is next door to the studio?", "which rooms can you step straight into?"."""
_HERE = re.compile(r"\b(?:here|this one|this room|this place|where we are|where you are)\b")


_ANY_ROOM = word_set("room rooms area place hall the a of")


def _said_by_name(req: DecisionRequest, r: Reading, place: str) -> bool:
    """Whether the line says a word of the place's name or aliases besides "room" and the like."""
    view = req.names[place]
    return bool(({w for n in (view.name, *view.aliases) for w in word_forms(n)} - _ANY_ROOM) & set(r.words))


def neighbours_asked(r: Reading) -> bool:
    """Whether the line asks which places lie next to one."""
    return bool(_NEXT_ASKED.search(r.text))


def neighbours(req: DecisionRequest, r: Reading, topics: list[str]) -> str:
    """"Archive and Restoration Studio opens onto East Gallery.": the places one step from
    the place the line names (where the NPC is, for "here"); "" when it names none known."""
    places = [t for t in topics if t in req.names and req.names[t].kind == "place"]
    said = [t for t in places if _said_by_name(req, r, t)] or places  # "what room is next to the cafeteria?"
    place = req.place if _HERE.search(r.text) or not said else said[0]
    view = req.names.get(place)
    if view is None or not view.near:
        return ""
    near = [req.names[p].name if p in req.names else p for p in view.near]
    listed = near[0] if len(near) == 1 else f"{', '.join(near[:-1])} and {near[-1]}"
    return f"{view.name} opens onto {listed}."
