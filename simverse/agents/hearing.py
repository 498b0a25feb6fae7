"""What a line brings to an NPC's mind before it answers: the names it uses, the beliefs
about them, and, when it asks for something to be done, what the NPC could do now.

Perception calls these for ``reply`` requests only, so the brain (which never touches the
world) finds in its request what the NPC believes about what it was just asked:

* :func:`names_of` — the world's :class:`~simverse.core.names.NameIndex`, built once per
  world file and shared by all requests;
* :func:`topical_facts` — beliefs about the things the line names first (the more of them
  a belief names, the earlier), then the beliefs ranked for the NPC's situation;
* :func:`doable_now` — for a line that uses an action's words ("follow me", "sell me a
  herring"), each action whose rules hold for the NPC now, with the arguments that work,
  tried on the rules without changing anything.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Sequence
from functools import partial
from operator import itemgetter

import networkx as nx

from simverse.agents.names import world_names
from simverse.core.decisions import FactView
from simverse.core.memo import Memo, kept_for
from simverse.core.names import FUNCTION_WORDS, HANDING_WORDS, NameIndex, verb_forms, word_form_set, word_forms
from simverse.core.schema import WorldSpec
from simverse.core.state import WorldState
from simverse.events.resolver import ActionCall, RuleResolver
from simverse.knowledge.graph import Fact
from simverse.llm.dialogue.parts import request_clause
from simverse.llm.dialogue.reading import goes_along, read
from simverse.llm.dialogue.requesting import polite_request
from simverse.llm.dialogue.walks import MOVE_WORDS

_FOR_ME = re.compile(r"\b(?:me|us|i|i'd|i'll|i'm|we|we'd)\b", re.IGNORECASE)
_FIRST_TWO = itemgetter(0, 1)
"""A scored belief's order: most names matched, then newest (ids differ: no ties)."""
MAX_BINDINGS = 24
"""At most this many argument choices are tried per action (a prompt has a budget)."""


def names_of(spec: WorldSpec) -> NameIndex:
    """The names of a world, built on first use."""
    return kept_for(spec, "names", lambda: world_names(spec))


def fact_view(fact: Fact) -> FactView:
    """A belief as a brain sees it."""
    return FactView(fact.key, fact.describe(), fact.subject, fact.predicate, fact.object, fact.secret,
                    fact.told_by, fact.confidence)


def topical_facts(beliefs: Sequence[Fact], mentioned: Sequence[str], ranked: Sequence[FactView],
                  limit: int, names: NameIndex | None = None) -> list[FactView]:
    """Beliefs about what the line names (as subject or object, or in their words; most
    names matched first, newer first), then ``ranked``, without repeats, at most ``limit``."""
    if not mentioned:
        return list(ranked[:limit])
    wanted = set(mentioned)
    words = set().union(*(word_form_set(names[m].name) for m in mentioned if names and m in names)) - FUNCTION_WORDS
    scored = []
    for fact in beliefs:
        subject, object_ = fact.subject, fact.object  # as a set of the two: one hit when they are the same
        hits = (subject in wanted) + (object_ != subject and object_ in wanted)
        if words and not words.isdisjoint(word_form_set(fact.text)):
            hits += 0.5
        if hits:
            scored.append((-hits, -fact.id, fact))
    out = [fact_view(f) for _, _, f in heapq.nsmallest(limit, scored, key=_FIRST_TWO)]  # only the first are shown
    if len(out) < limit:
        keys = {f.key for f in out}
        out += [f for f in ranked if f.key not in keys]
    return out[:limit]


def action_words(spec: WorldSpec) -> dict[str, set[str]]:
    """``word -> actions``: the words of each action's name and the first word of its
    description ("hang_lantern" -> hang, lantern; "Buy and drink an ale" -> buy)."""
    words: dict[str, set[str]] = {w: {"move"} for w in MOVE_WORDS}
    for action in spec.actions:
        for word in [*word_forms(action.name), *word_forms(action.description)[:1]]:
            if len(word) >= 3:
                words.setdefault(word, set()).add(action.name)
    return words


_NO_VERBS: frozenset[str] = frozenset()
"""One empty set for every line: ``frozenset()`` makes a new one each call in Python 3.11, and
``request_clause`` keeps its arguments (a new set per line, tracked by the collector)."""


def actions_named(spec: WorldSpec, line: str) -> frozenset[str]:
    """The actions ``line`` may ask for: by their words, by handing something over, or any
    action when it is a polite request (the brain tells which it means)."""
    named = set()
    table = kept_for(spec, "words", lambda: action_words(spec))
    for word in word_forms(line):
        for form in verb_forms(word):
            named |= table.get(form, set())
    if _FOR_ME.search(line):  # "pour me an ale", "I'd like a loaf": whatever hands things over
        named |= {a.name for a in spec.actions if set(word_forms(a.name)) & HANDING_WORDS}
    reading = read(line, names=names_of(spec).words)
    along = goes_along(reading)  # "keep me company on the way to the inn": a walk, or what is done together
    asked = polite_request(reading) is not None or request_clause(line, _NO_VERBS, names_of(spec).words) is not None
    if asked or along:  # "Rosa, could you...", "a crowd's in, give them a hello would you": past the name or story
        named |= {a.name for a in spec.actions}  # "would you sing for us?"
    if along:
        named.add("move")
    return frozenset(named)


def _sorted_named(spec: WorldSpec, line: str) -> tuple[str, ...]:
    """:func:`actions_named` in order, as kept per line: a tuple of texts, which the cyclic
    garbage collector stops tracking (a frozenset it scans at every full collection)."""
    return tuple(sorted(actions_named(spec, line)))


def doable_now(spec: WorldSpec, places: nx.Graph, state: WorldState, npc: str,
               line: str, every: bool = False) -> dict[str, list[dict[str, str]]]:
    """The actions ``line`` names (``every``: all the world's) whose rules hold for ``npc``
    in ``state``, with working arguments, tried on the world's rules without changing
    anything. A person's line may ask for an action in words no cue finds ("be brave and
    volunteer for the next question"), and trying them all costs ~0.5 ms; for the
    hundreds of lines NPCs say to each other in a step, only the named ones are tried."""
    named = tuple(sorted({"move", *(a.name for a in spec.actions)})) if every else \
        kept_for(spec, "named", lambda: Memo(partial(_sorted_named, spec)))(line)
    if not named:
        return {}
    rules = kept_for(spec, "rules", lambda: RuleResolver(spec, places))
    place = str(state.entities[npc]["place"])
    pools = {
        "item": sorted({*state.entities[npc].get("inventory", []),
                        *(i for i in state.ids_of("item") if state.entities[i].get("place") == place
                          and state.entities[i].get("quantity", 0) > 0)}),
        "npc": sorted(n for n in state.ids_of("npc") if n != npc and state.entities[n]["place"] == place),
        "place": sorted(rules.places.neighbors(place)),
    }
    specs = {"move": {"place": "place"}, **{a.name: dict(a.args) for a in rules.spec.actions}}
    doable: dict[str, list[dict[str, str]]] = {}
    for name in named:
        args = specs.get(name)
        if args is None or any(kind not in pools for kind in args.values()):
            continue
        choices = itertools.product(*(pools[kind] for kind in args.values()))
        for values in itertools.islice(choices, MAX_BINDINGS):
            binding = dict(zip(args, values, strict=True))
            if rules.resolve(state, ActionCall(npc, name, binding)).success:
                doable.setdefault(name, []).append(binding)
    return doable
