"""Perceive: what each NPC knows when it decides, built for all NPCs in one pass.

The world calls :func:`build_requests` once per phase with every NPC that must decide;
indexes (who is where, which items are where) are built once, not per NPC. What it reads
of the world is the :class:`Surroundings` protocol (the world is one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Protocol

import networkx as nx

from simverse.agents.hearing import doable_now, fact_view, names_of, topical_facts
from simverse.agents.npc import NPC
from simverse.core.clock import Clock
from simverse.core.decisions import ActionSpec, DecisionMode, DecisionRequest, FactView, MemoryView, Turn
from simverse.core.deferred import Deferred
from simverse.core.names import NameIndex
from simverse.core.runtime import INBOX_KEPT
from simverse.core.schema import ScheduleEntry, WorldSpec
from simverse.core.seeds import derive_seed
from simverse.core.state import WorldState
from simverse.events.resolver import route_key
from simverse.knowledge.batch_rank import BeliefQuery, rank_many
from simverse.knowledge.graph import KnowledgeGraph
from simverse.knowledge.held_rows import held_rows
from simverse.knowledge.prompts import FACT_BUDGET_TOKENS
from simverse.llm.dialogue.typed import plainly
from simverse.llm.prompts import world_brief

MAX_FACTS = 8
MAX_OBSERVATIONS = INBOX_KEPT
"""A decision sees the most recent observations only (a prompt has a budget); the
memory stream keeps them all."""


class Surroundings(Protocol):
    """What a decision request is built from: the world as an NPC meets it."""

    seed: int
    spec: WorldSpec
    clock: Clock
    state: WorldState
    places: nx.Graph
    place_descriptions: Mapping[str, str]
    npcs: Mapping[str, NPC]
    npc_names: Sequence[str]
    knowledge: KnowledgeGraph
    step_index: int

    @property
    def inbox(self) -> Mapping[str, list[str]]:
        """Observations each NPC has not yet perceived."""
        ...

    @property
    def schedule_done(self) -> Mapping[str, str]:
        """Per NPC, the schedule slot whose errand is done (``once`` / ``until_done``)."""
        ...

    def intention(self, npc: NPC, hour: float) -> ScheduleEntry | None:
        """The NPC's plan or schedule entry at ``hour``."""
        ...

    def router(self) -> Callable[[str, str], list[str]]:
        """The way from a place to another over the connections open now, next place
        first (one function for a whole scene's routes)."""
        ...


@dataclass
class Scene:
    """One moment of the world, shared by all requests built from it: who and which items
    are where, the actions on offer and the time (weather and routes are read per place)."""

    hour: float
    label: str
    actions: list[ActionSpec]
    brief: str
    names: NameIndex
    """The world's names, to find the ones a line uses."""
    route: Callable[[str, str], list[str]]
    """The way between two places now (next place first)."""
    people_at: dict[str, list[str]] = field(default_factory=dict)
    items_at: dict[str, list[str]] = field(default_factory=dict)
    open_ways: dict[str, list[str]] = field(default_factory=dict)
    """Per place, the neighbours open to walk to now, found once for everyone there."""


def scene_of(world: Surroundings, step: int) -> Scene:
    """The moment of ``step`` (time commands re-base the clock itself, so it is the truth)."""
    label = world.clock.label(step)
    actions = action_specs(world)
    scene = Scene(world.clock.hour(step), label, actions, world_brief(world.spec, actions), names_of(world.spec),
                  world.router())
    for name in world.npc_names:
        scene.people_at.setdefault(world.state.entities[name]["place"], []).append(name)
    for item in world.state.ids_of("item"):
        props = world.state.entities[item]
        if props.get("quantity", 0) > 0:
            scene.items_at.setdefault(props["place"], []).append(item)
    return scene


def action_specs(world: Surroundings) -> list[ActionSpec]:
    """The built-in actions (``improvise`` where the world's settings allow it) and every
    action the world declares."""
    builtin = [
        ActionSpec("wait", "Do nothing in particular for a while."),
        ActionSpec("move", "Walk to a neighbouring place.", {"place": "place"}),
        ActionSpec("talk", "Start a conversation with someone here; say your first line.", {"npc": "npc"}),
    ]
    if world.spec.settings.allow_improvise:
        builtin.append(ActionSpec("improvise", "Do something else; describe it in a few words.", {"text": "text"}))
    return builtin + [ActionSpec(a.name, a.description, dict(a.args)) for a in world.spec.actions]


