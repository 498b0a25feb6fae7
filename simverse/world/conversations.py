"""Talk in a step: ``talk`` decisions paired into conversations, their replies asked in
batched rounds, and every line stored, screened, checked against the world's policies
and passed on as belief from teller to listener.
"""

from __future__ import annotations

from typing import Any

from simverse.agents.conversation import Conversation, line_heard, line_remembered, pair_conversations
from simverse.agents.perception import build_requests, scene_of
from simverse.core.decisions import Decision
from simverse.core.outcome import Outcome
from simverse.core.policies import check_utterance
from simverse.store.models import DialogueRow
from simverse.world.decide import ask
from simverse.world.outcomes import number
from simverse.world.stage import Stage, StepTurn


def hold_conversations(world: Stage, turn: StepTurn, talks: list[tuple[Decision, dict[str, Any]]]) -> list[Outcome]:
    """Pair the ``talk`` decisions (in resolution order), fail those that cannot talk, run
    the conversations and record them; returns the failed talks and flagged lines."""
    place_of = {n: world.state.entities[n]["place"] for n in world.npc_names}
    conversations, failed = pair_conversations(
        talks, place_of, world.runtime.ids["conversation"] + 1, world.spec.settings.max_conversations_per_npc,
    )
    for _ in conversations:
        world.runtime.next_id("conversation")
    rows = {id(d): row for d, row in talks}
    outcomes = []
    for decision, reason in failed:
        outcome = Outcome("action", decision.npc, "talk", dict(decision.args), False, reason,
                          f"{decision.npc} wants to talk but {reason}.", place_of[decision.npc],
                          observers=[decision.npc], source="builtin", importance=1)
        rows[id(decision)]["event_id"] = number(world, outcome)
        outcomes.append(outcome)
    converse(world, turn, conversations)
    for conversation in conversations:
        outcomes += record_conversation(world, turn, conversation)
    return outcomes


def converse(world: Stage, turn: StepTurn, conversations: list[Conversation]) -> None:
    """Run every conversation for up to ``conversation_turns`` lines, one batch per round
    (talk changes nothing in the world until it is recorded, so every round sees one scene)."""
    scene = scene_of(world, turn.step) if conversations else None
    for round_ in range(1, world.spec.settings.conversation_turns):
        open_ = [c for c in conversations if not c.ended]
        if not open_:
            return
        requests = build_requests(
            world, [world.npcs[c.next_speaker] for c in open_], turn.step, "reply",
            conversations=[(c.other(c.next_speaker), c.turns()) for c in open_],
            turns=[round_ * 100_000 + c.id for c in open_], facts=turn.ranked_facts, scene=scene,
        )
        for conversation, (reply, row) in zip(open_, ask(world, turn, requests), strict=True):
            conversation.lines.append((reply.npc, reply.utterance or "", list(reply.told_facts), row))
            if reply.end_conversation:
                conversation.ended = True


def record_conversation(world: Stage, turn: StepTurn, conversation: Conversation) -> list[Outcome]:
    """Store the lines and pass on what was told: the listener now believes it, from the teller.

    Each line was screened with its decision (blocked text replaced, kept only in
    ``redactions``; the block is recorded here as a ``filtered`` event) and is checked
    against the world's policies as it was meant (each violation a ``policy`` event).
    Returns those events.
    """
    stats = turn.stats
    stats["conversations"] += 1
    flagged: list[Outcome] = []
    previous: str | None = None
    for index, (speaker, said, told, row) in enumerate(conversation.lines):
        listener = conversation.other(speaker)
        line_id = world.runtime.next_id("dialogue")
        text = said
        blocked = world.screening.said(row["id"])
        if blocked is not None:
            flagged.append(flag(world, turn.step, "filtered", speaker, conversation.place, line_id, blocked[0]))
            said = blocked[1]
        for violation in check_utterance(world.spec.policies, speaker, said, previous):
            flagged.append(flag(world, turn.step, "policy", speaker, conversation.place, line_id,
                                f"broke policy {violation.policy!r}: {violation.reason}"))
        previous = text
        passed = pass_on(world, turn.step, speaker, listener, told, line_id)
        line = line_remembered(speaker, listener, text)
        world.runtime.observe(listener, line_heard(speaker, text))
        if world.minds is not None:
            world.minds.remember(speaker, "dialogue", line, turn.step, turn.hours)
            world.minds.remember(listener, "dialogue", line, turn.step, turn.hours, None)
        stats["dialogue_lines"] += 1
        turn.batch.add(DialogueRow, {
            "run_id": world.run_id, "id": line_id, "step": turn.step, "conversation": conversation.id,
            "turn": index, "speaker": speaker, "listener": listener, "place": conversation.place,
            "text": text, "told_facts": passed, "decision_id": row["id"],
        })
    for name in (conversation.initiator, conversation.partner):
        world.state.entities[name]["activity"] = f"talking with {conversation.other(name)}"
    stats["policy_violations"] += sum(1 for o in flagged if o.kind == "policy")
    stats["filtered_lines"] += sum(1 for o in flagged if o.kind == "filtered")
    return flagged


def pass_on(world: Stage, step: int, speaker: str, listener: str, told: list[str], line_id: int) -> list[str]:
    """The listener believes what the speaker told and believes itself (a little less
    surely, from the teller); returns the keys passed on."""
    passed = []
    for key in told:
        belief = world.knowledge.current(speaker, key)
        if belief is None:
            continue
        passed.append(key)
        world.knowledge.assert_fact(
            listener, belief.subject, belief.predicate, belief.object,
            source=f"dialogue:{line_id}", step=step, confidence=round(belief.confidence * 0.9, 4),
            told_by=speaker, text=belief.text, secret=belief.secret, tracked=belief.tracked,
        )
    return passed


def flag(world: Stage, step: int, kind: str, speaker: str, place: str, line_id: int, reason: str) -> Outcome:
    """A ``filtered`` or ``policy`` event about one line (numbered now)."""
    outcome = Outcome(kind, speaker, "talk", {"dialogue": str(line_id)}, False, reason,
                      f"{speaker}'s line {line_id} was flagged: {reason}", place,
                      observers=[], source="rule", importance=1)
    number(world, outcome)
    return outcome
