"""One step of a world, phase by phase, in the order the README's "How a step works" lists:

1. :func:`fire_events` — the clock has advanced; scheduled and injected events fire;
2. :func:`make_plans` — each NPC's daily plan is made, revised or decomposed (batched);
3. :func:`perceive` — one request per NPC, with the memories its situation recalls;
4. :func:`decide` — ``brain.decide_batch`` for all requests, every answer checked;
5. :func:`resolve_and_apply` — actions in a seeded order by rule (the event model for the
   rest), then the conversations that ``talk`` starts, their replies batched per round;
6. :func:`remember` — needs tick; the step's memories are written, reflected on, forgotten;
7. :func:`commit` — everything in the step's one transaction.

``World.step`` opens the step's session and calls :func:`run_step`; every phase takes the
world as a :class:`~simverse.world.stage.Stage` and the step as a
:class:`~simverse.world.stage.StepTurn`, and works on all NPCs at once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from simverse.agents.perception import build_requests
from simverse.core.decisions import Decision, DecisionRequest
from simverse.core.outcome import Outcome
from simverse.world.conversations import hold_conversations
from simverse.world.decide import ask
from simverse.world.outcomes import fire_events, resolve_actions, tick_needs
from simverse.world.records import commit, event_rows
from simverse.world.stage import Stage, StepTurn

__all__ = ["commit", "decide", "fewer_gc_passes", "fire_events", "make_plans", "perceive", "remember",
           "resolve_and_apply", "run_step"]


def run_step(world: Stage, turn: StepTurn) -> None:
    """Phases 1-6 of ``turn.step``, leaving its rows and counts in ``turn`` for :func:`commit`."""
    outcomes = fire_events(world, turn)
    make_plans(world, turn)
    requests = perceive(world, turn)
    asked = decide(world, turn, requests)
    outcomes += resolve_and_apply(world, turn, asked)
    event_rows(world, turn, outcomes)
    remember(world, turn)


def make_plans(world: Stage, turn: StepTurn) -> None:
    """Every NPC with a schedule gets its plan for now (one planner batch)."""
    if world.minds is not None:
        npcs = [world.npcs[name].spec for name in world.npc_names]
        world.minds.plan(turn.session, npcs, world.places.nodes, world.clock, turn.step)


def perceive(world: Stage, turn: StepTurn) -> list[DecisionRequest]:
    """One ``act`` request per NPC from one snapshot of the world, its memories recalled;
    the observations it carried are now perceived."""
    requests = build_requests(world, [world.npcs[n] for n in world.npc_names], turn.step, "act")
    if world.minds is not None:
        world.minds.recall(turn.session, requests, turn.step, turn.hours)
    world.runtime.perceived()
    return requests


def decide(world: Stage, turn: StepTurn, requests: list[DecisionRequest]) -> list[tuple[Decision, dict[str, Any]]]:
    """All NPCs' decisions in one brain batch; the beliefs ranked for them are kept for
    the step's conversation replies."""
    asked = ask(world, turn, requests)
    turn.ranked_facts = {r.npc: r.facts for r in requests}
    return asked


def resolve_and_apply(world: Stage, turn: StepTurn, asked: list[tuple[Decision, dict[str, Any]]]) -> list[Outcome]:
    """Actions in an order drawn from the seeded rng, then the conversations ``talk`` starts."""
    order = list(range(len(asked)))
    world.random.shuffle(order)
    outcomes = resolve_actions(world, turn, [asked[i] for i in order if asked[i][0].action != "talk"])
    outcomes += hold_conversations(world, turn, [asked[i] for i in order if asked[i][0].action == "talk"])
    tick_needs(world)
    return outcomes


def remember(world: Stage, turn: StepTurn) -> None:
    """The step's memories are written, reflected on where due, and kept bounded."""
    if world.minds is not None:
        world.minds.settle(turn.session, turn.step, turn.hours)


class _CollectorPauses:
    """Counts the steps running now (worlds may step in several threads), so that the
    collector resumes when the last of them ends, and only if it was on before."""

    lock = threading.Lock()
    running = 0
    was_enabled = True


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Pause the cyclic garbage collector for a step. A step makes tens of thousands of
    objects that live to its end (requests, schemas, prompts); with Python's default
    thresholds the collector rescans the whole large, long-lived heap several times per
    step, which cost a third of the run time at 1,000 NPCs. Refcounting still frees all
    acyclic garbage at once, and the collector resumes after the step."""
    pauses = _CollectorPauses
    with pauses.lock:
        if pauses.running == 0:
            pauses.was_enabled = gc.isenabled()
            gc.disable()
        pauses.running += 1
    try:
        yield
    finally:
        with pauses.lock:
            pauses.running -= 1
            if pauses.running == 0 and pauses.was_enabled:
                gc.enable()
