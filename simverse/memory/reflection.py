"""Reflection: NPCs turn many small experiences into a few higher-level insights.

When the summed importance of an NPC's experiences since its last reflection reaches
``MemoryConfig.reflection_threshold`` (150), :func:`reflect_due` runs, for every NPC due in
the step at once (Generative Agents, section 4.2):

1. focal questions from the NPC's recent memories   (one ``Reflector.focal_questions`` call)
2. evidence: the memories retrieved for each question (one ``retrieve_batch``)
3. insights from question + evidence                (one ``Reflector.insights`` call)
4. insights stored as ``reflection`` memories whose ``evidence`` lists the cited memory
   ids (one ``add_many``), which resets the NPC's importance counter.

:class:`RuleReflector` is the scripted, deterministic implementation (questions about the
people and places that recur most, weighted by importance; insights written as sentences
from what the NPC saw and heard, never quoting memories or earlier insights).
:class:`LLMReflector` asks a :class:`Backend`, one ``generate_batch`` per phase for all
NPCs, and falls back to the rule for any answer it cannot read, with a note saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.orm import Session

from simverse.core.json_extract import extract_json
from simverse.core.llm_protocol import Backend
from simverse.memory.insight_text import insight, subjects
from simverse.memory.llm_json import JSONAsker
from simverse.memory.stream import MemoryStream
from simverse.memory.types import MemoryRecord, NewMemory, RetrievalQuery

#: What reflection looks at: experiences and earlier insights, not plans.
REFLECTABLE: frozenset[str] = frozenset(
    {"observation", "dialogue", "action", "reflection", "summary"}
)


@dataclass(frozen=True)
class FocalInput:
    """An NPC due to reflect and its recent memories (oldest first)."""

    npc: str
    recent: tuple[MemoryRecord, ...]
    n_questions: int
    step: int


@dataclass(frozen=True)
class FocalQuestions:
    questions: list[str]
    note: str = ""


@dataclass(frozen=True)
class InsightInput:
    """One focal question of an NPC and the memories retrieved for it."""

    npc: str
    question: str
    evidence: tuple[MemoryRecord, ...]
    step: int


@dataclass(frozen=True)
class Insight:
    """An insight and the ids of the memories it rests on."""

    text: str
    evidence: tuple[int, ...]
    importance: int


@dataclass(frozen=True)
class Insights:
    items: list[Insight]
    note: str = ""


class Reflector(Protocol):
    """Asks focal questions and draws insights, each for a whole batch of NPCs."""

    name: str

    def focal_questions(self, batch: Sequence[FocalInput]) -> list[FocalQuestions]: ...

    def insights(self, batch: Sequence[InsightInput]) -> list[Insights]: ...


@dataclass
class ReflectionReport:
    """What :func:`reflect_due` did in one step."""

    npcs: list[str] = field(default_factory=list)
    memory_ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def reflect_due(
    session: Session,
    stream: MemoryStream,
    reflector: Reflector,
    step: int,
    sim_hours: float,
) -> ReflectionReport:
    """Reflect for every NPC whose importance since its last reflection passed the
    threshold; returns the new reflection memory ids and any fallback notes."""
    due = stream.due_for_reflection()
    report = ReflectionReport(npcs=due)
    if not due:
        return report
    asked = ask_focal_questions(stream, reflector, due, step, report)
    hits = stream.retrieve_batch(
        session, [RetrievalQuery(npc, q, kinds=REFLECTABLE) for npc, q in asked], step, sim_hours
    )
    insight_in = [
        InsightInput(npc, q, tuple(h.memory for h in found), step)
        for (npc, q), found in zip(asked, hits, strict=True)
    ]
    new = insight_memories(insight_in, reflector.insights(insight_in), sim_hours, report)
    report.memory_ids = stream.add_many(session, new)
    reflected = {m.npc for m in new}
    report.notes.extend(
        f"step {step} npc {npc}: no insight drawn; will retry next step"
        for npc in due
        if npc not in reflected
    )
    return report


def ask_focal_questions(
    stream: MemoryStream, reflector: Reflector, due: Sequence[str], step: int, report: ReflectionReport
) -> list[tuple[str, str]]:
    """(npc, question) for every NPC due, asked of its recent memories in one batch; the
    reflector's notes go to ``report``."""
    cfg = stream.config
    focal_in = [
        FocalInput(
            npc,
            tuple(stream.recent(npc, cfg.reflection_recent, REFLECTABLE)),
            cfg.reflection_questions,
            step,
        )
        for npc in due
    ]
    asked: list[tuple[str, str]] = []
    for inp, answer in zip(focal_in, reflector.focal_questions(focal_in), strict=True):
        if answer.note:
            report.notes.append(f"step {step} npc {inp.npc}: {answer.note}")
        asked.extend((inp.npc, q) for q in answer.questions[: inp.n_questions])
    return asked


def insight_memories(
    insight_in: Sequence[InsightInput], answers: Sequence[Insights], sim_hours: float, report: ReflectionReport
) -> list[NewMemory]:
    """The ``reflection`` memories of the answers, each insight once per NPC; the
    reflector's notes go to ``report``."""
    new: list[NewMemory] = []
    seen: set[tuple[str, str]] = set()
    for inp, answer in zip(insight_in, answers, strict=True):
        if answer.note:
            report.notes.append(f"step {inp.step} npc {inp.npc}: {answer.note}")
        for ins in answer.items:
            if (inp.npc, ins.text) in seen:
                continue
            seen.add((inp.npc, ins.text))
            new.append(
                NewMemory(
                    inp.npc,
                    "reflection",
                    ins.text,
                    inp.step,
                    sim_hours,
                    importance=ins.importance,
                    evidence=ins.evidence,
                )
            )
    return new


