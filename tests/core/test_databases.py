"""Read before write: every command refuses what is not a run database, in one line, untouched.

Each command that takes a database is pointed at a directory, a text file, a 0-byte file,
a truncated and a corrupted copy of a real run database, a foreign SQLite file and one
from a newer simverse: each answers ``error: ...`` on one line with exit code 2, and the
file and its directory are byte-for-byte what they were.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from core_helpers import tiny_world

from simverse.cli import console, run_app
from simverse.core.loader import parse_world
from simverse.store.database import SCHEMA_VERSION, check_database
from simverse.store.run_store import open_read_only
from simverse.world.model import World


def cli(capsys, *args: str) -> tuple[int, str]:
    """Run the command line in this process; (exit code, stdout + stderr)."""
    console.width = 200  # tables wide enough that no cell is cut
    with patch.object(sys, "argv", ["simverse", *args]):
        try:
            run_app()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    """A real run database (the tiny world, six steps)."""
    path = tmp_path_factory.mktemp("good") / "run.db"
    world = World(parse_world(tiny_world()), seed=3, db=str(path), embedder="hashing")
    world.run(6)
    world.close()
    return path


def _bad_targets(root: Path, good: Path) -> dict[str, Path]:
    targets = {}
    targets["directory"] = root / "adir"
    targets["directory"].mkdir()
    targets["text"] = root / "notes.txt"
    targets["text"].write_text("these are my notes, not a database\n")
    targets["empty"] = root / "empty.db"
    targets["empty"].write_bytes(b"")
    data = good.read_bytes()
    targets["truncated"] = root / "truncated.db"
    targets["truncated"].write_bytes(data[: len(data) // 2 + 100])
    corrupt = bytearray(data)
    for offset in range(4096 * 2, len(corrupt), 4096):  # scribble over every page header but the first
        corrupt[offset: offset + 16] = b"\xff" * 16
    targets["corrupt"] = root / "corrupt.db"
    targets["corrupt"].write_bytes(bytes(corrupt))
    targets["foreign"] = root / "foreign.db"
    conn = sqlite3.connect(targets["foreign"])
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    targets["newer"] = root / "newer.db"
    shutil.copy(good, targets["newer"])
    conn = sqlite3.connect(targets["newer"])
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return targets


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(root.rglob("*"))}


COMMANDS = [
    ("inspect", "{db}"),
    ("inspect", "{db}", "--run", "1"),
    ("run", "--resume", "{db}", "--steps", "1", "--quiet"),
    ("check", "{db}"),
    ("knowledge", "who-knows", "{db}", "well|is|dry"),
    ("inject", "{db}", "a storm"),
    ("compare", "{db}", "1", "1"),
    ("fork", "{db}", "--at", "1"),
    ("predict", "{db}", "a storm"),
    ("replay", "{db}", "--out", "{out}"),
    ("chat", "{db}", "--npc", "Ann"),
]


@pytest.mark.parametrize("kind", ["directory", "text", "empty", "truncated", "corrupt", "foreign", "newer"])
def test_every_command_refuses_a_non_database_in_one_line_and_leaves_it_untouched(tmp_path, good_db, capsys, kind):
    target = _bad_targets(tmp_path, good_db)[kind]
    before = _snapshot(tmp_path)
    for command in COMMANDS:
        args = [a.format(db=target, out=tmp_path / "replayed.db") for a in command]
        code, out = cli(capsys, *args)
        lines = [line for line in out.splitlines() if line.strip()]
        assert code == 2, (args, out)
        assert len(lines) == 1 and lines[0].startswith("error:"), (args, out)
        assert "Traceback" not in out
        assert _snapshot(tmp_path) == before, (args, "the command changed the directory")


def test_a_corrupt_database_is_never_read_as_if_it_were_sound(tmp_path, good_db):
    target = _bad_targets(tmp_path, good_db)["corrupt"]
    with pytest.raises(ValueError, match="corrupt"):
        check_database(target)


def test_run_refuses_a_database_in_a_missing_directory_and_creates_none(tmp_path, capsys):
    world = tmp_path / "w.toml"
    world.write_text('format_version = 1\nname = "w"\ntitle = "W"\n[[places]]\nid = "a"\nname = "A"\n'
                     '[[npcs]]\nname = "Ann"\npersona = "p"\nstart_place = "a"\n')
    code, out = cli(capsys, "run", str(world), "--db", str(tmp_path / "no" / "such" / "r.db"), "--steps", "1")
    errors = [line for line in out.splitlines() if line.strip() and not line.startswith("note:")]
    assert code == 2 and len(errors) == 1 and errors[0].startswith("error:") and "does not exist" in out
    assert not (tmp_path / "no").exists()


def test_check_passes_a_sound_database_and_says_so(good_db, capsys):
    before = hashlib.sha256(good_db.read_bytes()).hexdigest()
    code, out = cli(capsys, "check", str(good_db))
    assert code == 0 and "ok" in out and f"schema version {SCHEMA_VERSION}" in out
    assert hashlib.sha256(good_db.read_bytes()).hexdigest() == before


def test_the_read_only_open_cannot_write(good_db):
    store = open_read_only(good_db)
    try:
        assert store.runs()
        with pytest.raises(Exception, match=r"readonly|read-only|query_only|attempt to write"):
            store.set_status(1, "tampered")
    finally:
        store.close()
    assert open_read_only(good_db).run(1).status != "tampered"


def test_a_database_made_before_the_schema_stamp_is_still_read_and_resumed(tmp_path, good_db, capsys):
    old = tmp_path / "old.db"
    shutil.copy(good_db, old)
    conn = sqlite3.connect(old)
    conn.execute("DROP TABLE redactions")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    assert check_database(old).schema_version == 1
    code, out = cli(capsys, "inspect", str(old))
    assert code == 0 and "tiny" in out
    code, out = cli(capsys, "run", "--resume", str(old), "--steps", "1", "--quiet")
    assert code == 0, out
    assert check_database(old).schema_version == SCHEMA_VERSION
