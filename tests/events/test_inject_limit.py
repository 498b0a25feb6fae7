"""A person's injected event text is held to MAX_INJECTED_CHARS where it is given (the API,
``simverse inject``, ``simverse fork --inject``, ``simverse predict``, a sweep file, the dashboard), with an error
naming the command or field and the limit, before anything is written. A stored injection
longer than that (a run made before the limit) still resumes and fires. Before, any length
was queued: a pasted book went into every observer's inbox and the events model's prompt.
The text must also be plain text: a lone surrogate (command-line bytes that are not UTF-8)
was queued, and every resume of the run then died in a tokenizer traceback."""

from __future__ import annotations

import re
import sqlite3

import pytest
import tomli_w
from event_helpers import make_port, new_port
from typer.testing import CliRunner

from simverse.cli import app
from simverse.core.runtime import MAX_INJECTED_CHARS, Injection, StepRuntime
from simverse.events.prediction import action_from_text
from simverse.experiments.sweep_config import SweepConfigError, load_sweep
from simverse.store.run_store import RunStore, db_url
from simverse.world.model import World

LONG = "A whale is seen off the lighthouse. " * (MAX_INJECTED_CHARS // 36 + 1)
LIMIT = f"the limit is {MAX_INJECTED_CHARS}"


def _stored_run(tmp_path) -> str:
    db = str(tmp_path / "run.db")
    world = make_port(new_port(), db=db)
    world.run(2)
    world.close()
    return db


def test_the_api_refuses_a_longer_event_or_scene_and_takes_one_at_the_limit():
    world = make_port(new_port())
    with pytest.raises(ValueError, match=rf"^inject: the event text has {len(LONG.strip())} characters; {LIMIT}$"):
        world.inject(LONG)
    with pytest.raises(ValueError, match=rf"^scene: .*{LIMIT}$"):
        world.scene(LONG)
    assert world.pending == []
    world.inject("x" * MAX_INJECTED_CHARS)
    assert len(world.pending[0].description) == MAX_INJECTED_CHARS


@pytest.mark.parametrize("command", [["inject", "{db}", LONG], ["fork", "{db}", "--at", "1", "--inject", LONG]])
def test_the_cli_refuses_a_longer_event_and_writes_nothing(tmp_path, command):
    db = _stored_run(tmp_path)
    result = CliRunner().invoke(app, [db if a == "{db}" else a for a in command])
    assert result.exit_code != 0 and LIMIT in str(result.exception)
    store = RunStore(db_url(db))
    try:
        assert len(store.runs()) == 1
        assert StepRuntime.from_json(store.step_row(1, store.last_step(1)).runtime).pending == []
    finally:
        store.close()


def test_predict_refuses_a_longer_text_naming_the_argument_before_the_run_loads(tmp_path):
    """Before, ``simverse predict DB TEXT`` sent any length to the events model's prompt."""
    db = _stored_run(tmp_path)
    for extra in ([], ["--npc", "Ann"]):
        result = CliRunner().invoke(app, ["predict", db, LONG, *extra])
        assert result.exit_code != 0
        assert str(result.exception) == f"predict TEXT: the event text has {len(LONG.strip())} characters; {LIMIT}"


def test_the_prediction_api_refuses_a_longer_event_or_action_text():
    world = make_port(new_port())
    with pytest.raises(ValueError, match=rf"^predict: .*{LIMIT}$"):
        world.predict(LONG)
    with pytest.raises(ValueError, match=rf"^predict: .*{LIMIT}$"):
        action_from_text(world.spec, world.state, "Ann", LONG)
    assert world.predict("x" * MAX_INJECTED_CHARS).actor is None


@pytest.mark.parametrize(("text", "said"), [
    ("a storm \udcff", "a lone surrogate (not UTF-8 text), U+DCFF at character 9"),
    ("a storm\x00", "a control character, U+0000 at character 8"),
    ("\x1b[2Ja storm", "a control character, U+001B at character 1"),
    ("a storm \u202eredro", "a control character, U+202E at character 9"),
])
def test_event_text_that_is_not_plain_text_is_refused_and_queues_nothing(tmp_path, text, said):
    db = _stored_run(tmp_path)
    for command in (["inject", db, text], ["fork", db, "--at", "1", "--inject", text], ["predict", db, text]):
        result = CliRunner().invoke(app, command)
        what = "predict TEXT" if command[0] == "predict" else "inject"
        assert str(result.exception) == f"{what}: the text holds {said}; give plain text"
    world = World.resume(db, embedder="hashing")
    assert world.pending == [] and len(world.store.runs()) == 1
    with pytest.raises(ValueError, match=f"^scene: the text holds {re.escape(said)}"):
        world.scene(text)
    world.inject("Ein Sturm \u05e9\u200d zieht auf,\n\tüber dem Hafen.")
    world.step()
    world.close()


def test_a_sweep_file_with_a_longer_event_is_refused_naming_the_field(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(tomli_w.dumps({"name": "s", "world": "harbor_town", "steps": 2,
                                   "inject": [{"step": 1, "text": LONG}]}), encoding="utf-8")
    with pytest.raises(SweepConfigError, match=rf"inject\[0\]\.text: .*{MAX_INJECTED_CHARS}"):
        load_sweep(path)


def test_a_stored_injection_longer_than_the_limit_still_resumes_and_fires(tmp_path):
    """Runs made before the limit may hold a longer queued event; resuming takes it as stored."""
    db = _stored_run(tmp_path)
    store = RunStore(db_url(db))
    runtime = StepRuntime.from_json(store.step_row(1, 2).runtime)
    runtime.queue(Injection(LONG.strip(), [], None, None, 6))
    with store.session() as session, session.begin():
        store.save_runtime(session, 1, 2, runtime)
    store.close()
    resumed = World.resume(db, embedder="hashing")
    assert [i.description for i in resumed.pending] == [LONG.strip()]
    resumed.step()
    assert resumed.pending == [] and resumed.step_index == 3
    resumed.close()
    with sqlite3.connect(db) as connection:
        fired = connection.execute("SELECT narration FROM events WHERE step = 3 AND kind = 'injected'").fetchall()
    assert fired == [(LONG.strip(),)]


def test_a_sweep_event_that_is_not_plain_text_is_refused_naming_the_field(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(tomli_w.dumps({"name": "s", "world": "harbor_town", "steps": 2,
                                   "inject": [{"step": 1, "text": "a storm\x00"}]}), encoding="utf-8")
    with pytest.raises(SweepConfigError, match=r"inject\[0\]\.text: .*U\+0000 at character 8"):
        load_sweep(path)


def test_an_empty_event_or_prediction_text_is_refused_by_name(tmp_path):
    """Before, ``World.inject("  ")`` queued an event of no text and ``simverse predict DB ''``
    printed a prediction of nothing."""
    world = make_port(new_port())
    for call, what in ((world.inject, "inject"), (world.scene, "scene"), (world.predict, "predict")):
        with pytest.raises(ValueError, match=rf"^{what}: the event text is empty$"):
            call("  ")
    assert world.pending == []
    result = CliRunner().invoke(app, ["predict", _stored_run(tmp_path), " "])
    assert str(result.exception) == "predict TEXT: the event text is empty"
