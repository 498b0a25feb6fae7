"""``simverse dataset``: chat examples (messages -> decision JSON) from stored runs.

Each example is the chat a brain was (or, for a brain that sends no chat, would have been)
sent for one decision, ending with the decision as the assistant's answer in the JSON the
prompt asks for. Model-made decisions use the recorded request's messages verbatim;
decisions made without a model (the scripted brain, requests the LLM brain skipped) get
the exact prompt :func:`simverse.llm.prompts.decision_messages` builds from the request,
rebuilt by running the run again (:mod:`simverse.finetune.rebuild`).

Only ``valid`` decisions are kept (not repaired, retried or defaulted), optionally only
those whose outcome succeeded. Output, in ``DIR``: ``train.jsonl``, ``test.jsonl``,
``hf/`` (a ``datasets.DatasetDict`` saved with ``save_to_disk``) and ``meta.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from simverse.finetune.rebuild import Rebuilt, rebuild_run
from simverse.finetune.split import Lineage, SplitBy, SplitReport, split_examples
from simverse.finetune.stored import (
    StoredDecision,
    answer_object,
    load_calls,
    load_decisions,
    recorded_answer,
)
from simverse.llm.prompts import decision_messages
from simverse.llm.structured import decision_schema
from simverse.store.models import RunRow
from simverse.store.run_store import RunStore, db_url

FORMAT = "simverse-decisions/1"


@dataclass
class DatasetOptions:
    """Which decisions to take and how to split them."""

    runs: Sequence[int] = ()
    npcs: Sequence[str] = ()
    brains: Sequence[str] = ()
    succeeded_only: bool = False
    split_by: SplitBy = "step"
    test_fraction: float = 0.2
    test_runs: Sequence[int] = ()
    seed: int = 0


@dataclass
class RunReport:
    """What one run gave: examples by source, what was skipped and why."""

    run: int
    world: str
    llm: str
    decisions: int = 0
    recorded: int = 0
    rebuilt: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    rebuild_steps: int = 0
    diverged_at: int | None = None
    rebuild_error: str = ""


def brain_matches(brain: str, wanted: Sequence[str]) -> bool:
    """A brain spec matches ``scripted``, a kind (``openai``) or the whole spec."""
    return not wanted or any(brain == w or brain.split(":", 1)[0] == w for w in wanted)


def _selected(d: StoredDecision, options: DatasetOptions, skipped: Counter) -> bool:
    """Apply the filters, counting why a decision was left out."""
    reason = ("npc" if options.npcs and d.npc not in options.npcs
              else "brain" if not brain_matches(d.brain, options.brains)
              else f"status {d.status}" if d.status != "valid"
              else "outcome failed" if options.succeeded_only and not d.succeeded else "")
    if reason:
        skipped[reason] += 1
    return not reason


def _example(run: RunRow, d: StoredDecision, messages: list[dict[str, str]],
             schema: dict[str, Any] | None, answer: dict[str, Any], source: str) -> dict[str, Any]:
    """One example row (the same fields in JSONL and in the ``datasets`` format)."""
    return {
        "messages": [*messages, {"role": "assistant", "content": json.dumps(answer, ensure_ascii=False)}],
        "json_schema": json.dumps(schema, ensure_ascii=False) if schema is not None else "",
        "world": run.world, "run_id": run.id, "step": d.step, "decision_id": d.id, "npc": d.npc,
        "mode": d.mode, "brain": d.brain, "source": source, "action": d.action, "succeeded": d.succeeded,
    }


def run_examples(store: RunStore, source_db: str, run: RunRow, options: DatasetOptions,
                 on_step: Callable[[int], None] | None = None) -> tuple[list[dict[str, Any]], RunReport]:
    """The selected examples of one run and what happened to the rest."""
    report = RunReport(run=run.id, world=run.world, llm=run.llm)
    skipped: Counter = Counter()
    decisions = load_decisions(store, run)
    report.decisions = len(decisions)
    chosen = [d for d in decisions if _selected(d, options, skipped)]
    calls = load_calls(store, run.id, {i for d in chosen for i in d.call_ids})
    need = [d for d in chosen if not d.recorded]
    rebuilt = Rebuilt()
    if need:
        rebuilt = rebuild_run(store, source_db, run, last_step=max(d.step for d in need), on_step=on_step)
        report.rebuild_steps, report.diverged_at, report.rebuild_error = (
            rebuilt.steps, rebuilt.diverged_at, rebuilt.error)
    out = []
    for d in chosen:
        if d.recorded:
            first, last = calls.get(d.call_ids[0]), calls.get(d.call_ids[-1])
            if first is None or last is None:
                skipped["recorded call missing"] += 1
                continue
            out.append(_example(run, d, first.messages, first.json_schema,
                                recorded_answer(d, last.response_text), "recorded"))
            report.recorded += 1
        elif d.id in rebuilt.pairs:
            request, raw = rebuilt.pairs[d.id]
            messages = [{"role": m.role, "content": m.content} for m in decision_messages(request)]
            answer = answer_object(d.action, d.args, d.utterance, raw.told_facts, raw.importance,
                                   raw.end_conversation)
            out.append(_example(run, d, messages, decision_schema(request), answer, "rebuilt"))
            report.rebuilt += 1
        else:
            skipped["not rebuilt (re-run diverged or failed)"] += 1
    report.skipped = dict(skipped)
    return out, report


def lineage_of(store: RunStore) -> Lineage:
    """Every fork's parent and fork step in the database."""
    return Lineage({r.id: (r.parent_run_id, r.forked_at_step or 0) for r in store.runs()
                    if r.parent_run_id is not None})


