"""Answers to questions: about something named, about the NPC itself, a price or the way,
each from what the NPC believes, remembers or knows of its world (see
:mod:`~simverse.llm.dialogue.knowing`), in its voice, or an honest "I don't know"; the news
is :mod:`.news`'s."""

from __future__ import annotations

import re
from dataclasses import replace

from simverse.core.decisions import DecisionRequest, FactView
from simverse.core.names import word_forms, word_set
from simverse.llm.dialogue import knowing
from simverse.llm.dialogue.aims import goal_answer, goal_asked, goal_first
from simverse.llm.dialogue.bonds import bond_asked
from simverse.llm.dialogue.charge import who_is_in_charge
from simverse.llm.dialogue.described import (
    asks_origin,
    described_place,
    known_by,
    only_mentioned_at,
    person_place,
    place_named_for,
    place_wanted,
)
from simverse.llm.dialogue.details import described, description_asked, made_of_told
from simverse.llm.dialogue.doers import who_by_deed
from simverse.llm.dialogue.echoed import detail_echoed, persona_echoed, where_listed
from simverse.llm.dialogue.heard import Heard, Said, capital, dont_know, fact_sentence, name_of
from simverse.llm.dialogue.knowing import Known, answers_asked, gather, named, route
from simverse.llm.dialogue.parts import asked_clause, clauses_of
from simverse.llm.dialogue.people import person_answer, relation_named, relation_sentence, wares_asked
from simverse.llm.dialogue.pertinent import asked_words, count_unsaid, says_what_is_asked
from simverse.llm.dialogue.priced import OWN_DEAL
from simverse.llm.dialogue.reading import YOU_WORDS, Reading, asks_opinion, read
from simverse.llm.dialogue.roles import other_time, who_does, who_is_role, who_is_there
from simverse.llm.dialogue.seen_here import seen_here
from simverse.llm.dialogue.voice import a_name, coins_text
from simverse.llm.dialogue.way_asked import asks_the_way, asks_way
from simverse.llm.dialogue.ways import avoided, only_starts, said_as_start, way_ends, way_sentence

__all__ = ["Heard", "Said", "answer_about", "answer_way", "capital", "dont_know", "fact_sentence", "name_of",
           "wares_at", "world_knowledge"]
_EAT = word_set("eat food hungry meal snack breakfast lunch dinner supper starving")
_DRINK = word_set("drink thirsty beverage")
_DRINKS = word_set("ale beer tea coffee wine water milk juice cider mead cocoa lemonade")
_WHERE_TO_GET = ("where", "anywhere", "somewhere", "can i get", "can i buy", "could i get", "to get", "to buy")
_FIND = ("where", "find", "get", "cost", "price", "have", "stock", "available")
_WHICH_PLACE = re.compile(r"\b(?:which|what) (?:room|hall|place|part|wing|floor|building|gallery|corner|stall)\b")
"""A question for the place a thing is in, by a word for a place."""
_TRADE = ("sell", "sells", "sold", "buy", "for sale", "can i get", "do they have", "what have they got", "offer")


