"""The LLM-backed brain: one batched backend call per phase for all NPCs, then parsing.

:meth:`LLMBrain.decide_batch` builds a prompt per request, sends them all in ONE
``generate_batch`` call, parses every answer (valid or repaired), sends the failures in
ONE retry batch with the validation error shown to the model, and replaces what still
fails by a safe ``wait``. Every decision says how it was obtained in ``status``/``note``.

Skip rule (``skip_idle=True``): an ``act`` request with no observations, no conversation,
and already at its schedule place (or with no schedule place) has nothing new to react
to, so the scripted brain decides it instead of the LLM (status ``valid``, note
``"skipped: nothing new"``). This saves most calls in quiet steps; turn it off to send
every request to the model. Counters for the current step are in :attr:`LLMBrain.stats`;
the world calls :meth:`LLMBrain.take_stats` when it commits a step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from simverse.core.decisions import Brain, Decision, DecisionRequest
from simverse.core.llm_protocol import Backend, LLMRequest, LLMResponse, SamplingParams
from simverse.llm.prompts import decision_messages, retry_messages
from simverse.llm.recording import RecordingBackend
from simverse.llm.structured import (
    ParseOutcome,
    decision_schema,
    default_decision,
    parse_decision,
)
from simverse.store.llm_models import LLMCall

SKIP_NOTE = "skipped: nothing new"


@dataclass
class BrainStats:
    """Counts for one step (or since the last :meth:`LLMBrain.take_stats`).

    ``valid``/``repaired``/``retried``/``defaulted`` count answers from the model;
    skipped requests (scripted decisions, status ``valid``) are counted in ``skipped`` only.
    ``llm_calls`` counts requests sent, retries included; ``latency_s`` sums their latency.
    """

    decisions: int = 0
    valid: int = 0
    repaired: int = 0
    retried: int = 0
    defaulted: int = 0
    skipped: int = 0
    llm_calls: int = 0
    llm_errors: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0

    def as_dict(self) -> dict[str, float]:
        """Plain numbers, for the store and the DataCollector."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def is_idle(request: DecisionRequest) -> bool:
    """True when an act request has nothing new: see the module docstring's skip rule."""
    return (
        request.mode == "act"
        and not request.observations
        and not request.conversation
        and (request.schedule_place is None or request.schedule_place == request.place)
    )


