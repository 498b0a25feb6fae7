"""Work hinted by a remark on what it shows (:mod:`simverse.llm.dialogue.hints`), on an
invented bakery: the baker bakes when told the racks are bare, but not for someone she
dislikes, not when she could do two things there, and not for a remark about yesterday."""

from __future__ import annotations

from typing import Any

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World

_BAKE = {"name": "bake", "description": "Bake a tray of loaves for the racks.",
         "preconditions": ["actor.place == bakery"], "effects": [], "narration": "{actor} bakes."}
_SWEEP = {"name": "sweep", "description": "Sweep the bakery floor.",
          "preconditions": ["actor.place == bakery"], "effects": [], "narration": "{actor} sweeps."}


def bakery(*actions: dict[str, Any]) -> dict[str, Any]:
    """Dora the baker, Eli who likes her and Fen whom she cannot stand, all in the bakery."""
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "bakery"}
    return {
        "format_version": 1, "name": "bakery", "title": "Bakery",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "bakery", "name": "Bakery", "description": "Warm ovens and wooden racks.",
                    "connections": []}],
        "actions": list(actions),
        "npcs": [
            {**npc, "name": "Dora", "persona": "The baker.",
             "relationships": {"Eli": {"kind": "friend", "affinity": 0.6},
                               "Fen": {"kind": "rival", "affinity": -0.8}}},
            {**npc, "name": "Eli", "persona": "A farmer."},
            {**npc, "name": "Fen", "persona": "A miller."},
        ],
    }


def reply(actions: tuple[dict[str, Any], ...], line: str, speaker: str = "Eli") -> tuple[str, str]:
    world = World(parse_world(bakery(*actions)), seed=0, embedder="hashing")
    try:
        decision = ask(world, "Dora", line, speaker)
    finally:
        world.close()
    return decision.action, decision.utterance


def test_a_remark_on_what_the_work_shows_is_a_hint_to_do_it():
    action, said = reply((_BAKE,), "the racks are nearly bare")
    assert action == "bake", said


def test_a_hint_from_someone_the_npc_dislikes_is_refused():
    action, said = reply((_BAKE,), "the racks are nearly bare", speaker="Fen")
    assert action == "talk" and "not for you" in said, said


def test_no_hint_where_the_npc_could_do_two_things():
    action, said = reply((_BAKE, _SWEEP), "the racks are nearly bare")
    assert action == "talk", said


def test_a_remark_about_yesterday_is_no_hint():
    action, said = reply((_BAKE,), "the racks were bare yesterday")
    assert action == "talk", said