def answer_about(h: Heard) -> Said:
    """A question about something: beliefs that fit it, else a kept secret said to be
    kept, else what the world's names tell, else memories, else "I don't know". A question
    about what the NPC is after is answered from its goals."""
    topics = h.topics + knowing.things_at(h.req, h.topics, h.reading)  # "the coffin in the Ancient Wing"
    known = gather(h.req, topics, h.reading, h.similarity, h.bridged)
    fitting = [f for f in known.facts if answers_asked(f, h.reading, h.req)]
    person = next((t for t in h.topics if t in h.req.names and h.req.names[t].kind == "npc"), None)
    # "the rope seller's always saving you the shade. Are you two an item?": how they stand, not an aim
    if person is not None and (asks_opinion(h.reading) or bond_asked(h.reading)):
        view = person_answer(h, person, opinion=True)
        extra = [f for f in fitting if person in (f.subject, f.object)][:1]
        return Said(" ".join([view, *(fact_sentence(h, f) for f in extra)]).strip() or dont_know(h),
                    [f.key for f in extra])
    if (goal_asked(h.reading) or h.goal_similarity) and (aim := goal_answer(h.req, h.goal_similarity, h.reading)):
        close = [s for f, s in zip(h.req.facts, h.similarity or [], strict=False) if f in fitting]
        if goal_first(h.reading, h.goal_similarity, close if h.similarity else [1.0] * len(fitting)):
            return Said(aim)
    kept = [f for f in known.kept if answers_asked(f, h.reading, h.req)]
    if kept and any(named(f, topics) for f in kept) and not any(named(f, topics) for f in fitting):
        fitting = []  # what was asked about is the secret: a belief that only shares a word is no answer
    if fitting:
        chosen = fitting[:2]
        told = " ".join(fact_sentence(h, f) for f in chosen)
        return Said(told if _on_point(h, chosen) else f"{dont_know(h)} {told}", [f.key for f in chosen])
    if kept and not any(named(f, topics) for f in kept) and (common := _common_answer(h)):
        return Said(common)  # a secret that names nothing asked does not hide what the world tells ("your pal?")
    if kept:
        own = any(h.req.npc in (f.subject, f.object) for f in kept)
        return Said(h.voice.say("deflect" if own else "withhold", h.rng))
    if h.reading.owned and (owner := [f for f in known.facts if named(f, topics)]):
        # "why does the lantern girl's varnish look so new?": what it believes of the owner, after "I don't know"
        return Said(f"{dont_know(h)} {fact_sentence(h, owner[0])}", [owner[0].key])
    if common := where_listed(h) or _common_answer(h):
        return Said(common)
    if known.memories:
        return Said(capital(known.memories[0]) + ".")
    if way := _described_way(h):
        return Said(way)
    if seen := seen_here(h) or detail_echoed(h) or persona_echoed(h):  # "what rings when the door opens?"
        return Said(seen)
    said = dont_know(h)
    told = _with_aside(h, said, known)
    return Said(told, unsure=told == said)  # with an aside it told what it knows


def _common_answer(h: Heard) -> str:
    """What the world's names, roles, relations and wares tell of a question, or ""."""
    return (who_does(h.reading, h.req, h.topics) or who_is_role(h.reading, h.req)
            or who_is_in_charge(h.reading, h.req, h.topics, h.role_similarity) or who_is_there(h.reading, h.req)
            or world_knowledge(h) or relation_named(h) or _food(h) or who_by_deed(h.req, h.deed_similarity) or "")


def _on_point(h: Heard, chosen: list[FactView]) -> bool:
    """Whether one of the beliefs to be told says what was asked, not only its topic (:mod:`.pertinent`)."""
    asked = asked_words(h.reading, h.req)
    rows = {f.key: i for i, f in enumerate(h.req.facts)}
    bridged, close = list(h.bridged or []), list(h.similarity or [])

    def says_it(fact: FactView) -> bool:
        i = rows.get(fact.key, -1)
        return not count_unsaid(fact, h.reading) and says_what_is_asked(
            fact, asked, bridged[i] if 0 <= i < len(bridged) else (), close[i] if 0 <= i < len(close) else 0.0)
    return any(says_it(f) for f in chosen)


def _described_way(h: Heard) -> str:
    """The way to the place the line describes by what is there or done there ("the rooms
    with the papyri"), from a place it names as the start, else from here."""
    starts = [t for t in h.topics if t in h.req.names and h.req.names[t].kind == "place"
              and said_as_start(h.req, h.reading.text, t)]
    others = [t for t in h.topics if t not in starts]
    if asks_origin(h.reading):
        return ""  # "where do you get those swords from?" asks a source, not a place that has them
    goal, known = None, bool(others) and known_by(h.req, h.reading, others)  # "the tea stand": the tea says which place
    if len(others) == 1 or (others and h.reading.owners):  # "how do I get to the manager?": theirs
        theirs = {place for t in others if (place := person_place(h.req, t, h.reading))}
        goal = theirs.pop() if len(theirs) == 1 else None  # "the shepherd's hill, I want to see the sheep"
        person = len(others) == 1 and getattr(h.req.names.get(others[0]), "kind", "") == "npc"
        if goal is None and person and h.reading.owners:
            goal = described_place(h.place_similarity)  # "the teachers' lair with the mugs": a place of theirs
    elif others and not known:
        return ""  # "where is the watchtower key?" asks where a thing is, not for a place like it
    if goal is None and (known or not others):  # never the way from here to here ("how do i reach the rooms...")
        here = h.req.place if not starts and asks_the_way(h.reading) else None
        named = place_named_for(h.reading, h.req, {here, *starts}) if place_wanted(h.reading) else None
        goal = named or described_place({p: s for p, s in h.place_similarity.items() if p != here and p not in starts})
    if goal is None or goal in starts:
        return ""
    return _way(h, goal, None if not starts or starts[0] == h.req.place else starts[0])


