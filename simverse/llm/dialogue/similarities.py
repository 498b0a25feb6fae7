"""What a line is compared with by meaning (the offline embedder) before it is answered: the
world's actions for a request, people's roles for "who is in charge of ...?", asking what the
NPC is doing, and its goals. Each is worked out only for the lines that may need it."""

from __future__ import annotations

import numpy as np

from simverse.core.decisions import DecisionRequest
from simverse.core.names import name_words
from simverse.llm.dialogue.actions_meant import BUILTIN_ACTIONS
from simverse.llm.dialogue.activity_asked import ACTIVITY_QUESTION
from simverse.llm.dialogue.aims import goal_asked, goal_deed_asked
from simverse.llm.dialogue.charge import charge_asked, charge_words, role_texts
from simverse.llm.dialogue.clausal import late_question
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.parts import (
    SENTENCE_BREAK,
    request_clause,
    without_dictation,
    without_reason,
)
from simverse.llm.dialogue.reading import Reading, addressed, read
from simverse.llm.dialogue.requesting import action_verbs, bidden, polite_request


def action_similarities(model: IntentModel, asks: list[tuple[Reading, DecisionRequest]]) -> list[dict[str, float]]:
    """For requests: cosine of each line to each of the world's actions (its name and
    description: "sing something for us" is close to "perform: Play a song...")."""
    if model.encoder is None or not asks:
        return [{} for _ in asks]
    out = []
    for r, req in asks:
        actions = [a for a in req.actions if a.name not in BUILTIN_ACTIONS]
        names = name_words(req.names)
        r = r if (order := without_dictation(r.raw)) == r.raw else read(order, names=names)  # "note this: ..."
        clause = request_clause(r.raw, action_verbs(req), names)  # and the order without the story around it
        main = without_reason(r.raw)  # "write this down while it's fresh": the order alone
        order = read(clause, names=names) if clause else read(main, names=names) if main != r.raw else r
        said = [addressed(x, req.npc) if (unsaid := bidden(x)) == x.text else unsaid  # not "no need to queue"
                for x in (r, order, _bidding_sentence(r, action_verbs(req), names))]
        vectors = model.vectors([*said, *(action_text(a.name, a.description) for a in actions)])
        closest = np.max(vectors[3:] @ vectors[:3].T, axis=1)
        out.append({a.name: float(v) for a, v in zip(actions, closest, strict=True)})
    return out


def _bidding_sentence(r: Reading, verbs: frozenset[str], names: frozenset[str]) -> Reading:
    """The first sentence of several that asks for something done ("strike up a tune, would
    you? Something to warm the morning."), else the line: the rest only says why."""
    sentences = SENTENCE_BREAK.split(r.raw)
    bids = (said for s in sentences[:-1] if polite_request(said := read(s, names=names), verbs) is not None)
    return next(bids, r) if len(sentences) > 1 else r


def role_similarities(model: IntentModel, r: Reading, req: DecisionRequest) -> dict[str, float]:
    """For "who is in charge of X?": cosine of X to each person's role ("the lighthouse
    lamp" is close to "the lighthouse keeper"); empty for other lines."""
    charge = charge_asked(r)
    roles = role_texts(req)
    if model.encoder is None or not charge or not charge_words(charge) or not roles:
        return {}
    vectors = model.vectors([charge, *roles.values()])
    return {npc: float(v) for npc, v in zip(roles, vectors[1:] @ vectors[0], strict=True)}


def activity_similarity(model: IntentModel, r: Reading, req: DecisionRequest) -> float:
    """For a "what ... you" question: cosine of the line, without the name of the one
    asked, to asking what it is doing now."""
    if model.encoder is None or r.wh != "what" or not {"you", "your", "yourself"} & set(r.words):
        return 0.0
    vectors = model.vectors([late_question(r) or addressed(r, req.npc), ACTIVITY_QUESTION])
    return float(vectors[1] @ vectors[0])


def goal_similarities(model: IntentModel, r: Reading, req: DecisionRequest) -> list[float]:
    """For a question about what the NPC is after: cosine of the line to each of its goals
    (the closest is said first); empty for other lines."""
    if model.encoder is None or not req.goals or not (goal_asked(r) or goal_deed_asked(r, req)):
        return []
    vectors = model.vectors([r.text, *req.goals])
    return [float(v) for v in vectors[1:] @ vectors[0]]


def action_text(name: str, description: str) -> str:
    """How an action is compared with a request: "take notes: Listen and copy..."."""
    return f"{name.replace('_', ' ')}: {description}"
