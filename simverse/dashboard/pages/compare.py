"""Compare: a fork beside its parent (or any two runs of a database) from the fork step:
diverging dialogue, events and beliefs (who knows what) at a step, and metric curves."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import beliefs, compare_view, context, data, figures, views
from simverse.dashboard.safe import md

st.title("Compare")
ref = context.current_run()
asked = dict(st.query_params)
st.query_params.clear()
if asked.get("db"):
    st.session_state["compare_db"] = asked["db"]
    st.session_state["compare_pair"] = (int(asked.get("a", 0)), int(asked.get("b", 0)))
db = st.session_state.get("compare_db") or (ref.db if ref else None)
if db is None:
    st.info("Pick a run database in the sidebar, or fork a run from the Map or Events page.")
    st.stop()
table = data.runs(db)
ids = [int(r) for r in table["run"]]
if len(ids) < 2:
    st.info("This database has one run: fork it from the Map or Events page to compare.")
    st.stop()
label = {int(r["run"]): data.run_label(r) for _, r in table.iterrows()}
forks = table[table["parent"].notna()]
pair = st.session_state.get("compare_pair")
default_b = pair[1] if pair and pair[1] in ids else (int(forks["run"].iloc[-1]) if not forks.empty else ids[-1])
cols = st.columns(2)
run_b = cols[1].selectbox("run B", ids, index=ids.index(default_b), format_func=label.get, key=f"cmp_b:{db}")
parent = table.loc[table["run"] == run_b, "parent"].iloc[0]
default_a = pair[0] if pair and pair[0] in ids and pair[1] == run_b else (int(parent) if parent == parent else ids[0])
run_a = cols[0].selectbox("run A", ids, index=ids.index(default_a), format_func=label.get, key=f"cmp_a:{db}:{run_b}")
if run_a == run_b:
    st.warning("Pick two different runs.")
    st.stop()

upto_a, upto_b = data.committed_step(db, run_a) or 0, data.committed_step(db, run_b) or 0
result = compare_view.comparison(db, run_a, run_b, upto_a, upto_b)
fork_step = data.world_spec(db, run_b)["forked_at"] if parent == run_a else None
start = int(fork_step) if fork_step is not None else 0
common = result.common_step
top = st.columns(4)
top[0].metric("forked at step", "—" if fork_step is None else int(fork_step))
top[1].metric("first differing step", "none" if result.first_differing_step is None else result.first_differing_step)
top[2].metric("differing steps", result.differing_steps)
top[3].metric("steps both have", common)
if upto_b < upto_a:
    st.caption(f"run {run_b} is at step {upto_b} of {upto_a}: this page follows it as it runs.")

lines_a, lines_b = data.dialogue(db, run_a, common), data.dialogue(db, run_b, common)
events_a, events_b = data.events(db, run_a, common), data.events(db, run_b, common)
apart = sorted(set(compare_view.diverging_steps(lines_a, lines_b, compare_view.LINE_KEY, start, common))
               | set(compare_view.diverging_steps(events_a, events_b, compare_view.EVENT_KEY, start, common)))
st.caption(f"dialogue or events differ at {len(apart)} of {common - start + 1} steps from step {start}"
           + (f": {', '.join(map(str, apart[:20]))}" + (" …" if len(apart) > 20 else "") if apart else ""))
first_apart = apart[0] if apart else start
step = st.slider("step", start, max(common, start + 1), min(first_apart, common) if common > start else start,
                 disabled=common <= start) if common > start else start

sides = st.columns(2)
marked_lines = compare_view.marked(lines_a, lines_b, step, compare_view.LINE_KEY)
marked_events = compare_view.marked(events_a, events_b, step, compare_view.EVENT_KEY)
for side, run_id, lines, events in zip(sides, (run_a, run_b), marked_lines, marked_events, strict=True):
    with side:
        st.subheader(f"run {run_id} at step {step}")
        st.caption("dialogue (≠ only in this run)")
        st.text("\n".join(f"{'  ' if r.shared else '≠ '}{r.speaker} → {r.listener}: {r.text}"
                          for r in lines.itertuples()) or "(no lines)")
        st.caption("events (≠ only in this run)")
        notable = events[events["action"] != "wait"]
        st.text("\n".join(f"{'  ' if r.shared else '≠ '}{r.kind}: {r.narration}" + ("" if r.success else " (failed)")
                          for r in notable.itertuples()) or "(no events)")

st.subheader(f"Who knows what at step {step}: statements held differently")
npcs = views.world_of(db, run_a).npcs
facts_a, facts_b = beliefs.facts(db, run_a, upto_a), beliefs.facts(db, run_b, upto_b)
diff = compare_view.belief_differences(facts_a, facts_b, step, npcs)
st.caption(md(f"{len(diff)} statements · A = run {run_a}, B = run {run_b}"))
st.dataframe(diff, hide_index=True, width="stretch", height=260)

st.subheader("Metric curves")
stats_a = compare_view.with_tracked_spread(data.step_stats(db, run_a, upto_a), facts_a, upto_a, npcs)
stats_b = compare_view.with_tracked_spread(data.step_stats(db, run_b, upto_b), facts_b, upto_b, npcs)
names_ab = (f"run {run_a}", f"run {run_b}")
left, right = st.columns(2)
for i, (column, title, y_title) in enumerate((
        ("dialogue_lines", "dialogue lines", "lines per step"), ("events", "events", "events per step"),
        ("tracked_fact_spread", "spread of tracked facts", "share of NPCs"),
        ("failed_actions", "failed actions", "failures per step"))):
    (left if i % 2 == 0 else right).plotly_chart(
        figures.overlay_figure(stats_a, stats_b, column, names_ab, fork_step, title, y_title), width="stretch")