def _sold_at(req: DecisionRequest, topics: list[str]) -> str | None:
    """The one place every topic is sold at, when all are wares on sale ("the tea and soup")."""
    places = {req.names[t].place if t in req.names and req.names[t].kind == "item" else None for t in topics}
    return places.pop() if len(places) == 1 and None not in places else None


def _way_topics(h: Heard) -> list[str]:
    """The topics a way is asked between: asked how to get somewhere, the places and things it
    names, without people and ideas said on the way ("drop a note with the teachers in their
    staff room, how do I get there?"), when it names a place."""
    if not asks_the_way(h.reading):
        return h.topics
    kept = [t for t in h.topics if t in h.req.names and h.req.names[t].kind in ("place", "item")]
    return kept if any(h.req.names[t].kind == "place" for t in kept) else h.topics


def _with_aside(h: Heard, text: str, known: Known) -> str:
    """After "I don't know", what it does know about the topic (a belief that does not
    answer the question asked, or what a person the line names and asks of it about is
    to it), so nothing it believes is hidden without reason."""
    if known.facts:
        return f"{text} {fact_sentence(h, known.facts[0])}"
    if (near := knowing.nearest_belief(h.req, h.similarity)) is not None:  # "is the doc's diary full later?"
        return f"{text} {fact_sentence(h, near)}"
    tied = [t for t in h.topics if t in h.req.relation_kinds]
    if tied and set(h.reading.words) & YOU_WORDS and not other_time(h.reading):  # "is Walter one of yours?"
        return f"{text} {relation_sentence(tied[0], h.req.relation_kinds[tied[0]])}."
    return text


def world_knowledge(h: Heard) -> str:
    """What anyone here knows about the person, place or item the line is about (its
    first topic: the head of "the watchtower key" is the key). It is what everyone knows
    now: a question about another time ("your teacher last year") gets none of it."""
    if other_time(h.reading):
        return ""
    for topic in h.topics[:1]:
        view = h.req.names.get(topic)
        if view is None:
            continue
        if view.kind == "npc":
            text = (wares_at(h, topic) if wares_asked(h.reading) else "") \
                or person_answer(h, topic)  # "what does Greta sell?"
        elif view.kind == "place":
            text = wares_at(h, topic) if h.reading.has(*_TRADE) and not OWN_DEAL.search(h.reading.text) \
                and h.reading.wh not in ("who", "whose", "whom") else ""  # not "whose farm grows what you sell?"
            volunteered = not h.reading.opens and h.reading.wh is None and not _asks_how_it_is(h.reading.raw)
            text = text or (_way(h, topic) if asks_way(h.reading) or volunteered else "")
            asked = description_asked(h.reading.text) or made_of_told(h.reading.text, view.description)
            if not text and h.reading.wh in ("what", None) and asked \
                    and not said_as_start(h.req, h.reading.text, topic):  # not "the flow from reception to ..."
                text = described(view.name, view.description)  # "what is in the Ancient Wing?"
        elif view.kind == "item":
            asks_where = not _counts(h) and not asks_deed(h.reading) and (  # a count: where it is says none
                h.reading.wh in (None, "where", "how much") or h.reading.has(*_TRADE, *_FIND)
                or h.reading.starts("what is a", "what is an", "what is one")  # "what's a tea here?"
                or _WHICH_PLACE.search(h.reading.text) is not None)  # "which room has the bronze horse?"
            text = _item(h, topic) if asks_where else ""
        else:
            text = ""
        if text:
            return text
    return ""


def _asks_how_it_is(line: str) -> bool:
    """Whether a clause asks yes or no how things are ("is all well at the chapel?"), which the
    way there does not answer, as it does "the chapel?" and "is the kiosk behind the counter?"."""
    return any((said := read(c)).opens and not said.has(*_WHEREABOUTS) for c in clauses_of(line))


_WHEREABOUTS = ("reach", "get to", "get there", "behind", "near", "next to", "far", "close to", "past", "beside",
                "tucked", "through", "across", "round the", "around the", "opposite", "way", "from", "upstairs",
                "downstairs", "inside", "outside")