def build_requests(
    world: Surroundings,
    npcs: Sequence[NPC],
    step: int,
    mode: DecisionMode,
    *,
    memories: dict[str, list[MemoryView]] | None = None,
    conversations: list[tuple[str, list[Turn]]] | None = None,
    turns: list[int] | None = None,
    facts: dict[str, list[FactView]] | None = None,
    every_action: bool = False,
    scene: Scene | None = None,
) -> list[DecisionRequest]:
    """One request per NPC, from a single snapshot of the world.

    For replies, ``conversations[i]`` is NPC i's partner and the lines so far, and
    ``turns[i]`` makes its seed differ from other lines of the same step; ``facts`` (the
    beliefs ranked for each NPC's decision this step) saves ranking them again per line;
    ``every_action`` tries all the world's actions on a reply's rules, not only those its
    line names (:func:`~simverse.agents.hearing.doable_now`: for a person's line);
    ``scene`` is the moment of ``step`` (:func:`scene_of`) where the caller knows the world
    has not changed since it was taken (a step's rounds of talk), else it is taken now.
    """
    scene = scene_of(world, step) if scene is None else scene
    food = food_places(world.state)
    facts = ranked_facts(world, [npc for npc in npcs if not facts or npc.name not in facts]) | (facts or {})
    requests = []
    for i, npc in enumerate(npcs):
        partner, lines = conversations[i] if conversations else (None, [])
        seed = derive_seed(world.seed, step, npc.name, mode, turns[i] if turns else 0)
        ranked = facts[npc.name]
        requests.append(_request(world, scene, food, npc, step, mode, seed, partner, lines, ranked,
                                 (memories or {}).get(npc.name, []), every_action))
    return requests


def _request(world: Surroundings, scene: Scene, food: dict[str, float], npc: NPC, step: int, mode: DecisionMode,
             seed: int, partner: str | None, lines: list[Turn], facts: list[FactView],
             memories: list[MemoryView], every_action: bool = False) -> DecisionRequest:
    """One NPC's request at the scene's moment (``facts``: the beliefs ranked for it)."""
    place = npc.place
    entry = world.intention(npc, scene.hour)
    action, args = _scheduled_action(world, npc, entry, step)
    route = scene.route(place, entry.place) if entry else []
    if entry is not None and _sheltering_from(world.state, entry.place):
        route, action, args = [], None, {}
    inventory = list(npc.props.get("inventory", []))
    items_here = scene.items_at.get(place, [])
    known = facts
    heard = lines[-1].text if lines else ""
    mentioned = scene.names.find(plainly(heard, scene.names.words)) if heard else []  # "a cheese sarnie"
    if heard:
        held = held_rows(world.knowledge, npc.name).facts if mentioned else []  # kg.beliefs(npc): kept rows
        known = topical_facts(held, mentioned, known, MAX_FACTS, scene.names)
    return DecisionRequest(
        step=step, npc=npc.name, seed=seed, mode=mode,
        persona=npc.spec.persona, traits=list(npc.spec.traits), goals=list(npc.spec.goals),
        time_label=scene.label, hour=scene.hour, weather=str(world.state.get(place, "weather") or ""),
        place=place, place_description=world.place_descriptions[place],
        neighbours=list(_open_ways(world, scene, place)),
        people_here=_others(scene.people_at.get(place, []), npc.name),
        items_here=list(items_here), inventory=inventory,
        needs={"hunger": npc.hunger}, properties={"coins": npc.props.get("coins", 0), "mood": npc.mood},
        schedule_place=entry.place if entry else None,
        schedule_activity=entry.activity if entry else None,
        schedule_action=action, schedule_args=args,
        schedule_completion=entry.completion if entry is not None and action else "repeat",
        actions=scene.actions,
        facts=known,
        memories=memories,
        observations=world.inbox.get(npc.name, [])[-MAX_OBSERVATIONS:],
        partner=partner, conversation=list(lines),
        relationships={k: v.affinity for k, v in npc.spec.relationships.items()},
        sociability=npc.spec.sociability,
        item_info=_item_info(world, set(items_here) | set(inventory)),
        route=route, food_route=_food_route(scene, npc, food), shelter_route=_shelter_route(world, scene, place),
        world_brief=scene.brief,
        relation_kinds={k: v.kind for k, v in npc.spec.relationships.items()},
        names=scene.names, mentioned=mentioned,
        doable=Deferred(partial(doable_now, world.spec, world.places, world.state, npc.name, heard, every_action))
        if heard else {},
    )


def _others(people: list[str], npc: str) -> list[str]:
    """``people`` without ``npc`` (listed once at most: a scene lists each NPC at one place),
    in their order; a copy and one removal in C rather than a comparison per person."""
    others = list(people)
    if npc in others:
        others.remove(npc)
    return others


