"""The run summary table printed after ``run``, ``inspect --run`` and ``replay``.

It tells what a researcher pays for and can rely on: decisions made by the model (valid,
repaired, retried, defaulted) apart from the ones the skip rule gave the scripted brain,
LLM calls per active agent-step, LLM errors by kind, brain switches, and a warning when a
sampled run cannot be replayed from its server (the server ignores ``seed``).
"""

from __future__ import annotations

from typing import Any

from rich.table import Table

from simverse.cli.app import console, shown
from simverse.llm.provenance import replay_note
from simverse.store.llm_accounting import brain_totals, llm_summary
from simverse.store.run_store import RunStore
from simverse.store.transcript import run_summary

COUNTS = ("run", "world", "seed", "llm", "steps", "conversations", "dialogue_lines", "actions",
          "failed_actions", "events")
STATUSES = ("valid", "repaired", "retried", "defaulted")


def print_summary(store: RunStore, run_id: int, wall: float | None = None) -> None:
    """Print the summary of one stored run."""
    summary = run_summary(store, run_id)
    with store.session() as session:
        llm = llm_summary(session, run_id)
        brains = brain_totals(session, run_id)
    table = Table("run summary", "", show_header=False)
    for key in COUNTS:
        table.add_row(key, shown(summary[key]))
    for key, value in _llm_rows(summary, llm, store.run(run_id).config or {}):
        table.add_row(key, shown(value))
    for label, counts in brains.items():
        table.add_row(f"brain {shown(label)}", shown(_brain_row(counts)))
    if wall is not None:
        table.add_row("wall time", f"{wall:.2f} s")
    console.print(table)


def _brain_row(counts: dict[str, int]) -> str:
    """One brain of a mixed population: its decisions by status, actions and LLM calls."""
    made = _shares({k: counts.get(k, 0) for k in STATUSES}, STATUSES) or "none"
    return (f"{counts.get('decisions', 0)} decisions ({made}); {counts.get('actions', 0)} actions, "
            f"{counts.get('failed_actions', 0)} failed; {counts.get('llm_calls', 0)} llm calls")


def _shares(counts: dict[str, int], order: tuple[str, ...]) -> str:
    """``valid 10 (83%), repaired 2 (17%)`` in a fixed order, zero counts left out."""
    total = sum(counts.values()) or 1
    return ", ".join(f"{k} {counts[k]} ({100 * counts[k] / total:.0f}%)" for k in order if counts.get(k))


def _llm_rows(summary: dict[str, Any], llm: dict[str, Any], config: dict[str, Any]) -> list[tuple[str, str]]:
    """The decision and LLM rows of the summary."""
    made = llm["model_decisions"]
    if not made and not summary["llm_calls"]:  # the scripted brain alone: as before
        decisions = summary["decisions"]
        return [("decisions", _shares(decisions, tuple(sorted(decisions))) or "none")]
    others = [f"{llm['skipped_decisions']} skipped (nothing new, scripted)"] if llm["skipped_decisions"] else []
    if llm["scripted_decisions"]:
        others.append(f"{llm['scripted_decisions']} scripted")
    rows = [("model decisions", _shares(made, STATUSES) or "none"),
            ("other decisions", ", ".join(others) or "none"),
            ("llm calls", f"{summary['llm_calls']} in all; {llm['calls_per_active_agent_step']:.2f} per active "
                          f"agent-step ({llm['decision_calls']} decision calls for {sum(made.values())} decisions)"),
            ("llm errors", ", ".join(f"{k} {v}" for k, v in llm["llm_errors"].items()) or "none"),
            ("llm tokens", f"{summary['prompt_tokens']} prompt, {summary['completion_tokens']} completion"),
            ("llm latency", f"{summary['llm_latency_s']:.2f} s summed over calls")]
    facts = config.get("llm_facts") or {}
    seeds = ", ".join(f"{role} {f['seed']}, {f['decoding']}" for role, f in facts.items() if isinstance(f, dict))
    if seeds:
        rows.append(("llm seed, decoding", seeds))
    for switch in llm["switches"]:
        rows.append(("brain switch", f"after step {switch['step']}: {switch['role']} "
                                     f"{switch['from']} -> {switch['to']}"))
    note = replay_note(facts)
    if note:
        rows.append(("replay", note))
    return rows
