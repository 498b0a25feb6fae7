"""Runs at their edges: one writer per run, the planned length on resume, one-line errors,
escaped terminal output and what the content filter keeps out of the tables."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomli_w
from core_helpers import tiny_world
from test_databases import cli

from simverse.agents.player import talk_to
from simverse.core.loader import parse_world
from simverse.llm.scripted import ScriptedBrain
from simverse.store.run_store import open_read_only
from simverse.world.model import World


def _errors(out: str) -> list[str]:
    """The output's lines but ``note:`` lines (an old world format is noted, not an error)."""
    return [line for line in out.splitlines() if line.strip() and not line.startswith("note:")]


def _world_file(tmp_path: Path, **changes) -> Path:
    world = tiny_world()
    for key, value in changes.items():
        world[key] = value
    path = tmp_path / "world.toml"
    path.write_bytes(tomli_w.dumps(world).encode())
    return path


def _run_db(tmp_path: Path, steps: int = 3, planned: int | None = None) -> Path:
    db = tmp_path / "r.db"
    world = World(parse_world(tiny_world()), seed=1, db=str(db), embedder="hashing", planned_steps=planned)
    world.run(steps)
    world.close()
    return db


def test_a_second_writer_is_refused_in_one_line_naming_the_run_and_the_process(tmp_path, capsys):
    db = _run_db(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import time, sys\n"
        "from simverse.world.model import World\n"
        f"w = World.resume({str(db)!r})\n"
        "print('holding', flush=True)\n"
        "time.sleep(120)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        for args in (("run", "--resume", str(db), "--steps", "1", "--quiet"), ("inject", str(db), "a storm"),
                     ("chat", str(db), "--npc", "Ann")):
            code, out = cli(capsys, *args)
            assert code == 2, out
            assert out.count("\n") == 1 and out.startswith("error:")
            assert "run 1 is being written by process" in out and str(holder.pid) in out
        code, out = cli(capsys, "inspect", str(db))
        assert code == 0 and "running" in out and "interrupted" not in out
    finally:
        holder.kill()
        holder.wait(timeout=30)
    code, out = cli(capsys, "inspect", str(db))
    assert code == 0 and "interrupted" in out, "a run left running by a killed process"
    code, out = cli(capsys, "inject", str(db), "a storm")
    assert code == 0, "the lock goes with the process that held it"


def test_resume_without_steps_finishes_the_planned_length(tmp_path, capsys):
    db = _run_db(tmp_path, steps=3, planned=7)
    code, out = cli(capsys, "run", "--resume", str(db), "--quiet")
    assert code == 0, out
    assert open_read_only(db).last_step(1) == 7
    code, out = cli(capsys, "run", "--resume", str(db), "--steps", "2", "--quiet")
    assert code == 0 and open_read_only(db).last_step(1) == 9
    assert open_read_only(db).run(1).config["planned_steps"] == 9, "--steps N extends the plan"
    assert open_read_only(db).run(1).status == "finished"


def test_a_run_made_before_the_plan_was_stored_runs_48_more_steps_and_says_so(tmp_path, capsys):
    db = _run_db(tmp_path, steps=1, planned=None)
    code, out = cli(capsys, "run", "--resume", str(db), "--quiet")
    assert code == 0 and "no stored planned length" in out
    assert open_read_only(db).last_step(1) == 49


def test_a_run_row_without_step_0_is_started_afresh_on_resume(tmp_path, capsys):
    """Databases of older versions could hold a run killed before its step 0 committed."""
    db = _run_db(tmp_path, steps=4, planned=4)
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table != "runs" and "run_id" in {c[1] for c in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"DELETE FROM {table}")  # everything but the run row, as a kill before step 0 left it
    conn.commit()
    conn.close()
    code, out = cli(capsys, "run", "--resume", str(db), "--quiet")
    assert code == 0, out
    clean = tmp_path / "clean"
    clean.mkdir()
    from core_helpers import same_run

    assert same_run(db, _run_db(clean, steps=4, planned=4))


@pytest.mark.parametrize("option", [("--llm", "bogus"), ("--llm-events", "nonsense:"), ("--embedder", "word2vec")])
def test_a_bad_model_option_is_one_line_and_creates_nothing(tmp_path, capsys, option):
    db = tmp_path / "r.db"
    code, out = cli(capsys, "run", str(_world_file(tmp_path)), "--db", str(db), "--steps", "1", *option)
    assert code == 2 and len(_errors(out)) == 1 and _errors(out)[0].startswith("error:") and option[0] in out
    assert not db.exists()


