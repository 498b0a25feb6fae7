"""A small stored run shared by the dashboard tests, and AppTest helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simverse.dashboard import context
from simverse.world.model import World

PAGES_DIR = Path(__file__).resolve().parents[2] / "simverse" / "dashboard" / "pages"
APP_FILE = PAGES_DIR.parent / "app.py"


@pytest.fixture(scope="session")
def dashboard_run_db(tmp_path_factory) -> Path:
    """harbor_town, seed 1, 8 steps, hashing embedder (built once per session)."""
    path = tmp_path_factory.mktemp("dashboard") / "harbor.db"
    world = World("harbor_town", seed=1, db=str(path), embedder="hashing")
    world.run(8)
    world.close()
    return path


@pytest.fixture
def dashboard_db_copy(dashboard_run_db, tmp_path) -> Path:
    """A private copy of the shared run, for tests that write to it."""
    copy = tmp_path / "harbor.db"
    shutil.copy(dashboard_run_db, copy)
    return copy


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
