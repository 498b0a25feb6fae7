"""Decide: one batched brain call for a list of requests, every answer checked and recorded.

Used for the step's ``act`` decisions and for each round of conversation replies.
"""

from __future__ import annotations

from typing import Any

from simverse.core.decision_check import check_decision
from simverse.core.decisions import Decision, DecisionRequest
from simverse.store.models import DecisionRow
from simverse.world.stage import Stage, StepTurn


def ask(world: Stage, turn: StepTurn, requests: list[DecisionRequest]) -> list[tuple[Decision, dict[str, Any]]]:
    """The brain's decisions for ``requests`` (one ``decide_batch`` call), each checked
    against its request, its utterance screened, counted by status and added to the step's
    ``decisions`` rows; returns (decision, its row) in request order."""
    answers = world.brain.decide_batch(requests)
    if len(answers) != len(requests):
        raise RuntimeError(f"brain {world.brain.name!r} answered {len(answers)} of {len(requests)} requests")
    asked = []
    for request, answer in zip(requests, answers, strict=True):
        decision = check_decision(answer, request)
        turn.stats["decisions"][decision.status] += 1
        row = decision_row(world, turn.step, decision, request)
        world.screening.decision(turn.step, turn.batch, decision, row)
        turn.batch.add(DecisionRow, row)
        asked.append((decision, row))
    return asked


def decision_row(world: Stage, step: int, decision: Decision, request: DecisionRequest) -> dict[str, Any]:
    """The ``decisions`` row of one checked decision (its id the run's next)."""
    return {
        "run_id": world.run_id, "id": world.runtime.next_id("decision"), "step": step, "npc": decision.npc,
        "mode": request.mode, "action": decision.action, "args": decision.args,
        "utterance": decision.utterance, "status": decision.status, "note": decision.note, "event_id": None,
        "llm_call_ids": decision.llm_call_ids,
        "context": {"place": request.place, "observations": len(request.observations),
                    "facts": [f.key for f in request.facts], "seed": request.seed, **brain_of(world, decision.npc)},
    }


def brain_of(world: Stage, npc: str) -> dict[str, str]:
    """``{"brain": label}`` when NPCs have brains of their own (a mixed population), else nothing."""
    label_of = getattr(world.brain, "label_of", None)
    return {"brain": label_of(npc)} if label_of is not None else {}
