"""Stored runs shared by the dashboard tests, and AppTest helpers.

A plain module, not a conftest: test modules import its fixtures by name (another
``conftest`` module on the path would shadow a ``from conftest import``). Each test module
declares the fixtures it needs with :func:`run_db_fixture` / :func:`db_copy_fixture` /
:func:`llm_run_db_fixture`.

Two runs: harbor_town with the scripted brain (12 steps: long enough for a fact to be told),
and the hamlet with an LLM brain whose backend answers from a fixed list of texts (valid JSON, junk that is retried or
defaulted, and lines the content filter blocks), so every model call is recorded through
the real prompt, parse, repair and recording code, in seconds and with no model.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simverse.core.llm_protocol import LLMRequest, LLMResponse
from simverse.core.loader import load_world, parse_world
from simverse.dashboard import context
from simverse.llm.brain import LLMBrain
from simverse.llm.recording import RecordingBackend
from simverse.world.model import World
from tests.hamlet import hamlet_world

APP_FILE = Path(__file__).resolve().parents[2] / "simverse" / "dashboard" / "app.py"
PREPARED_ANSWERS = (
    '{"action": "talk", "args": {"npc": "Bob"}, "utterance": "Did you hear? The well is dry.", "told_facts": []}',
    "no json here at all",
    '{"action": "wait", "args": {}}',
    '{"action": "talk", "args": {"npc": "Ann"}, "utterance": "What a shit day, you bastard.",'
    ' "end_conversation": true}',
)
BLOCKED_WORDS = ("shit", "bastard")


class PreparedBackend:
    """A text backend answering each request with the next of a few fixed texts."""

    name = "prepared"
    model = "answers"

    def __init__(self, answers: Sequence[str] = PREPARED_ANSWERS) -> None:
        self._answers = itertools.cycle(answers)

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        return [LLMResponse(text=next(self._answers), prompt_tokens=sum(len(m.content) for m in r.messages) // 4,
                            completion_tokens=24, latency_s=0.01) for r in requests]


def build_run_db(tmp_path_factory) -> Path:
    """harbor_town, seed 1, 12 steps (a fact is first told at step 10), hashing embedder, full
    retrieval logs (the NPC page explains a recall by its score parts, which only full logs keep)."""
    path = tmp_path_factory.mktemp("dashboard") / "harbor.db"
    spec = load_world("harbor_town")
    spec.settings.retrieval_log = "full"
    world = World(spec, seed=1, db=str(path), embedder="hashing")
    world.run(12)
    world.close()
    return path


def build_llm_run_db(folder: Path, steps: int = 4) -> Path:
    """The hamlet, 4 steps, an LLM brain over :class:`PreparedBackend` (run 1 of a new file)."""
    spec = hamlet_world()
    spec["events"] = [{"at_step": 1, "description": "A bell rings."}, {"at_step": 2, "description": "A cart rattles."}]
    path = folder / "hamlet_llm.db"
    brain = LLMBrain(RecordingBackend(PreparedBackend(), run_id=1, ids=1))
    world = World(parse_world(spec), seed=3, db=str(path), llm="openai:http://127.0.0.1:9/v1#answers", brain=brain,
                  llm_seed="honoured")  # the prepared backend answers; no server is asked
    world.run(steps)
    world.close()
    return path


def run_db_fixture():
    """A module's ``dashboard_run_db`` fixture: the small run, built once per module."""

    @pytest.fixture(scope="module")
    def dashboard_run_db(tmp_path_factory) -> Path:
        return build_run_db(tmp_path_factory)

    return dashboard_run_db


def llm_run_db_fixture():
    """A module's ``llm_run_db`` fixture: the hamlet run with recorded model calls."""

    @pytest.fixture(scope="module")
    def llm_run_db(tmp_path_factory) -> Path:
        return build_llm_run_db(tmp_path_factory.mktemp("llm"))

    return llm_run_db


def db_copy_fixture():
    """A module's ``dashboard_db_copy`` fixture: a private copy of the run, for tests that write."""

    @pytest.fixture
    def dashboard_db_copy(dashboard_run_db, tmp_path) -> Path:
        copy = tmp_path / "harbor.db"
        shutil.copy(dashboard_run_db, copy)
        return copy

    return dashboard_db_copy


@pytest.fixture
def fresh_hub():
    """Each test starts with no live world (the hub is one per process, like a server)."""
    context.hub().close()
    context.hub.clear()
    yield
    context.hub().close()
    context.hub.clear()


def open_app(page: str, monkeypatch, target: str | Path, query: dict[str, str] | None = None, **env: str) -> AppTest:
    """Run the app as the CLI would (its target in the environment) and go to ``page``."""
    monkeypatch.setenv(context.ENV_TARGET, str(target))
    monkeypatch.setenv(context.ENV_EMBEDDER, "hashing")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = AppTest.from_file(str(APP_FILE), default_timeout=120)
    app.run()
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> list[str]:
    """Every ``st.text`` value on the page."""
    return [t.value for t in app.text]


def markdown_bodies(app: AppTest) -> list[str]:
    """Every Markdown-rendered string: markdown, captions, headers, titles."""
    out = []
    for kind in ("markdown", "caption", "header", "subheader", "title"):
        out += [e.value for e in app.get(kind)]
    return out
