"""NPC inspector at a chosen step: persona, state, plan, what it recalled, every decision it
made (defaulted ones included) with the prompt behind it, reflections, beliefs, memories."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import beliefs, context, data, minds
from simverse.dashboard.prompt_view import show_decision
from simverse.dashboard.safe import md

st.title("NPCs")
ref = context.require_run()
run = data.world_spec(ref.db, ref.run_id)
people = {n["name"]: n for n in run["spec"]["npcs"]}
names = sorted(people)
asked = st.query_params.get("npc")
if asked in people:
    st.session_state["npc_pick"] = asked
if str(st.query_params.get("decision", "")).isdigit():
    st.session_state["npc_decision"] = int(st.query_params["decision"])
if "step" in st.query_params:
    st.session_state["npc_step"] = min(ref.upto, max(0, int(st.query_params.get("step") or 0)))
st.query_params.clear()
st.session_state["npc_step"] = min(int(st.session_state.get("npc_step", ref.upto)), ref.upto)

cols = st.columns([1, 3])
npc = cols[0].selectbox("NPC", names, key="npc_pick")
step = min(cols[1].slider("at step", 0, max(ref.upto, 1), key="npc_step", disabled=ref.upto == 0), ref.upto)
person = people[npc]

left, right = st.columns(2)
with left:
    st.subheader("Persona")
    st.text(person.get("persona", ""))
    for label in ("traits", "goals"):
        if person.get(label):
            st.text(f"{label}: " + "; ".join(map(str, person[label])))
with right:
    st.subheader(f"State at step {step}")
    states = data.npc_states(ref.db, ref.run_id, step, step)
    now = states[states["npc"] == npc]
    st.dataframe(now.drop(columns=["npc", "step"]).T.rename(columns=lambda _: "value").astype(str), width="stretch")

memories = minds.memories(ref.db, ref.run_id, npc, step)
st.subheader("Plan")
plans = memories[memories["kind"] == "plan"]
if plans.empty:
    st.caption("no plan memory (memory off, or no schedule)")
else:
    plan = plans.iloc[-1]
    st.text(f"made at step {plan['step']}: {plan['text']}")

st.subheader("Recalled for the decision")
recalled = minds.last_retrieval(ref.db, ref.run_id, npc, step)
if recalled.empty:
    st.caption("nothing recalled yet")
else:
    query = recalled["query"].iloc[0]
    said = f"query: {query}" if query else 'scores are kept with the world setting retrieval_log = "full"'
    st.text(f"step {recalled['step'].iloc[0]} · {said}")
    st.dataframe(recalled[["rank", "memory_id", "score", "recency", "importance", "relevance", "text"]],
                 hide_index=True, width="stretch")

st.subheader("Decisions")
reveal = st.toggle("reveal text removed by the content filter", key="npc_reveal")
redact = minds.Redactor.of(minds.filtered_lines(ref.db, ref.run_id, ref.upto), reveal)
made = minds.decisions(ref.db, ref.run_id, npc, ref.upto)
statuses = st.multiselect("status", sorted(set(made["status"])), placeholder="every status")
listed = made[made["status"].isin(statuses)] if statuses else made
listed = listed.assign(utterance=listed["utterance"].map(redact), note=listed["note"].map(redact))
st.caption(f"{len(listed)} of {len(made)} decisions · pick one to read the prompt behind it")
st.dataframe(listed[["id", "step", "mode", "action", "status", "utterance", "note", "calls"]], hide_index=True,
             width="stretch", height=220)
labels = {int(r.id): f"#{r.id} · step {r.step} · {r.mode} {r.action} · {r.status}" for r in listed.itertuples()}
wanted = st.session_state.pop("npc_decision", None)
at_step = [int(i) for i, s in zip(listed["id"], listed["step"], strict=True) if s == step]
default = wanted if wanted in labels else (at_step[0] if at_step else next(iter(labels), None))
if default is not None:
    chosen = st.selectbox("read decision", list(labels), index=list(labels).index(default), format_func=labels.get,
                          key=f"decision_pick:{npc}:{step}:{wanted}:{','.join(statuses)}")
    with st.container(border=True):
        show_decision(minds.decision_detail(ref.db, ref.run_id, int(chosen)), run["llm"], redact)

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

st.subheader(f"Beliefs at step {step}")
held = beliefs.beliefs_against_truth(beliefs.facts(ref.db, ref.run_id, ref.upto), npc, step)
if held.empty:
    st.caption("holds no beliefs")
else:
    st.caption(f"{len(held)} beliefs · {int(held['contradicts_world'].sum())} contradict the world's truth")
    st.dataframe(held[["contradicts_world", "vs_world", "subject", "predicate", "object", "text", "source", "told_by",
                       "confidence", "valid_from"]], hide_index=True, width="stretch")

st.subheader("All memories")
kinds = st.multiselect("kinds", sorted(set(memories["kind"])), placeholder="every kind")
shown = memories[memories["kind"].isin(kinds)] if kinds else memories
st.dataframe(shown[["id", "step", "kind", "importance", "text", "archived"]].iloc[::-1], hide_index=True,
             width="stretch")
st.caption(md(f"{npc}: {len(memories)} memories up to step {step}"))
