"""NPC inspector: persona, state, current plan, memories with their retrieval scores,
reflections with their evidence, and beliefs marked where they contradict the world."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data

st.title("NPCs")
ref = context.require_run()
spec = data.world_spec(ref.url, ref.run_id)["spec"]
people = {n["name"]: n for n in spec["npcs"]}
npc = st.selectbox("NPC", sorted(people))
person = people[npc]

left, right = st.columns(2)
with left:
    st.subheader("Persona")
    st.text(person.get("persona", ""))
    for label in ("traits", "goals"):
        if person.get(label):
            st.text(f"{label}: " + "; ".join(map(str, person[label])))
with right:
    st.subheader(f"State at step {ref.upto}")
    states = data.npc_states(ref.url, ref.run_id, ref.upto)
    now = states[(states["npc"] == npc) & (states["step"] == ref.upto)]
    st.dataframe(now.drop(columns=["npc", "step"]).T.rename(columns=lambda _: "value").astype(str),
                 width="stretch")

memories = data.memories(ref.url, ref.run_id, npc, ref.upto)
st.subheader("Current plan")
plans = memories[memories["kind"] == "plan"]
if plans.empty:
    st.caption("no plan memory (memory off, or no schedule)")
else:
    plan = plans.iloc[-1]
    st.text(f"made at step {plan['step']}: {plan['text']}")
    if isinstance(plan["data"], dict) and plan["data"]:
        st.json(plan["data"], expanded=False)

st.subheader("Recalled for the latest decision")
recalled = data.last_retrieval(ref.url, ref.run_id, npc, ref.upto)
if recalled.empty:
    st.caption("nothing recalled yet")
else:
    query = recalled["query"].iloc[0]
    shown = f"query: {query}" if query else 'scores are kept with the world setting retrieval_log = "full"'
    st.caption(f"step {recalled['step'].iloc[0]} · {shown}")
    st.dataframe(recalled[["rank", "memory_id", "score", "recency", "importance", "relevance", "text"]],
                 hide_index=True, width="stretch")

st.subheader("Reflections and their evidence")
reflections = memories[memories["kind"] == "reflection"]
if reflections.empty:
    st.caption("no reflections yet")
texts = dict(zip(memories["id"], memories["text"], strict=True))
for row in reflections.itertuples():
    st.text(f"step {row.step}: {row.text}")
    with st.expander(f"evidence ({len(row.evidence)} memories)"):
        for memory_id in row.evidence:
            st.text(f"#{memory_id}: {texts.get(memory_id, '(not found)')}")

st.subheader("Beliefs")
facts = data.facts(ref.url, ref.run_id, ref.upto)
held = data.beliefs_against_truth(facts, npc, ref.upto)
if held.empty:
    st.caption("holds no beliefs")
else:
    wrong = int(held["contradicts_world"].sum())
    st.caption(f"{len(held)} beliefs · {wrong} contradict the world's truth")
    st.dataframe(held[["contradicts_world", "vs_world", "subject", "predicate", "object", "text", "source", "told_by",
                       "confidence", "valid_from"]], hide_index=True, width="stretch")

st.subheader("All memories")
kinds = st.multiselect("kinds", sorted(set(memories["kind"])))
listed = memories[memories["kind"].isin(kinds)] if kinds else memories
st.dataframe(listed[["id", "step", "kind", "importance", "text", "archived"]].iloc[::-1], hide_index=True,
             width="stretch")