@pytest.mark.parametrize(("option", "said"), [
    (("--brain", "Zed=scripted"), "error: brain for 'Zed': no NPC of that name"),
    (("--brain", "share:1.5=scripted"), "error: brain for 'share:1.5': the share must be between 0 and 1"),
    (("--brain", "Ann=bogus:x"), "error: brain for 'Ann': bad LLM spec 'bogus:x'"),
    (("--brain", "Ann=human:players#nan"), "error: brain for 'Ann': bad LLM spec 'human:players#nan': "
                                           "human:DIR#SECONDS waits a number of seconds above 0, not 'nan'"),
    (("--llm", "human:players#-1"), "error: --llm: bad LLM spec 'human:players#-1'"),
    (("--replay", "{db}#abc"), "error: replay '{db}#abc': after '#' comes a run id (DB or DB#RUN), not 'abc'"),
])
def test_a_bad_brain_or_replay_option_is_one_line_and_creates_no_database(tmp_path, capsys, option, said):
    """Before, a --brain naming no NPC or with a bad spec was refused only after the run
    database was made; DB#abc was 'invalid literal for int()', and a human brain's timeout of
    nan or -1 was taken."""
    db, recorded = tmp_path / "r.db", tmp_path / "rec.db"
    World(parse_world(tiny_world()), db=str(recorded), embedder="hashing").close()
    option = tuple(o.replace("{db}", str(recorded)) for o in option)
    code, out = cli(capsys, "run", str(_world_file(tmp_path)), "--db", str(db), "--steps", "1", *option)
    assert code == 2 and _errors(out) == [_errors(out)[0]] and _errors(out)[0].startswith(
        said.replace("{db}", str(recorded)))
    assert not db.exists()


@pytest.mark.parametrize("field,value", [("llm", "gpt-please"), ("embedder", "bogus")])
def test_a_bad_model_setting_in_the_world_file_is_one_line_and_makes_no_run(tmp_path, capsys, field, value):
    settings = {**tiny_world()["settings"], field: value}
    db = tmp_path / "r.db"
    code, out = cli(capsys, "run", str(_world_file(tmp_path, settings=settings)), "--db", str(db), "--steps", "1")
    assert code == 2 and len(_errors(out)) == 1 and _errors(out)[0].startswith("error:") and f"settings.{field}" in out
    assert not db.exists()
    with pytest.raises(ValueError, match=field):
        World(parse_world({**tiny_world(), "settings": settings}), db=str(db))
    assert not db.exists() or open_read_only(db).runs() == [], "no run row for a run that cannot start"


def test_rich_markup_in_a_world_title_is_printed_as_written(tmp_path, capsys):
    code, out = cli(capsys, "run", str(_world_file(tmp_path, title="[/bold] Tiny [red]Hamlet")),
                    "--db", str(tmp_path / "r.db"), "--steps", "1", "--quiet")
    assert code == 0, out
    assert "[/bold] Tiny [red]Hamlet" in out


def test_inspect_shows_control_characters_in_stored_text_escaped(tmp_path, capsys):
    db = _run_db(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE events SET narration = ? WHERE id = (SELECT min(id) FROM events WHERE action != 'wait')",
                 ("A bell\x1b[2J\x1b[31m rings\r\x07 [bold]loud",))
    conn.commit()
    conn.close()
    code, out = cli(capsys, "inspect", str(db), "--run", "1")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "\\x1b[2J" in out and "[bold]loud" in out


class Rude(ScriptedBrain):
    """The scripted brain, swearing in every line it says."""

    def decide_batch(self, requests):
        answers = super().decide_batch(requests)
        for answer in answers:
            if answer.utterance:
                answer.utterance = f"{answer.utterance} You sh1t-for-brains b!tch."
        return answers


def test_blocked_lines_are_stored_only_in_the_redactions_table(tmp_path):
    db = tmp_path / "r.db"
    world = World(parse_world(tiny_world()), seed=1, db=str(db), embedder="hashing", brain=Rude())
    world.run(4)
    reply = talk_to(world, "Ann", "Hello, you f u c k i n g baker")
    world.close()
    assert "sh1t" not in reply and "b!tch" not in reply
    conn = sqlite3.connect(db)
    redacted = [r[0] for r in conn.execute("SELECT blocked_text FROM redactions")]
    assert any("sh1t-for-brains" in text for text in redacted)
    assert any("f u c k i n g" in text for text in redacted), "the player's words are screened too"
    for table, column in (("dialogue", "text"), ("decisions", "utterance"), ("memories", "text"),
                          ("events", "narration"), ("events", "reason"), ("steps", "runtime")):
        leaked = conn.execute(f"SELECT count(*) FROM {table} WHERE {column} LIKE '%sh1t%' "
                              f"OR {column} LIKE '%b!tch%' OR {column} LIKE '%f u c k%'").fetchone()[0]
        assert leaked == 0, f"{table}.{column} holds blocked text"
    conn.close()


