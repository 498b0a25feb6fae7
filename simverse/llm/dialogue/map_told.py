"""What the map everyone knows answers without a belief: which places lie next to one, which
lie between two ("which rooms come between the pharmacy and the nurse station?"), which of
two is nearer ("which is nearer, the church or the bakehouse?"), where to go for a thing a
place's description names ("where do I go for the flu vaccine?"), and a way guessed and put
to be checked. Each is the map read plainly (:func:`.knowing.route`), never a guess.
"""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, word_form_set
from simverse.llm.dialogue.described import places_of
from simverse.llm.dialogue.heard import Heard, capital, name_of
from simverse.llm.dialogue.knowing import route
from simverse.llm.dialogue.neighbours import beside_place_asked, names_in, neighbours, neighbours_asked
from simverse.llm.dialogue.route_checks import route_checked
from simverse.llm.dialogue.ways import way_sentence

_BETWEEN = re.compile(r"\bbetween (?!(?:you|us|me|them)\b)(?P<a>[^,;:?!]+?) and (?P<b>[^,;:?!]+)")
""""Between your chapel and the harbour": the two ends of a way, not "between you and me"."""
_FROM_TO = re.compile(r"\bfrom (?P<a>[^,;:?!]+?) (?:to|into|over to|up to|down to) (?P<b>[^,;:?!]+)")
_IN_BETWEEN = re.compile(r"\b(?:in between|on the way|along the way|en route|pass (?:by|through)|go (?:by|through)"
                         r"|cut through|lie between|lies between|come between|comes between"
                         r"|head(?:ing|ed)? (?:to|for|towards))\b")
""""From X to Y, what rooms come in between?": the places on a way, asked."""
_PASSED = re.compile(r"\b(?:which|what) [a-z]+ (?:do|would|will|must|should|shall|have to|did|could|can|might) "
                     r"(?:i|we|you) "
                     r"(?:have to |need to |want to )?(?:cross|pass|hit|reach|go (?:through|past|by|via)"
                     r"|walk (?:through|past|by)|pass (?:through|by)|cut through|come (?:through|past))\b"
                     r"|\bwhat (?:do|would|will|must|should|did) (?:i|we|you) (?:have to |need to )?"
                     r"(?:walk|go|pass|cut|head) (?:along|through|past|by|down|via)\b")
""""Which street do I cross?", "which room would I walk through?", "which room do I hit first?",
"what do you walk along?": the places on a way."""
_START = re.compile(r"\b(?:leave|leaving|left|start (?:at|from|in)|starting (?:at|from|in)) (?P<a>[^,;:?!]+?)"
                    r"(?: (?:for|to|towards) (?P<b>[^,;:?!]+?))?(?= and\b|[,;:?!]|$)")
""""If I leave the chapel for the tavern": where a way starts, said by leaving it, and where it goes."""
_FROM = re.compile(r"\bfrom (?P<a>[^,;:?!]+)")
""""From your stall, which is nearer...": where the distances are counted from."""
_NEARER = re.compile(r"\b(?:nearer|closer|nearest|closest|quicker to (?:reach|get to)|shorter (?:walk|way))\b")
_HERE = re.compile(r"^(?:here|this place|where (?:you are|we are|i am)|you|me|us)$")


def told_by_the_map(h: Heard, intent: str, asking: bool, line: str) -> str:
    """The map's answer to a question (``asking``: ``intent`` is one) about places next to,
    between or nearer than others, or to a way put to be checked; "" for any other line."""
    if asking and (neighbours_asked(h.reading, line) or beside_place_asked(h.req, h.reading)) and (
            near := neighbours(h.req, h.reading, h.topics, line)):
        return near
    if not h.reading.raw.rstrip().endswith("?"):
        return ""
    if asking and (found := places_between(h, line) or nearer_of(h) or place_for(h, intent) or seen_from(h)):
        return found
    if intent in ("farewell", "thanks", "request"):
        return ""
    return route_checked(h.req, h.reading, h.topics, lambda e: name_of(h, e))


def places_between(h: Heard, line: str) -> str:
    """"Between Chapel of the Tides and The Harbour lie Town Square and Market Street.": the
    places a shortest way from one named end to the other goes through."""
    text = h.reading.raw  # with its commas: "between the square and the bakery, which..."
    match = _BETWEEN.search(text)
    if match is None:
        match = _FROM_TO.search(text) if _IN_BETWEEN.search(text) else None
    if match is not None:
        start, goal = _place_in(h, match["a"]), _place_in(h, match["b"])
    elif _PASSED.search(text):
        start, goal = _way_ends(h, line)
    else:
        return ""
    if start is None or goal is None or start == goal:
        return ""
    path = route(h.req, goal, start)
    if not path:
        return ""
    ends = f"{name_of(h, start)} and {name_of(h, goal)}"
    inner = [name_of(h, p) for p in path[:-1]]
    if not inner:
        return f"Nothing: {ends} are side by side."
    return f"Between {ends} {'lies' if len(inner) == 1 else 'lie'} {' and '.join(inner)}."


