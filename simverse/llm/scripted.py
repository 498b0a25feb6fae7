"""The scripted brain: a seeded, rule-based NPC mind, the offline default.

It answers the same :class:`DecisionRequest` batch a language model would, so the whole
pipeline runs (and is tested) without a model. Each request is decided with its own
``random.Random(request.seed)``, so a decision does not depend on the batch it came in.

Acting, in order of priority:

0. keep a promise made in talk since the last decision, if the action is still offered;
1. hunger >= 0.6: eat something edible it carries, else buy the cheapest edible item here
   it can afford, else walk towards the nearest place that sells one (``food_route``);
2. caught outdoors in a storm: walk towards shelter (``shelter_route``);
3. not at its schedule's place: walk the next leg of the route there (no stopping to chat
   on the way);
4. an errand (an entry done ``until_done`` or ``once``) not yet done: do it first;
5. with people here, by chance ``sociability / 2``: start a conversation, passing on a
   fact it believes (secrets only to someone it trusts, affinity >= 0.3), else (by chance
   0.3) asking or making small talk (:mod:`simverse.llm.dialogue.openers`);
6. do the schedule's action (arguments the schedule names, the rest chosen from items here
   or carried and people here), unless it just failed (it then waits a step rather than
   repeat the same failure); the world leaves the action out once its completion rule
   says the entry is done;
7. otherwise wait.

Replying (:mod:`simverse.llm.dialogue`): the last line is read and understood (a question
about something, about the NPC, the news, a price or the way; a request; news; a greeting;
small talk), then answered from what the NPC believes and remembers, in its own voice. The
lines of a batch are understood together (one embedder call for the unclear ones).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from simverse.core.decisions import Decision, DecisionRequest, read_promise
from simverse.llm.dialogue.intents import Encoder, IntentModel
from simverse.llm.dialogue.openers import ask_or_chat, tell_opening
from simverse.llm.dialogue.replying import reply_batch

HUNGRY = 0.6


class ScriptedBrain:
    """Seeded rule brain implementing :class:`simverse.core.decisions.Brain`.

    ``encoder`` (any object with ``embed(texts) -> unit vectors``, such as the memory
    embedders) helps understand lines whose words alone leave their intent unclear."""

    name = "scripted"
    _intents: IntentModel | None = None

    def __init__(self, encoder: Encoder | None = None) -> None:
        self._intents = IntentModel(encoder)

    def hear_with(self, encoder: Encoder) -> None:
        """Understand unclear lines with ``encoder`` from now on (the world shares its
        memory embedder, so one model serves both)."""
        self._intents = IntentModel(encoder)

    @property
    def intents(self) -> IntentModel:
        """The intent model (subclasses that skip ``__init__`` get one without embedder)."""
        if self._intents is None:
            self._intents = IntentModel(None)
        return self._intents

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        replies = [r for r in requests if r.mode == "reply"]
        answered = iter(reply_batch(replies, self.intents) if replies else [])
        return [next(answered) if r.mode == "reply" else _act(r) for r in requests]

    def decide(self, request: DecisionRequest) -> Decision:
        """One decision (this class's own batch path, whatever a subclass's is)."""
        return ScriptedBrain.decide_batch(self, [request])[0]


def _act(req: DecisionRequest) -> Decision:
    """The act decision; its ``random.Random(req.seed)`` is made only once a rule may draw
    from it (seeding costs microseconds, and walking, eating and keeping a promise draw
    nothing), so every draw is the same as from a generator made first."""
    allowed = {a.name: a for a in req.actions}
    promised = _keep_promise(req, allowed)
    if promised is not None:
        return promised
    hungry = _eat_or_buy(req, allowed)
    if hungry is not None:
        return hungry
    if req.shelter_route and "move" in allowed:
        return Decision(req.npc, "move", {"place": req.shelter_route[0]})
    if req.route and "move" in allowed:
        return Decision(req.npc, "move", {"place": req.route[0]})
    rng = random.Random(req.seed)
    errand = _scheduled(req, allowed, rng) if req.schedule_completion != "repeat" else None
    if errand is not None:
        return errand
    if req.people_here and "talk" in allowed and rng.random() < req.sociability / 2:
        partner = _pick_partner(req, rng)
        opening = tell_opening(req, partner, rng)
        if opening is None and rng.random() < 0.3:
            opening = ask_or_chat(req, partner, rng)
        if opening is not None:
            return Decision(req.npc, "talk", {"npc": partner}, opening.text, told_facts=opening.told)
    return _scheduled(req, allowed, rng) or Decision(req.npc, "wait")


def _scheduled(req: DecisionRequest, allowed: dict, rng: random.Random) -> Decision | None:
    """The schedule's action here, unless it just failed (then wait a step rather than
    repeat the same failure)."""
    failed_before = any(o.startswith(f"I could not {req.schedule_action}:") for o in req.observations)
    if not req.schedule_action or req.schedule_action not in allowed or failed_before:
        return None
    kinds = {k: v for k, v in allowed[req.schedule_action].args.items() if k not in req.schedule_args}
    args = _choose_args(req, kinds, rng)
    return None if args is None else Decision(req.npc, req.schedule_action, {**req.schedule_args, **args})


def _keep_promise(req: DecisionRequest, allowed: dict) -> Decision | None:
    """An action agreed to in talk since the last decision, if the world still offers it."""
    for observation in reversed(req.observations):
        promise = read_promise(observation)
        if promise is not None and promise[0] in allowed:
            return Decision(req.npc, promise[0], promise[1])
    return None


def _eat_or_buy(req: DecisionRequest, allowed: dict) -> Decision | None:
    if req.needs.get("hunger", 0.0) < HUNGRY:
        return None
    edible = [i for i in req.inventory if req.item_info.get(i, {}).get("edible") is True]
    if edible and "eat" in allowed:
        return Decision(req.npc, "eat", {"item": edible[0]})
    coins = req.properties.get("coins", 0)
    for_sale = sorted(
        (info.get("price", 0), item)
        for item, info in req.item_info.items()
        if item in req.items_here and info.get("edible") is True
        and isinstance(coins, int | float) and coins >= info.get("price", 0)
        and info.get("quantity", 0) > 0
    )
    if for_sale and "buy" in allowed:
        return Decision(req.npc, "buy", {"item": for_sale[0][1]})
    if req.food_route and "move" in allowed:
        return Decision(req.npc, "move", {"place": req.food_route[0]})
    return None


def _pick_partner(req: DecisionRequest, rng: random.Random) -> str:
    people = sorted(req.people_here)
    weights = [1.0 + req.relationships.get(p, 0.0) for p in people]
    return rng.choices(people, weights=[max(w, 0.05) for w in weights])[0]


def _choose_args(req: DecisionRequest, kinds: dict[str, str], rng: random.Random) -> dict[str, str] | None:
    args: dict[str, str] = {}
    for name, kind in kinds.items():
        if kind == "item":
            pool = sorted(set(req.inventory) | {
                i for i in req.items_here if req.item_info.get(i, {}).get("quantity", 0) > 0
            })
        elif kind == "npc":
            pool = sorted(req.people_here)
        elif kind == "place":
            pool = sorted(req.neighbours)
        else:
            pool = [req.schedule_activity or "something"]
        if not pool:
            return None
        args[name] = rng.choice(pool)
    return args
