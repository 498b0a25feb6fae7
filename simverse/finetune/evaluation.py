"""Measure a model on held-out examples through the normal transformers backend.

Each test example's prompt goes to :class:`~simverse.llm.transformers_backend.TransformersBackend`
(the backend ``--llm transformers:DIR`` uses) with greedy decoding and *no* JSON schema,
so no constrained decoding helps. Reported:

* ``schema_valid``: share of answers that are, stripped, exactly one JSON object valid
  against the example's decision schema (strict: no repair, no junk around it);
* ``agreement``: share whose action (read as the LLM brain reads answers, junk around the
  object tolerated) equals the teacher's, with the majority-action baseline: the share
  of test examples a constant guess of the train split's most common action gets right;
* the same agreement for ``act`` requests only (replies are nearly always ``talk``);
* completion tokens per second of generation wall time.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from simverse.core.json_extract import extract_json
from simverse.core.llm_protocol import LLMRequest, Message, SamplingParams
from simverse.core.seeds import derive_seed


@dataclass
class EvalResult:
    """Scores of one model on one set of examples."""

    model: str
    examples: int
    schema_valid: float
    agreement: float
    majority_action: str
    majority_baseline: float
    act_examples: int
    act_agreement: float
    act_majority_action: str
    act_majority_baseline: float
    completion_tokens: int
    seconds: float
    tokens_per_s: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def teacher_action(example: dict[str, Any]) -> str:
    """The action of the example's answer."""
    return str(json.loads(example["messages"][-1]["content"]).get("action", ""))


def schema_valid(text: str, schema_text: str) -> bool:
    """True when ``text`` is exactly one JSON object that satisfies the schema."""
    import jsonschema

    try:
        value = json.loads(text.strip())
    except json.JSONDecodeError:
        return False
    if not isinstance(value, dict):
        return False
    if not schema_text:
        return "action" in value
    try:
        jsonschema.validate(value, json.loads(schema_text))
    except jsonschema.ValidationError:
        return False
    return True


def answered_action(text: str) -> str | None:
    """The action an answer names, read leniently as the brain's parser does."""
    raw, _ = extract_json(text)
    action = raw.get("action") if isinstance(raw, dict) else None
    return action if isinstance(action, str) else None


def majority(actions: Sequence[str]) -> str:
    """The most common action (ties: alphabetical), ``wait`` when there are none."""
    counts = Counter(actions)
    return min(counts, key=lambda a: (-counts[a], a)) if counts else "wait"


def requests_for(examples: Sequence[dict[str, Any]], max_new_tokens: int) -> list[LLMRequest]:
    """Greedy, schema-free requests carrying each example's prompt."""
    return [LLMRequest(messages=tuple(Message(m["role"], m["content"]) for m in e["messages"][:-1]),
                       seed=derive_seed(0, "finetune-eval", i),
                       params=SamplingParams(max_new_tokens=max_new_tokens, temperature=0.0),
                       json_schema=None, tag=f"eval example {i}")
            for i, e in enumerate(examples)]


def evaluate(backend: Any, examples: Sequence[dict[str, Any]], train: Sequence[dict[str, Any]],
             *, max_new_tokens: int = 96) -> EvalResult:
    """Score ``backend``'s answers to ``examples`` (``train`` gives the majority action)."""
    requests = requests_for(examples, max_new_tokens)
    started = time.perf_counter()
    answers = backend.generate_batch(requests) if requests else []
    seconds = time.perf_counter() - started
    teacher = [teacher_action(e) for e in examples]
    said = [answered_action(a.text) if a.error is None else None for a in answers]
    valid = [a.error is None and schema_valid(a.text, e.get("json_schema", ""))
             for a, e in zip(answers, examples, strict=True)]
    acts = [i for i, e in enumerate(examples) if e.get("mode") == "act"]
    top = majority([teacher_action(e) for e in train])
    act_top = majority([teacher_action(e) for e in train if e.get("mode") == "act"])
    tokens = sum(a.completion_tokens for a in answers)

    def share(hits: Sequence[bool]) -> float:
        return sum(hits) / len(hits) if hits else 0.0

    return EvalResult(
        model=str(getattr(backend, "model", "")), examples=len(examples), schema_valid=share(valid),
        agreement=share([s == t for s, t in zip(said, teacher, strict=True)]),
        majority_action=top, majority_baseline=share([t == top for t in teacher]),
        act_examples=len(acts), act_agreement=share([said[i] == teacher[i] for i in acts]),
        act_majority_action=act_top, act_majority_baseline=share([teacher[i] == act_top for i in acts]),
        completion_tokens=tokens, seconds=seconds, tokens_per_s=tokens / seconds if seconds > 0 else 0.0,
    )
