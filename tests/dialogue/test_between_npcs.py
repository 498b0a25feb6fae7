"""NPCs ask each other, and answers pass beliefs on (secrets only between friends)."""

from __future__ import annotations

import random

from dialogue_helpers import village
from sqlalchemy import select

from simverse.agents.perception import build_requests
from simverse.core.decisions import Turn
from simverse.core.loader import parse_world
from simverse.llm.dialogue.openers import ask_or_chat
from simverse.store.models import DialogueRow
from simverse.world.model import World


def _asking_village(seed: int) -> World:
    spec = village()
    kit = spec["npcs"][3]
    kit.update(start_place="bakery", sociability=1.0, goals=["find out when the fair starts"])
    return World(parse_world(spec), seed=seed, embedder="hashing")


def test_an_npc_with_nothing_to_tell_asks_about_its_goals(world):
    world.npcs["Kit"].spec.goals.append("find out about the fair")
    [request] = build_requests(world, [world.npcs["Kit"]], 1, "act")
    questions = set()
    for seed in range(40):
        questions.add(ask_or_chat(request, "Hilde", random.Random(seed)).text)
    assert any("fair" in q and q.endswith("?") for q in questions)


def test_asking_spreads_a_belief_from_the_one_who_holds_it():
    world = _asking_village(seed=2)
    world.run(30)
    belief = world.knowledge.current("Kit", "fair|starts_at|noon")
    assert belief is not None and belief.told_by == "Hilde"
    with world.store.session() as session:
        lines = session.scalars(select(DialogueRow).order_by(DialogueRow.id)).all()
    told = next(i for i, line in enumerate(lines) if "fair|starts_at|noon" in line.told_facts)
    question = lines[told - 1]
    assert question.speaker == "Kit" and question.text.endswith("?") and "noon" in lines[told].text
    world.close()


def test_a_friend_asking_hears_a_secret_a_neighbour_does_not(world):
    def reply(speaker: str) -> list[str]:
        [req] = build_requests(world, [world.npcs["Wulf"]], 1, "reply",
                               conversations=[(speaker, [Turn(speaker, "Any news about Odo?")])], turns=[1])
        return world.brain.decide_batch([req])[0].told_facts

    assert reply("Hilde") == ["Odo|sold|grain_store"]
    assert reply("Odo") == [] and reply("Kit") == []
