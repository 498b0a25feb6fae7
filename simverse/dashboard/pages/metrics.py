"""Metrics: the per-step series the DataCollector gathers (from ``steps.stats``), hunger and
coins across NPCs as distributions with a few NPCs overlaid, and the LLM accounting."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data, figures, views

st.title("Metrics")
ref = context.require_run()
stats = data.step_stats(ref.db, ref.run_id, ref.upto)
stats = stats[stats["step"] > 0] if not stats.empty else stats
if stats.empty:
    st.info("No steps yet.")
    st.stop()
totals = st.columns(5)
for col, name in zip(totals, ["conversations", "dialogue_lines", "actions", "failed_actions", "events"], strict=True):
    col.metric(name.replace("_", " "), int(stats[name].sum()) if name in stats else 0)
left, right = st.columns(2)
left.plotly_chart(figures.series_figure(stats, ["conversations", "dialogue_lines", "events"], "talk and events",
                                        "count per step"), width="stretch")
right.plotly_chart(figures.series_figure(stats, ["actions", "failed_actions"], "actions", "actions per step"),
                   width="stretch")
decision_columns = [c for c in stats.columns if c.startswith("decisions.")]
left.plotly_chart(figures.series_figure(stats, decision_columns, "decisions by status", "decisions per step"),
                  width="stretch")
right.plotly_chart(figures.series_figure(stats, ["wall_time_s"], "step wall time", "seconds"), width="stretch")

st.subheader("Across NPCs")
npcs = views.world_of(ref.db, ref.run_id).npcs
chosen = st.multiselect("overlay these NPCs", npcs, default=npcs[: min(3, len(npcs))], max_selections=12)
states = data.npc_numbers(ref.db, ref.run_id, ref.upto)
left, right = st.columns(2)
left.plotly_chart(figures.distribution_figure(states, "hunger", chosen, f"hunger across {len(npcs)} NPCs",
                                              "hunger (0 fed, 1 starving)"), width="stretch")
right.plotly_chart(figures.distribution_figure(states, "coins", chosen, f"coins across {len(npcs)} NPCs", "coins"),
                   width="stretch")

st.subheader("LLM accounting")
calls = data.llm_accounting(ref.db, ref.run_id, ref.upto)
if calls.empty:
    llm = data.world_spec(ref.db, ref.run_id)["llm"]
    st.text(f"No LLM calls recorded (brain: {llm})." + (" The scripted brain asks no model." if llm == "scripted"
                                                          else ""))
else:
    sums = st.columns(4)
    sums[0].metric("calls", int(calls["calls"].sum()))
    sums[1].metric("prompt tokens", int(calls["prompt_tokens"].sum()))
    sums[2].metric("completion tokens", int(calls["completion_tokens"].sum()))
    sums[3].metric("model time", f"{calls['latency_s'].sum():.1f} s")
    left, right = st.columns(2)
    left.plotly_chart(figures.series_figure(calls, ["prompt_tokens", "completion_tokens"], "tokens per step",
                                            "tokens"), width="stretch")
    right.plotly_chart(figures.series_figure(calls, ["calls", "errors"], "calls per step", "calls"), width="stretch")
