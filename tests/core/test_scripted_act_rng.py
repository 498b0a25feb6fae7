"""The scripted brain makes an act decision's ``random.Random(seed)`` only once a rule may
draw from it: every decision is the one made with the generator seeded first (the code
before, kept here as it was), on the requests of a busy generated town and a shipped world."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from simverse.agents.perception import build_requests
from simverse.core.decisions import Decision, DecisionRequest
from simverse.core.loader import load_world, parse_world
from simverse.llm import scripted
from simverse.llm.dialogue.openers import ask_or_chat, tell_opening
from simverse.world.model import World

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "experiments" / "bench"))

from bench_scripted import generated_world  # noqa: E402


def _old_act(req: DecisionRequest, rng: random.Random) -> Decision:  # the code before, as it was
    allowed = {a.name: a for a in req.actions}
    promised = scripted._keep_promise(req, allowed)
    if promised is not None:
        return promised
    hungry = scripted._eat_or_buy(req, allowed)
    if hungry is not None:
        return hungry
    if req.shelter_route and "move" in allowed:
        return Decision(req.npc, "move", {"place": req.shelter_route[0]})
    if req.route and "move" in allowed:
        return Decision(req.npc, "move", {"place": req.route[0]})
    errand = scripted._scheduled(req, allowed, rng) if req.schedule_completion != "repeat" else None
    if errand is not None:
        return errand
    if req.people_here and "talk" in allowed and rng.random() < req.sociability / 2:
        partner = scripted._pick_partner(req, rng)
        opening = tell_opening(req, partner, rng)
        if opening is None and rng.random() < 0.3:
            opening = ask_or_chat(req, partner, rng)
        if opening is not None:
            return Decision(req.npc, "talk", {"npc": partner}, opening.text, told_facts=opening.told)
    return scripted._scheduled(req, allowed, rng) or Decision(req.npc, "wait")


def _act_requests(world: World, steps: int) -> list[DecisionRequest]:
    out = []
    for _ in range(steps):
        world.step()
        npcs = [world.npcs[n] for n in world.npc_names]
        out += build_requests(world, npcs, world.step_index + 1, "act")
    return out


def test_act_decisions_are_those_of_a_generator_seeded_first(tmp_path: Path) -> None:
    town = World(parse_world(generated_world(150, 12), source="generated"), seed=3, db=str(tmp_path / "t.db"),
                 memory=False)
    harbor = World(load_world(str(ROOT / "worlds" / "harbor_town")), seed=2, db=str(tmp_path / "h.db"), memory=False)
    requests = _act_requests(town, 12) + _act_requests(harbor, 24)
    town.close()
    harbor.close()
    kinds = {scripted._act(r).action for r in requests}
    assert {"move", "talk", "wait", "work"} <= kinds  # walking, talk drawn by chance, and the schedule's work
    for req in requests:
        assert scripted._act(req) == _old_act(req, random.Random(req.seed)), req.label
