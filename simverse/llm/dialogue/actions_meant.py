"""Which of the world's actions a request means when its words do not name one ("sing for
us" -> perform, "mind getting that one?" to the agent whose headset beeps): the nearest by
the embedder, or the one thing the NPC can do here. Apart from :mod:`.orders` so that the
thresholds of meaning sit together.
"""

from __future__ import annotations

from simverse.core.decisions import ActionSpec
from simverse.llm.dialogue.heard import Heard

BUILTIN_ACTIONS = frozenset({"talk", "wait", "improvise", "move"})
ACTION_CLOSE = 0.3
"""Cosine from which a request that names no action by its words may mean one."""
ACTION_TIE = 0.05
"""Actions this close to the nearest are all meant; one the NPC can do now is taken."""


def meant(h: Heard, actions: list[ActionSpec]) -> list[ActionSpec]:
    """The actions a request names by meaning (the embedder): the nearest, if close
    enough, and any within :data:`ACTION_TIE` of it, those the NPC can do now first."""
    scored = sorted(((h.action_similarity.get(a.name, -1.0), a) for a in actions), key=lambda t: -t[0])
    if not scored or scored[0][0] < ACTION_CLOSE:
        return []
    near = [a for score, a in scored if score >= scored[0][0] - ACTION_TIE]
    return sorted(near, key=lambda a: not h.req.doable.get(a.name))


ONLY_AMONG, ONLY_CLOSE = 3, 0.15
"""Among how many of the actions closest to a request that names nothing the one thing the
NPC can do here must be, and how close at least, to be what it means ("grab the next one off
the board" is 0.19 from answering a ticket, second of the world's actions; "could you paint
the wall?" 0.06; "crack on with the maths" to a teacher away from her class is closer to
three other actions than to marking papers)."""


def only_doable(h: Heard) -> ActionSpec | None:
    """The one action the NPC can do here and now, when a request names none and that one
    is among the actions closest to the line ("mind getting that one?" to the agent whose
    headset beeps); ``None`` when it could do several, or none."""
    doable = [a for a in h.req.actions if a.name not in BUILTIN_ACTIONS and h.req.doable.get(a.name)]
    if len(doable) != 1 or not h.action_similarity:
        return None
    closest = sorted(h.action_similarity, key=lambda a: -h.action_similarity[a])[:ONLY_AMONG]
    only = doable[0]
    return only if only.name in closest and h.action_similarity[only.name] >= ONLY_CLOSE else None
