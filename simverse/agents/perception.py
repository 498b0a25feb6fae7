"""Perceive: what each NPC knows when it decides, built for all NPCs in one pass.

The world calls :func:`build_requests` once per phase with every NPC that must decide;
indexes (who is where, which items are where) are built once, not per NPC. What it reads
of the world is the :class:`Surroundings` protocol (the world is one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import networkx as nx

from simverse.agents.npc import NPC
from simverse.core.clock import Clock
from simverse.core.decisions import ActionSpec, DecisionMode, DecisionRequest, FactView, MemoryView, Turn
from simverse.core.schema import ScheduleEntry, WorldSpec
from simverse.core.seeds import derive_seed
from simverse.core.state import WorldState
from simverse.events.resolver import route_key
from simverse.knowledge.graph import KnowledgeGraph
from simverse.knowledge.prompts import FACT_BUDGET_TOKENS, rank_beliefs
from simverse.llm.prompts import world_brief

MAX_FACTS = 8
MAX_OBSERVATIONS = 12
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

    def intention(self, npc: NPC, hour: float) -> ScheduleEntry | None:
        """The NPC's plan or schedule entry at ``hour``."""
        ...

    def route(self, source: str, target: str) -> list[str]:
        """The way from ``source`` to ``target`` over open connections, next place first."""
        ...


@dataclass
class Scene:
    """One moment of the world, shared by all requests built from it: who and which items
    are where, the actions on offer, the time, weather and closed routes."""

    hour: float
    label: str
    weather: str
    actions: list[ActionSpec]
    brief: str
    closed: set[str]
    people_at: dict[str, list[str]] = field(default_factory=dict)
    items_at: dict[str, list[str]] = field(default_factory=dict)


def scene_of(world: Surroundings, step: int) -> Scene:
    """The moment of ``step`` (a scene command such as "it is night now" outranks the clock)."""
    label = world.clock.label(step)
    override = world.state.entities["world"].get("time_of_day")
    if override:
        label = f"Day {world.clock.day(step)}, {override}"
    actions = action_specs(world)
    scene = Scene(world.clock.hour(step), label, str(world.state.entities["world"].get("weather", "")),
                  actions, world_brief(world.spec, actions), set(world.state.closed_routes))
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
) -> list[DecisionRequest]:
    """One request per NPC, from a single snapshot of the world.

    For replies, ``conversations[i]`` is NPC i's partner and the lines so far, and
    ``turns[i]`` makes its seed differ from other lines of the same step; ``facts`` (the
    beliefs ranked for each NPC's decision this step) saves ranking them again per line.
    """
    scene = scene_of(world, step)
    requests = []
    for i, npc in enumerate(npcs):
        partner, lines = conversations[i] if conversations else (None, [])
        seed = derive_seed(world.seed, step, npc.name, mode, turns[i] if turns else 0)
        ranked = facts[npc.name] if facts and npc.name in facts else None
        requests.append(_request(world, scene, npc, step, mode, seed, partner, lines, ranked,
                                 (memories or {}).get(npc.name, [])))
    return requests


def _request(world: Surroundings, scene: Scene, npc: NPC, step: int, mode: DecisionMode, seed: int,
             partner: str | None, lines: list[Turn], facts: list[FactView] | None,
             memories: list[MemoryView]) -> DecisionRequest:
    """One NPC's request at the scene's moment (``facts`` ranked already, or ranked now)."""
    place = npc.place
    entry = world.intention(npc, scene.hour)
    route = world.route(place, entry.place) if entry else []
    inventory = list(npc.props.get("inventory", []))
    items_here = scene.items_at.get(place, [])
    return DecisionRequest(
        step=step,
        npc=npc.name,
        seed=seed,
        mode=mode,
        persona=npc.spec.persona,
        traits=list(npc.spec.traits),
        goals=list(npc.spec.goals),
        time_label=scene.label,
        hour=scene.hour,
        weather=scene.weather,
        place=place,
        place_description=world.place_descriptions[place],
        neighbours=[p for p in world.places.neighbors(place) if route_key(place, p) not in scene.closed],
        people_here=[p for p in scene.people_at.get(place, []) if p != npc.name],
        items_here=list(items_here),
        inventory=inventory,
        needs={"hunger": npc.hunger},
        properties={"coins": npc.props.get("coins", 0), "mood": npc.mood},
        schedule_place=entry.place if entry else None,
        schedule_activity=entry.activity if entry else None,
        schedule_action=entry.action if entry else None,
        actions=scene.actions,
        facts=facts if facts is not None else _facts(world, npc.name),
        memories=memories,
        observations=world.inbox.get(npc.name, [])[-MAX_OBSERVATIONS:],
        partner=partner,
        conversation=list(lines),
        relationships={k: v.affinity for k, v in npc.spec.relationships.items()},
        sociability=npc.spec.sociability,
        item_info=_item_info(world, set(items_here) | set(inventory)),
        route=route,
        world_brief=scene.brief,
    )


def _facts(world: Surroundings, npc: str) -> list[FactView]:
    """The beliefs that matter to the NPC here and now (its place, who is here, its goals
    and current activity), ranked and cut to a token budget by
    :func:`simverse.knowledge.prompts.rank_beliefs`, then shown oldest first (prompts and
    the scripted brain read the list as news in order, latest last)."""
    agent = world.npcs[npc]
    step = world.step_index + 1
    place = agent.place
    people = [p for p in world.state.npcs_at(place) if p != npc]
    entry = world.intention(agent, world.clock.hour(step))
    goal_text = " ".join([*agent.spec.goals, entry.activity if entry else ""])
    chosen = rank_beliefs(world.knowledge, npc, place, people, goal_text, step, FACT_BUDGET_TOKENS)[:MAX_FACTS]
    return [
        FactView(f.key, f.describe(), f.subject, f.predicate, f.object, f.secret, f.told_by)
        for f in sorted(chosen, key=lambda f: f.id)
    ]


def _item_info(world: Surroundings, items: set[str]) -> dict[str, dict[str, object]]:
    info = {}
    for item in sorted(items):
        props = world.state.entities.get(item)
        if props is not None:
            info[item] = dict(props)
    return info