# ---------------------------------------------------------------------- rule-based
def rule_insight_importance(evidence: Sequence[MemoryRecord]) -> int:
    """An insight matters as much as the most important memory it rests on, at least 5."""
    return max(5, min(10, max((m.importance for m in evidence), default=5)))


class RuleReflector:
    """Deterministic reflection for the scripted brain: questions about the people and
    places that recur most (by importance), insights written as sentences of the NPC's own
    from what it saw and heard (:mod:`simverse.memory.insight_text`)."""

    name = "rule"
    QUESTION = "What is going on with {}?"

    def focal_questions(self, batch: Sequence[FocalInput]) -> list[FocalQuestions]:
        return [
            FocalQuestions([self.QUESTION.format(s.name) for s in subjects(b.npc, b.recent)][: b.n_questions])
            for b in batch
        ]

    def insights(self, batch: Sequence[InsightInput]) -> list[Insights]:
        return [Insights(self._insight(b)) for b in batch]

    def _insight(self, b: InsightInput) -> list[Insight]:
        if not b.evidence:
            return []
        found = subjects(b.npc, b.evidence)
        asked = b.question.removeprefix("What is going on with ").removesuffix("?")
        subject = next((s for s in found if s.name == asked), None) or (found[0] if found else None)
        if subject is None:
            return []
        cited = [m for m in b.evidence if subject.name in m.text] or list(b.evidence)
        ids = tuple(sorted(m.id for m in cited))
        return [Insight(insight(b.npc, subject, cited), ids, rule_insight_importance(cited))]


# ---------------------------------------------------------------------- LLM
FOCAL_PROMPT = (
    "{statements}\n\nGiven only the information above, what are the {n} most salient "
    "high-level questions we can answer about the subjects in the statements? "
    "Answer with a JSON array of {n} strings."
)
INSIGHT_PROMPT = (
    "Statements about {npc}:\n{statements}\n\nQuestion: {question}\n"
    "What high-level insights can you infer from the above statements that answer the "
    "question? Answer with a JSON array of at most 2 objects like "
    '{{"insight": "...", "because": [1, 3]}} where "because" lists statement numbers.'
)
_QUESTIONS_SCHEMA = {"type": "array", "items": {"type": "string"}}
_INSIGHTS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "insight": {"type": "string"},
            "because": {"type": "array", "items": {"type": "integer"}},
        },
        "required": ["insight", "because"],
    },
}
MAX_TEXT = 300


def _numbered(memories: Sequence[MemoryRecord]) -> str:
    return "\n".join(f"{i}. {m.text}" for i, m in enumerate(memories, start=1))


class LLMReflector(JSONAsker):
    """Reflection through a :class:`Backend`; unreadable answers fall back to the rule."""

    def __init__(self, backend: Backend, seed: int = 0, max_new_tokens: int = 160) -> None:
        super().__init__(backend, seed, max_new_tokens)
        self.rule = RuleReflector()

    def focal_questions(self, batch: Sequence[FocalInput]) -> list[FocalQuestions]:
        requests = [
            self.request(FOCAL_PROMPT.format(statements=_numbered(b.recent), n=b.n_questions), _QUESTIONS_SCHEMA,
                         f"step {b.step} npc {b.npc} reflect-focal", "reflect-focal", b.step, b.npc)
            for b in batch
        ]
        return self.ask(batch, requests, _read_questions, self._rule_questions, "focal questions")

    def insights(self, batch: Sequence[InsightInput]) -> list[Insights]:
        requests = [
            self.request(INSIGHT_PROMPT.format(npc=b.npc, question=b.question, statements=_numbered(b.evidence)),
                         _INSIGHTS_SCHEMA, f"step {b.step} npc {b.npc} reflect-insight",
                         "reflect-insight", b.step, b.npc, b.question)
            for b in batch
        ]
        return self.ask(batch, requests, _read_insight_list, self._rule_insights, "insights")

    def _rule_questions(self, b: FocalInput, why: str) -> FocalQuestions:
        return FocalQuestions(self.rule.focal_questions([b])[0].questions, f"{why}; rule fallback")

    def _rule_insights(self, b: InsightInput, why: str) -> Insights:
        if not b.evidence:  # nothing to cite: no insight, and nothing for the rule either
            return Insights([])
        return Insights(self.rule.insights([b])[0].items, f"{why}; rule fallback")


def _read_questions(b: FocalInput, text: str) -> FocalQuestions | None:
    value = extract_json(text, "[")[0]
    if not isinstance(value, list):
        return None
    questions = [q.strip()[:MAX_TEXT] for q in value if isinstance(q, str) and q.strip()]
    return FocalQuestions(questions[: b.n_questions]) if questions else None


def _read_insight_list(b: InsightInput, text: str) -> Insights | None:
    items = _read_insights(text, b.evidence)
    return Insights(items) if items else None


def _read_insights(text: str, evidence: Sequence[MemoryRecord]) -> list[Insight]:
    """Validated insights from LLM text: statement numbers must exist; others are dropped,
    and an insight citing no existing statement is dropped."""
    value = extract_json(text, "[")[0]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    out: list[Insight] = []
    for item in value:
        if not isinstance(item, dict):
            continue
        insight, because = item.get("insight"), item.get("because")
        if not isinstance(insight, str) or not insight.strip() or not isinstance(because, list):
            continue
        cited = sorted(
            {
                evidence[n - 1]
                for n in because
                if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= len(evidence)
            },
            key=lambda m: m.id,
        )
        if cited:
            out.append(
                Insight(
                    insight.strip()[:MAX_TEXT],
                    tuple(m.id for m in cited),
                    rule_insight_importance(cited),
                )
            )
    return out
