"""A way said as a guess to be checked: "so from the counter I can step straight into the
waiting room, yes?", "the Waiting Area's right outside your office door?", "from the
cottages the chapel's the first place I'd come to, isn't it?", "from your studio, is the
way out through the Sculpture Hall?". The map everyone knows answers it with the way as it
is, from the place the line starts at (where the NPC stands, when it names none), so a wrong
guess is corrected and a right one confirmed. Plain English word shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from simverse.core.decisions import DecisionRequest
from simverse.core.names import NameIndex, and_listed
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.ways import way_sentence

_ROUTE = re.compile(
    r"\b(?:i|we|you|one)\b(?: [a-z']+){0,3}? (?:step|walk|go|come|get|cut|pass|head|nip|pop)s?\b(?: [a-z]+){0,3}? "
    r"(?:straight |directly |right )?(?:into|through|to|onto|out)\b"
    r"|\b(?:lead|open)s? (?:straight |directly |right )?(?:into|onto|out)\b"
    r"|\bright (?:outside|next to|beside|behind|across from|through)\b|\bnext door\b|\bway out\b"
    r"|\b(?:first|next) (?:place|stop|room|building|door)\b|\bnext along\b"
    r"|\b(?:joins|connects to|adjoins|opens onto)\b")
"""Words of a way between places: one the speaker (or the one spoken to) takes ("I can step
straight into", not "did a dragon come through"), "right outside", "the first place I'd come
to", "the next place along", "the way out"."""
_FROM = re.compile(r"\b(?:from|out of)\s+(?P<start>[^,;:.?!]+?)"
                   r"(?=\s+(?:to|towards|into|i|we|you|is|the)\b|[,;:.?!]|$)")
"""Where the guessed way starts ("from the cottages the chapel's...": the cottages)."""
_VIA = re.compile(r"\b(?:through|via|past|by way of)\s+(?P<via>[^,;:.?!]+?)"
                  r"(?=\s+(?:to|towards|into|from)\b|[,;:.?!]|$)")
"""A place the guessed way goes through: part of the guess, not where it goes."""


def route_checked(req: DecisionRequest, r: Reading, topics: Sequence[str], name: Callable[[str], str]) -> str:
    """The way as the map has it (places said by ``name``), for a yes/no question that
    guesses one (no question word); "" for any other line, or when the line names no place
    the map knows."""
    if r.wh is not None or not _ROUTE.search(r.text) or not isinstance(req.names, NameIndex):
        return ""
    places = [t for t in topics if t in req.names and req.names[t].kind == "place"]
    start_said = _FROM.search(r.raw.lower())
    found = req.names.find(start_said["start"]) if start_said else []
    start = next((p for p in found if p in places), req.place)
    via = {p for m in _VIA.finditer(r.raw.lower()) for p in req.names.find(m["via"])}
    goal = next((p for p in places if p != start and p not in via), None)
    if goal is not None:
        return way_sentence(req, goal, start, name)
    view = req.names.get(start)
    if not via or view is None or not view.near:
        return ""
    return f"From {name(start)}, the way is through {and_listed([name(p) for p in view.near])}."
