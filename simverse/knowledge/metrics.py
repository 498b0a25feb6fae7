"""Knowledge figures for the run's DataCollector: how much is known, how much is wrong,
how far tracked news has spread.

:func:`knowledge_metrics` computes them for one step; :func:`knowledge_reporters` gives
``model_reporters`` entries (one column per figure) that share one computation per step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from simverse.knowledge.graph import KnowledgeGraph
from simverse.knowledge.queries import CONTRADICTION_KINDS, contradictions, judge


def knowledge_metrics(kg: KnowledgeGraph, npc_names: Sequence[str], step: int | None = None) -> dict[str, Any]:
    """Figures at ``step`` (None: now):

    * ``facts``: facts holding (truth and beliefs);
    * ``contradictions``: beliefs of all ``npc_names`` contradicting world truth, of any
      kind, and per kind ``contradictions_conflict`` / ``_outdated`` / ``_unfounded``
      (see :mod:`simverse.knowledge.queries`);
    * ``tracked_share``: ``{fact key: share of npc_names holding it}`` for every tracked
      fact, and ``tracked_share_mean`` (0.0 when nothing is tracked or there are no NPCs).
    """
    now = kg.is_now(step)
    at = None if now else step
    facts = kg.count(at)
    per_kind = dict.fromkeys(CONTRADICTION_KINDS, 0)
    if now and set(kg.holders_now()) <= set(npc_names):
        # the whole village: judge each believed statement once, weighted by its believers
        for belief, believers in kg.believed_statements():
            verdict = judge(kg, belief, kg.latest_step)
            if verdict is not None:
                per_kind[verdict[0]] += believers
    else:
        judged: dict = {}
        for npc in npc_names:
            for found in contradictions(kg, npc, at, judged=judged):
                per_kind[found.kind] += 1
    share: dict[str, float] = {}
    holding_now = kg.believer_counts(kg.tracked_keys(), npc_names) if now else {}
    for key in kg.tracked_keys():
        if not npc_names:
            share[key] = 0.0
        elif now:
            share[key] = holding_now[key] / len(npc_names)
        else:
            names = set(npc_names)
            holding = {f.holder for f in kg.statements(key) if f.holder in names and f.holds_at(step)}
            share[key] = len(holding) / len(npc_names)
    return {
        "facts": facts,
        "contradictions": sum(per_kind.values()),
        **{f"contradictions_{kind}": n for kind, n in per_kind.items()},
        "tracked_share": share,
        "tracked_share_mean": sum(share.values()) / len(share) if share else 0.0,
    }


def knowledge_reporters(prefix: str = "kg_") -> dict[str, Callable[[Any], Any]]:
    """DataCollector ``model_reporters`` for a model with ``.knowledge``, ``.npc_names``
    and ``.step_index``: one column per figure of :func:`knowledge_metrics`, named with
    ``prefix``, computed once per step (cached on the graph's change counter)."""
    cache: dict[str, Any] = {"at": None, "figures": {}}

    def figures(model: Any) -> dict[str, Any]:
        kg = model.knowledge
        at = (id(kg), model.step_index, kg.changes)
        if cache["at"] != at:
            cache["at"], cache["figures"] = at, knowledge_metrics(kg, model.npc_names, model.step_index)
        return cache["figures"]

    names = ["facts", "contradictions", *(f"contradictions_{k}" for k in CONTRADICTION_KINDS),
             "tracked_share", "tracked_share_mean"]
    return {f"{prefix}{name}": (lambda m, name=name: figures(m)[name]) for name in names}
