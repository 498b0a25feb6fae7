"""The LLM-backed brain: one batched backend call per phase for all NPCs, then parsing.

:meth:`LLMBrain.decide_batch` builds a prompt per request, sends them all in ONE
``generate_batch`` call, parses every answer (valid or repaired), sends the failures in
ONE retry batch with the validation error shown to the model, and replaces what still
fails by a safe ``wait``. Every decision says how it was obtained in ``status``/``note``.

Retry rule (a retry costs a call, so it goes where it can help): an answer that fails on
*meaning* (well-formed, but names an action, place or person this NPC cannot use) is
retried; one that fails on *form* (no decision-shaped JSON) is retried only when some
answer of the same batch was well-formed, i.e. the model shows it can answer in form.
With schema-constrained decoding form failures do not happen, so retries are for meaning
only; a model that answers nothing in form (a random-weight one behind a server that
ignores ``response_format``) costs one call per decision, not two. Backend errors are not
retried here (the HTTP backend already retries transient failures with backoff); when
every request of a step so far has failed, :class:`LLMUnavailable` stops the run.

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
from typing import Any

from simverse.core.decisions import SKIP_NOTE, Brain, Decision, DecisionRequest
from simverse.core.llm_protocol import Backend, LLMRequest, LLMResponse, SamplingParams
from simverse.core.sanitize import clean_text
from simverse.llm.errors import ERROR_KINDS, LLMUnavailable, error_kind
from simverse.llm.prompts import decision_messages, retry_messages
from simverse.llm.recording import RecordingBackend
from simverse.llm.structured import (
    ParseOutcome,
    decision_schema,
    default_decision,
    parse_decision,
)


@dataclass
class BrainStats:
    """Counts for one step (or since the last :meth:`LLMBrain.take_stats`).

    ``valid``/``repaired``/``retried``/``defaulted`` count answers from the model;
    skipped requests (scripted decisions, status ``valid``) are counted in ``skipped`` only.
    ``form_failures``/``meaning_failures`` count first answers that failed on form (no
    decision-shaped JSON) or on meaning. ``llm_calls`` counts requests sent, retries
    included; ``latency_s`` sums their latency.
    """

    decisions: int = 0
    valid: int = 0
    repaired: int = 0
    retried: int = 0
    defaulted: int = 0
    skipped: int = 0
    form_failures: int = 0
    meaning_failures: int = 0
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

    def drain_calls(self) -> list[dict[str, Any]]:
        """Rows of the calls recorded since the last drain, when the backend records (else none)."""
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
        """One decision per request, in order; never raises for bad model output, but raises
        :class:`LLMUnavailable` when every LLM request of the step so far has failed."""
        decisions: list[Decision | None] = [None] * len(requests)
        ask = self._skip_idle(requests, decisions)
        first = [self._llm_request(requests[i]) for i in ask]
        answers = self._generate(first)
        self._stop_if_unavailable(answers)
        outcomes = [self._parse(answer, requests[i]) for i, answer in zip(ask, answers, strict=True)]
        failed: list[tuple[int, LLMRequest, LLMResponse, ParseOutcome]] = []
        for i, llm_req, answer, outcome in zip(ask, first, answers, outcomes, strict=True):
            self._count_failure(outcome)
            if outcome.decision is not None:
                outcome.decision.llm_call_ids = _ids(answer)
                decisions[i] = outcome.decision
            else:
                failed.append((i, llm_req, answer, outcome))
        in_form = any(o.failure in ("", "meaning") for o in outcomes)
        retry_now = [f for f in failed if self._worth_retrying(f[3], in_form)]
        retrying = {f[0] for f in retry_now}
        for i, _, answer, outcome in failed:
            if i not in retrying:
                decisions[i] = default_decision(requests[i], outcome.error)
                decisions[i].llm_call_ids = _ids(answer)
        retry = [self._retry_request(requests[i], llm_req, answer, outcome)
                 for i, llm_req, answer, outcome in retry_now]
        retry_answers = self._generate(retry)
        for (i, _, answer, outcome), again in zip(retry_now, retry_answers, strict=True):
            decisions[i] = self._after_retry(requests[i], outcome, answer, again)
        final = [d for d in decisions if d is not None]
        for d in final:
            self.stats.decisions += 1
            if d.note != SKIP_NOTE:
                setattr(self.stats, d.status, getattr(self.stats, d.status) + 1)
        return final

    def _skip_idle(self, requests: Sequence[DecisionRequest],
                   decisions: list[Decision | None]) -> list[int]:
        """Decide idle requests with the fallback (skip rule); the indices left to ask."""
        ask = list(range(len(requests)))
        if not self.skip_idle:
            return ask
        idle = [i for i in ask if is_idle(requests[i])]
        if idle:
            skipped = self.fallback().decide_batch([requests[i] for i in idle])
            for i, decision in zip(idle, skipped, strict=True):
                decision.status, decision.note = "valid", SKIP_NOTE
                decisions[i] = decision
            self.stats.skipped += len(idle)
        return [i for i in ask if decisions[i] is None]

    def _generate(self, requests: list[LLMRequest]) -> list[LLMResponse]:
        """One backend call for the batch (none for an empty one), counted."""
        answers = self.backend.generate_batch(requests) if requests else []
        self._account(answers)
        return answers

    def _stop_if_unavailable(self, answers: Sequence[LLMResponse]) -> None:
        """Raise when this batch failed whole, nothing this step got an answer, and every
        failure is a model's (a tagged kind; a person who does not answer in time, say, is
        no dead LLM)."""
        kinds = sorted({error_kind(a.error) or "" for a in answers})
        if answers and all(a.error is not None for a in answers) and set(kinds) <= set(ERROR_KINDS) \
                and self.stats.llm_errors == self.stats.llm_calls:
            raise LLMUnavailable(
                f"the LLM answered none of {len(answers)} requests ({', '.join(kinds)}); "
                f"first: {answers[0].error}")

    def _count_failure(self, outcome: ParseOutcome) -> None:
        """Count a first answer that failed on form or on meaning."""
        if outcome.failure == "form":
            self.stats.form_failures += 1
        elif outcome.failure == "meaning":
            self.stats.meaning_failures += 1

    def _worth_retrying(self, outcome: ParseOutcome, batch_in_form: bool) -> bool:
        """The retry rule (module docstring): meaning failures, and form failures while
        the model shows in this batch that it can answer in form; never backend errors."""
        if not self.retry_invalid or outcome.failure == "backend":
            return False
        return outcome.failure == "meaning" or batch_in_form

    def _after_retry(self, req: DecisionRequest, outcome: ParseOutcome, answer: LLMResponse,
                     again: LLMResponse) -> Decision:
        """The decision after one retry: retried when it parses, else the safe default."""
        second = self._parse(again, req)
        if second.decision is not None:
            decision = second.decision
            decision.status = "retried"
            decision.note = "; ".join(
                x for x in (f"retried: {outcome.error}", decision.note) if x)
        else:
            decision = default_decision(req, f"{outcome.error}; after retry: {second.error}")
        decision.llm_call_ids = _ids(answer) + _ids(again)
        return decision

    @staticmethod
    def _parse(answer: LLMResponse, req: DecisionRequest) -> ParseOutcome:
        """Parse an answer; a backend error counts as a failed answer."""
        if answer.error is not None:
            return ParseOutcome(None, f"backend error: {answer.error}", failure="backend")
        return parse_decision(clean_text(answer.text), req)

    @staticmethod
    def _retry_request(req: DecisionRequest, first: LLMRequest, answer: LLMResponse,
                       outcome: ParseOutcome) -> LLMRequest:
        """The retry: the first chat, the rejected answer and the validation error."""
        messages = retry_messages(first.messages, clean_text(answer.text), outcome.error)
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