"""Words of a yes/no question that asks where a place is or how to get there ("is the kiosk
behind the counter?", "can I reach the break room from here?")."""
_MONEY = word_set("coin coins money gold penny pennies pound pounds dollar dollars credit credits")


def _counts(h: Heard) -> bool:
    """Whether the line asks how many of something there are or went ("how many lanterns
    have you shifted?"), which where a ware is sold does not answer; "how many coins...?"
    asks its price."""
    words = h.reading.words
    at = next((i for i in range(len(words) - 1) if words[i:i + 2] == ("how", "many")), -1)
    return at >= 0 and not set(words[at + 2:at + 4]) & _MONEY


def asks_deed(r: Reading) -> bool:
    """Whether a yes/no question asks what someone does or would do with a thing ("would
    you really hand it over to the elder?"), not whether or where it is to be had: it
    opens with an auxiliary and "you" (after any leading clause: "if you got it first,
    would you...") and has no word of finding, trading or being there; "is the soup
    expensive?" asks of the thing."""
    r = read(asked_clause(r.raw))
    return (r.opens and r.wh is None and r.body[1:2] == ("you",)
            and not r.has(*_TRADE, *_FIND, "is there", "are there", "any", "is it", "where"))


def _way(h: Heard, place: str, start: str | None = None) -> str:
    return way_sentence(h.req, place, start, lambda entity: name_of(h, entity), avoided(h.req, h.reading.raw))


def _food(h: Heard, way: bool = False) -> str:
    """"Where can I get something to eat / a drink?": the nearest food (or drink) on sale
    that every villager knows of (``way``: and the way to it)."""
    words = {*h.reading.words, *word_forms(h.reading.text)}  # "does hot drinks"
    named = words & _DRINKS and not asks_the_way(h.reading)  # "grab a beer", not "the way to the coffee stand"
    eat, drink = bool(words & _EAT), bool(words & _DRINK or named)
    asks_where = h.reading.wh == "where" or h.reading.has(*_WHERE_TO_GET)  # not "what did he have for breakfast"
    if not (eat or drink) or not asks_where:
        return ""
    sold = [v for v in h.req.names.values() if v.kind == "item" and v.edible and v.place and v.price]
    if drink and not eat:
        sold = [v for v in sold if set(word_forms(v.name)) & _DRINKS]
    sold.sort(key=lambda v: (0 if v.place == h.req.place else len(route(h.req, v.place)) or 99, v.id))
    if not sold:
        return ""
    where = [f"{a_name(v.name)} at {name_of(h, v.place)} ({coins_text(v.price)})" for v in sold[:2]]
    there = _way(h, sold[0].place) if way and sold[0].place != h.req.place else ""
    return f"You can get {' or '.join(where)}. {there}".strip()


def wares_at(h: Heard, where: str) -> str:
    """"What do they sell at the kiosk?", "what does Greta sell?": the wares known sold there or by them."""
    sold = [v for v in h.req.names.values() if v.kind == "item" and where in (v.place, v.seller) and v.price]
    if not sold:
        return ""
    wares = ", ".join(f"{a_name(v.name)} for {coins_text(v.price)}" for v in sold[:4])
    by_them = f"{where} sells {wares}." if h.req.names[where].kind == "npc" else ""
    return by_them or f"At {name_of(h, where)} you can get {wares}."


def _item(h: Heard, item: str) -> str:
    req = h.req
    view = req.names[item]
    if item in req.inventory:  # "where'd you pick up that lute?" asks where from, which nothing here says
        return "" if asks_origin(h.reading) else f"I have a {view.name} with me."
    info = req.item_info.get(item, {})
    price = info.get("price") or view.price
    cost = f", {coins_text(price)}." if price else "."
    if item in req.items_here and info.get("quantity", 0):
        return f"There's {a_name(view.name)} right here at {name_of(h, req.place)}{cost}"  # where "here" is
    place = view.place or _on_view_at(req, item)  # "which room has the bronze horse?"
    if place:  # asked the way to it ("where can a person get a croissant round here?"): the way too
        way = _way(h, place) if h.intent == "ask_way" and place != req.place else ""
        what = a_name(view.name) if price else f"the {view.name}"  # a ware among many, or the one on view
        return f"You'll find {what} at {name_of(h, place)}{cost} {way}".strip()
    return ""


