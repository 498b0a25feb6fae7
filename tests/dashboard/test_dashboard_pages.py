"""Each dashboard page, run by Streamlit's AppTest against a small stored run."""

from __future__ import annotations

import sqlite3

import pytest
from dashboard_helpers import db_copy_fixture, open_page, run_db_fixture, texts
from sqlalchemy import select

from simverse.dashboard import context
from simverse.store.models import DialogueRow
from simverse.store.run_store import RunStore, db_url

dashboard_run_db = run_db_fixture()
dashboard_db_copy = db_copy_fixture()


def stored_lines(db) -> list[DialogueRow]:
    store = RunStore(db_url(db))
    with store.session() as session:
        rows = list(session.scalars(select(DialogueRow).order_by(DialogueRow.id)))
    store.close()
    return rows


def test_map_draws_places_and_npcs_and_scrubs_to_an_earlier_step(dashboard_run_db, monkeypatch):
    page = open_page("map", monkeypatch, dashboard_run_db)
    chart = page.get("plotly_chart")[0].proto.spec
    assert "The Harbour" in chart and "Mara" in chart
    times = {m.label: m.value for m in page.metric}
    page.slider[0].set_value(0).run()
    assert {m.label: m.value for m in page.metric}["time"] != times["time"]
    assert page.slider[0].value == 0


def test_dialogue_lists_every_line_and_filters_by_npc_and_search(dashboard_run_db, monkeypatch):
    lines = stored_lines(dashboard_run_db)
    page = open_page("dialogue", monkeypatch, dashboard_run_db)
    shown = [t for t in texts(page) if "→" in t]
    assert len(shown) == len(lines)
    assert f"{lines[0].speaker} → {lines[0].listener}: {lines[0].text}" in shown
    page.multiselect[0].set_value([lines[0].speaker]).run()
    filtered = [t for t in texts(page) if "→" in t]
    assert filtered and all(lines[0].speaker in t for t in filtered)
    page.multiselect[0].set_value([]).run()
    page.text_input[0].set_value("no line says this").run()
    assert not [t for t in texts(page) if "→" in t]


def test_dialogue_line_says_the_scripted_brain_wrote_it(dashboard_run_db, monkeypatch):
    page = open_page("dialogue", monkeypatch, dashboard_run_db)
    assert page.expander, "each line has a 'behind' expander"
    body = texts(page)
    assert any(t.startswith("Scripted brain: no model was asked") for t in body)
    assert any(t.startswith("decision ") and "status valid" in t for t in body)


def test_dialogue_shows_model_text_as_text_not_markup(dashboard_db_copy, monkeypatch):
    evil = 'hello <script>alert("x")</script> and <b>bold</b> [link](http://x) **star**'
    with sqlite3.connect(dashboard_db_copy) as db:
        db.execute("UPDATE dialogue SET text = ?, place = ? WHERE id = 1", (evil, "<b>square</b>"))
    page = open_page("dialogue", monkeypatch, dashboard_db_copy)
    assert any(t.endswith(evil) for t in texts(page)), "the line is shown verbatim by st.text"
    for markdown in page.markdown:
        assert "<b>" not in markdown.value and "<script>" not in markdown.value
    assert any(r"\<b\>square\<\/b\>" in m.value for m in page.markdown), "place escaped inside Markdown"


def test_npc_page_shows_persona_plan_recall_and_beliefs(dashboard_run_db, monkeypatch):
    with sqlite3.connect(dashboard_run_db) as db:
        npc = db.execute("SELECT holder FROM facts WHERE holder != 'world' ORDER BY id LIMIT 1").fetchone()[0]
    page = open_page("npcs", monkeypatch, dashboard_run_db)
    page.selectbox[0].set_value(npc).run()
    headers = [h.value for h in page.subheader]
    assert {"Persona", "Current plan", "Recalled for the latest decision", "Beliefs"} <= set(headers)
    frames = [f.value for f in page.dataframe]
    recalled = next(f for f in frames if "relevance" in f.columns)
    assert len(recalled) > 0 and recalled["score"].is_monotonic_decreasing
    beliefs = next(f for f in frames if "contradicts_world" in f.columns)
    assert len(beliefs) > 0
    assert any(t.startswith("made at step") for t in texts(page)), f"{npc} has a plan"


def test_knowledge_page_compares_truth_and_beliefs_and_charts_spread(dashboard_run_db, monkeypatch):
    page = open_page("knowledge", monkeypatch, dashboard_run_db)
    frames = [f.value for f in page.dataframe]
    assert "secret" in frames[0].columns and len(frames[0]) > 0
    assert "contradicts_world" in frames[1].columns
    assert page.get("plotly_chart"), "the spread chart is drawn"
    assert "tracked" in page.selectbox[1].format_func(page.selectbox[1].value)


