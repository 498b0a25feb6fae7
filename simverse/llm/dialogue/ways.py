"""The way between places: "how do I get to the chapel?" from where the NPC stands, and
"how do I get from the library to the staff room?" between two places the line names.

Which named place is the start and which the goal is read from the line's own words: the
place named after "from" is the start, the one after "to"/"towards" the goal; with two
places and neither word, the first named is the start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from simverse.core.decisions import DecisionRequest
from simverse.core.names import NameIndex
from simverse.llm.dialogue.knowing import route

_AFTER_FROM = re.compile(r"\b(?:from|out of)\b(.*?)(?=\b(?:to|towards|into)\b|$)", re.IGNORECASE | re.DOTALL)
"""What follows "from", up to a "to" that names the goal ("from the front entrance to the studio")."""
_CLAUSE_END = re.compile(r"[,;:.?!]")
_AFTER_TO = re.compile(r"\b(?:to|towards|into)\b(.*)", re.IGNORECASE | re.DOTALL)


def way_ends(req: DecisionRequest, line: str, topics: Sequence[str]) -> tuple[str | None, str | None]:
    """``(start, goal)`` of the way asked for: ``start`` None means from here; ``goal``
    None when what the line asks about first is no place ("where is the watchtower key?"
    asks for a key)."""
    shunned = set(avoided(req, line))
    topics = [t for t in topics if t not in shunned]
    places = [t for t in topics if (view := req.names.get(t)) is not None and view.kind == "place"]
    if not places or places[0] != topics[0]:
        return None, None
    if len(places) < 2 or not isinstance(req.names, NameIndex):
        return None, places[0] if places else None
    start = _first_place_in(req.names, _AFTER_FROM, line, places)
    goal = _first_place_in(req.names, _AFTER_TO, line, [p for p in places if p != start])
    if start is None and goal is None:
        start, goal = places[0], places[1]
    elif goal is None:
        goal = next(p for p in places if p != start)
    elif start is None:
        start = next((p for p in places if p != goal), None)
    return (None if start == req.place else start), goal


_AVOIDING = re.compile(r"\b(?:without (?:going|walking|passing|cutting) (?:past|through|by|via|near)|without passing"
                       r"|avoiding|not (?:past|through|via)|steering clear of|keeping away from|skipping)\b([^,.;!?]*)",
                       re.IGNORECASE)
""""Without going past the fish stalls", "avoiding the square": places the way must not cross."""


def avoided(req: DecisionRequest, line: str) -> list[str]:
    """The places a way asked for must not go through ("can I get there without going past
    the fish stalls?")."""
    match = _AVOIDING.search(line)
    if match is None or not isinstance(req.names, NameIndex):
        return []
    return [p for p in req.names.find(match.group(1)) if req.names[p].kind == "place"]


def said_as_start(req: DecisionRequest, line: str, place: str) -> bool:
    """Whether ``line`` names ``place`` as where a way starts ("... from your counter?"):
    the place it asks from is no place it asks for."""
    return isinstance(req.names, NameIndex) and _first_place_in(req.names, _AFTER_FROM, line, [place]) == place


def only_starts(req: DecisionRequest, line: str, topics: Sequence[str]) -> list[str]:
    """``topics`` without what ``line`` names only where its way starts and is no place
    ("which way to the shelves, out of your office?": "office" also names the head office
    the NPC has heard of), when all of them are said so; else ``topics`` as they are."""
    match = _AFTER_FROM.search(line)
    if match is None or not isinstance(req.names, NameIndex):
        return list(topics)
    part = _CLAUSE_END.split(match.group(1))[0]  # "from your studio, the horse of metal": the studio alone
    start = set(req.names.find(part))
    rest = set(req.names.find(line[:match.start()] + " " + line[match.start(1) + len(part):]))
    if not topics or any(t not in start or t in rest for t in topics):
        return list(topics)
    return [t for t in topics if t in req.names and req.names[t].kind == "place"]


def _first_place_in(names: NameIndex, pattern: re.Pattern[str], line: str, places: Sequence[str]) -> str | None:
    match = pattern.search(line)
    found = names.find(match.group(1)) if match else []
    return next((p for p in found if p in places), None)


def way_sentence(req: DecisionRequest, goal: str, start: str | None, name: Callable[[str], str],
                 avoid: Sequence[str] = ()) -> str:
    """The way from ``start`` (here when None) to ``goal`` in the NPC's words, not through
    ``avoid``; empty when it knows none."""
    if start is None and goal == req.place:
        return f"We're at {name(goal)} right now."
    path = route(req, goal, start, frozenset(avoid))
    if not path:
        return ""
    where = "here" if start is None else name(start)
    if len(path) == 1:
        return f"{name(goal)} is right next to {where}; just walk over."
    hops = ", then ".join(name(p) for p in path[:-1])
    return f"To get to {name(goal)} from {where}, go by {hops}." if start else \
        f"To get to {name(goal)}, go by {hops}."
