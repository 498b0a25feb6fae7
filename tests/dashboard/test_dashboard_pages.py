"""Each dashboard page, run by Streamlit's AppTest through the app's navigation, as the
``simverse dashboard`` command starts it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from dashboard_helpers import (
    BLOCKED_WORDS,
    db_copy_fixture,
    fresh_hub,
    llm_run_db_fixture,
    markdown_bodies,
    open_app,
    run_db_fixture,
    texts,
)

from simverse.core.content_filter import DEFAULT_PLACEHOLDER
from simverse.dashboard import context
from simverse.store.fork import fork_run
from simverse.store.pending import queue_injection
from simverse.store.run_store import RunStore, db_url
from simverse.world.model import World

dashboard_run_db = run_db_fixture()
dashboard_db_copy = db_copy_fixture()
llm_run_db = llm_run_db_fixture()
pytestmark = pytest.mark.usefixtures("fresh_hub")
assert fresh_hub
PAGES = ["run", "map", "dialogue", "npcs", "knowledge", "events", "metrics", "compare", "talk"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_a_stored_run(page, dashboard_run_db, monkeypatch):
    app = open_app(page, monkeypatch, dashboard_run_db)
    assert app.title[0].value in {"Run", "Map", "Dialogue", "NPCs", "Knowledge", "Events", "Metrics", "Compare",
                                  "Talk & direct"}


def test_map_plays_the_run_step_by_step(dashboard_run_db, monkeypatch):
    app = open_app("map", monkeypatch, dashboard_run_db)
    chart = app.get("plotly_chart")[0].proto.spec
    assert "The Harbour" in chart and "Mara" in chart
    app.slider(key="map_step").set_value(2).run()
    next(b for b in app.button if b.label == "Play").click().run()
    assert app.slider(key="map_step").value == 3, "playing moves one step per tick"
    app.run()
    assert app.slider(key="map_step").value == 4
    assert app.session_state["playing"]
    next(b for b in app.button if b.label == "Pause").click().run()
    app.run()
    assert app.slider(key="map_step").value == 4


def llm_decision(db, status: str) -> tuple[int, str, int]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT id, npc, step FROM decisions WHERE status = ? AND llm_call_ids != '[]' "
                                  "ORDER BY id LIMIT 1", (status,)).fetchone()


def test_a_defaulted_decision_is_read_from_the_npc_page_as_a_chat(llm_run_db, monkeypatch):
    decision, npc, step = llm_decision(llm_run_db, "defaulted")
    app = open_app("npcs", monkeypatch, llm_run_db, query={"npc": npc, "step": str(step), "decision": str(decision)})
    assert f"State at step {step}" in [h.value for h in app.subheader]
    body = texts(app)
    assert any(t.startswith(f"decision {decision} ") and "status defaulted" in t for t in body)
    roles = [m.proto.name for m in app.get("chat_message")] if app.get("chat_message") else []
    assert roles[:2] == ["system", "user"], roles
    codes = [c.value for c in app.code]
    assert json.loads(codes[0])["status"] == "defaulted", "the parse result comes first"
    assert codes[1] == "no json here at all" or codes[1].startswith("{"), "then the raw model output"
    schema = next(e for e in app.expander if e.label.startswith("JSON schema"))
    assert not schema.proto.expanded


def test_dialogue_hides_blocked_words_until_the_viewer_reveals_them(llm_run_db, monkeypatch):
    with sqlite3.connect(llm_run_db) as connection:
        line = connection.execute("SELECT CAST(json_extract(args, '$.dialogue') AS INTEGER) FROM events "
                                  "WHERE kind = 'filtered' LIMIT 1").fetchone()[0]
    app = open_app("dialogue", monkeypatch, llm_run_db)
    app.selectbox(key="line_pick").set_value(line).run()
    shown = "\n".join(texts(app) + [c.value for c in app.code])
    assert all(word not in shown for word in BLOCKED_WORDS)
    assert any("blocked this line" in w.value for w in app.warning)
    assert any(c.value == DEFAULT_PLACEHOLDER for c in app.code), "the call's answer is stored as the placeholder"
    app.toggle(key="dialogue_reveal").set_value(True).run()
    shown = "\n".join(texts(app) + [c.value for c in app.code])
    assert all(word in shown for word in BLOCKED_WORDS)
    assert any('"utterance"' in c.value and all(w in c.value for w in BLOCKED_WORDS) for c in app.code), \
        "revealed, the raw model output is read back from the redactions table"


def test_dialogue_shows_model_text_as_text_not_markup(dashboard_db_copy, monkeypatch):
    evil = 'hello <script>alert("x")</script> and <b>bold</b> [link](http://x) **star**'
    with sqlite3.connect(dashboard_db_copy) as db:
        db.execute("UPDATE dialogue SET text = ?, place = ? WHERE id = 1", (evil, "<b>square</b>"))
    app = open_app("dialogue", monkeypatch, dashboard_db_copy)
    assert any(evil in t for t in texts(app)), "the line is shown verbatim by st.text"
    for body in markdown_bodies(app):
        assert "<b>" not in body and "<script>" not in body and "**star**" not in body
    assert any(r"\<b\>square\<\/b\>" in m for m in markdown_bodies(app)), "place escaped inside Markdown"


def test_world_text_in_headers_and_captions_is_escaped(dashboard_db_copy, monkeypatch):
    with sqlite3.connect(dashboard_db_copy) as db:
        spec = json.loads(db.execute("SELECT world_spec FROM runs WHERE id = 1").fetchone()[0])
        spec["places"][0]["name"] = "**Bold** _harbour_ <i>x</i>"
        db.execute("UPDATE runs SET world_spec = ? WHERE id = 1", (json.dumps(spec),))
        db.execute("UPDATE npc_states SET activity = '**shouting** <b>loud</b>'")
    for page in ("map", "npcs", "knowledge", "talk", "events"):
        app = open_app(page, monkeypatch, dashboard_db_copy)
        for body in markdown_bodies(app):
            assert "**Bold**" not in body and "<i>" not in body and "**shouting**" not in body, (page, body)


def test_knowledge_draws_who_told_whom_with_each_arrow_naming_its_line(dashboard_run_db, monkeypatch):
    app = open_app("knowledge", monkeypatch, dashboard_run_db)
    with sqlite3.connect(dashboard_run_db) as db:
        told = db.execute("SELECT count(*) FROM facts WHERE told_by IS NOT NULL AND source LIKE 'dialogue:%'"
                          ).fetchone()[0]
    assert told > 0
    graphs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    graph = next(g for g in graphs if "who told whom" in json.dumps(g["layout"]["title"]))
    lines = next(t for t in graph["data"] if t.get("name") == "dialogue lines")
    assert all(c[0] == "line" and c[1] > 0 for c in lines["customdata"])
    assert graph["layout"]["xaxis"]["title"]["text"] == "step the NPC learnt it"


def test_events_lists_directions_queued_in_a_stored_run(dashboard_db_copy, monkeypatch):
    store = RunStore(db_url(dashboard_db_copy))
    queue_injection(store, 1, "The mill wheel breaks.", place="harbour")
    store.close()
    app = open_app("events", monkeypatch, dashboard_db_copy)
    assert "⌛ queued · injected 'The mill wheel breaks.' · fires at step 13" in texts(app)


def test_compare_shows_a_fork_beside_its_parent_from_the_fork_step(dashboard_db_copy, monkeypatch):
    store = RunStore(db_url(dashboard_db_copy))
    fork_id = fork_run(store, 1, 4)
    store.close()
    fork = World.resume(str(dashboard_db_copy), run_id=fork_id, embedder="hashing")
    fork.scene("a storm rolls in over the harbour")
    fork.run(4)
    fork.close()
    app = open_app("compare", monkeypatch, dashboard_db_copy,
                   query={"db": str(dashboard_db_copy), "a": "1", "b": str(fork_id)})
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["forked at step"] == "4" and metrics["first differing step"] == "5"
    assert any(line.startswith("≠ scene: ") and "storm" in line for t in texts(app) for line in t.splitlines())
    labels = app.selectbox[-1].options + app.selectbox[-2].options
    assert any("fork of run 1 at step 4" in label for label in labels)
    assert len(app.get("plotly_chart")) == 4


def test_run_page_starts_a_world_and_steps_it_in_the_background(tmp_path, monkeypatch):
    db = tmp_path / "live.db"
    app = open_app("run", monkeypatch, "harbor_town", **{context.ENV_DB: str(db)})
    assert context.hub().status().run_id == 1
    next(b for b in app.button if b.label == "Step 1").click().run()
    assert context.hub().wait_idle(120)
    app.run()
    assert {m.label: m.value for m in app.metric}["step"] == "1"
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT max(step) FROM steps").fetchone()[0] == 1


def test_a_second_viewer_sees_the_same_live_run(tmp_path, monkeypatch):
    db = tmp_path / "live.db"
    first = open_app("run", monkeypatch, "harbor_town", **{context.ENV_DB: str(db)})
    context.hub().step(2)
    assert context.hub().wait_idle(120)
    second = open_app("run", monkeypatch, "harbor_town", **{context.ENV_DB: str(db)})
    first.run()
    assert {m.label: m.value for m in first.metric}["step"] == {m.label: m.value for m in second.metric}["step"] == "2"
    assert context.hub().status().run_id == 1, "opening the app again started no new run"


def test_talk_page_directs_and_shows_queued_then_applied(tmp_path, monkeypatch):
    app = open_app("talk", monkeypatch, "harbor_town", **{context.ENV_DB: str(tmp_path / "live.db")})
    app.text_input[0].set_value("A whale is seen off the lighthouse.")
    next(b for b in app.button if b.label.startswith("Inject")).click().run()
    assert any(t.startswith("⌛ queued · injected 'A whale is seen off the lighthouse.'") for t in texts(app))
    context.hub().step(1)
    assert context.hub().wait_idle(120)
    app.run()
    assert any(t.startswith("✓ applied · injected 'A whale is seen off the lighthouse.' · step 1, event #")
               for t in texts(app))


def test_an_event_opens_to_the_memories_it_caused(dashboard_run_db, monkeypatch):
    app = open_app("events", monkeypatch, dashboard_run_db)
    caused = [c.value for c in app.caption if c.value.startswith("memories it caused (")]
    assert caused and any(not c.endswith("(0)") for c in caused)
    assert any(t.startswith("observers: ") and t != "observers: none" for t in texts(app))
