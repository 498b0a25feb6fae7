"""The player: a person talking to an NPC between steps, stored like any conversation.

:func:`talk_to` asks the world's brain for the NPC's reply to what the person said (a
``reply`` :class:`~simverse.core.decisions.DecisionRequest` with the NPC's memories and
beliefs, the person's words only in its ``conversation``), checks it like every decision,
and stores the exchange in one transaction: two ``dialogue`` rows (speaker ``Player`` and
the NPC), the reply's ``decisions`` row, the NPC's ``dialogue`` memories of both lines,
and a ``player_talk`` record of its own: the person's words, the committed step they
follow, and what the exchange did to the run's between-steps record (id counters after
it, the line the NPC will perceive). The step rows stay as the steps wrote them;
:func:`after_talk` replays those effects onto a resumed run's runtime, and ``simverse
replay`` says the same lines at the same points, so a run with player talk replays
completely. The world's runtime takes the new record only once the transaction has
committed.

The person's words are data: they never reach the world state or the knowledge graph,
only the NPC's conversation, memories and next observations. Both lines pass the world's
content filter first: a blocked line is stored, remembered and answered as the filter's
placeholder, its words kept only in the ``redactions`` table, and so are the model calls
behind a blocked reply (see :mod:`simverse.world.screening`). When the NPC agrees to do
something ("follow me to the square"), its reply's decision is that action, and a promise
note (:func:`~simverse.core.decisions.promise_note`) in its next observations lets it keep
its word next step, if the world's rules still allow.

:func:`ask` is the same answering path without storing anything: what an NPC would answer
a line now (used by ``simverse eval-dialogue``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import func, insert, inspect, select
from sqlalchemy.orm import Session

from simverse.agents.conversation import line_heard, line_remembered
from simverse.agents.minds import Minds
from simverse.agents.perception import Surroundings, build_requests
from simverse.core.decision_check import MAX_UTTERANCE, check_decision
from simverse.core.decisions import Brain, Decision, DecisionRequest, Turn, promise_note
from simverse.core.runtime import StepRuntime
from simverse.core.sanitize import check_plain_text
from simverse.llm.recording import store_calls
from simverse.store.models import DecisionRow, DialogueRow
from simverse.store.redaction_models import RedactionRow
from simverse.store.run_store import RunStore
from simverse.store.talk_models import PlayerTalkRow

PLAYER = "Player"
PLAYER_TURN_BASE = 10**9
"""Reply seeds of player conversations use turn numbers from here on, so they never equal
the seed of an NPC-to-NPC line of the same step."""


class Screen(Protocol):
    """The world's content filter on what is said (``simverse.world.screening.Screening``)."""

    def line(self, step: int, speaker: str, text: str, source: str) -> tuple[str, dict[str, Any] | None]: ...

    def cite(self, speaker: str, call_ids: Sequence[int], reason: str | None) -> None: ...

    def calls(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]: ...


class Audience(Surroundings, Protocol):
    """What the player's exchange needs of the world besides what an NPC perceives."""

    brain: Brain
    store: RunStore
    run_id: int
    minds: Minds | None
    runtime: StepRuntime
    screening: Screen


@dataclass
class PlayerChat:
    """One conversation between the person and one NPC; keep it to continue talking."""

    npc: str
    conversation: int | None = None
    turns: list[Turn] = field(default_factory=list)


def talk_to(world: Audience, npc: str, text: str, chat: PlayerChat | None = None) -> str:
    """Say ``text`` to ``npc`` and return its answer; the exchange is committed before
    this returns. Pass the same ``chat`` to continue a conversation."""
    said = text.strip()
    chat = chat if chat is not None else PlayerChat(npc)
    _check_line(world, npc, said, chat)
    draft = world.runtime.copy()
    conversation = chat.conversation or draft.next_id("conversation")
    step = world.step_index
    said, said_redaction = world.screening.line(step, PLAYER, said, f"player to {npc}")
    hours = world.clock.sim_hours(step)
    turns = [*chat.turns, Turn(PLAYER, said)]
    place = str(world.state.entities[npc]["place"])
    with world.store.session() as session, session.begin():
        request = _hear(world, session, npc, PLAYER, turns, PLAYER_TURN_BASE + conversation * 1000 + len(turns))
        decision = _answer(world, request)
        reply, reply_redaction = world.screening.line(step, npc, decision.utterance or "", f"{npc} to {PLAYER}")
        decision.utterance = reply if decision.utterance is not None else None
        world.screening.cite(npc, decision.llm_call_ids, reply_redaction["reason"] if reply_redaction else None)
        decision_id = draft.next_id("decision")
        session.execute(insert(DecisionRow.__table__), [_decision_row(world, step, decision_id, decision, place)])
        told = [k for k in decision.told_facts if world.knowledge.believes(npc, k)]
        lines = [(PLAYER, npc, said, [], None), (npc, PLAYER, reply, told, decision_id)]
        rows = []
        for offset, (speaker, listener, line, facts, from_decision) in enumerate(lines):
            rows.append({
                "run_id": world.run_id, "id": draft.next_id("dialogue"), "step": step, "conversation": conversation,
                "turn": len(chat.turns) + offset, "speaker": speaker, "listener": listener, "place": place,
                "text": line, "told_facts": facts, "decision_id": from_decision,
            })
        session.execute(insert(DialogueRow.__table__), rows)
        heard = [line_heard(PLAYER, said)]
        if decision.action not in ("talk", "wait"):
            heard.append(promise_note(PLAYER, decision.action, decision.args))
        for note in heard:
            draft.observe(npc, note)
        if world.minds is not None:
            for speaker, listener, line, _, _ in lines:
                world.minds.remember(npc, "dialogue", line_remembered(speaker, listener, line), step, hours)
            world.minds.settle(session, step, hours)
        calls = world.brain.drain_calls() if hasattr(world.brain, "drain_calls") else []
        redactions = [r for r in (said_redaction, reply_redaction) if r is not None] + world.screening.calls(calls)
        if redactions:
            session.execute(insert(RedactionRow.__table__), redactions)
        store_calls(session, calls)
        _record_talk(session, world.run_id, step, npc, said, conversation,
                     {"ids": dict(draft.ids), "inbox": {npc: heard}})
    world.runtime.adopt(draft)
    chat.conversation = conversation
    chat.turns = [*turns, Turn(npc, reply)]
    return reply


