"""How close each place is to a line that asks where or the way, or asks to go somewhere:
by what is seen, sold and done there (:mod:`.described`), by a thing seen in one place alone
("the fountain"), and by a name said another way ("this coffee stand": "Coffee Kiosk").
"""

from __future__ import annotations

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.called import place_name_asked
from simverse.llm.dialogue.clausal import described_phrase
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.described import (
    LISTED_CLOSE,
    NAME_PAIR_CLOSE,
    PLACE_MARGIN,
    listed_texts,
    named_as,
    only_mentioned_at,
    place_names,
    place_scores,
    place_texts,
    place_wanted,
    walk_goal,
    way_goal,
    word_pairs,
)
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.parts import asked_clause
from simverse.llm.dialogue.reading import Reading, addressed


def place_similarities(model: IntentModel, r: Reading, req: DecisionRequest, walk: bool = False) -> dict[str, float]:
    """For a line asking where or the way, or (``walk``) asking to go somewhere: each
    place's closeness to it, by what is seen, sold and done there (:mod:`.described`);
    empty for other lines."""
    texts = place_texts(req) if model.encoder is not None and (walk or place_wanted(r) or place_name_asked(r)) else {}
    if not texts:
        return {}
    described = described_phrase(r)  # "the quiet room with the puzzle books": compared alone too
    goals = way_goal(req.conversation[-1].text) if req.conversation else []  # the whole line: a lead-in may say it
    lines = model.vectors([addressed(r, req.npc), asked_clause(r.raw), *([described] if described else []), *goals])
    scores = place_scores(lines, model.vectors([t for ts in texts.values() for t in ts]), texts)
    if goals and (listed := listed_texts(req)):  # "which way to the coat pegs?": one thing a place lists
        near = place_scores(model.vectors(goals), model.vectors([t for ts in listed.values() for t in ts]), listed)
        scores = {p: max(s, near.get(p, 0.0)) if near.get(p, 0.0) >= LISTED_CLOSE else s for p, s in scores.items()}
    ends = [*goals, *([goal] if walk and (goal := walk_goal(r.raw)) else [])]
    if (only := only_mentioned_at(req, ends)) is not None:  # "the fountain", "her red door": seen in one place alone
        scores[only] = max(scores.get(only, 0.0), LISTED_CLOSE)
    pairs, names = word_pairs(r, req) + ([goal] if walk and (goal := walk_goal(r.raw)) else []), place_names(req)
    # "which way to the canteen?": the goal said as a name for one place, before any words said around it
    for said in ([short for g in goals if (short := named_as(g))], pairs):
        if (best := _named_closest(model, said, names)) is not None:  # "this coffee stand": "Coffee Kiosk"
            scores[best[0]] = max(scores.get(best[0], 0.0), best[1])
            break
    return scores


def _named_closest(model: IntentModel, said: list[str], names: dict[str, list[str]]) -> tuple[str, float] | None:
    """The place whose name (or alias) is clearly closest to any of ``said`` and its cosine;
    None when none is ("nurse room" is as close to any room)."""
    if not said or not names:
        return None
    named = place_scores(model.vectors(said), model.vectors([t for ts in names.values() for t in ts]), names)
    best = clearly_closest(named, NAME_PAIR_CLOSE, PLACE_MARGIN)
    return None if best is None else (best, named[best])