def _way_ends(h: Heard, line: str) -> tuple[str | None, str | None]:
    """Where a way asked by what it passes starts (the place left or come from, else here)
    and goes (the one other place the line names). ``line`` is the line as said, with the
    "if" clause the reading leaves out ("if I leave the chapel for the tavern, ...")."""
    line = line.lower() or h.reading.raw
    left = _START.search(line)
    said = left or _FROM.search(line)
    start = _place_in(h, said["a"]) if said else h.req.place
    if start is None and left:  # "if you left your headset": what is left is here
        start = h.req.place
    if left and left["b"] and (goal := _place_in(h, left["b"])) is not None:
        return start, goal  # not "left your chair to see Mr Okafor", which goes to a person
    places = [t for t in h.topics if t in h.req.names and h.req.names[t].kind == "place" and t != start]
    if not places:  # "if you went to see Mr Okafor in his office": the one place that is the person's
        people = [t for t in h.topics if t in h.req.names and h.req.names[t].kind == "npc"]
        places = places_of(h.req, people[0]) if len(people) == 1 else []
    return start, (places[0] if len(places) == 1 else None)


_SEEN = re.compile(r"\bwhat (?:can|could|would|will|might|do|does) (?:you|i|we|one|someone|anyone|people|folk"
                   r"|visitors|an? [a-z]+) (?:[a-z']+ ){0,8}?(?:see|watch|spot|make out)\b")
"""What someone would see, asked ("what would a person up there see?", "what can a keeper watch
from the top?")."""
_UP_AT = re.compile(r"\b(?:from|on top of|at the top of|up (?:on|at|in)|atop|out of)\b")
"""Where it is seen from ("from the lighthouse", "on top of the tower")."""


def seen_from(h: Heard) -> str:
    """"The Lighthouse? From the top you see every boat come and go.": what is seen from the
    one place the line names, asked as what someone up there would see, is that place's
    description; "" for any other line."""
    text = h.reading.text
    if not (_SEEN.search(text) and _UP_AT.search(text)):
        return ""
    places = [t for t in h.topics if t in h.req.names and h.req.names[t].kind == "place"]
    if len(places) != 1 or not (described := h.req.names[places[0]].description):
        return ""
    return f"{name_of(h, places[0])}? {described}"


def nearer_of(h: Heard) -> str:
    """"Mara's Bakery is nearer: it's right next door.": of two places the line names, the
    one fewer steps away from here (or from the place it says it starts from), or neither."""
    text = h.reading.raw
    if not _NEARER.search(text) or not h.reading.has("or"):
        return ""
    places = [t for t in h.topics if t in h.req.names and h.req.names[t].kind == "place"]
    start = h.req.place
    after_from = _FROM.search(text)
    if after_from and (said := _place_in(h, after_from["a"])) is not None:
        start = said
    choices = [p for p in places if p != start][:2]
    if len(choices) < 2:
        return ""
    steps = {p: len(route(h.req, p, start)) for p in choices}
    if not all(steps.values()):
        return ""
    if steps[choices[0]] == steps[choices[1]]:
        return f"Neither: {name_of(h, choices[0])} and {name_of(h, choices[1])} are both {steps[choices[0]]} " \
               f"step{'s' if steps[choices[0]] > 1 else ''} away."
    near, far = sorted(choices, key=lambda p: steps[p])
    how = "right next door" if steps[near] == 1 else f"{steps[near]} steps away"
    return f"{capital(name_of(h, near))} is nearer: it's {how}; {name_of(h, far)} is {steps[far]} steps away."


def place_for(h: Heard, intent: str) -> str:
    """"Where do I go for the flu vaccine?": the way to the one place whose description
    names a thing the world gives no place of its own (a concept, or an item not sold or
    kept anywhere), asked for by where; "" when the NPC believes something of the thing, no
    place or more than one names it, or the NPC stands there."""
    if intent != "ask_way" or h.reading.wh != "where" or not h.topics or h.topics[0] not in h.req.names:
        return ""  # not "is there any way to grab food?", which what the NPC believes may answer
    thing = h.req.names[h.topics[0]]
    if thing.kind not in ("concept", "item") or thing.place or any(t != thing.id for t in h.topics):
        return ""
    if any(thing.id in (f.subject, f.object) for f in h.req.facts):
        return ""  # what it believes of the thing answers ("the original is in the archive")
    words = word_form_set(thing.name) - FUNCTION_WORDS
    places = [v.id for v in h.req.names.values() if v.kind == "place" and words
              and (thing.id in v.holds or words <= word_form_set(v.description))]
    if len(places) != 1 or places[0] == h.req.place:
        return ""
    return way_sentence(h.req, places[0], None, lambda e: name_of(h, e))


def _place_in(h: Heard, part: str) -> str | None:
    """The place a piece of the line names: here, a place by its name, or where a thing it
    names is kept or sold."""
    part = part.strip()
    if _HERE.match(part):
        return h.req.place
    names = h.req.names
    for found in names_in(h.req, part):
        view = names[found]
        if view.kind == "place":
            return found
        if view.kind == "item" and view.place:
            return view.place
    return None
