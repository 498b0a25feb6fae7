"""Reading runs for the dashboard: only committed steps, never blocked by a writer; fact
spread and who told whom; hidden filtered words; prompts as messages; two runs compared;
charts labelled and binned."""

from __future__ import annotations

import sqlite3
import time

import pandas as pd
from dashboard_helpers import (
    BLOCKED_WORDS,
    db_copy_fixture,
    llm_run_db_fixture,
    run_db_fixture,
)

from simverse.core.content_filter import DEFAULT_PLACEHOLDER
from simverse.dashboard import beliefs, compare_view, data, figures, minds

dashboard_run_db = run_db_fixture()
dashboard_db_copy = db_copy_fixture()
llm_run_db = llm_run_db_fixture()


def test_rows_of_steps_not_yet_in_steps_are_not_shown(dashboard_db_copy):
    db = str(dashboard_db_copy)
    upto = data.committed_step(db, 1)
    with sqlite3.connect(dashboard_db_copy) as connection:
        connection.execute("INSERT INTO dialogue (run_id, id, step, conversation, turn, speaker, listener, place, "
                           "text, told_facts, decision_id) VALUES (1, 9999, ?, 999, 0, 'Mara', 'Finn', 'square', "
                           "'torn', '[]', NULL)", (upto + 1,))
    assert "torn" not in set(data.dialogue(db, 1, upto)["text"])
    assert data.committed_step(db, 1) == upto


def test_a_writer_holding_a_transaction_neither_blocks_the_reader_nor_shows_its_rows(dashboard_db_copy):
    db = str(dashboard_db_copy)
    upto = data.committed_step(db, 1)
    writer = sqlite3.connect(dashboard_db_copy)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO steps SELECT run_id, step + 1, sim_time, state, rng_state, runtime, stats, "
                   "wall_time_s, committed_at FROM steps WHERE step = ?", (upto,))
    started = time.perf_counter()
    try:
        assert data.committed_step(db, 1) == upto
        assert len(data.events(db, 1, upto + 1)) == len(data.events(db, 1, upto))
    finally:
        writer.rollback()
        writer.close()
    assert time.perf_counter() - started < 5, "the reader waited for the writer"


FACTS = pd.DataFrame({
    "holder": ["world", "Ann", "Bob", "Bob", "Cid"], "subject": ["well"] * 5, "predicate": ["is"] * 5,
    "object": ["dry"] * 5, "text": ["the well is dry"] * 5, "valid_from": [0, 0, 2, 5, 3],
    "valid_to": [None, None, 4, None, None],
    "told_by": ["", "", "Ann", "Cid", "Ann"], "source": ["world_file", "world_file", "dialogue:7", "dialogue:12",
                                                         "dialogue:9"],
})


def test_spread_counts_npc_holders_per_step_from_validity_intervals():
    series = beliefs.spread(FACTS, ("well", "is", "dry"), 6, ["Ann", "Bob"])
    assert list(series["holders"]) == [1, 1, 2, 2, 1, 2, 2]
    assert series["true_in_world"].all()


def test_who_told_whom_links_each_holder_to_its_teller_and_line():
    edges = beliefs.told_edges(FACTS, ("well", "is", "dry"), 6)
    rows = {r.holder: (r.teller, r.step, r.line) for r in edges.itertuples()}
    assert rows["Ann"][0] == "" and rows["Bob"] == ("Ann", 2, 7) and rows["Cid"] == ("Ann", 3, 9)
    assert list(beliefs.told_edges(FACTS, ("well", "is", "dry"), 2)["holder"]) == ["Ann", "Bob"]


def test_prompts_are_read_as_messages_and_schema(llm_run_db):
    db = str(llm_run_db)
    made = pd.concat([minds.decisions(db, 1, npc, 4) for npc in ("Ann", "Bob", "Cid")])
    assert {"defaulted", "retried", "valid"} <= set(made["status"])
    made = minds.decisions(db, 1, "Ann", 4)
    called = made[made["calls"] > 0].iloc[0]
    detail = minds.decision_detail(db, 1, int(called["id"]))
    call = detail["calls"][0]
    assert [role for role, _ in call["messages"]][:2] == ["system", "user"]
    assert any("Ann" in content for _, content in call["messages"])
    assert isinstance(call["schema"], dict) and call["response"]
    assert minds.parse_request("not json")["messages"] == [("user", "not json")]


