"""Places asked for by what is there or done there rather than by their name ("the rooms
with all the papyri and amulets", "where do I pick up a prescription?", "how would I get
through to the manager?").

What everyone knows of a place is what is seen there (its description), the wares sold
there and how the people who work there are known; the line is compared by meaning (the
embedder) with each of these, a place scoring its closest. Only one place clearly closest
(:data:`PLACE_CLOSE`, :data:`PLACE_MARGIN`) answers: a line about nothing in the world
("where is the swimming pool?") is close to no place, or about as close to two, and keeps
its "I don't know". No word list is involved: the world's own texts are the candidates.
Before meaning, a place's name may say what is done there ("where do I wait?" -> Waiting
Room): the one place whose name has a word of the line no other place's name has.

The way asked to a person ("how do I get through to the manager?") is the way to the one
place that is theirs (:func:`person_place`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from itertools import pairwise

import numpy as np

from simverse.core.decisions import DecisionRequest, NameView
from simverse.core.names import FUNCTION_WORDS, name_words, same_root, verb_forms, word_form_set, word_forms, word_set
from simverse.llm.dialogue.clausal import PART_BREAK
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.per_world import people_words
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.way_asked import asks_the_way, asks_way, asks_way_to_place

PLACE_CLOSE = 0.45
"""Cosine from which a place's description, ware or worker may be what the line asks for.
Calibrated on every labelled set together (the lines that reach it: a where or way question
that names no person, thing or place but where it starts), never per line: "bram what's
the best way from here to the rooms with all the papyri and amulets?" is 0.56 from
"Ancient Wing: Dim rooms of glass cases: papyri, amulets..."; the closest line the labels
say the NPC cannot know, "where does that smuggler tie up his boat?", 0.40 from the harbour;
"where is the swimming pool?" at most 0.17 from any place of a school."""
PLACE_MARGIN = 0.1
"""How much closer than the next place the best must be: "where do I return a kettle?" is
as close to a break room with a kettle as to the waiting area (0.45, 0.47), so neither by
meaning (the Returns Room's name answers it first: :func:`place_named_for`)."""


NAME_PAIR_CLOSE = 0.55
"""Cosine of two words said together to a place's name from which they may name it ("coffee
stand" and "Coffee Kiosk" 0.60, "medicines counter" and "Pharmacy Counter" 0.82; "gift
shop" and "Museum Café" 0.47, "castle keep" at most 0.32 from any place of the valley)."""


def word_pairs(r: Reading, req: DecisionRequest) -> list[str]:
    """Two content words said together ("coffee stand"), unless both are words of the
    world's names: then the name index has read them already ("head office")."""
    names = name_words(req.names)
    r = read(_FROM_PLACE.sub(" ", r.text))  # "the jab place from the front counter": the counter is the start
    return [f"{a} {b}" for a, b in content_pairs(r) if not (a in names and b in names)
            and a not in _ONLY_A_SITE and b not in _ONLY_A_SITE]  # "canteen facility": the canteen alone


def place_names(req: DecisionRequest) -> dict[str, list[str]]:
    """Per place, its name and aliases of more than one word, as a pair of words may say
    them (a head word alone, "room", is as close to "nurse room" as to any room)."""
    return {v.id: [v.name, *(a for a in v.aliases if " " in a.strip())] for v in req.names.values()
            if v.kind == "place"}


_WALK_GOAL = re.compile(r"\b(?:to|2|into|towards|onto|as far as)\s+(?:where\s+)?"
                        r"(?:the|a|an|that|this|your|our|my|(?:[a-z]+ )?[a-z]+'s)\s+"
                        r"(?P<goal>[a-z' -]+?)"
                        r"(?=\s+(?:with|alongside|together|for|and|n|so|because|before|after|now|then|please|is|gets"
                        r"|buys|pays|right|straight|immediately|at once|asap|quickly|first)\b|[,.;!?]|$)")


def walk_goal(raw: str) -> str:
    """Where a walk asks to go, in the speaker's words ("walk over to the canteen with me"
    -> "canteen", "come to where the fish tank is" -> "fish tank", "as far as Maud's red door"
    -> "red door"), to be compared with the places' names; "" when it says no such place."""
    match = _WALK_GOAL.search(raw.lower())
    words = [w for w in (match["goal"].split() if match else []) if w not in FUNCTION_WORDS]
    while len(words) > 1 and words[-1] in _ONLY_A_SITE:
        words.pop()  # "the canteen facility": the canteen
    return " ".join(words) if 0 < len(words) <= 4 else ""


_SITE = word_set("facility site venue location premises")
"""Words of office talk that say only that something is a place ("the canteen facility")."""
_ONLY_A_SITE = _SITE | word_set("space zone area")
"""Words after a place's own that say only that it is a place ("the canteen facility")."""


_DETERMINER = r"(?:the|a|an|that|this|those|these)\s"
_GOES_TO = re.compile(r"\b(?:to|towards?|onto|for|reach(?:es)?|find|way(?:'s| is)?|between (?:me|us|here) and)\s+"
                      r"(?:wherever\s+)?(?P<goal>" + _DETERMINER + ".+)")
_DETERMINED = re.compile(r"\b" + _DETERMINER + ".+")
_FROM_ON = re.compile(r"\s+(?:from|(?:a)?round (?:here|there))\b.*$")


def way_goal(line: str) -> list[str]:
    """What a way question goes to in the speaker's words ("which way's the food hall?" ->
    "the food hall"), from the clause that asks the way, else from the one before it ("I
    need the tall room with the clock - which way from here?"): a lead-in may say the goal
    the question only points at. A word that says only that it is a place is taken off its
    end ("food" of "the food hall"): it is as close to any hall as to a place to eat.
    Empty when the line asks no way or says no goal."""
    parts = [p.strip() for p in PART_BREAK.split(line.lower().replace("\u2019", "'")) if p.strip()]
    asking = next((i for i in reversed(range(len(parts))) if asks_the_way(read(parts[i]))), None)
    if asking is None:
        return []
    leads = parts[max(asking - 2, 0):asking]  # "the canteen, miss - what's the quickest route...": past the address
    goal = _goal_in(parts[asking]) or next((g for p in reversed(leads) if (g := _goal_in(p, lead=True))), "")
    words = goal.split()
    if not words or words[-1] not in PLACE_WORDS:
        return [goal] if goal else []
    kept = [w for w in words[:-1] if w not in FUNCTION_WORDS]
    return [" ".join(kept)] if kept else []


_WHERE_IS = re.compile(r"\bwhere(?: to)?(?: is|'s| are|s) (?:the|that|this|your|a|an) (?P<goal>[a-z' -]+?)"
                       r"(?=\s+(?:from|round|around|near|here|there|please|then|now|at|in|on|kept|located|found|sold"
                       r"|stored|hidden|put|gone|again|exactly)\b|[,.;!?]|$)")


def where_goal(line: str) -> str:
    """What a "where is" question looks for in the speaker's words ("where's the vaccine
    corner from here?" -> "vaccine corner"); "" when it asks no such thing."""
    match = _WHERE_IS.search(line.lower().replace("\u2019", "'"))
    return match["goal"].strip() if match else ""


def known_by(req: DecisionRequest, r: Reading, topics: list[str]) -> bool:
    """Whether what the line names only says which place its way goes to ("the tea stand",
    "the vaccine corner"): each thing's words come before the goal's last word, never as it
    ("how do I find the tower key?" asks for a key)."""
    said = req.conversation[-1].text if req.conversation else ""
    goal = word_forms(next(iter(way_goal(said)), "") if asks_the_way(r) else where_goal(said))
    if len(goal) < 2:
        return False
    names = [word_form_set(" ".join((v.name, *v.aliases))) if (v := req.names.get(t)) else frozenset()
             for t in topics]
    return all(words & set(goal[:-1]) and goal[-1] not in words for words in names)


def named_as(goal: str) -> str:
    """A goal's content words when they are one or two, as a name of a place may be said
    another way ("canteen" for a cafeteria); "" for a longer description."""
    words = [w for w in goal.split() if w not in FUNCTION_WORDS]
    return " ".join(words) if 0 < len(words) <= 2 else ""


def _goal_in(part: str, lead: bool = False) -> str:
    """The place a clause goes to ("... out to the tower on the hill"), or in a lead-in the
    first thing it describes ("I'm after the tall room with the clock"), less where from
    ("from here")."""
    match = _GOES_TO.search(part)
    described = (_DETERMINED.search(part) or _bare_goal(part)) if lead else None
    goal = match["goal"] if match else described.group() if described else ""
    return _FROM_ON.sub("", goal).strip()


_BARE = re.compile(r"^(?:[a-z'-]+ ){0,2}[a-z'-]+$")
_NOT_GOALS = word_set("hi hello hey hiya sorry please excuse me thanks ok okay so well um erm sir miss madam mate "
                      "pls plz yes no right quick question")


def _bare_goal(part: str) -> re.Match[str] | None:
    """A lead-in of one to three words that names a thing without "the" ("dutch masters,
    which way"), not a greeting or a word of address."""
    match = _BARE.match(part.strip(" ,.!?"))
    return match if match and not set(match.group().split()) <= _NOT_GOALS else None


def place_wanted(r: Reading) -> bool:
    """Whether the line asks where something is or how to get somewhere, or asks for a place
    by what is done there ("which room sorts out flu shots?", "anywhere to buy a brew?")."""
    return asks_way(r) or asks_way_to_place(r) or bool(_PLACE_ASKED.search(r.text))


_PLACE_ASKED = re.compile(r"\b(?:which|what|any)(?: [a-z]+)? (?:rooms?|places?|shops?|spots?|stalls?|counters?)\b"
                          r"|\b(?:anywhere|somewhere)(?: (?:round|around|near) here| nearby)? (?:to|that|i can|selling"
                          r"|serving|for)\b"
                          r"|\bwhere (?:do|does|did) (?:you|they|we|people|folk) (?:keep|store|stock|stack|put)\b")
""""Which room sorts out...", "any shop nearby selling...", "anywhere to buy...", "where do you keep
the returned appliances?": a place asked for."""


_ORIGIN = re.compile(r"\b(?:from|come from|comes from|came from)\W*$|\bwhere (?:do|does|did) (?:you|they|he|she) "
                     r"(?:get|buy|find|source|pick up|learn|come by)\b")


def asks_origin(r: Reading) -> bool:
    """Whether the line asks where something comes from or where the NPC (or another)
    gets it ("where do you get all those swords from?"): a source, which a place that
    sells or shows the thing does not answer."""
    return bool(_ORIGIN.search(r.text))


_VIEW = re.compile(r"\bwhat (?:can|could|do|would|will|might) (?:you|ya|u|a person|a body|one|people|folk|i|we"
                   r"|someone|anyone) (?:\w+ )?see\b(?: \w+){0,3}? (?:from|up there|up here|up top|out there)\b"
                   r"|\b(?:what is|how is|hows) the view\b(?! of\b)"
                   r"|\bwhat (?:can|could|would|will|might) (?:i|we|you|one) see\b(?: \w+){0,6}? (?:the top|up top)\b")
""""What can a person see from up there?", "how's the view?", "what could I see once I reached
the top?": what is seen from where the NPC stands, which its place's description says."""


def view_asked(r: Reading) -> bool:
    """Whether the line asks what is seen from where the NPC is."""
    return bool(_VIEW.search(r.text))


def place_texts(req: DecisionRequest) -> dict[str, list[str]]:
    """Per place, what everyone knows of it: its name with its description, the wares on
    sale there, and how each person whose persona names it is known."""
    out: dict[str, list[str]] = {}
    for view in req.names.values():
        if view.kind == "place":
            out[view.id] = [f"{view.name}: {view.description}" if view.description else view.name]
    for view in req.names.values():
        if view.kind == "item" and view.price and view.place in out:
            out[view.place].append(view.name)
        elif view.kind == "npc" and view.known_as:
            for place in view.works_at:
                if place in out:
                    out[place].append(view.known_as)
    return out


LISTED_CLOSE = 0.8
"""Cosine from which an item a place's description lists is what a way is asked to: the thing
named nearly as listed ("the coat pegs" and "coat pegs" 0.96); another word for a place is
close to many short items ("the canteen" 0.65 from an item of a classroom's list)."""
_SENTENCE = re.compile(r"[;:.!?]")
_LISTED = re.compile(r"\s*(?:,|\band\b)\s*")


def only_mentioned_at(req: DecisionRequest, goals: Sequence[str]) -> str | None:
    """The one place whose description has the head word of a way's goal ("the fountain":
    "Cobbles around a fountain"), a thing seen only there; where several have it, the one
    that has the most of the goal's words ("the elder's red door": "Elder Maud's cottage
    with its red door", not the tower's iron door). ``None`` when no place or a tie."""
    best: dict[str, int] = {}
    for goal in goals:
        words = [w for w in word_forms(goal) if w not in FUNCTION_WORDS]
        if not words or words[-1] in PLACE_WORDS:
            continue
        for view in req.names.values():
            seen = set(word_forms(view.description or "")) if view.kind == "place" else set()
            if words[-1] in seen:
                best[view.id] = max(best.get(view.id, 0), len(seen & set(words)))
    ranked = sorted(best.values(), reverse=True)
    return next(p for p, n in best.items() if n == ranked[0]) if ranked and ranked[1:2] != ranked[:1] else None


def description_parts(description: str) -> list[str]:
    """The things a description lists, each alone ("Lockers, coat pegs and a noticeboard with
    the menu" -> "Lockers", "coat pegs"): "the coat pegs" is far closer to "coat pegs" than
    to the whole description. Only a list (a sentence with commas) and only its short items
    (up to three words): a clause ("you see every boat come and go") names no one thing."""
    parts = []
    for sentence in _SENTENCE.split(description):
        if "," in sentence:
            parts += [p.strip() for p in _LISTED.split(sentence) if 0 < len(p.split()) <= 3]
    return parts


def listed_texts(req: DecisionRequest) -> dict[str, list[str]]:
    """Per place that lists things in its description, those things (:func:`description_parts`):
    compared with the goal of a way asked ("which way to the coat pegs?") alone, since a line
    about one of the things ("where did those swords come from?") asks no place."""
    places = [v for v in req.names.values() if v.kind == "place"]
    return {v.id: parts for v in places if (parts := description_parts(v.description))}


def place_scores(line_vectors: np.ndarray, text_vectors: np.ndarray,
                 texts: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """Each place's closest text to any of the line's vectors (rows of ``line_vectors``);
    ``text_vectors`` holds the texts' vectors in the order of ``texts``."""
    lines = np.asarray(line_vectors, dtype=np.float32)
    vectors = np.asarray(text_vectors, dtype=np.float32)
    scores = (vectors @ lines.T).max(axis=1) if len(vectors) else np.zeros(0, dtype=np.float32)
    out: dict[str, float] = {}
    row = 0
    for place, mine in texts.items():
        out[place] = float(scores[row:row + len(mine)].max()) if mine else 0.0
        row += len(mine)
    return out


PLACE_WORDS = word_set("room hall area place spot building house street road way side somewhere anywhere") | _SITE
"""Words a place's name may have that say only that it is a place ("Waiting Room")."""
_GOING = word_set("go get find reach head near nearest around here there")
"""Words of asking the way that say nothing of what is done at the place."""


_AROUND = re.compile(r"\b(?:in|around|round|at|of|across|near|about) (?:this|our|the whole|this whole) [a-z]+")
""""In this school", "around this village": where the asker is, not what it looks for."""
_FROM_PLACE = re.compile(r"\b(?:from|out of) (?:the|this|that|your|my|our) [a-z'-]+"
                         r"(?: (?!(?:to|towards|into|onto|and|then|for|so)\b)[a-z'-]+)*")
""""From the front counter": where a way starts, not where it goes."""


def place_named_for(r: Reading, req: DecisionRequest, skip: Collection[str] = ()) -> str | None:
    """The one place whose name has, in some form, a word of the line that no other
    place's name has: places are named for what is done there ("where do I wait?" ->
    Waiting Room, "where do returns go?" -> Returns Room). ``skip``: places the line names
    otherwise (where the way starts) or where it is asked."""
    people = people_words(req.names)
    owners: dict[str, set[str]] = {}
    for view in req.names.values():
        if view.kind == "place":
            for word in word_forms(view.name):  # "Mara's Bakery" is named for no deed
                if len(word) >= 4 and word not in FUNCTION_WORDS and word not in PLACE_WORDS and word not in people:
                    owners.setdefault(word, set()).add(view.id)
    said = {w for w in word_forms(_FROM_PLACE.sub(" ", _AROUND.sub(" ", r.text)))
            if len(w) >= 3 and w not in FUNCTION_WORDS and w not in _GOING}
    found = {next(iter(places)) for word, places in owners.items() if len(places) == 1
             and any(_same_word(word, w) for w in said)}
    found -= set(skip)
    return found.pop() if len(found) == 1 else None


def _same_word(a: str, b: str) -> bool:
    return bool(verb_forms(a) & verb_forms(b)) or same_root(a, b)


def places_showing(req: DecisionRequest, words: Collection[str], skip: Collection[str] = ()) -> list[str]:
    """The places, but ``skip``, whose description has one of ``words`` in some form ("tarmac"
    -> the playground of "a football pitch painted on the tarmac")."""
    forms = {f for w in words for f in word_forms(w)}
    return [v.id for v in req.names.values() if v.kind == "place" and v.id not in skip
            and forms & set(word_forms(v.description))]


def described_place(scores: Mapping[str, float]) -> str | None:
    """The place clearly closest to what the line asks for, or None (nothing close
    enough, or two about as close)."""
    return clearly_closest(scores, PLACE_CLOSE, PLACE_MARGIN)


_OWNER = re.compile(r"([A-Za-z][\w-]*)['\u2019]s\b")


def person_place(req: DecisionRequest, person: str, r: Reading, going: bool = False) -> str | None:
    """For a line that asks the way to a person ("how do I get through to the manager?",
    "how do I get out to the shepherd's field?") or where a place of theirs is ("where's the
    shepherd's hill?"): the one place that is theirs, named after them or one of their roles
    ("Cobb's Pasture", "Manager's Office"), or named in their persona; None when the line
    asks no way (nor, ``going``, asks to walk there: "walk down to Cobb's field with me") or
    none or several are theirs."""
    view = _person(req, person)
    if view is None:
        return None
    if not (going or asks_the_way(r) or (r.wh == "where" and set(r.owners) & _marks(view))):  # "the shepherd's hill"
        return None
    places = places_of(req, person)
    return places[0] if len(places) == 1 else None


def places_of(req: DecisionRequest, person: str) -> list[str]:
    """The places that are a person's: named after them or one of their roles ("Cobb's
    Pasture", "Manager's Office"), or named in their persona."""
    view = _person(req, person)
    if view is None:
        return []
    marks = _marks(view)
    return [p.id for p in req.names.values() if p.kind == "place" and (
        p.id in view.works_at or any(m.lower() in marks for m in _OWNER.findall(p.name)))]


def _marks(view: NameView) -> set[str]:
    """How a place's name may say it is a person's: their name or one of their roles."""
    return {view.id.lower(), *_roles(view)}


def _person(req: DecisionRequest, topic: str) -> NameView | None:
    """The person a topic is: an NPC, or a concept named as the role of exactly one ("the
    manager" in "the manager's approval")."""
    view = req.names.get(topic)
    if view is None or view.kind == "npc":
        return view
    people = [v for v in req.names.values() if v.kind == "npc" and view.name.lower() in _roles(v)]
    return people[0] if len(people) == 1 else None


def _roles(view: NameView) -> set[str]:
    """A person's roles and their heads ("service manager" and "manager")."""
    return {w for a in view.aliases if a.split() for w in (a.lower(), a.lower().split()[-1])}


def content_pairs(r: Reading, skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Two content words said next to each other ("coffee stand", "almond pastries"), in
    order, each pair once: what a name or a ware of two words may be said as."""
    said = word_forms(r.text)

    def content(word: str) -> bool:
        return len(word) >= 3 and word.isalpha() and word not in FUNCTION_WORDS and word not in skip

    return list(dict.fromkeys((a, b) for a, b in pairwise(said) if content(a) and content(b)))
