"""The scripted brain: a seeded, rule-based NPC mind, the offline default.

It answers the same :class:`DecisionRequest` batch a language model would, so the whole
pipeline runs (and is tested) without a model. Each request is decided with its own
``random.Random(request.seed)``, so a decision does not depend on the batch it came in.

Acting, in order of priority:

1. hunger >= 0.6: eat something edible it carries, else buy the cheapest edible item here
   it can afford, else walk towards the nearest place that sells one (``food_route``);
2. caught outdoors in a storm: walk towards shelter (``shelter_route``);
3. not at its schedule's place: walk the next leg of the route there (no stopping to chat
   on the way);
4. an errand (an entry done ``until_done`` or ``once``) not yet done: do it first;
5. with people here, by chance ``sociability / 2``: start a conversation, passing on a
   fact it believes (secrets only to someone it likes, affinity >= 0.3);
6. do the schedule's action (arguments the schedule names, the rest chosen from items here
   or carried and people here), unless it just failed (it then waits a step rather than
   repeat the same failure); the world leaves the action out once its completion rule
   says the entry is done;
7. otherwise wait.

Replying: acknowledge, then pass on a fact not yet said in this conversation; end the
conversation by chance after the third line, or when it has nothing left to say.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from simverse.core.decisions import Decision, DecisionRequest, FactView

HUNGRY = 0.6
SECRET_AFFINITY = 0.3
OPENERS = (
    "Have you heard? {text}.",
    "Between you and me, {text}.",
    "Word around {place} is that {text}.",
    "Did you know that {text}?",
)
SMALL_TALK = (
    "Good {tod}, {partner}! How goes the {activity}?",
    "Busy day, {partner}?",
    "Fine {weather} weather today, isn't it, {partner}?",
)
ACKNOWLEDGE = ("Really? I had no idea.", "Is that so?", "Hm, I'll keep that in mind.", "Well, well.")
NEWS_REPLY = ("And I heard that {text}.", "That reminds me: {text}.", "Also, {text}.")
CLOSERS = ("I must get on. Good day!", "Let's talk later.", "Take care, {partner}.")


class ScriptedBrain:
    """Seeded rule brain implementing :class:`simverse.core.decisions.Brain`."""

    name = "scripted"

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        return [self.decide(request) for request in requests]

    def decide(self, request: DecisionRequest) -> Decision:
        rng = random.Random(request.seed)
        if request.mode == "reply":
            return _reply(request, rng)
        return _act(request, rng)


def _act(req: DecisionRequest, rng: random.Random) -> Decision:
    allowed = {a.name: a for a in req.actions}
    hungry = _eat_or_buy(req, allowed)
    if hungry is not None:
        return hungry
    if req.shelter_route and "move" in allowed:
        return Decision(req.npc, "move", {"place": req.shelter_route[0]})
    if req.route and "move" in allowed:
        return Decision(req.npc, "move", {"place": req.route[0]})
    errand = _scheduled(req, allowed, rng) if req.schedule_completion != "repeat" else None
    if errand is not None:
        return errand
    if req.people_here and "talk" in allowed and rng.random() < req.sociability / 2:
        partner = _pick_partner(req, rng)
        fact = _pick_fact(req, partner, rng, said="")
        if fact is not None:
            text = rng.choice(OPENERS).format(text=_clause(fact), place=req.place)
            return Decision(req.npc, "talk", {"npc": partner}, text, told_facts=[fact.key])
        if rng.random() < 0.3:
            text = rng.choice(SMALL_TALK).format(
                tod=_tod(req.hour), partner=partner, weather=req.weather,
                activity=req.schedule_activity or "day",
            )
            return Decision(req.npc, "talk", {"npc": partner}, text)
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


def _pick_fact(req: DecisionRequest, partner: str, rng: random.Random, said: str) -> FactView | None:
    affinity = req.relationships.get(partner, 0.0)
    candidates = [
        f for f in req.facts
        if f.told_by != partner and f.subject != partner and _clause(f) not in said
        and (not f.secret or affinity >= SECRET_AFFINITY)
    ]
    if not candidates:
        return None
    return rng.choice(candidates[-3:])


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


def _reply(req: DecisionRequest, rng: random.Random) -> Decision:
    partner = req.partner or ""
    said = " ".join(t.text for t in req.conversation)
    if len(req.conversation) >= 3 and rng.random() < 0.5:
        return Decision(req.npc, "talk", {"npc": partner},
                        rng.choice(CLOSERS).format(partner=partner), end_conversation=True)
    fact = _pick_fact(req, partner, rng, said)
    opener = rng.choice(ACKNOWLEDGE)
    if fact is None:
        return Decision(req.npc, "talk", {"npc": partner}, opener, end_conversation=len(req.conversation) >= 2)
    text = f"{opener} {rng.choice(NEWS_REPLY).format(text=_clause(fact))}"
    return Decision(req.npc, "talk", {"npc": partner}, text, told_facts=[fact.key])


def _clause(fact: FactView) -> str:
    text = fact.text.strip().rstrip(".")
    return text[0].lower() + text[1:] if text and not text[:2].istitle() else text


def _tod(hour: float) -> str:
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
