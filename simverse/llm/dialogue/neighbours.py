"""Which places lie next to one ("which room is right next door to your studio?", "from
here, which rooms can you step straight into?"): the map everyone knows answers it, from
the place the line names, else from where the NPC stands. Plain English word shapes.
"""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, NameIndex, word_forms
from simverse.llm.dialogue.described import PLACE_WORDS
from simverse.llm.dialogue.reading import Reading, read

_ROOM = r"(?:rooms?|places?|areas?|parts?|corridors?|halls?|hallways?|spaces?)"
_PLACES = rf"\b(?:which|what) {_ROOM}(?: or {_ROOM})?\b(?: [a-z]+){{0,4}}? "
_DOOR = r"\bout (?:of )?(?:the|your|this|that|his|her) (?:[a-z]+ ){0,3}(?:door|doors|entrance|exit)\b"
_NEXT_ASKED = re.compile(
    _PLACES + r"(?:next (?:door )?to|next door|beside|adjoin|adjoins|adjoining|connects?(?: to| with)?|joins?"
    r"|opens? (?:straight |directly |right )?(?:onto|into)|leads? off)\b"
    r"|" + _PLACES + r"(?:step|go|walk|get|pass) (?:straight|directly|right) (?:in)?to\b"
    r"|" + _DOOR + r".*\bwhere (?:will|would|do|am|shall) i\b|\bwhere (?:will|would|do|am|shall) i\b.*" + _DOOR)
""""Which room is next door to the studio?", "which corridor or room does it open straight
into?", "when I walk out of your chapel door, where will I be?"."""
_WHAT_NEXT = re.compile(r"\bwhat (?:is|lies|sits|else is) (?:right |just )?(?:next (?:door )?to|beside|alongside)"
                        r" (?P<what>.+)$")
""""What's next to the wood?": asks the neighbours only of a place ("next to the door" is no place)."""
_PATHS = (r"(?:paths?|roads?|tracks?|ways?|doors?|doorways?|exits?|lanes?|streets?|corridors?|passages?"
          r"|stairs|gates?|hallways?|bridges?|alleys?)")
_WHERE_TO = re.compile(
    r"\bwhere (?:can|could|might) (?:i|we|you|one|a person|someone) (?:go|get|walk|head|wander)"
    r"(?: (?:on |off |out |over )?to)?\s*(?:(?:straight |directly |right )?from\b|[?.!,;]|$)"
    r"|\bwhere (?:do|would|will|should|does) (?:i|we|you|one) (?:go|get|walk|head)(?: (?:on |off )?to)? from\b"
    rf"|\bwhere do(?:es)? (?:[a-z']+ ){{0,3}}{_PATHS}(?: [a-z']+){{0,5}} lead(?: (?:to|out|off|on to))?\s*(?:[?.!]|$)")
""""From the library, where can I get to?", "where do I go from here?", "where do the paths out
of this wood lead?": asked on the line as typed, since its end says the question is over."""
_BESIDES = re.compile(r"\b(?:apart from|aside from|besides|other than|except(?: for)?|not counting|leaving out)"
                      r" ((?:[a-z']+ ){0,3}[a-z']+)")
""""Apart from the village, ...": the places named here are left out of the answer."""
_HERE = re.compile(r"\b(?:here|this one|this room|this place|where we are|where you are)\b")


def _said_by_name(req: DecisionRequest, r: Reading, place: str) -> bool:
    """Whether the line says a word of the place's name or aliases besides "room" and the like."""
    view = req.names[place]
    named = {w for n in (view.name, *view.aliases) for w in word_forms(n)}
    return bool((named - PLACE_WORDS - FUNCTION_WORDS) & set(r.words))


def names_in(req: DecisionRequest, text: str) -> list[str]:
    """The names ``text`` uses (none where the request carries no name index)."""
    return req.names.find(text) if isinstance(req.names, NameIndex) else []


def neighbours_asked(r: Reading, line: str = "") -> bool:
    """Whether the reading, or the whole ``line`` it was read from, asks which places lie next
    to one ("when I walk out of your door" may come before the question read)."""
    return bool(_NEXT_ASKED.search(r.text) or _WHERE_TO.search(r.raw) or (line and _NEXT_ASKED.search(read(line).text)))


def beside_place_asked(req: DecisionRequest, r: Reading) -> bool:
    """Whether the line asks what lies next to a place it names ("what's next to the wood?")."""
    match = _WHAT_NEXT.search(r.text)
    named = names_in(req, match["what"]) if match else []
    return bool(named) and named[0] in req.names and req.names[named[0]].kind == "place"


def neighbours(req: DecisionRequest, r: Reading, topics: list[str], line: str = "") -> str:
    """"Archive and Restoration Studio opens onto East Gallery.": the places one step from
    the place the line names (where the NPC is, for "here"), less those the whole ``line``
    sets apart ("apart from the village"); "" when it names none known."""
    places = [t for t in topics if t in req.names and req.names[t].kind == "place"]
    left_out = {p for m in _BESIDES.finditer(line.lower() or r.raw) for p in names_in(req, m.group(1))
                if p in req.names and req.names[p].kind == "place"}
    places = [p for p in places if p not in left_out]
    said = [t for t in places if _said_by_name(req, r, t)] or places  # "what room is next to the cafeteria?"
    place = req.place if _HERE.search(r.text) or not said else said[0]
    view = req.names.get(place)
    if view is None:
        return ""
    near = [req.names[p].name if p in req.names else p for p in view.near if p not in left_out]
    if not near:
        return ""
    listed = near[0] if len(near) == 1 else f"{', '.join(near[:-1])} and {near[-1]}"
    return f"{view.name} opens onto {listed}."