class LLMBrain:
    """Decides for many NPCs with one batched call to a :class:`Backend`."""

    name = "llm"

    def __init__(
        self,
        backend: Backend,
        *,
        sampling: SamplingParams | None = None,
        use_schema: bool = True,
        skip_idle: bool = True,
        retry_invalid: bool = True,
        fallback: Brain | None = None,
    ) -> None:
        """``fallback`` decides skipped requests (by default a ``ScriptedBrain``);
        ``retry_invalid=False`` defaults failed answers at once (benchmarks, tight budgets)."""
        self.backend = backend
        self.sampling = sampling or SamplingParams(max_new_tokens=96, temperature=0.7,
                                                   top_p=0.95)
        self.use_schema = use_schema
        self.skip_idle = skip_idle
        self.retry_invalid = retry_invalid
        self._fallback = fallback
        self.stats = BrainStats()

    # ------------------------------------------------------------------ accounting

    def take_stats(self) -> BrainStats:
        """Return the counters so far and start new ones (call at each step commit)."""
        stats, self.stats = self.stats, BrainStats()
        return stats

    def reset_stats(self) -> None:
        """Forget the counters so far."""
        self.stats = BrainStats()

    def drain_calls(self) -> list[LLMCall]:
        """Recorded calls since the last drain, when the backend records (else none)."""
        return self.backend.drain() if isinstance(self.backend, RecordingBackend) else []

    def _account(self, responses: Sequence[LLMResponse]) -> None:
        """Add one batch's calls, tokens, latency and errors to the counters."""
        self.stats.llm_calls += len(responses)
        for r in responses:
            self.stats.prompt_tokens += r.prompt_tokens
            self.stats.completion_tokens += r.completion_tokens
            self.stats.latency_s += r.latency_s
            self.stats.llm_errors += r.error is not None

    # ------------------------------------------------------------------ deciding

    def fallback(self) -> Brain:
        """The brain for skipped requests (created on first use)."""
        if self._fallback is None:
            from simverse.llm.scripted import ScriptedBrain

            self._fallback = ScriptedBrain()
        return self._fallback

    def _llm_request(self, req: DecisionRequest) -> LLMRequest:
        """The first-attempt request for one decision."""
        return LLMRequest(
            messages=decision_messages(req),
            seed=req.seed,
            params=self.sampling,
            json_schema=decision_schema(req) if self.use_schema else None,
            tag=req.label,
        )

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        """One decision per request, in order; never raises for bad model output."""
        decisions: list[Decision | None] = [None] * len(requests)
        ask = list(range(len(requests)))
        if self.skip_idle:
            idle = [i for i in ask if is_idle(requests[i])]
            if idle:
                skipped = self.fallback().decide_batch([requests[i] for i in idle])
                for i, decision in zip(idle, skipped, strict=True):
                    decision.status, decision.note = "valid", SKIP_NOTE
                    decisions[i] = decision
                self.stats.skipped += len(idle)
            ask = [i for i in ask if decisions[i] is None]

        first = [self._llm_request(requests[i]) for i in ask]
        answers = self.backend.generate_batch(first) if first else []
        self._account(answers)
        failed: list[tuple[int, LLMRequest, LLMResponse, ParseOutcome]] = []
        for i, llm_req, answer in zip(ask, first, answers, strict=True):
            outcome = self._parse(answer, requests[i])
            if outcome.decision is not None:
                outcome.decision.llm_call_ids = _ids(answer)
                decisions[i] = outcome.decision
            else:
                failed.append((i, llm_req, answer, outcome))

        if not self.retry_invalid:
            for i, _, answer, outcome in failed:
                decisions[i] = default_decision(requests[i], outcome.error)
                decisions[i].llm_call_ids = _ids(answer)
            failed = []
        retry = [self._retry_request(requests[i], llm_req, answer, outcome)
                 for i, llm_req, answer, outcome in failed]
        retry_answers = self.backend.generate_batch(retry) if retry else []
        self._account(retry_answers)
        for (i, _, answer, outcome), again in zip(failed, retry_answers, strict=True):
            second = self._parse(again, requests[i])
            if second.decision is not None:
                decision = second.decision
                decision.status = "retried"
                decision.note = "; ".join(
                    x for x in (f"retried: {outcome.error}", decision.note) if x)
            else:
                decision = default_decision(
                    requests[i], f"{outcome.error}; after retry: {second.error}")
            decision.llm_call_ids = _ids(answer) + _ids(again)
            decisions[i] = decision

        final = [d for d in decisions if d is not None]
        for d in final:
            self.stats.decisions += 1
            if d.note != SKIP_NOTE:
                setattr(self.stats, d.status, getattr(self.stats, d.status) + 1)
        return final

    @staticmethod
    def _parse(answer: LLMResponse, req: DecisionRequest) -> ParseOutcome:
        """Parse an answer; a backend error counts as a failed answer."""
        if answer.error is not None:
            return ParseOutcome(None, f"backend error: {answer.error}")
        return parse_decision(answer.text, req)

    @staticmethod
    def _retry_request(req: DecisionRequest, first: LLMRequest, answer: LLMResponse,
                       outcome: ParseOutcome) -> LLMRequest:
        """The retry: the first chat, the rejected answer and the validation error (or,
        after a backend error, the first chat again)."""
        messages = first.messages if answer.error is not None else retry_messages(
            first.messages, answer.text, outcome.error)
        return LLMRequest(
            messages=messages,
            seed=req.seed + 1,
            params=first.params,
            json_schema=first.json_schema,
            tag=f"{req.label} retry",
        )


def _ids(response: LLMResponse) -> list[int]:
    """The recorded call id of a response, if it was recorded."""
    return [response.call_id] if response.call_id is not None else []
