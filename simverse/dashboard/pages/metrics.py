"""Metrics: the per-step series the DataCollector gathers (from ``steps.stats`` and
``npc_states``) and the LLM accounting (from ``llm_calls``)."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data, figures

st.title("Metrics")
ref = context.require_run()
stats = data.step_stats(ref.url, ref.run_id, ref.upto)
stats = stats[stats["step"] > 0]
if stats.empty:
    st.info("No steps yet.")
    st.stop()
totals = st.columns(5)
for col, name in zip(totals, ["conversations", "dialogue_lines", "actions", "failed_actions", "events"], strict=True):
    col.metric(name.replace("_", " "), int(stats[name].sum()) if name in stats else 0)
left, right = st.columns(2)
left.plotly_chart(figures.series_figure(stats, ["conversations", "dialogue_lines", "events"], "talk and events"),
                  width="stretch")
right.plotly_chart(figures.series_figure(stats, ["actions", "failed_actions"], "actions"), width="stretch")
decision_columns = [c for c in stats.columns if c.startswith("decisions.")]
left.plotly_chart(figures.series_figure(stats, decision_columns, "decisions by status"), width="stretch")
right.plotly_chart(figures.series_figure(stats, ["wall_time_s"], "step wall time (s)"), width="stretch")

states = data.npc_states(ref.url, ref.run_id, ref.upto)
left.plotly_chart(figures.per_npc_figure(states, "hunger"), width="stretch")
right.plotly_chart(figures.per_npc_figure(states, "coins"), width="stretch")

st.subheader("LLM accounting")
calls = data.llm_accounting(ref.url, ref.run_id, ref.upto)
if calls.empty:
    llm = data.world_spec(ref.url, ref.run_id)["llm"]
    st.caption(f"No LLM calls recorded (brain: {llm})." + (" The scripted brain asks no model." if llm == "scripted"
                                                             else ""))
else:
    sums = st.columns(4)
    sums[0].metric("calls", int(calls["calls"].sum()))
    sums[1].metric("prompt tokens", int(calls["prompt_tokens"].sum()))
    sums[2].metric("completion tokens", int(calls["completion_tokens"].sum()))
    sums[3].metric("model time", f"{calls['latency_s'].sum():.1f} s")
    st.plotly_chart(figures.series_figure(calls, ["prompt_tokens", "completion_tokens"], "tokens per step"),
                    width="stretch")
    st.plotly_chart(figures.series_figure(calls, ["calls", "errors"], "calls per step"), width="stretch")