def build_dataset(db: str, options: DatasetOptions,
                  on_run: Callable[[RunRow], Callable[[int], None] | None] | None = None,
                  ) -> tuple[list[dict], list[dict], dict[str, Any]]:
    """``(train, test, meta)`` for the chosen runs of ``db``. ``on_run(run)`` may return
    a per-step callback for the re-run's progress. A test run that is not among the runs
    used raises ``ValueError`` before any run is re-run."""
    store = RunStore(db_url(db))
    try:
        runs = [store.run(r) for r in options.runs] if options.runs else store.runs()
        stray = sorted(set(options.test_runs) - {r.id for r in runs})
        if stray:
            raise ValueError(f"--test-run {stray[0]}: not among the runs used "
                             f"({', '.join(str(r.id) for r in runs) or 'none'})")
        examples, reports = [], []
        for run in runs:
            rows, report = run_examples(store, db, run, options, on_run(run) if on_run else None)
            examples += rows
            reports.append(report)
        train, test, split = split_examples(
            examples, lineage_of(store), by=options.split_by, fraction=options.test_fraction,
            test_runs=options.test_runs, seed=options.seed)
    finally:
        store.close()
    meta = {"format": FORMAT, "source": db, "options": asdict(options), "split": asdict(split),
            "runs": [asdict(r) for r in reports], "actions": dict(Counter(e["action"] for e in train + test))}
    return train, test, meta


def _features() -> Any:
    """Column types of the ``datasets`` format (fixed, so every split has the same columns)."""
    from datasets import Features, List, Value

    text = Value("string")
    return Features({
        "messages": List({"role": text, "content": text}), "json_schema": text, "world": text,
        "run_id": Value("int64"), "step": Value("int64"), "decision_id": Value("int64"), "npc": text,
        "mode": text, "brain": text, "source": text, "action": text, "succeeded": Value("bool"),
        "split_group": List(Value("int64")),
    })


def write_dataset(out: str | Path, train: list[dict], test: list[dict], meta: dict[str, Any]) -> Path:
    """Write JSONL, the ``datasets`` format and ``meta.json`` under ``out`` (at least one of
    ``train`` and ``test`` holds examples)."""
    from datasets import Dataset, DatasetDict

    path = Path(out)
    path.mkdir(parents=True, exist_ok=True)
    for name, rows in (("train", train), ("test", test)):
        with (path / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    features = _features()  # an empty split is left out of hf/ (datasets cannot save one; readers take it as empty)
    DatasetDict({name: Dataset.from_list(rows, features=features)
                 for name, rows in (("train", train), ("test", test)) if rows}).save_to_disk(str(path / "hf"))
    (path / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return path


def split_report(meta: dict[str, Any]) -> SplitReport:
    """The split part of a dataset's ``meta.json``."""
    return SplitReport(**meta["split"])
