"""The database picker's rules: simverse run databases only, opened read-only, other files
refused with the reason and left byte-identical."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest
from dashboard_helpers import run_db_fixture
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from simverse.dashboard.databases import DatabaseRefused, accept, list_databases, read_only_store

dashboard_run_db = run_db_fixture()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def runs_dir(tmp_path, dashboard_run_db):
    runs = tmp_path / "runs"
    (runs / "older").mkdir(parents=True)
    (runs / "older" / "harbor.db").write_bytes(dashboard_run_db.read_bytes())
    foreign = sqlite3.connect(runs / "foreign.db")
    foreign.execute("CREATE TABLE notes (body TEXT)")
    foreign.execute("INSERT INTO notes VALUES ('keep me')")
    foreign.commit()
    foreign.close()
    (runs / "text.db").write_text("not a database at all\n")
    (runs / "empty.db").write_bytes(b"")
    return runs


def test_the_picker_lists_run_databases_and_refuses_every_other_file_with_its_reason(runs_dir):
    before = {p.name: digest(p) for p in runs_dir.rglob("*.db")}
    listing = list_databases(runs_dir)
    assert [p.relative_to(runs_dir).as_posix() for p in listing.databases] == ["older/harbor.db"]
    reasons = {p.name: why for p, why in listing.refused}
    assert set(reasons) == {"foreign.db", "text.db", "empty.db"}
    assert "not a simverse run database" in reasons["foreign.db"] and "runs" in reasons["foreign.db"]
    assert "not an SQLite database" in reasons["text.db"] and "empty file" in reasons["empty.db"]
    assert {p.name: digest(p) for p in runs_dir.rglob("*.db")} == before, "nothing was written"
    assert sorted(p.name for p in runs_dir.iterdir()) == ["empty.db", "foreign.db", "older", "text.db"], \
        "no journal or WAL file was created beside a refused file"


def test_missing_paths_folders_and_other_urls_are_refused(tmp_path):
    with pytest.raises(DatabaseRefused, match="no such run database"):
        accept(tmp_path / "nowhere" / "x.db")
    assert not (tmp_path / "nowhere").exists(), "no directory was created"
    with pytest.raises(DatabaseRefused, match="is a directory"):
        accept(tmp_path)
    with pytest.raises(DatabaseRefused, match="SQLite run database files only"):
        accept("postgresql://localhost/runs")


def test_a_read_only_store_reads_a_run_and_cannot_write(dashboard_run_db):
    before = digest(dashboard_run_db)
    store = read_only_store(dashboard_run_db)
    assert store.last_step(1) == 12
    with store.engine.connect() as connection, pytest.raises(OperationalError, match=r"readonly|read-only|query_only"):
        connection.execute(text("DELETE FROM dialogue"))
    store.close()
    assert digest(dashboard_run_db) == before


def test_the_dashboard_command_refuses_a_foreign_database_in_one_line(runs_dir):
    foreign = runs_dir / "foreign.db"
    before = digest(foreign)
    result = subprocess.run([sys.executable, "-m", "simverse.cli", "dashboard", str(foreign), "--port", "1"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "not a simverse run database" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert digest(foreign) == before
