"""Split examples into train and test so that no test example shares a step with training.

The unit of the split is a *step group*: one step of one run, where the steps a fork
copied from its parent count as the parent's (a fork repeats its parent's history up to
the fork step, so splitting them apart would leak). Whole groups go to one side, chosen
by one of:

* ``test_runs``: the groups of these runs (after the fork mapping) are the test set;
* ``by="run"``: a seeded share of whole run lineages (a run with its forks) is the test set;
* ``by="step"``: a seeded share of step groups is the test set.

Then, as a last guard, a test example whose prompt also appears in training is dropped
(identical situations in different steps do happen in quiet worlds), and exact duplicate
examples are kept once. :func:`split_examples` says how many of each it removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from simverse.core.seeds import derive_seed

SplitBy = Literal["step", "run"]
BUCKETS = 1_000_000


@dataclass(frozen=True)
class Lineage:
    """Where each run came from: ``parents[run] = (parent run, fork step)``."""

    parents: Mapping[int, tuple[int, int]]

    def group(self, run_id: int, step: int) -> tuple[int, int]:
        """The (run, step) a decision's step really belongs to, forks mapped to parents."""
        seen = set()
        while run_id in self.parents and run_id not in seen:
            seen.add(run_id)
            parent, at = self.parents[run_id]
            if step > at:
                break
            run_id = parent
        return run_id, step

    def root(self, run_id: int) -> int:
        """The first ancestor of a run (itself when it is not a fork)."""
        seen = set()
        while run_id in self.parents and run_id not in seen:
            seen.add(run_id)
            run_id = self.parents[run_id][0]
        return run_id


@dataclass
class SplitReport:
    """How the examples were split, and what the leakage guard removed."""

    train: int = 0
    test: int = 0
    test_groups: list[list[int]] = field(default_factory=list)
    duplicates_dropped: int = 0
    shared_prompts_dropped: int = 0


def _share(seed: int, *parts: object) -> float:
    """A seeded number in [0, 1) for a group or a run."""
    return (derive_seed(seed, "finetune-split", *parts) % BUCKETS) / BUCKETS


def test_roots(roots: Iterable[int], fraction: float, seed: int) -> set[int]:
    """A seeded ``fraction`` of run lineages (at least one when there are two or more)."""
    ordered = sorted(set(roots), key=lambda r: _share(seed, "run", r))
    count = round(fraction * len(ordered))
    if fraction > 0 and len(ordered) > 1:
        count = min(max(count, 1), len(ordered) - 1)
    return set(ordered[:count])


def prompt_key(example: Mapping[str, Any]) -> str:
    """The prompt of an example (every message but the answer) as canonical text."""
    return json.dumps(example["messages"][:-1], sort_keys=True, ensure_ascii=False)


def split_examples(
    examples: Sequence[dict[str, Any]], lineage: Lineage, *, by: SplitBy = "step",
    fraction: float = 0.2, test_runs: Sequence[int] = (), seed: int = 0,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], SplitReport]:
    """``(train, test, report)``; every example gets its group as ``split_group``."""
    if not 0 <= fraction < 1:
        raise ValueError(f"test fraction must be in [0, 1), got {fraction}")
    roots = test_roots((lineage.root(e["run_id"]) for e in examples), fraction, seed) \
        if by == "run" and not test_runs else set()
    chosen = set(test_runs)
    train, test, report = [], [], SplitReport()
    seen: set[str] = set()
    for example in examples:
        key = json.dumps(example["messages"], sort_keys=True, ensure_ascii=False)
        if key in seen:
            report.duplicates_dropped += 1
            continue
        seen.add(key)
        run_id, step = lineage.group(example["run_id"], example["step"])
        example["split_group"] = [run_id, step]
        if chosen:
            is_test = run_id in chosen
        elif by == "run":
            is_test = lineage.root(run_id) in roots
        else:
            is_test = _share(seed, "step", run_id, step) < fraction
        (test if is_test else train).append(example)
    train_prompts = {prompt_key(e) for e in train}
    kept = [e for e in test if prompt_key(e) not in train_prompts]
    report.shared_prompts_dropped = len(test) - len(kept)
    report.train, report.test = len(train), len(kept)
    report.test_groups = sorted({tuple(e["split_group"]) for e in kept})  # type: ignore[misc]
    report.test_groups = [list(g) for g in report.test_groups]
    return train, kept, report
