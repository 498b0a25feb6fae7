"""A stored run (or a sweep's results) read back as DataFrames and graphs, read-only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import simverse
from simverse.analysis import NotARunDatabase
from simverse.core.loader import parse_world
from simverse.world import World
from tests.hamlet import hamlet_world


@pytest.fixture(scope="module")
def run_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analysis") / "hamlet.db"
    world = World(parse_world(hamlet_world()), seed=3, db=str(path))
    world.run(6)
    world.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_table_comes_back_as_a_frame_of_the_run(run_db: Path) -> None:
    with simverse.open(run_db) as runs:
        assert runs.run_ids == [1]
        steps = runs.steps()
        assert list(steps["step"]) == list(range(7))
        assert {"dialogue_lines", "decisions.valid"} <= set(steps.columns)
        states = runs.npc_states()
        assert set(states["npc"]) == {"Ann", "Bob", "Cid"} and len(states) == 3 * 7
        assert len(runs.decisions()) == steps["decisions.valid"].sum() + steps["decisions.defaulted"].sum() + \
            steps["decisions.repaired"].sum() + steps["decisions.retried"].sum()
        assert len(runs.dialogue()) == steps["dialogue_lines"].sum()
        assert (runs.events()["run_id"] == 1).all()
        assert "embedding" not in runs.memories().columns
        assert runs.llm_calls().empty  # the scripted brain makes no LLM call


def test_beliefs_and_who_told_whom_match_the_facts(run_db: Path) -> None:
    with simverse.open(run_db) as runs:
        facts = runs.facts()
        told = facts[facts["told_by"].notna()]
        graph = runs.tell_graph()
        assert graph.number_of_edges() == len(told)
        for teller, hearer, data in graph.edges(data=True):
            row = told[(told["told_by"] == teller) & (told["holder"] == hearer)]
            assert data["fact"] in set(row["subject"] + "|" + row["predicate"] + "|" + row["object"])
        assert "Ann" in set(runs.beliefs_at(0)["holder"])
        assert not runs.beliefs_at(0)["is_truth"].any()
        assert set(runs.place_graph().nodes) == {"square", "bakery", "well"}


def test_reading_leaves_the_file_byte_identical(run_db: Path) -> None:
    before = digest(run_db)
    with simverse.open(run_db) as runs:
        runs.steps(), runs.facts(), runs.memories()
    assert digest(run_db) == before
    assert not Path(f"{run_db}-wal").exists() or Path(f"{run_db}-wal").stat().st_size == 0


@pytest.mark.parametrize("content", [b"", b"hello, not a database\n"])
def test_a_file_that_is_not_a_run_database_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    with pytest.raises(NotARunDatabase, match=r"other\.db"):
        simverse.open(path)
    assert path.read_bytes() == content


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(NotARunDatabase, match="no such database"):
        simverse.open(tmp_path / "nowhere" / "x.db")
    assert not (tmp_path / "nowhere").exists()


def test_an_unknown_run_is_a_clear_error(run_db: Path) -> None:
    with simverse.open(run_db) as runs, pytest.raises(LookupError, match="no run 9"):
        runs.dialogue(runs=9)
