"""Being asked to walk somewhere with the speaker: "follow me to the square", "pop out by
the fish tank", "walk down to Cobb's field with me". The NPC agrees only to a walk next
door that the world's rules allow now (a move goes one place at a time), to the place the
line names, the place of the person it names, or the place it describes by what is there.
"""

from __future__ import annotations

import re
from collections import Counter

from simverse.core.names import FUNCTION_WORDS, name_words, word_forms, word_set
from simverse.llm.dialogue.answers import Heard, Said, name_of
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.described import described_place, person_place, places_showing, walk_goal
from simverse.llm.dialogue.knowing import route
from simverse.llm.dialogue.parts import request_clause
from simverse.llm.dialogue.per_world import from_names
from simverse.llm.dialogue.reading import goes_along, read
from simverse.llm.dialogue.requesting import COME_ALONG, action_verbs, led_on, led_to, polite_request, walk_together
from simverse.llm.dialogue.ways import said_as_start

MOVE_WORDS = word_set("move go come follow walk head lead join meet take bring accompany run hurry stroll wander amble "
                      "nip hop dash scoot mosey saunter toddle shuffle trot jog")


def wants_to_go(h: Heard) -> bool:
    """Whether the line asks the NPC to walk somewhere with the speaker ("come with me",
    "pop out to the waiting room", "take me over to the mill")."""
    r = h.reading
    verbs = action_verbs(h.req)
    verb = polite_request(r, verbs) or _asked_after(h, verbs) or ""
    return (verb in MOVE_WORDS or goes_along(r) or walk_together(r) or r.has(*COME_ALONG)
            or bool(_TAKE_ME.search(r.text) or _POP_OVER.search(r.text)) or led_on(r)
            or (r.has("next door") and r.has("together", *_WE_SUGGEST)))


def _asked_after(h: Heard, verbs: frozenset[str]) -> str | None:
    """The verb of a request that comes after what leads into it ("the front desk is free
    now, could you go over there?")."""
    names = name_words(h.req.names)
    clause = request_clause(h.reading.raw, verbs, names)
    return polite_request(read(clause, names=names), verbs) if clause else None


_WE_SUGGEST = ("shall we", "let us", "why do not we", "how about we", "what about we")
"""A suggestion to do something together: with "next door", a walk there ("shall we have a
look at the statues next door?")."""


_POP_OVER = re.compile(r"\b(?:pop|step|nip|hop)(?: (?:out|over|round|across|down|up|along|through|back))?"
                       r"(?: (?:beside|with|alongside) (?:me|us))? (?:to|into|towards|by) (?:the|a|an|my|your|our)\b"
                       r"|\b(?:pop|nip|hop|step) (?:out|over|round|across|through|along)"
                       r"(?: (?:would|will|could|can) you| please| then| now| quick| quickly| mate| love)*$"
                       r"|(?:^| )come(?: (?:over|along|quick|quickly|fast|now|please|then|too))+$"
                       r"|\b(?:make|making) (?:your|ur) way (?:(?:over|down|up|across|back|round) )?"
                       r"(?:to|into|towards)\b")
""""Pop out to the waiting room", "step over to the desk", "hop along beside me to the lobby", "they
need a hand at the desk, pop through would you", "the front desk needs you! come, please": a
walk ("pop your name in" is none); so is "make your way to the waiting room"."""
_TAKE_ME = re.compile(r"\b(?:take|bring|lead|walk|show|see|escort|guide|accompany|steer|usher|conduct|shepherd"
                      r"|taking|bringing|leading|walking|showing|seeing|escorting|guiding|accompanying|steering"
                      r"|ushering|shepherding) (?:me|us) "
                      r"(?:[a-z]+ ){0,2}?"
                      r"(?:to|into|towards|over|round|across)\b")
""""Take me through to where the returns get tested", "show us over to the mill", "see me through to
the back room": a walk with the speaker."""


def go(h: Heard) -> Said:
    """Agree to walk next door with the speaker, to the place the line names or describes, or
    say why not (it is here, further than next door, or the way is shut)."""
    req = h.req
    places = [t for t in h.topics if t in req.names and req.names[t].kind == "place"
              and not (t == req.place and said_as_start(req, h.reading.text, t))]  # "from this room into ..."
    target = next((t for t in places if t != req.place), places[0] if places else None)  # "off the point to the quay"
    if target is not None and _head_with_description(h, target):  # "the room with the hamster": not the Staff Room
        target = place_described(h) or target
    if target is None:  # "walk down to Cobb's field with me": the one place that is that person's
        theirs = {person_place(req, t, h.reading, going=True) for t in h.topics if t not in places}
        target = next(iter(theirs)) if len(theirs) == 1 else None
    if target is None:  # "come through to the statues with me": the place where they are
        target = place_described(h) or _place_where_it_stands(h)
    if target is None:
        return Said("Where to?" if h.voice.warmth > -0.2 else "Go where?")
    name = name_of(h, target)
    if target == req.place:
        return Said(f"We're already at {name}.")
    path = route(req, target)
    if not path:
        return Said(h.voice.say("refuse", h.rng, why=f"I don't know a way to {name} from here"))
    first = path[0]
    if len(path) > 1:  # a move goes next door only: agreeing would promise a walk the rules do not make
        return Said(h.voice.say("refuse", h.rng, why=f"{name} is further than next door; I could come as far as "
                                                    f"{name_of(h, first)}"))
    if {"place": first} not in req.doable.get("move", []):
        return Said(h.voice.say("refuse", h.rng, why=f"the way to {name_of(h, first)} is shut"))
    return Said(h.voice.say("agree", h.rng, what=f"I'll come with you to {name}"), action="move", args={"place": first})