def test_words_the_filter_blocked_are_hidden_everywhere_unless_revealed(llm_run_db):
    db = str(llm_run_db)
    blocked = minds.filtered_lines(db, 1, 4)
    assert blocked, "the prepared run has blocked lines"
    said = next(iter(blocked.values()))["said"]
    assert all(word in said for word in BLOCKED_WORDS)
    hide, show = minds.Redactor.of(blocked), minds.Redactor.of(blocked, reveal=True)
    raw = f'{{"utterance": "{said}"}} and later: {said}'
    assert all(word not in hide(raw) for word in BLOCKED_WORDS) and minds.HIDDEN in hide(raw)
    assert show(raw) == raw


def test_a_blocked_answer_is_read_as_the_placeholder_and_its_words_only_apart(llm_run_db):
    with sqlite3.connect(llm_run_db) as connection:
        decision = connection.execute("SELECT CAST(substr(source, 10) AS INTEGER) FROM redactions "
                                      "WHERE source LIKE 'decision:%' LIMIT 1").fetchone()[0]
    detail = minds.decision_detail(str(llm_run_db), 1, decision)
    blocked = [call for call in detail["calls"] if call["blocked"]]
    assert blocked and all(call["response"] == DEFAULT_PLACEHOLDER for call in blocked)
    assert any(all(word in call["blocked"]["response"] for word in BLOCKED_WORDS) for call in blocked)
    lines = minds.filtered_lines(str(llm_run_db), 1, 4)
    assert lines and not any('"utterance"' in line["said"] for line in lines.values()), "a call is not a line"


def test_lines_and_beliefs_of_two_runs_are_marked_where_they_differ():
    a = pd.DataFrame({"step": [3, 3, 4], "speaker": ["Ann", "Bob", "Ann"], "listener": ["Bob", "Ann", "Cid"],
                      "text": ["hi", "hello", "bye"]})
    b = pd.DataFrame({"step": [3, 3], "speaker": ["Ann", "Bob"], "listener": ["Bob", "Ann"], "text": ["hi", "storm!"]})
    rows_a, rows_b = compare_view.marked(a, b, 3, compare_view.LINE_KEY)
    assert list(rows_a["shared"]) == [True, False] and list(rows_b["shared"]) == [True, False]
    assert compare_view.diverging_steps(a, b, compare_view.LINE_KEY, 3, 4) == [3, 4]
    facts_b = FACTS.assign(holder=["world", "Ann", "Bob", "Bob", "Bob"])
    diff = compare_view.belief_differences(FACTS, facts_b, 3, ["Ann", "Bob", "Cid"])
    assert list(diff[["holders_a", "holders_b", "only_in_a", "only_in_b"]].iloc[0]) == [3, 2, "Cid", ""]


def test_long_runs_are_binned_and_every_chart_has_axis_titles():
    frame = pd.DataFrame({"step": range(600), "events": [i % 7 for i in range(600)]})
    fig = figures.series_figure(frame, ["events"], "events", "events per step")
    assert len(fig.data[0].x) <= figures.MAX_POINTS
    assert fig.layout.xaxis.title.text == "step (mean of 4-step bins)"
    assert fig.layout.yaxis.title.text == "events per step"
    states = pd.DataFrame({"step": [s for s in range(10) for _ in range(50)],
                           "npc": [f"N{i}" for _ in range(10) for i in range(50)],
                           "hunger": [i / 50 for _ in range(10) for i in range(50)]})
    dist = figures.distribution_figure(states, "hunger", ["N3"], "hunger", "hunger")
    assert [t.name for t in dist.data] == [None, "10-90 % of NPCs", "median", "N3"]
    assert dist.data[2].y[0] == states[states["step"] == 0]["hunger"].median()
    spread = figures.spread_figure(pd.DataFrame({"step": [0, 1], "holders": [3, 12]}), "the well", 1000)
    assert spread.layout.yaxis.range[1] < 20, "the axis fits the data, not the world's size"


def test_recalled_memories_show_from_the_compact_log_when_no_full_log_was_kept(dashboard_db_copy):
    db = str(dashboard_db_copy)
    upto = data.committed_step(db, 1)
    with sqlite3.connect(dashboard_db_copy) as connection:
        connection.execute("DELETE FROM retrieval_logs")
        npc, ids = connection.execute("SELECT npc, memory_ids FROM memory_accesses WHERE step <= ? "
                                      "ORDER BY step DESC, call LIMIT 1", (upto,)).fetchone()
    recalled = minds.last_retrieval(db, 1, npc, upto)
    assert len(recalled) == len(ids) // 4 > 0
    assert recalled["text"].notna().all() and recalled["score"].isna().all()
