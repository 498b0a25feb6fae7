"""What may be heard: the content filter on everything NPCs and the player say.

An NPC's words are screened once, when its decision is checked (:meth:`Screening.decision`),
before anyone hears them or a later turn of the conversation is asked about them: the
decision, the dialogue line, the memories and the listener's inbox then hold only the
filter's placeholder. The words themselves go to one ``redactions`` row (source, speaker,
masked reason, ``blocked_text``), and the line's ``filtered`` event is recorded when the
line is stored (:meth:`Screening.said`), where the world's policies still judge the words
as they were meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simverse.core.content_filter import ContentFilter
from simverse.core.decisions import Decision
from simverse.store.redaction_models import RedactionRow
from simverse.store.run_store import StepBatch


@dataclass
class Screening:
    """The run's screen: its filter, the last ``redactions`` id, and the blocked decisions
    of the step in the making (decision id -> (masked reason, the words as said))."""

    content_filter: ContentFilter
    run_id: int
    last_id: int = 0
    blocked: dict[int, tuple[str, str]] = field(default_factory=dict)

    def line(self, step: int, speaker: str, text: str, source: str) -> tuple[str, dict[str, Any] | None]:
        """What ``speaker`` may be heard saying, and the ``redactions`` row keeping the words
        when the filter blocks them (None when it lets them pass)."""
        result = self.content_filter.screen(text, source=f"step {step} {speaker} {source}")
        if result.allowed:
            return text, None
        self.last_id += 1
        return result.text, {"run_id": self.run_id, "id": self.last_id, "step": step, "source": source,
                             "speaker": speaker, "reason": result.reason, "blocked_text": text}

    def decision(self, step: int, batch: StepBatch, decision: Decision, row: dict[str, Any]) -> None:
        """Screen a decision's utterance in place (the decision and its row)."""
        if not decision.utterance:
            return
        shown, redaction = self.line(step, decision.npc, decision.utterance, f"decision:{row['id']}")
        if redaction is not None:
            self.blocked[row["id"]] = (redaction["reason"], decision.utterance)
            decision.utterance = row["utterance"] = shown
            batch.add(RedactionRow, redaction)

    def said(self, decision_id: int) -> tuple[str, str] | None:
        """(reason, words as said) of a line whose decision was blocked, once; else None."""
        return self.blocked.pop(decision_id, None)
