"""What may be heard: the content filter on everything NPCs and the player say, and on the
recorded model calls behind it.

An NPC's words are screened once, when its decision is checked (:meth:`Screening.decision`),
before anyone hears them or a later turn of the conversation is asked about them: the
decision, the dialogue line, the memories and the listener's inbox then hold only the
filter's placeholder. The words themselves go to one ``redactions`` row (source, speaker,
masked reason, ``blocked_text``), and the line's ``filtered`` event is recorded when the
line is stored (:meth:`Screening.said`), where the world's policies still judge the words
as they were meant.

The model calls behind a decision (``Decision.llm_call_ids``) hold the words too: in the
answer's text, and, for a retry, in the rejected answer that the request quotes back to the
model. :meth:`Screening.decision` (or :meth:`Screening.cite`, for the player's talk) notes
the calls of a blocked line, and the calls of a decision that took a retry; before the
calls are written, :meth:`Screening.calls` stores every answer of a blocked line, and every
answer of a retried decision that the filter blocks, as the placeholder, and a request that
quotes such an answer without it (:func:`~simverse.llm.recording.without_quoted_answers`).
What they held goes to ``redactions`` (source ``llm_call:ID:response`` or ``:request``),
where replay reads the answers back, so a replayed run still gets what the model said.
Other calls (the events model's, reflection, planning) are not screened here: screening
costs milliseconds per answer, and their text is never a line anyone hears.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from simverse.core.content_filter import ContentFilter
from simverse.core.decisions import Decision
from simverse.llm.recording import without_quoted_answers
from simverse.store.redaction_models import CallPart, RedactionRow, call_source
from simverse.store.run_store import StepBatch

Citation = tuple[str, tuple[int, ...], str | None]
"""The calls behind one decision: (speaker, call ids in order, the line's block reason or
None when its answers are to be screened)."""


@dataclass
class Screening:
    """The run's screen: its filter, the last ``redactions`` id, the blocked decisions of
    the step in the making (decision id -> (masked reason, the words as said)) and the
    model calls to redact when they are written."""

    content_filter: ContentFilter
    run_id: int
    last_id: int = 0
    blocked: dict[int, tuple[str, str]] = field(default_factory=dict)
    cited: list[Citation] = field(default_factory=list)

    def line(self, step: int, speaker: str, text: str, source: str) -> tuple[str, dict[str, Any] | None]:
        """What ``speaker`` may be heard saying, and the ``redactions`` row keeping the words
        when the filter blocks them (None when it lets them pass)."""
        result = self.content_filter.screen(text, source=f"step {step} {speaker} {source}")
        if result.allowed:
            return text, None
        return result.text, self._kept(step, source, speaker, result.reason, text)

    def decision(self, step: int, batch: StepBatch, decision: Decision, row: dict[str, Any]) -> None:
        """Screen a decision's utterance in place (the decision and its row), and note the
        model calls behind it (see :meth:`cite`)."""
        reason = None
        if decision.utterance:
            shown, redaction = self.line(step, decision.npc, decision.utterance, f"decision:{row['id']}")
            if redaction is not None:
                reason = redaction["reason"]
                self.blocked[row["id"]] = (reason, decision.utterance)
                decision.utterance = row["utterance"] = shown
                batch.add(RedactionRow, redaction)
        self.cite(decision.npc, decision.llm_call_ids, reason)

    def said(self, decision_id: int) -> tuple[str, str] | None:
        """(reason, words as said) of a line whose decision was blocked, once; else None."""
        return self.blocked.pop(decision_id, None)

    def cite(self, speaker: str, call_ids: Sequence[int], reason: str | None) -> None:
        """Note the model calls behind a decision of ``speaker``: all to redact when its line
        was blocked for ``reason``; to screen when it took a retry (a rejected answer was
        never heard, so nothing screened it); else none."""
        if call_ids and (reason is not None or len(call_ids) > 1):
            self.cited.append((speaker, tuple(call_ids), reason))

    def calls(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Redact the noted calls among ``rows`` (drained ``llm_calls`` rows, about to be
        written) in place, and forget the notes; the ``redactions`` rows keeping what they
        held, in the order the decisions were made."""
        if not self.cited:
            return []
        by_id = {row["id"]: row for row in rows}
        kept: list[dict[str, Any]] = []
        for speaker, call_ids, reason in self.cited:
            kept.extend(self._answers(speaker, [by_id[i] for i in call_ids if i in by_id], reason))
        self.cited.clear()
        return kept

    def _answers(self, speaker: str, calls: list[dict[str, Any]], reason: str | None) -> list[dict[str, Any]]:
        """One decision's calls in order: an answer holding blocked text becomes the
        placeholder, and so does its quote in the requests after it."""
        kept: list[dict[str, Any]] = []
        placeholder = self.content_filter.placeholder
        quoted: str | None = None
        for call in calls:
            if quoted is not None:
                request = without_quoted_answers(call["request_json"], placeholder)
                if request is not None:
                    kept.append(self._kept_call(call, "request", speaker, quoted))
                    call["request_json"] = request
            why = reason if reason is not None else self._screened(call)
            if why is not None and call["response_text"]:
                kept.append(self._kept_call(call, "response", speaker, why))
                call["response_text"] = placeholder
                quoted = why
        return kept

    def _screened(self, call: dict[str, Any]) -> str | None:
        """The filter's reason to block a call's answer, None when it passes."""
        result = self.content_filter.screen(call["response_text"], source=f"llm call {call['id']}")
        return None if result.allowed else result.reason

    def _kept_call(self, call: dict[str, Any], part: CallPart, speaker: str, reason: str) -> dict[str, Any]:
        text = call["response_text"] if part == "response" else call["request_json"]
        return self._kept(call["step"], call_source(call["id"], part), speaker, reason, text)

    def _kept(self, step: int, source: str, speaker: str, reason: str, text: str) -> dict[str, Any]:
        """The next ``redactions`` row."""
        self.last_id += 1
        return {"run_id": self.run_id, "id": self.last_id, "step": step, "source": source,
                "speaker": speaker, "reason": reason, "blocked_text": text}
