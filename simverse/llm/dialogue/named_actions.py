"""Which of the world's actions a request names: by the words of an action's name or its
description's first verb, by the NPC's own work that the line speaks of, or by meaning (the
embedder) where a light verb says nothing ("give us a tune")."""

from __future__ import annotations

import re

from simverse.core.decisions import ActionSpec
from simverse.core.names import FUNCTION_WORDS, name_words, verb_forms, word_form_set, word_forms, word_set
from simverse.llm.dialogue.actions_meant import BUILTIN_ACTIONS, meant, said_by_another, thing_for_another
from simverse.llm.dialogue.heard import Heard
from simverse.llm.dialogue.order_words import line_verbs, line_words
from simverse.llm.dialogue.parts import request_clause
from simverse.llm.dialogue.reading import CARRY_ON, read
from simverse.llm.dialogue.refusals import LIGHT_VERBS
from simverse.llm.dialogue.requesting import action_verbs, polite_request


def named_actions(h: Heard, meaning: bool = True) -> list[ActionSpec]:
    """The world's actions the line names: by their name or the first word of their
    description ("take notes" -> take_notes, "gather herbs" -> forage: "Gather healing
    herbs..."); with ``meaning``, when no word but a light verb names one ("give us a
    tune"), also the NPC's own work that the line speaks of (:func:`_scheduled`) and those
    close in meaning by the embedder (else by the other words of the description: "some
    herbs for me"). Words of the places and things the line names do not count ("the
    returns room")."""
    line = line_words(h)
    actions = [a for a in h.req.actions if a.name not in BUILTIN_ACTIONS]
    own = [a for a in actions if words_of(a) & line]
    if not meaning:
        return own
    whole = [a for a in own if len(word_form_set(a.name)) > 1 and word_form_set(a.name) <= line]
    if whole:  # "give us the tour": give_tour by every word of its name, then what its words name, not the work here
        return whole + [a for a in own if a not in whole]
    first = [a for a in _scheduled(h, line) if a in actions]
    if first and _GO_ON_DOING.search(h.reading.text):
        return first  # "carry on picking" to one gathering herbs: that work, not picking something up
    verbs = line_verbs(h)
    strong = [a for a in own if {v for v in (verbs_of(a) & verbs) - LIGHT_VERBS if _particle_said(a, v, line)}]
    if strong:
        return strong
    last = [a for a in _at_work(h, line) if a in actions]
    if h.action_similarity:  # and those it means ("sing for us" -> perform: "Play a song...")
        by_meaning = meant(h, actions)
        found = first + [a for a in by_meaning if a not in first]
        found += [a for a in own if a not in found]
        return found + [a for a in last if a not in found]
    if first or own or last:
        found = first + [a for a in own if a not in first]
        return found + [a for a in last if a not in found]
    scored = sorted(((len(set(word_forms(a.description)) & line), i, a) for i, a in enumerate(actions)),
                    key=lambda t: (-t[0], t[1]))
    return [a for n, _, a in scored if n and n == scored[0][0]][:1]


_PARTICLES = word_set("up down out off in on over away back")


def _particle_said(action: ActionSpec, verb: str, line: set[str]) -> bool:
    """Whether the line says ``verb`` as the action means it: with the particle its
    description puts after it ("Pick up something lying here" is not "pick a few herbs")."""
    said = word_forms(action.description)[:2]
    return said[:1] != [verb] or len(said) < 2 or said[1] not in _PARTICLES or said[1] in line


def words_of(action: ActionSpec) -> set[str]:
    """The words that name an action: its name's words and its verbs (:func:`verbs_of`)."""
    return word_form_set(action.name) | verbs_of(action)


def verbs_of(action: ActionSpec) -> set[str]:
    """The verbs of an action: its name's and its description's first word, and such a
    word without "re" ("rehang" is asked for as "hang the painting back up")."""
    words = set(word_forms(action.name)[:1]) | set(word_forms(action.description)[:1])
    return words | {w[2:] for w in words if w.startswith("re") and len(w) >= 6}


def _scheduled(h: Heard, line: set[str]) -> list[ActionSpec]:
    """The action of the NPC's work now when the line speaks of that work ("take the next
    call" to someone "taking calls", "keep working on the varnish" to someone "cleaning the
    varnish") or asks it to carry on."""
    req = h.req
    if not req.schedule_action or not req.schedule_activity:
        return []
    work = {f for w in word_forms(req.schedule_activity) for f in verb_forms(w)} - FUNCTION_WORDS - LIGHT_VERBS
    if not (work & (line - LIGHT_VERBS)) and (not h.reading.has(*CARRY_ON) or _other_named(h)):
        return []
    return [a for a in req.actions if a.name == req.schedule_action]


def _other_named(h: Heard) -> bool:
    """Whether what the line asks to get on with says a word of the name of the action it
    means most, when that is not the NPC's work now ("get cracking on the quiz paper" to one
    taking notes: take_quiz)."""
    found = _GET_ON_WITH.search(h.reading.text)
    own = set(word_forms((h.req.schedule_action or "").replace("_", " ")))
    said = set(word_forms(found["what"])) - own - LIGHT_VERBS - FUNCTION_WORDS if found else set()
    sims = h.action_similarity
    top = max(sims, key=lambda a: sims[a], default=None)  # "crack on with the red pen on those books": not read_book
    return top is not None and top != h.req.schedule_action and bool(said & set(word_forms(top.replace("_", " "))))


_GET_ON_WITH = re.compile(r"\b(?:get cracking|crack on|get on|carry on|go on|press on|keep going|keep working"
                          r"|on you go) (?:on|with) (?P<what>.+)")


_GO_ON_DOING = re.compile(r"\b(?:carry on|keep on|go on|press on|get on) [a-z]{3,}ing"
                          r"(?: (?:then|please|now|love|mate))?$")
""""Carry on picking": the work the NPC is at, said by a verb alone."""


_ANY_WORK = LIGHT_VERBS | word_set("deal handle see sort tackle attend pick grab")
"""Verbs that ask for work on something without saying which ("deal with", "see to")."""


def _at_work(h: Heard, line: set[str]) -> list[ActionSpec]:
    """The action of the NPC's work now when the line speaks of what its workplace shows or
    is called, or of what it is busy with ("deal with those waiting calls" at a bay whose
    wallboard shows calls waiting, "phones are ringing, deal with them" in the Phone Bay): last
    among the actions meant, as a thing there may be the object of other actions too. Not
    when the line names a thing the work is not done with and no action says ("do the swap
    for a new kettle" in the waiting room is no queue ticket); where one says it ("an ale on
    the quay"), that deed is weighed against the work later."""
    req = h.req
    if not req.schedule_action or req.schedule_place != req.place:
        return []
    verbs = action_verbs(req)
    clause = request_clause(h.reading.raw, verbs, name_words(req.names))  # "the board's flashing red, pick one up"
    verb = polite_request(h.reading, verbs) or (polite_request(read(clause), verbs) if clause else None)
    if (verb or "") not in _ANY_WORK:
        return []  # "swap your kettle" asks for a deed of its own, not the work there
    place = req.names[req.place].name if req.place in req.names else ""  # "phones ringing" in the Phone Bay
    shown = set(word_forms(f"{req.place_description} {place} {req.schedule_activity or ''}"))
    shown -= FUNCTION_WORDS | LIGHT_VERBS
    if not shown & (line - LIGHT_VERBS):
        return []
    work = [a for a in req.actions if a.name == req.schedule_action]
    return [] if any(thing_for_another(h, a) and not said_by_another(h, a) for a in work) else work

