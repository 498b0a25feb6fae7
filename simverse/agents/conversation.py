"""Conversations between two NPCs: formed from ``talk`` decisions, run in batched rounds.

Each round asks the brain for the next line of *every* open conversation in one
``decide_batch`` call, so a step with ten conversations of four lines makes three reply
calls, not thirty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from simverse.core.decisions import Decision, Turn

_HEARD = re.compile(r'(?P<speaker>[^"]+?) said: "(?P<text>.*)"', re.DOTALL)


def line_heard(speaker: str, text: str) -> str:
    """What a listener perceives of a line (``Tom said: "..."``)."""
    return f'{speaker} said: "{text}"'


def line_remembered(speaker: str, listener: str, text: str) -> str:
    """How both speaker and listener remember a line (``Tom said to Mara: "..."``)."""
    return f'{speaker} said to {listener}: "{text}"'


def remembered_as(observation: str, listener: str) -> str | None:
    """The memory ``listener`` made of a line it perceived as ``observation``, or ``None``
    when the observation is not a line heard (:func:`line_heard` read back)."""
    m = _HEARD.fullmatch(observation)
    return line_remembered(m["speaker"], listener, m["text"]) if m else None


@dataclass
class Conversation:
    """Two NPCs talking at one place; ``lines`` hold (speaker, text, told fact keys, decision row)."""

    id: int
    initiator: str
    partner: str
    place: str
    lines: list[tuple[str, str, list[str], dict[str, Any]]] = field(default_factory=list)
    ended: bool = False

    def other(self, speaker: str) -> str:
        return self.partner if speaker == self.initiator else self.initiator

    @property
    def next_speaker(self) -> str:
        """Speakers alternate, the initiator first."""
        return self.partner if len(self.lines) % 2 == 1 else self.initiator

    def turns(self) -> list[Turn]:
        return [Turn(speaker, text) for speaker, text, _, _ in self.lines]


def pair_conversations(
    talks: list[tuple[Decision, dict[str, Any]]],
    place_of: dict[str, str],
    next_id: int,
    max_per_npc: int,
) -> tuple[list[Conversation], list[tuple[Decision, str]]]:
    """Turn ``talk`` decisions (in resolution order) into conversations.

    Returns the conversations and the talk decisions that failed, with the reason:
    the partner is not here, or one of the two is already in enough conversations.
    """
    busy: dict[str, int] = {}
    conversations: list[Conversation] = []
    failed: list[tuple[Decision, str]] = []
    for decision, row in talks:
        speaker, partner = decision.npc, decision.args.get("npc", "")
        if place_of.get(partner) != place_of.get(speaker):
            failed.append((decision, f"{partner} is not here"))
            continue
        if busy.get(speaker, 0) >= max_per_npc or busy.get(partner, 0) >= max_per_npc:
            reason = (
                f"{speaker} is already in a conversation" if busy.get(speaker, 0) >= max_per_npc
                else f"{partner} is already talking with someone"
            )
            failed.append((decision, reason))
            continue
        busy[speaker] = busy.get(speaker, 0) + 1
        busy[partner] = busy.get(partner, 0) + 1
        conversation = Conversation(next_id + len(conversations), speaker, partner, place_of[speaker])
        conversation.lines.append((speaker, decision.utterance or "", list(decision.told_facts), row))
        conversations.append(conversation)
    return conversations, failed
