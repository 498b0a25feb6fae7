"""Every shipped world loads, and is rich enough for the scripted brain to live in."""

from __future__ import annotations

from pathlib import Path

import pytest

from simverse.core.loader import load_world, shipped_worlds
from simverse.core.rules import compare, parse_condition

WORLDS = shipped_worlds()
NEW_WORLDS = ("museum_tour", "service_desk", "classroom", "clinic", "quest_valley")


def test_the_new_worlds_are_shipped():
    names = {p.parent.name for p in WORLDS}
    assert set(NEW_WORLDS) <= names


@pytest.mark.parametrize("path", WORLDS, ids=lambda p: p.parent.name)
def test_shipped_world_loads(path: Path):
    spec = load_world(path)
    assert spec.name == path.parent.name


@pytest.mark.parametrize("name", NEW_WORLDS)
def test_new_world_has_the_required_content(name: str):
    spec = load_world(name)
    assert len(spec.places) >= 4
    assert len(spec.npcs) >= 5
    assert len(spec.actions) >= 5
    assert spec.events
    tracked = [k for k in spec.knowledge if k.tracked]
    tracked += [k for n in spec.npcs for k in n.knowledge if k.tracked]
    assert tracked
    assert (path_of(name).parent / "README.md").is_file()


def path_of(name: str) -> Path:
    return next(p for p in WORLDS if p.parent.name == name)


@pytest.mark.parametrize("name", NEW_WORLDS)
def test_schedule_actions_fit_the_place_they_are_scheduled_at(name: str):
    """Preconditions about where the actor is (``actor.place``, ``here.*``) hold there."""
    spec = load_world(name)
    actions = {a.name: a for a in spec.actions}
    places = {p.id: p for p in spec.places}
    roles = {"actor", "here", "world", *spec.place_ids(), *spec.npc_names()}
    roles |= {i.id for i in spec.items}
    checked = 0
    for npc in spec.npcs:
        for entry in npc.schedule:
            if entry.action is None:
                continue
            action = actions[entry.action]
            for text in action.preconditions:
                comparisons = parse_condition(text, roles | set(action.args)).comparisons()
                if len(comparisons) != 1:
                    continue
                condition = comparisons[0]
                left, right = condition.left, condition.right
                if (left.role, left.prop) == ("actor", "place"):
                    value = right.role if right.prop is None else None
                    if value is None:
                        continue
                    actual = entry.place
                elif left.role == "here" and left.prop is not None and right.role is None:
                    actual = places[entry.place].properties.get(left.prop)
                    value = right.literal
                else:
                    continue
                checked += 1
                assert compare(actual, condition.op, value), (
                    f"{npc.name} at {entry.place} does {entry.action}, but {text!r} fails there"
                )
    assert checked > 0


def test_the_teacher_says_her_pupils_are_her_pupils():
    """A tie's kind is what the other person is to the NPC: Ms Arden's pupils, not her teachers."""
    from simverse.agents.player import ask
    from simverse.world.model import World

    world = World("classroom", seed=0, embedder="hashing")
    try:
        ties = {name: tie.kind for name, tie in world.npcs["Arden"].spec.relationships.items()}
        answer = ask(world, "Arden", "what is theo to you?").utterance
    finally:
        world.close()
    assert ties == {"Theo": "pupil", "Kofi": "pupil"}
    assert "pupil" in answer and "my teacher" not in answer, answer


SENIOR_TIES = {"mentor", "teacher", "boss", "master", "manager"}
"""Ties that name the other person as the one above: two people cannot both be that to each other."""


@pytest.mark.parametrize("path", WORLDS, ids=lambda p: p.parent.name)
def test_no_two_people_are_each_others_mentor(path):
    """A tie's kind is what the other person is to the NPC, so a mentor's tie to the one it
    teaches names an apprentice or a trainee ("Finn is my mentor" said by Tomas was wrong)."""
    name = path.parent.name
    npcs = {n.name: n for n in load_world(path).npcs}
    for npc in npcs.values():
        for other, tie in npc.relationships.items():
            back = npcs[other].relationships.get(npc.name) if other in npcs else None
            assert not (back and tie.kind in SENIOR_TIES and back.kind in SENIOR_TIES), (
                f"{name}: {npc.name} calls {other} its {tie.kind} and {other} calls {npc.name} its {back.kind}")
