"""A small stored run shared by the dashboard tests, and AppTest helpers.

A plain module, not a conftest: test modules import its fixtures by name (another
``conftest`` module on the path would shadow a ``from conftest import``). Each test module
declares the fixtures it needs with :func:`run_db_fixture` / :func:`db_copy_fixture`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simverse.core.loader import load_world
from simverse.dashboard import context
from simverse.world.model import World

PAGES_DIR = Path(__file__).resolve().parents[2] / "simverse" / "dashboard" / "pages"
APP_FILE = PAGES_DIR.parent / "app.py"


def build_run_db(tmp_path_factory) -> Path:
    """harbor_town, seed 1, 8 steps, hashing embedder, full retrieval logs (the NPC page
    explains a recall by its score parts, which only full logs keep)."""
    path = tmp_path_factory.mktemp("dashboard") / "harbor.db"
    spec = load_world("harbor_town")
    spec.settings.retrieval_log = "full"
    world = World(spec, seed=1, db=str(path), embedder="hashing")
    world.run(8)
    world.close()
    return path


def run_db_fixture():
    """A module's ``dashboard_run_db`` fixture: the small run, built once per module."""

    @pytest.fixture(scope="module")
    def dashboard_run_db(tmp_path_factory) -> Path:
        return build_run_db(tmp_path_factory)

    return dashboard_run_db


def db_copy_fixture():
    """A module's ``dashboard_db_copy`` fixture: a private copy of the run, for tests that write."""

    @pytest.fixture
    def dashboard_db_copy(dashboard_run_db, tmp_path) -> Path:
        copy = tmp_path / "harbor.db"
        shutil.copy(dashboard_run_db, copy)
        return copy

    return dashboard_db_copy


def open_page(name: str, monkeypatch, target: str | Path, **env: str) -> AppTest:
    """Run one page as its own script, the dashboard's target set as the CLI sets it."""
    monkeypatch.setenv(context.ENV_TARGET, str(target))
    monkeypatch.setenv(context.ENV_EMBEDDER, "hashing")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    page = AppTest.from_file(str(PAGES_DIR / f"{name}.py"), default_timeout=60)
    page.run()
    assert not page.exception, [e.value for e in page.exception]
    return page


def texts(page: AppTest) -> list[str]:
    """Every ``st.text`` value on the page."""
    return [t.value for t in page.text]
