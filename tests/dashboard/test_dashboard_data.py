"""Reading runs for the dashboard: only committed steps, never blocked by a writer; the
contradiction rule; fact spread."""

from __future__ import annotations

import sqlite3
import time

import pandas as pd
from dashboard_helpers import db_copy_fixture, run_db_fixture

from simverse.dashboard import data, figures
from simverse.store.run_store import db_url

dashboard_run_db = run_db_fixture()
dashboard_db_copy = db_copy_fixture()


def test_rows_of_steps_not_yet_in_steps_are_not_shown(dashboard_db_copy):
    url = db_url(dashboard_db_copy)
    upto = data.committed_step(url, 1)
    with sqlite3.connect(dashboard_db_copy) as db:
        db.execute("INSERT INTO dialogue (run_id, id, step, conversation, turn, speaker, listener, place, text, "
                   "told_facts, decision_id) VALUES (1, 9999, ?, 999, 0, 'Mara', 'Finn', 'square', 'torn', '[]', NULL)",
                   (upto + 1,))
    assert "torn" not in set(data.dialogue(url, 1, upto)["text"])
    assert data.committed_step(url, 1) == upto


def test_a_writer_holding_a_transaction_neither_blocks_the_reader_nor_shows_its_rows(dashboard_db_copy):
    url = db_url(dashboard_db_copy)
    upto = data.committed_step(url, 1)
    writer = sqlite3.connect(dashboard_db_copy)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO steps SELECT run_id, step + 1, sim_time, state, rng_state, runtime, stats, "
                   "wall_time_s, committed_at FROM steps WHERE step = ?", (upto,))
    started = time.perf_counter()
    try:
        assert data.committed_step(url, 1) == upto
        assert len(data.events(url, 1, upto + 1)) == len(data.events(url, 1, upto))
    finally:
        writer.rollback()
        writer.close()
    assert time.perf_counter() - started < 5, "the reader waited for the writer"


def test_a_belief_contradicts_the_world_when_subject_and_predicate_match_but_object_differs():
    truth = pd.DataFrame({"subject": ["well", "mill"], "predicate": ["is", "is"], "object": ["full", "open"]})
    beliefs = pd.DataFrame({"subject": ["well", "mill", "tower"], "predicate": ["is", "is", "is"],
                            "object": ["dry", "open", "haunted"]})
    assert list(data.contradictions(beliefs, truth)) == [True, False, False]


def test_spread_counts_npc_holders_per_step_from_validity_intervals():
    facts = pd.DataFrame({
        "holder": ["world", "Ann", "Bob", "Bob"], "subject": ["well"] * 4, "predicate": ["is"] * 4,
        "object": ["dry"] * 4, "valid_from": [0, 0, 2, 5], "valid_to": [None, None, 4, None],
    })
    series = data.spread(facts, ("well", "is", "dry"), 6, ["Ann", "Bob"])
    assert list(series["holders"]) == [1, 1, 2, 2, 1, 2, 2]
    assert series["true_in_world"].all()


def test_map_layout_is_the_same_every_time_and_escapes_labels():
    places = [{"id": "a", "name": "<b>A</b>", "connections": ["b"]}, {"id": "b", "name": "B", "connections": []}]
    assert figures.place_layout(places) == figures.place_layout(places)
    fig = figures.map_figure(places, {"<i>x</i>": "a"}, ["a|b"])
    labels = [t for trace in fig.data for t in (trace.text or ())]
    assert "&lt;b&gt;A&lt;/b&gt;" in labels and "&lt;i&gt;x&lt;/i&gt;" in labels
    assert fig.data[0].line.dash == "dash", "a closed route is drawn dashed"


def test_a_stored_belief_that_contradicts_the_world_is_marked(dashboard_db_copy):
    url = db_url(dashboard_db_copy)
    with sqlite3.connect(dashboard_db_copy) as db:
        subject, predicate = db.execute(
            "SELECT subject, predicate FROM facts WHERE holder = 'world' ORDER BY id LIMIT 1").fetchone()
        next_id = db.execute("SELECT max(id) + 1 FROM facts").fetchone()[0]
        db.execute("INSERT INTO facts (run_id, id, subject, predicate, object, holder, confidence, source, "
                   "valid_from, text, secret, tracked) "
                   "VALUES (1, ?, ?, ?, 'something else', 'Mara', 1.0, 'world_file', 0, '', 0, 0)",
                   (next_id, subject, predicate))
    upto = data.committed_step(url, 1)
    beliefs = data.beliefs_against_truth(data.facts(url, 1, upto), "Mara", upto)
    marked = beliefs[beliefs["contradicts_world"]]
    assert list(marked["id"]) == [next_id] and list(marked["vs_world"]) == ["conflict"]


def test_recalled_memories_show_from_the_compact_log_when_no_full_log_was_kept(dashboard_db_copy):
    url = db_url(dashboard_db_copy)
    upto = data.committed_step(url, 1)
    with sqlite3.connect(dashboard_db_copy) as db:
        db.execute("DELETE FROM retrieval_logs")
        npc, ids = db.execute("SELECT npc, memory_ids FROM memory_accesses WHERE step <= ? "
                              "ORDER BY step DESC, call LIMIT 1", (upto,)).fetchone()
    recalled = data.last_retrieval(url, 1, npc, upto)
    assert len(recalled) == len(ids) // 4 > 0
    assert recalled["text"].notna().all() and recalled["score"].isna().all()