def _open_ways(world: Surroundings, scene: Scene, place: str) -> list[str]:
    """The neighbours of ``place`` whose way is open and that are not shut, now."""
    ways = scene.open_ways.get(place)
    if ways is None:
        ways = scene.open_ways[place] = [p for p in world.places.neighbors(place)
                                         if world.state.route_state(route_key(place, p)) == "open"
                                         and not world.state.shut(p)]
    return ways


HUNGRY_ENOUGH = 0.5
"""From this hunger on a request carries the way to food (the scripted brain eats at 0.6)."""
SHELTER_WEATHER = ("storm", "snow", "hail")
"""Weather that sends people indoors from places marked ``outdoors = true``."""


def _scheduled_action(world: Surroundings, npc: NPC, entry: ScheduleEntry | None,
                      step: int) -> tuple[str | None, dict[str, str]]:
    """The entry's action and arguments, or none once its completion rule says it is done
    for this slot."""
    if entry is None or entry.action is None:
        return None, {}
    done = world.schedule_done.get(npc.name)  # most NPCs have done no entry: no slot to work out
    if done is not None and done == npc.slot(world.clock.day(step), world.clock.hour(step)):
        return None, {}
    return entry.action, dict(entry.args)


def food_places(state: WorldState) -> dict[str, float]:
    """Places where an edible item is for sale now (and its lowest price), open and unlocked."""
    out: dict[str, float] = {}
    for item in state.ids_of("item"):
        props = state.entities[item]
        where = props.get("place")
        if props.get("edible") is not True or props.get("quantity", 0) <= 0 or state.kinds.get(where) != "place":
            continue
        if state.shut(where) or state.entities[where].get("locked") is True or props.get("locked") is True:
            continue
        price = props.get("price", 0)
        out[where] = min(out.get(where, price), price)
    return out


def _food_route(scene: Scene, npc: NPC, food: dict[str, float]) -> list[str]:
    """The way to the nearest place with food the NPC can afford, when it is hungry."""
    if npc.hunger < HUNGRY_ENOUGH or (npc.place in food and food[npc.place] <= npc.coins):
        return []
    ways = [(len(way), target, way) for target, price in food.items()
            if price <= npc.coins and (way := scene.route(npc.place, target))]
    return min(ways)[2] if ways else []


def _sheltering_from(state: WorldState, place: str) -> bool:
    """Whether ``place`` is outdoors in weather that sends people indoors."""
    return state.get(place, "outdoors") is True and str(state.get(place, "weather")) in SHELTER_WEATHER


def _shelter_route(world: Surroundings, scene: Scene, place: str) -> list[str]:
    """The way indoors from an outdoor place in bad weather (empty: no need, or no way)."""
    if not _sheltering_from(world.state, place):
        return []
    ways = [(len(way), target, way) for target in world.places.nodes
            if target != place and world.state.get(target, "outdoors") is not True
            and (way := scene.route(place, target))]
    return min(ways)[2] if ways else []


_BY_ID = attrgetter("id")
"""A fact's id: its place in a list shown oldest first."""


def ranked_facts(world: Surroundings, npcs: Sequence[NPC]) -> dict[str, list[FactView]]:
    """Per NPC, the beliefs that matter to it here and now (its place, who is here, its
    goals and current activity), ranked and cut to a token budget for all NPCs in one pass
    (:func:`simverse.knowledge.batch_rank.rank_many`, which ranks as
    :func:`~simverse.knowledge.prompts.rank_beliefs` does), then shown oldest first (prompts
    and the scripted brain read the list as news in order, latest last)."""
    if not npcs:
        return {}
    step = world.step_index + 1
    hour = world.clock.hour(step)
    queries, present = [], {}
    for agent in npcs:
        place = agent.place
        if place not in present:
            present[place] = world.state.npcs_at(place)
        entry = world.intention(agent, hour)
        queries.append(BeliefQuery(agent.name, place, " ".join([*agent.spec.goals, entry.activity if entry else ""])))
    views = world.knowledge.view_cache
    ranked = rank_many(world.knowledge, queries, present, step, FACT_BUDGET_TOKENS, MAX_FACTS)
    return {agent.name: [views.get(f.id) or views.setdefault(f.id, fact_view(f))
                         for f in sorted(chosen, key=_BY_ID)]
            for agent, chosen in zip(npcs, ranked, strict=True)}


def _item_info(world: Surroundings, items: set[str]) -> dict[str, dict[str, object]]:
    info = {}
    for item in sorted(items):
        props = world.state.entities.get(item)
        if props is not None:
            info[item] = dict(props)
    return info
