"""A question that echoes a sentence of a place's description ("what rings when the door
opens?" of "a bell rings when the door opens", "what hangs from the chapel ceiling?" of "a
whitewashed chapel with a ship model hanging from the ceiling"): everyone who knows the map
knows what its places look like, so the sentence is the answer. Only a sentence that says
all but one of the question's words (at least two), beyond the place's own name, and more
than the question does answers it; a question that echoes none, or two sentences as well,
stays unknown, and so does one that asks a detail the sentence only touches ("what's the
hamster's favourite snack?", "what's the ship model called?"). A "where" question for a thing
one description lists ("where is the lunch menu?" of a hallway with "a noticeboard with the
lunch menu") is told where it is seen, before any ware its words recall. Plain word overlap, never a world's words.
"""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, same_root, verb_forms, word_forms
from simverse.llm.dialogue.described import where_goal
from simverse.llm.dialogue.details import persona_pieces, persona_told, place_details
from simverse.llm.dialogue.heard import Heard, capital, name_of
from simverse.llm.dialogue.imperatives import PARTICLES
from simverse.llm.dialogue.reading import YOU_WORDS
from simverse.llm.dialogue.roles import other_time

ECHOED = 2
"""Words of a description's sentence a question must say (in some form) to be asking it."""
UNECHOED = 1
"""Words of the question the sentence may leave unsaid ("shop" of "what rings when the shop door opens?")."""
_NOT_A_THING = ("what time", "what day", "what year", "what hour", "what colour", "what color", "what size",
                "what number", "what kind", "what sort", "what type", "favourite", "favorite")
"""Questions whose answer no sentence of a description says even where it shares words."""
_NAMING = frozenset({"name", "called", "named", "call"})
"""Words that ask a name, which only a sentence that gives one ("a hamster called Pi") tells."""


def _words(text: str, skip: set[str]) -> set[str]:
    return {w for w in word_forms(text) if len(w) >= 3 and w not in FUNCTION_WORDS and w not in skip}


def _shared(asked: set[str], said: set[str]) -> set[str]:
    """The words said that are asked in some form ("hanging" / "hangs", "festivities" / "festival")."""
    return {s for s in said if any(same_root(a, s) or a in verb_forms(s) or s in verb_forms(a) for a in asked)}


def _echo(asked: set[str], said: set[str]) -> set[str]:
    """The words ``said`` shares with a question that echoes it: at least :data:`ECHOED`, with
    at most :data:`UNECHOED` of the question's words left unsaid; empty where it is no echo."""
    shared = _shared(asked, said)
    unsaid = {a for a in asked if not _shared({a}, said)}
    return shared if len(shared) >= ECHOED and len(unsaid) <= UNECHOED else set()


def detail_echoed(h: Heard) -> str:
    """The one description sentence a "what"/"which" question echoes most, of a place it names
    or, naming none, of any place; "" when none does or several do as much."""
    r = h.reading
    if r.wh not in ("what", "which") or r.has(*_NOT_A_THING) or other_time(r):
        return ""  # a description says how a place is now, not "tomorrow's lunch"
    views = {t: v for t in h.topics if (v := h.req.names.get(t)) is not None}
    if any(v.kind == "npc" for t, v in views.items() if t != h.req.npc):
        return ""  # about a person, whom no description shows
    named = [t for t, v in views.items() if v.kind == "place"]
    places = named or [h.req.place, *(t for t, v in h.req.names.items() if v.kind == "place" and t != h.req.place)]
    best: list[tuple[int, str, str]] = []
    for place in places:
        view = h.req.names.get(place)
        if view is None or not view.description:
            continue
        own = set(word_forms(" ".join([view.name, *view.aliases]))) | set(YOU_WORDS)
        asked = _words(r.text, own)
        for sentence, whole in place_details(view.description):
            if sentence != whole:
                continue  # a whole sentence, not an item of its list
            said = _words(sentence, own)
            shared = _echo(asked, said)
            if shared and said - shared and not (
                    set(r.words) & _NAMING and not set(sentence.lower().split()) & _NAMING):
                best.append((len(shared), place, sentence))
    if not best:
        return ""
    most = max(n for n, _, _ in best)
    top = [(place, sentence) for n, place, sentence in best if n == most]
    if len(top) > 1:
        return ""
    place, sentence = top[0]
    told = capital(sentence.rstrip(" .;!")) + "."
    return told if place == h.req.place else f"At {name_of(h, place)}: {told[:1].lower()}{told[1:]}"


_FOUND_AT = re.compile(r"\bwhere (?:(?:in|within|on|at) [a-z ]+? )?(?:can|could|do|might|would|should|will"
                       r"|may) (?:i|we|one|you) (?:find|see|read|spot|look at|check) (?:the|that|this|a|an)"
                       r" (?P<goal>[a-z ]+)$")
"""Where a thing is seen, asked by seeing it ("where might one read the lunch menu?"); not
by getting it, which a ware answers ("where can I get a drink?")."""


_NEVER_UNSAID = frozenset({"item", "thing", "stuff", "object", "something", *PARTICLES})
"""Words that stand for whatever is asked ("what's the item weighing down that bag?") and the
particles of a verb ("weighing down"), never unsaid."""


def persona_echoed(h: Heard) -> str:
    """The NPC's own persona, told in the first person, when a "what"/"which" question to it
    echoes one phrase of it as a description sentence is echoed ("what's weighing down your
    carrier bag?" of "a retired plumber with a recalled kettle in a carrier bag") and says at
    least two words more; "" otherwise ("what was your security answer?" of "who forgot her
    security answers" is not told it)."""
    r = h.reading
    if r.wh not in ("what", "which") or not YOU_WORDS & set(r.words) or r.has(*_NOT_A_THING) or other_time(r):
        return ""
    own = set(word_forms(h.req.names[h.req.npc].name if h.req.npc in h.req.names else h.req.npc)) | set(YOU_WORDS)
    asked = _words(r.text, own | _NEVER_UNSAID)
    for piece in persona_pieces(h.req):
        said = _words(piece, own)
        shared = _echo(asked, said)
        if shared and len(said - shared) >= ECHOED:  # "who forgot her security answers" holds none of them
            return persona_told([piece])
    return ""


def where_listed(h: Heard) -> str:
    """Where the thing a "where is ..." question names no name for is seen: the shortest
    thing of one place's description that holds all its words ("A noticeboard with the lunch
    menu, at Main Hallway."); "" when no place's description, or more than one, lists it."""
    said = h.req.conversation[-1].text if h.req.conversation else h.reading.raw
    found_at = _FOUND_AT.search(h.reading.text)
    goal = _words(found_at["goal"] if found_at else where_goal(said), set())
    if not goal or any(getattr(h.req.names.get(t), "kind", "") != "concept" for t in h.topics):
        return ""  # a named thing, place or person is found by its name ("lunch" may be a belief's word)
    found: dict[str, str] = {}
    for place, view in h.req.names.items():
        if view.kind != "place" or not view.description:
            continue
        things = [thing for thing, _ in place_details(view.description)
                  if all(_shared({word}, _words(thing, set())) for word in goal)]
        if things:
            found[place] = min(things, key=len)
    if len(found) != 1:
        return ""
    place, thing = next(iter(found.items()))
    where = "right here" if place == h.req.place else f"at {name_of(h, place)}"
    return f"{capital(thing.rstrip(' .;!'))}, {where}."
