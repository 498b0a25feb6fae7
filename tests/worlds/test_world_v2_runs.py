"""Format-2 features show their consequences in real runs, not only in the resolver:
triggered events, facts that close, schedule arguments and completion, directing that
reaches the rules, the clock moved by a scene, and a brain that acts on its needs."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy import select

from simverse.core.loader import parse_world
from simverse.knowledge.graph import WORLD, fact_key
from simverse.store.models import EventRow
from simverse.world.model import World
from tests.hamlet import hamlet_world


def _events(world: World, **where: Any) -> list[EventRow]:
    with world.store.session() as session:
        query = select(EventRow).where(EventRow.run_id == world.run_id)
        for column, value in where.items():
            query = query.where(getattr(EventRow, column) == value)
        rows = list(session.scalars(query.order_by(EventRow.id)))
        session.expunge_all()
    return rows


def _harbor(seed: int = 1) -> World:
    return World("harbor_town", seed=seed, embedder="hashing", memory=False)


def _market_town(**changes: Any) -> World:
    """The hamlet on format 2 with a baker who sells bread and buyers with coins."""
    world = copy.deepcopy(hamlet_world())
    world["format_version"] = 2
    world["settings"]["hunger_per_step"] = 0.0
    world["items"][0].update({"quantity": 3, "price": 1, "properties": {"edible": True, "owner": "Ann"}})
    world["actions"] = [{
        "name": "buy", "description": "buy an item here", "args": {"item": "item"},
        "preconditions": ["item.place == actor.place", "item.quantity > 0", "actor.coins >= item.price"],
        "effects": ["item.quantity -= 1", "actor.coins -= item.price", "actor.inventory += item",
                    "item.owner.coins += item.price"],
    }, {
        "name": "eat", "description": "eat something you carry", "args": {"item": "item"},
        "preconditions": ["actor.inventory has item", "item.edible == true"],
        "effects": ["actor.inventory -= item", "actor.hunger = 0"],
    }]
    world.update(changes)
    return World(parse_world(world), seed=0, embedder="hashing", memory=False)


def test_a_storm_over_the_harbour_stops_fishing_and_sends_people_indoors():
    world = _harbor()
    world.scene("a storm breaks over the harbour")
    world.run(4)  # 06:00-08:00: Tomas, Jonas and Finn are scheduled at the harbour
    fishing = _events(world, action="fish")
    assert fishing == [] or all(not e.success for e in fishing)
    outdoors = [n for n in ("Tomas", "Jonas", "Finn") if world.state.entities[n]["place"] == "harbour"]
    assert outdoors == [], "everyone left the stormy quay"
    world.scene("the storm over the harbour passes")
    world.run(4)
    assert any(e.success for e in _events(world, action="fish")), "fishing resumes when it clears"


def test_time_of_day_events_fire_every_day_and_pay_wages():
    world = _harbor()
    world.run(3)  # 07:00 on day 1
    assert world.state.entities["Nell"]["coins"] >= 8 + 5
    paid = [e for e in _events(world, kind="scheduled") if "wage" in e.narration]
    world.run(48)
    assert len([e for e in _events(world, kind="scheduled") if "wage" in e.narration]) == len(paid) + 1


def test_the_day_one_storm_comes_at_two_and_its_fact_closes_when_it_passes():
    world = _harbor()
    key = fact_key("storm", "approaches", "harbor_town")
    world.run(16)  # 14:00
    assert world.state.entities["world"]["weather"] == "storm" and world.knowledge.believes(WORLD, key)
    believers = [n for n in world.npc_names if world.knowledge.believes(n, key)]
    world.run(4)  # 16:00: the storm passes
    assert world.state.entities["world"]["weather"] == "clear"
    assert not world.knowledge.believes(WORLD, key)
    assert believers and not any(world.knowledge.believes(n, key) for n in believers)


def test_a_condition_event_fires_once_when_it_becomes_true():
    world = _market_town(events=[{"when": "bread.quantity == 0", "description": "Ann bakes a new batch.",
                                  "effects": ["bread.quantity += 3"]}])
    world.scene("the bread is sold out")
    world.run(3)
    fired = [e for e in _events(world, kind="scheduled") if "new batch" in e.narration]
    assert len(fired) == 1 and world.state.entities["bread"]["quantity"] == 3


def test_a_chance_event_is_drawn_from_the_seed():
    def fired(seed: int) -> list[int]:
        world = copy.deepcopy(hamlet_world())
        world["format_version"] = 2
        world["events"] = [{"chance": 0.3, "description": "A cart rattles past."}]
        run = World(parse_world(world), seed=seed, embedder="hashing", memory=False)
        run.run(20)
        return [e.step for e in _events(run, kind="scheduled")]

    assert fired(3) == fired(3) and 0 < len(fired(3)) < 20
    assert fired(3) != fired(4)


def test_a_shopping_list_buys_once_per_slot_and_pays_the_maker():
    world = _harbor()
    world.run(10)  # past Nell's 10:00 bakery slot (10:00-11:00)
    nell_buys = [e for e in _events(world, action="buy", actor="Nell") if e.success]
    assert len(nell_buys) == 1 and nell_buys[0].args == {"item": "bread"}
    sold = sum(1 for e in _events(world, action="buy") if e.success and e.args.get("item") == "bread")
    assert world.state.entities["Mara"]["coins"] >= 12 + 2 * sold - 2 * sum(
        1 for e in _events(world, action="buy", actor="Mara") if e.success)


def test_once_means_one_attempt_per_slot_even_when_it_fails():
    world = copy.deepcopy(hamlet_world())
    world["format_version"] = 2
    world["actions"] = [{"name": "ring", "description": "ring the bell", "preconditions": ["actor.place == well"],
                         "effects": ["actor.mood = 'proud'"]}]
    world["npcs"][2]["schedule"] = [{"start": "08:00", "place": "square", "activity": "trying the bell",
                                     "action": "ring", "completion": "once"}]
    run = World(parse_world(world), seed=0, embedder="hashing", memory=False)
    run.run(6)
    assert len(_events(run, action="ring", actor="Cid")) == 1


def test_a_closed_place_keeps_everyone_out_in_a_run():
    world = _harbor()
    world.scene("close the bakery")
    world.run(12)  # through Nell's 10:00 bread run
    assert all(world.state.entities[n]["place"] != "bakery" for n in world.npc_names if n != "Mara")
    assert not any(e.success for e in _events(world, action="buy") if e.args.get("item") == "bread"
                   and e.actor != "Mara")


def test_setting_the_time_moves_the_clock_and_the_schedules_follow():
    world = _harbor()
    world.scene("set the time to 17:30")
    world.run(1)
    assert world.state.entities["world"]["time"] == "17:30"
    assert world.clock.label(world.step_index).startswith("Day 1, 17:30")
    world.run(2)
    assert world.state.entities["world"]["time"] == "18:30"
    assert world.state.entities["Tomas"]["place"] in ("market", "harbour", "tavern")  # on his way to the tavern


def test_a_hungry_npc_walks_to_food_and_eats():
    world = _market_town()
    world.state.entities["Cid"].update({"hunger": 0.9, "coins": 3})
    world.run(4)
    assert world.state.entities["Cid"]["hunger"] < 0.6
    assert any(e.success for e in _events(world, action="buy", actor="Cid"))
    assert world.state.entities["Ann"]["coins"] == 11  # the baker was paid


@pytest.mark.parametrize("name", ["harbor_town", "classroom"])
def test_a_shipped_world_passes_a_week_long_stress_run(name):
    """One seed here; ``simverse stress all --days 7 --seeds 5`` is the full check (README)."""
    from simverse.experiments.stress import stress

    report = stress(name, days=7, seeds=1)
    assert report.passed, [f"{f.key}: {f.detail}" for f in report.findings if not f.allowed]