def _simverse(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simverse.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "COLUMNS": "200"})


KILLS = 8


def _timed_run(args: list[str], db: Path) -> tuple[float, float]:
    """Run to the end; seconds until the database file appeared, and until the process ended."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "simverse.cli", *args, "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    appeared = None
    while proc.poll() is None:
        if appeared is None and db.exists():
            appeared = time.perf_counter() - started
        time.sleep(0.02)
    assert proc.returncode == 0
    return appeared or 0.0, time.perf_counter() - started


def _wait_for_steps(db: Path, proc: subprocess.Popen, steps: int) -> None:
    """Wait until the run's database holds ``steps`` committed steps after step 0, or the run
    ended. A database still being made (no file, no table yet) holds none."""
    while proc.poll() is None:
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                written = conn.execute("SELECT count(*) FROM steps").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.OperationalError:  # no file or no steps table yet: nothing written
            written = 0
        if written > steps:
            return
        time.sleep(0.01)


def test_kill_at_random_moments_leaves_no_run_or_one_that_resumes_to_the_same_run(tmp_path):
    """Kill a real ``simverse run`` at seeded random moments: half around its start (before
    the database exists, while step 0 is made), half while it steps (after a seeded number of
    steps is on disk, so a slow machine cannot turn them into kills at the start). Every
    database is then absent, holds no run, or resumes (``--resume`` with no ``--steps``) to
    exactly the uninterrupted run."""
    import random

    from core_helpers import same_run

    from simverse.store.database import check_database

    world = _world_file(tmp_path)
    args = ["run", str(world), "--steps", "60", "--seed", "4", "--quiet", "--embedder", "hashing"]
    appeared, whole = _timed_run(args, tmp_path / "clean.db")
    rng = random.Random(1616)
    outcomes = []
    for attempt in range(KILLS):
        db = tmp_path / f"killed{attempt}.db"
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "simverse.cli", *args, "--db", str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt % 2 == 0:
            time.sleep(rng.uniform(0.7 * appeared, appeared + 0.3))
        else:
            _wait_for_steps(db, proc, rng.randint(1, 40))
        at = time.perf_counter() - started
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        resumed = _simverse("run", "--resume", str(db), "--quiet")
        lines = resumed.stdout.strip().splitlines()
        assert "Traceback" not in resumed.stdout + resumed.stderr, resumed
        if resumed.returncode == 0:
            assert same_run(db, tmp_path / "clean.db"), f"kill {attempt}: the resumed run differs"
            outcomes.append(f"{at:.1f}s: resumed")
            continue
        assert resumed.returncode == 2 and len(lines) == 1 and lines[0].startswith("error:"), resumed
        if not db.exists():
            outcomes.append(f"{at:.1f}s: no database")
        else:
            check_database(db)
            assert open_read_only(db).runs() == [], f"kill {attempt}: a run that cannot be resumed"
            outcomes.append(f"{at:.1f}s: no run")
    print(f"database after {appeared:.1f}s, run ended after {whole:.1f}s; kills:", "; ".join(outcomes))
    assert any(o.endswith("resumed") for o in outcomes)


def test_a_kill_inside_step_0_leaves_no_run_and_the_path_stays_usable(tmp_path, capsys):
    """The run row and step 0 commit together: killed while step 0 is being written, the
    database holds no run (resume says so in one line) and a new run starts there."""
    db, marker = tmp_path / "r.db", tmp_path / "in-step-0"
    script = "\n".join([
        "import sys, time",
        "from pathlib import Path",
        "from simverse.core.loader import parse_world",
        "import simverse.world.model as model",
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})",
        "from core_helpers import tiny_world",
        "def stall(*args):  # inside step 0's transaction, after the run row is inserted",
        f"    Path({str(marker)!r}).write_text('now'); time.sleep(60)",
        "model.seed_knowledge = stall",
        f"model.World(parse_world(tiny_world()), seed=1, db={str(db)!r}, embedder='hashing')",
    ])
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 120
    while not marker.exists():
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.time() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    code, out = cli(capsys, "run", "--resume", str(db), "--quiet")
    assert code == 2 and _errors(out) == [out.strip()] and out.startswith("error:") and "holds no run" in out
    code, out = cli(capsys, "run", str(_world_file(tmp_path)), "--db", str(db), "--steps", "2", "--quiet")
    assert code == 0, out
    assert [r.id for r in open_read_only(db).runs()] == [1]