def ask(world: Audience, npc: str, text: str, speaker: str = PLAYER) -> Decision:
    """What ``npc`` would answer ``speaker`` (the person, or another NPC, whom it trusts as
    its relationship says) saying ``text`` now. No dialogue, decision or memory is stored;
    the memories it recalls are marked as accessed, as any recall does."""
    if npc not in world.npcs:
        raise ValueError(f"ask: no NPC named {npc!r}; NPCs are {', '.join(world.npc_names)}")
    with world.store.session() as session, session.begin():
        request = _hear(world, session, npc, speaker, [Turn(speaker, text.strip())], PLAYER_TURN_BASE)
        return _answer(world, request)


def _hear(world: Audience, session: Session, npc: str, speaker: str, turns: list[Turn],
          turn: int) -> DecisionRequest:
    """The reply request: the NPC's situation, the lines so far, and what they bring to mind."""
    step = world.step_index
    [request] = build_requests(world, [world.npcs[npc]], step, "reply", conversations=[(speaker, turns)],
                               turns=[turn], every_action=True)  # a person's words may name no action
    if world.minds is not None:
        world.minds.recall(session, [request], step, world.clock.sim_hours(step))
    return request


def _answer(world: Audience, request: DecisionRequest) -> Decision:
    """The brain's reply, checked like every decision."""
    answers = world.brain.decide_batch([request])
    if len(answers) != 1:
        raise RuntimeError(f"brain {world.brain.name!r} answered {len(answers)} of 1 request")
    return check_decision(answers[0], request)


def _check_line(world: Audience, npc: str, said: str, chat: PlayerChat) -> None:
    """Refuse an empty, overlong or not plain line, an unknown NPC, or another NPC's conversation."""
    if not said:
        raise ValueError("talk_to: say something (the text is empty)")
    if len(said) > MAX_UTTERANCE:
        raise ValueError(f"talk_to: at most {MAX_UTTERANCE} characters per line (got {len(said)})")
    check_plain_text(said, "talk_to")
    if npc not in world.npcs:
        raise ValueError(f"talk_to: no NPC named {npc!r}; NPCs are {', '.join(world.npc_names)}")
    if chat.npc != npc:
        raise ValueError(f"talk_to: this conversation is with {chat.npc!r}, not {npc!r}")


def _record_talk(session: Session, run_id: int, step: int, npc: str, said: str, conversation: int,
                 effects: dict[str, Any]) -> None:
    """The exchange's ``player_talk`` record (ids per run, in order)."""
    last = session.scalar(select(func.max(PlayerTalkRow.id)).where(PlayerTalkRow.run_id == run_id))
    session.add(PlayerTalkRow(run_id=run_id, id=(last or 0) + 1, step=step, npc=npc, text=said,
                              conversation=conversation, effects=effects))


def talks_after(session: Session, run_id: int, step: int | None = None) -> list[PlayerTalkRow]:
    """The run's player talk records in order (after ``step`` only, when given); none in a
    database made before they were kept."""
    if not inspect(session.connection()).has_table(PlayerTalkRow.__tablename__):
        return []
    query = select(PlayerTalkRow).where(PlayerTalkRow.run_id == run_id)
    if step is not None:
        query = query.where(PlayerTalkRow.step == step)
    return list(session.scalars(query.order_by(PlayerTalkRow.id)))


def after_talk(runtime: StepRuntime, talks: list[PlayerTalkRow]) -> StepRuntime:
    """``runtime`` (a committed step's) with the effects of the talk that followed it: the
    id counters after the last exchange and the lines the NPCs will perceive."""
    for talk in talks:
        runtime.ids.update(talk.effects.get("ids", {}))
        for npc, lines in talk.effects.get("inbox", {}).items():
            for line in lines:
                runtime.observe(npc, line)
    return runtime


def _decision_row(world: Audience, step: int, decision_id: int, decision: Decision, place: str) -> dict[str, Any]:
    return {
        "run_id": world.run_id, "id": decision_id, "step": step, "npc": decision.npc, "mode": "reply",
        "action": decision.action, "args": decision.args, "utterance": decision.utterance,
        "status": decision.status, "note": decision.note, "event_id": None,
        "llm_call_ids": list(decision.llm_call_ids),
        "context": {"place": place, "partner": PLAYER},
    }


__all__ = ["PLAYER", "PlayerChat", "after_talk", "ask", "talk_to", "talks_after"]
