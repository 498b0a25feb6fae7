"""The player: a person talking to an NPC between steps, stored like any conversation.

:func:`talk_to` asks the world's brain for the NPC's reply to what the person said (a
``reply`` :class:`~simverse.core.decisions.DecisionRequest` with the NPC's memories and
beliefs, the person's words only in its ``conversation``), checks it like every decision,
and stores the exchange in one transaction: two ``dialogue`` rows (speaker ``Player`` and
the NPC), the reply's ``decisions`` row, the NPC's ``dialogue`` memories of both lines,
and the run's id counters in the last committed step's ``runtime``, so that a resumed run
(``World.resume``) and the next step allocate ids after the exchange's.

The person's words are data: they never reach the world state or the knowledge graph,
only the NPC's conversation, memories and next observations. When the NPC agrees to do
something ("follow me to the square"), its reply's decision is that action, and a
promise note (:func:`~simverse.core.decisions.promise_note`) in its next observations lets
it keep its word next step, if the world's rules still allow.

:func:`ask` is the same answering path without storing anything: what an NPC would answer
a line now (used by ``simverse eval-dialogue``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from simverse.core.decision_check import MAX_UTTERANCE, check_decision
from simverse.core.decisions import Decision, DecisionRequest, Turn, promise_note
from simverse.store.models import DecisionRow, DialogueRow, StepRow

if TYPE_CHECKING:
    from simverse.world.model import World

PLAYER = "Player"
PLAYER_TURN_BASE = 10**9
"""Reply seeds of player conversations use turn numbers from here on, so they never equal
the seed of an NPC-to-NPC line of the same step."""


@dataclass
class PlayerChat:
    """One conversation between the person and one NPC; keep it to continue talking."""

    npc: str
    conversation: int | None = None
    turns: list[Turn] = field(default_factory=list)


def talk_to(world: World, npc: str, text: str, chat: PlayerChat | None = None) -> str:
    """Say ``text`` to ``npc`` and return its answer; the exchange is committed before
    this returns. Pass the same ``chat`` to continue a conversation."""
    said = text.strip()
    if not said:
        raise ValueError("talk_to: say something (the text is empty)")
    if len(said) > MAX_UTTERANCE:
        raise ValueError(f"talk_to: at most {MAX_UTTERANCE} characters per line (got {len(said)})")
    if npc not in world.npcs:
        raise ValueError(f"talk_to: no NPC named {npc!r}; NPCs are {', '.join(world.npc_names)}")
    chat = chat if chat is not None else PlayerChat(npc)
    if chat.npc != npc:
        raise ValueError(f"talk_to: this conversation is with {chat.npc!r}, not {npc!r}")
    ids = dict(world.ids)
    if chat.conversation is None:
        ids["conversation"] += 1
    conversation = chat.conversation or ids["conversation"]
    step = world.step_index
    hours = world.clock.sim_hours(step)
    turns = [*chat.turns, Turn(PLAYER, said)]
    place = str(world.state.entities[npc]["place"])
    with world.store.session() as session, session.begin():
        request = _hear(world, session, npc, PLAYER, turns, PLAYER_TURN_BASE + conversation * 1000 + len(turns))
        decision = _answer(world, request)
        reply = decision.utterance or ""
        ids["decision"] += 1
        decision_id = ids["decision"]
        session.execute(insert(DecisionRow.__table__), [_decision_row(world, step, decision_id, decision, place)])
        told = [k for k in decision.told_facts if world.knowledge.believes(npc, k)]
        lines = [(PLAYER, npc, said, [], None), (npc, PLAYER, reply, told, decision_id)]
        rows = []
        for offset, (speaker, listener, line, facts, from_decision) in enumerate(lines):
            ids["dialogue"] += 1
            rows.append({
                "run_id": world.run_id, "id": ids["dialogue"], "step": step, "conversation": conversation,
                "turn": len(chat.turns) + offset, "speaker": speaker, "listener": listener, "place": place,
                "text": line, "told_facts": facts, "decision_id": from_decision,
            })
        session.execute(insert(DialogueRow.__table__), rows)
        inbox = {k: list(v) for k, v in world.inbox.items()}
        inbox.setdefault(npc, []).append(f'{PLAYER} said: "{said}"')
        if decision.action not in ("talk", "wait"):
            inbox[npc].append(promise_note(PLAYER, decision.action, decision.args))
        if world.minds is not None:
            for speaker, listener, line, _, _ in lines:
                world.minds.remember(npc, "dialogue", f'{speaker} said to {listener}: "{line}"', step, hours)
            world.minds.settle(session, step, hours)
        if hasattr(world.brain, "drain_calls"):
            session.add_all(world.brain.drain_calls())
        runtime = {"inbox": inbox, "pending": [vars(p) for p in world.pending], "ids": ids}
        session.execute(
            update(StepRow).where(StepRow.run_id == world.run_id, StepRow.step == step).values(runtime=runtime)
        )
    world.ids = ids
    world.inbox = inbox
    chat.conversation = conversation
    chat.turns = [*turns, Turn(npc, reply)]
    return reply


def ask(world: World, npc: str, text: str, speaker: str = PLAYER) -> Decision:
    """What ``npc`` would answer ``speaker`` (the person, or another NPC, whom it trusts as
    its relationship says) saying ``text`` now. No dialogue, decision or memory is stored;
    the memories it recalls are marked as accessed, as any recall does."""
    if npc not in world.npcs:
        raise ValueError(f"ask: no NPC named {npc!r}; NPCs are {', '.join(world.npc_names)}")
    with world.store.session() as session, session.begin():
        request = _hear(world, session, npc, speaker, [Turn(speaker, text.strip())], PLAYER_TURN_BASE)
        return _answer(world, request)


def _hear(world: World, session: Session, npc: str, speaker: str, turns: list[Turn], turn: int) -> DecisionRequest:
    """The reply request: the NPC's situation, the lines so far, and what they bring to mind."""
    from simverse.agents.perception import build_requests  # here: perception -> events -> world -> perception

    step = world.step_index
    [request] = build_requests(world, [world.npcs[npc]], step, "reply", conversations=[(speaker, turns)],
                               turns=[turn])
    if world.minds is not None:
        world.minds.recall(session, [request], step, world.clock.sim_hours(step))
    return request


def _answer(world: World, request: DecisionRequest) -> Decision:
    """The brain's reply, checked like every decision."""
    answers = world.brain.decide_batch([request])
    if len(answers) != 1:
        raise RuntimeError(f"brain {world.brain.name!r} answered {len(answers)} of 1 request")
    return check_decision(answers[0], request)


def _decision_row(world: World, step: int, decision_id: int, decision: Decision, place: str) -> dict[str, Any]:
    return {
        "run_id": world.run_id, "id": decision_id, "step": step, "npc": decision.npc, "mode": "reply",
        "action": decision.action, "args": decision.args, "utterance": decision.utterance,
        "status": decision.status, "note": decision.note, "event_id": None,
        "llm_call_ids": list(decision.llm_call_ids),
        "context": {"place": place, "partner": PLAYER},
    }


__all__ = ["PLAYER", "PlayerChat", "ask", "talk_to"]