def _on_view_at(req: DecisionRequest, item: str) -> str | None:
    """The one place whose description shows ``item``, unless a thing of the same name is
    there too (a copy may hang where the original did: which is which is the question) or
    the NPC believes it is somewhere else."""
    shown = _shown_at(req, item)
    if len(shown) != 1 or any(req.names[i].name == req.names[item].name for i in req.names[shown[0]].holds
                              if i != item):
        return None
    elsewhere = {f.object for f in req.facts if f.subject == item} | {f.subject for f in req.facts if f.object == item}
    places = {p for p in elsewhere if p in req.names and req.names[p].kind == "place"}
    return shown[0] if places <= {shown[0]} else None


def _shown_at(req: DecisionRequest, item: str) -> list[str]:
    """The places whose description shows ``item`` (:attr:`NameView.holds`)."""
    return [p for p, v in req.names.items() if v.kind == "place" and item in v.holds]


def answer_way(h: Heard) -> Said:
    """The way to a named place, from here or from another place the line names (or
    where a named item or person is)."""
    if listed := where_listed(h):  # "where is the lunch menu?": on the hallway's noticeboard, not the lunch on sale
        return Said(listed)
    if food := _food(h, way=True):  # "is there anywhere near the docks I can grab a beer?"
        told = answer_about(h)  # unless it believes something of it ("the cafeteria gives apples free")
        return told if told.told else Said(food)
    h = replace(h, topics=only_starts(h.req, h.reading.raw, h.topics))  # not "the head office" of "your office"
    start, goal = way_ends(h.req, h.reading.text, _way_topics(h))
    if goal is not None and start is None and said_as_start(h.req, h.reading.text, goal):
        if goal == h.req.place:  # "the nearest place to get a drink from your counter?": the start, not the goal
            rest = replace(h, topics=[t for t in h.topics if t != h.req.place])
            sold = _sold_at(h.req, rest.topics) if asks_the_way(h.reading) else None  # "...that does tea and soup?"
            way = (_way(h, sold) if sold else "") or (  # "from your studio, the bronze horse, which way?"
                _way_to_shown(h, rest.topics[0]) if rest.topics and asks_the_way(h.reading) else "") or (
                _described_way(h))  # "how do I get to the fountain from the quay?": the fountain's place
            return Said(way) if way else answer_about(rest)
        if way := _described_way(h):  # "somewhere with papyri from the lobby?"
            return Said(way)
    if goal is not None and (text := _way(h, goal, start)):
        return Said(text)
    for topic in h.topics[:1]:
        view = h.req.names.get(topic)
        if view is not None and view.kind == "place":
            text = _way(h, topic)
        elif believed := _believed_of(h, topic):
            return believed  # where it believes a thing is (or will not say), before where the world shows it
        else:
            asked = Heard(h.req, h.reading, "ask_way", [topic], h.voice, h.rng)
            text = world_knowledge(asked) or (_way_to_shown(h, topic) if asks_the_way(h.reading) else "")
        if text:
            return Said(text)
    way = "" if h.topics else _described_way(h)  # "point me at the vending machine": the place it is seen in
    return Said(way) if way else answer_about(h)


def _way_to_shown(h: Heard, item: str) -> str:
    """The way to the one place whose description shows ``item`` ("the bronze horse": the
    Sculpture Hall; "the cave": the pass). Only for a line that asks the way: "where is the
    original painting?" may doubt that the one on show is it."""
    shown = _shown_at(h.req, item)
    seen_at = None if shown else only_mentioned_at(h.req, [getattr(h.req.names.get(item), "name", item)])
    shown = shown or ([seen_at] if seen_at not in (None, h.req.place) else [])  # "a dark cave mouth yawns..."
    return _way(h, shown[0]) if len(shown) == 1 else ""


def _believed_of(h: Heard, topic: str) -> Said | None:
    """The answer from beliefs about ``topic`` itself (its subject or object), told or kept;
    ``None`` when it holds none."""
    known = gather(h.req, h.topics, h.reading, h.similarity, h.bridged)
    kept = any(named(f, [topic]) for f in known.kept)
    if not kept and not any(named(f, [topic]) for f in known.facts):
        return None
    said = answer_about(h)
    about = {f.key for f in h.req.facts if named(f, [topic])}
    return said if set(said.told) & about or (kept and not said.told) else None