def test_events_page_links_an_event_to_the_memories_it_caused(dashboard_run_db, monkeypatch):
    page = open_page("events", monkeypatch, dashboard_run_db)
    events = [t for t in texts(page) if t.startswith("#")]
    assert events
    assert any(c.value.startswith("memories it caused (") and not c.value.endswith("(0)") for c in page.caption)


def test_metrics_page_charts_series_and_says_no_model_was_called(dashboard_run_db, monkeypatch):
    page = open_page("metrics", monkeypatch, dashboard_run_db)
    assert len(page.get("plotly_chart")) == 6
    assert any("The scripted brain asks no model" in c.value for c in page.caption)
    lines = len(stored_lines(dashboard_run_db))
    assert {m.label: m.value for m in page.metric}["dialogue lines"] == str(lines)


def test_run_page_starts_a_world_and_steps_it_into_the_database(tmp_path, monkeypatch):
    db = tmp_path / "live.db"
    page = open_page("run", monkeypatch, "harbor_town", **{context.ENV_DB: str(db), context.ENV_SEED: "3"})
    assert {m.label: m.value for m in page.metric}["step"] == "0"
    next(b for b in page.button if b.label == "Step 1").click().run()
    assert {m.label: m.value for m in page.metric}["step"] == "1"
    page.number_input[0].set_value(3)
    next(b for b in page.button if b.label == "Step N").click().run()
    assert {m.label: m.value for m in page.metric}["step"] == "4"
    store = RunStore(db_url(db))
    assert store.last_step(1) == 4 and store.run(1).seed == 3
    store.close()


def test_run_page_runs_until_paused(tmp_path, monkeypatch):
    page = open_page("run", monkeypatch, "harbor_town", **{context.ENV_DB: str(tmp_path / "live.db")})
    live = page.session_state["live"]
    original = live.step

    def step_then_pause(n: int = 1) -> int:
        if live.step_index >= 2:
            live.running = False
        return original(n)

    live.step = step_then_pause  # the loop reruns the page after each step until paused
    next(b for b in page.button if b.label == "Run until paused").click().run()
    assert live.step_index == 3 and not live.running


def test_talk_page_answers_and_stores_the_exchange(tmp_path, monkeypatch):
    db = tmp_path / "live.db"
    page = open_page("talk", monkeypatch, "harbor_town", **{context.ENV_DB: str(db)})
    npc = page.selectbox[0].value
    page.chat_input[0].set_value("Good morning! Any news <b>today</b>?").run()
    said = texts(page)
    assert said[0] == "Player: Good morning! Any news <b>today</b>?"
    assert said[1].startswith(f"{npc}: ") and len(said[1]) > len(npc) + 2
    rows = stored_lines(db)
    assert [(r.speaker, r.listener) for r in rows] == [("Player", npc), (npc, "Player")]


def test_talk_page_injects_an_event_for_the_next_step(tmp_path, monkeypatch):
    page = open_page("talk", monkeypatch, "harbor_town", **{context.ENV_DB: str(tmp_path / "live.db")})
    page.text_input[0].set_value("A whale is seen off the lighthouse.")
    form_submit = next(b for b in page.button if b.label.startswith("Inject"))
    form_submit.click().run()
    live = page.session_state["live"]
    assert [p.description for p in live.world.pending] == ["A whale is seen off the lighthouse."]
    live.step(1)
    with sqlite3.connect(tmp_path / "live.db") as db:
        kinds = db.execute("SELECT kind, narration FROM events WHERE step = 1 AND kind = 'injected'").fetchall()
    assert kinds == [("injected", "A whale is seen off the lighthouse.")]


def test_talk_page_forks_the_run_and_switches_to_the_fork(tmp_path, monkeypatch):
    db = tmp_path / "live.db"
    page = open_page("talk", monkeypatch, "harbor_town", **{context.ENV_DB: str(db)})
    page.session_state["live"].step(2)
    page.run()
    fork = next(b for b in page.button if b.label.startswith("Fork at step"))
    if fork.disabled:
        pytest.skip("simverse.store.fork is not in this tree")
    fork.click().run()
    assert any(s.value == f"forked: run 2 in {db}" for s in page.success)
    next(b for b in page.button if b.label == "Switch to run 2").click().run()
    live = page.session_state["live"]
    assert (live.run_id, live.step_index) == (2, 2)
    live.step(1)
    store = RunStore(db_url(db))
    assert store.run(2).parent_run_id == 1 and store.last_step(2) == 3 and store.last_step(1) == 2
    store.close()


def test_talk_page_queues_a_scene_command(tmp_path, monkeypatch):
    page = open_page("talk", monkeypatch, "harbor_town", **{context.ENV_DB: str(tmp_path / "live.db")})
    live = page.session_state["live"]
    if not live.can_direct:
        pytest.skip("World.scene is not in this tree")
    next(t for t in page.text_input if t.label == "command").set_value("it starts to rain")
    next(b for b in page.button if b.label == "Give the command").click().run()
    assert [(p.description, p.kind) for p in live.world.pending] == [("it starts to rain", "scene")]