def _head_with_description(h: Heard, place: str) -> bool:
    """Whether the line names ``place`` only by the last word of its name, a word of other
    places' names too, which a phrase describing it follows ("the room with the hamster"
    where Staff Room and Room 4B are rooms): the description says which."""
    name = word_forms(name_of(h, place))
    said = h.reading.words
    described = any(w == name[-1] and said[i + 1] in _DESCRIBING for i, w in enumerate(said[:-1]))
    return len(name) > 1 and name[0] not in said and described and _places_named_with(h, name[-1]) > 1


def _places_named_with(h: Heard, word: str) -> int:
    """How many of the world's places have ``word`` in their name (counted once per world)."""
    names = h.req.names
    counts = from_names(names, "place name words", lambda: Counter(
        w for v in names.values() if v.kind == "place" for w in set(word_forms(v.name))))
    return counts[word]


_DESCRIBING = word_set("with where that which")


_TO_WHERE = re.compile(r"\b(?:walk|take|bring|lead|show|go|head|come|run|pop|nip|hop|move|step|walking|taking"
                       r"|bringing|leading|showing|going|heading|coming|popping|nipping|moving|stepping"
                       r"|escort|accompany|guide|follow|escorting|accompanying|guiding|following)"
                       r"(?: (?![a-z]+ing\b)[a-z]+){0,3} (?:to|into|towards|by) (?:the|where|a|an|somewhere)\b")
"""Where a walk is to, said by what is there ("take the toddler through to where the fish
tank is", "pop out by the fish tank"), not whom an errand is for ("go round handing leaflets
to the people waiting")."""


def owner_place_said(h: Heard) -> bool:
    """Whether a walk goes to a place by its keeper ("walk with me over to Ilsa's place, I
    owe you a drink": the tavern, not the drink)."""
    owners = set(h.reading.owners)
    return any(set(word_forms(h.req.names[t].name)) & owners and person_place(h.req, t, h.reading, going=True)
               for t in h.topics if t in h.req.names)


def place_described(h: Heard) -> str | None:
    """The place a walk together asks for by what is there ("come through to the statues
    with me", "walk us across to the statues"), not the NPC's own; none for an errand ("go
    and sort out the returns shelf", "take a close look at the painting"), whose words
    describe what is to be done, not where to. "Next door" says it is one of the places that
    join this one."""
    to_where = _TO_WHERE.search(h.reading.text) is not None or walk_together(h.reading) or led_on(
        h.reading)  # "race you to the frame", "the green. lead on."
    next_door = h.reading.has("next door")
    if not (to_where or next_door or goes_along(h.reading) or h.reading.has("together", *_WE_SUGGEST)):
        return None
    if not next_door and described_place(h.place_similarity) == h.req.place:
        return None  # "sprint with me round the football markings" in the playground: here
    scores = {p: v for p, v in h.place_similarity.items() if p != h.req.place}
    if next_door:  # "the bronzes next door": one of the places that join this one
        here = h.req.names.get(h.req.place)
        near = list(here.near) if here is not None else []
        if len(near) == 1:
            return near[0]
        scores = {p: v for p, v in scores.items() if p in near}
    return described_place(scores) or (
        clearly_closest(scores, WALK_CLOSE, WALK_MARGIN) if to_where or next_door else None) or (
        _place_where_it_stands(h) if to_where else None)  # "to where the sign-in screen is"


_WHERE_IT_STANDS = re.compile(r"\bwhere (?:the|a|an|that|those|them|all the|all them) (?:[a-z]+ )?(?P<thing>[a-z]+) "
                              r"(?:is|are|stands|stand|sits|sit|hangs|hang|be)\b"
                              r"|\b(?:on|in|by|onto|near|beside|round|with) (?:the|that|them|those) "
                              r"(?P<at>[a-z]+(?: [a-z]+)?)\b")
""""Come out where the fountain is", "come out on the tarmac", "sit in the back by the
fridge", "out to the yard with the climbing frame": a place said by one thing that is there."""


def _place_where_it_stands(h: Heard) -> str | None:
    """The one place, not this one, whose description alone has a thing the walk says is
    where it goes ("where the fountain is" -> the square of "cobbles around a fountain", "on
    the tarmac" -> the playground), or the thing it goes to ("onto the green")."""
    goal = walk_goal(h.reading.raw).split()
    things = {w for m in _WHERE_IT_STANDS.finditer(h.reading.text) for w in (m["thing"] or m["at"]).split()
              if w not in FUNCTION_WORDS} | set(goal[-1:]) | ({led_to(h.reading)} - {""})
    if any(h.req.place in places_showing(h.req, [thing]) for thing in things):
        return None  # "round the football markings" in the playground: said of here, no walk
    found: set[str] = set()
    for thing in things:
        places = places_showing(h.req, [thing], skip=[h.req.place])
        found |= set(places) if len(places) == 1 else set()
    return found.pop() if len(found) == 1 else None


WALK_CLOSE, WALK_MARGIN = 0.35, 0.2
"""A walk "to" a place said by what is done there may be a little less close than a
question ("take me through to where the returns get tested": 0.44 to the Returns Room, the
next 0.16) when no other place comes near it; not "do some practice with me", which names
something to do, not where."""
