"""Provenance that cannot lie: brain switches are refused or recorded, replays reproduce
switches and player talk and end finished, and the summary tells model from skipped."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

import pytest
import tomli_w
from sqlalchemy import select
from typer.testing import CliRunner

from simverse.agents.player import PlayerChat, talk_to
from simverse.cli import app
from simverse.core.loader import parse_world
from simverse.llm.openai_backend import SEED_PROBE
from simverse.store.digest import run_digest
from simverse.store.llm_models import LLMSwitch
from simverse.store.run_store import RunStore
from simverse.store.talk_models import PlayerTalkRow
from simverse.world.connect import BrainMismatch
from simverse.world.model import World
from tests.hamlet import hamlet_world
from tests.llm.conftest import free_port
from tests.llm.fake_openai import WAIT

runner = CliRunner()


def hamlet():
    spec = hamlet_world()
    spec["events"] = [{"at_step": 1, "description": "A bell rings."},
                      {"at_step": 3, "description": "A cart rattles past."}]
    return spec


def world_dir(tmp_path):
    folder = tmp_path / "hamlet"
    folder.mkdir()
    (folder / "world.toml").write_text(tomli_w.dumps(hamlet()))
    return folder


def flat(table: str) -> str:
    """A printed table's text as one line (cells wrap across lines)."""
    return re.sub(r"[│\s]+", " ", table)


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_resuming_with_another_brain_is_refused_without_switch_llm(tmp_path, fake):
    server = fake(lambda body: WAIT)
    db = str(tmp_path / "run.db")
    World(parse_world(hamlet()), seed=1, db=db).run(1)
    with pytest.raises(BrainMismatch, match="--switch-llm"):
        World.resume(db, llm=f"openai:{server.url}#m")
    assert RunStore(f"sqlite:///{db}").run().llm == "scripted"


def test_a_switch_is_recorded_with_its_step_and_replay_switches_at_the_same_point(tmp_path, fake):
    server = fake(lambda body: WAIT)
    db = str(tmp_path / "run.db")
    World(parse_world(hamlet()), seed=1, db=db).run(2)
    spec = f"openai:{server.url}#m"
    resumed = World.resume(db, llm=spec, switch_llm=True, llm_seed="honoured")
    resumed.run(2)
    resumed.close()
    store = RunStore(f"sqlite:///{db}")
    with store.session() as session:
        [switch] = session.scalars(select(LLMSwitch)).all()
    assert (switch.step, switch.role, switch.from_llm, switch.to_llm) == (2, "npc", "scripted", spec)
    assert store.run().llm == spec
    code, out = invoke("inspect", db, "--run", "1")
    assert code == 0 and "after step 2: npc scripted ->" in out
    code, out = invoke("replay", db, "--out", str(tmp_path / "replay.db"))
    assert code == 0, out
    assert "identical" in out and "brain switch after step 2" in out
    assert RunStore(f"sqlite:///{tmp_path / 'replay.db'}").run().status == "finished"


def test_a_run_with_player_talk_replays_completely_and_identically(tmp_path):
    db = str(tmp_path / "run.db")
    world = World(parse_world(hamlet()), seed=2, db=db)
    world.run(1)
    chat = PlayerChat("Ann")
    talk_to(world, "Ann", "Is the well dry?", chat)
    talk_to(world, "Ann", "And the bread?", chat)
    world.run(1)
    talk_to(world, "Bob", "Good morning.")
    world.close()
    with RunStore(f"sqlite:///{db}").session() as session:
        talks = session.scalars(select(PlayerTalkRow).order_by(PlayerTalkRow.id)).all()
    assert [(t.step, t.npc) for t in talks] == [(1, "Ann"), (1, "Ann"), (2, "Bob")]
    assert talks[0].conversation == talks[1].conversation != talks[2].conversation
    code, out = invoke("replay", db, "--out", str(tmp_path / "replay.db"))
    assert code == 0 and "identical" in out, out


def test_resume_after_talk_continues_exactly_like_the_uninterrupted_run(tmp_path):
    straight = World(parse_world(hamlet()), seed=4, db=str(tmp_path / "a.db"))
    straight.run(1)
    talk_to(straight, "Ann", "Hello!")
    straight.run(2)
    interrupted = World(parse_world(hamlet()), seed=4, db=str(tmp_path / "b.db"))
    interrupted.run(1)
    talk_to(interrupted, "Ann", "Hello!")
    interrupted.close()
    resumed = World.resume(str(tmp_path / "b.db"))
    resumed.run(2)
    assert run_digest(resumed.store, resumed.run_id) == run_digest(straight.store, straight.run_id)


def test_the_summary_tells_model_decisions_from_skipped_ones(tmp_path, fake):
    server = fake(lambda body: WAIT)
    folder = world_dir(tmp_path)
    code, out = invoke("run", str(folder), "--steps", "2", "--db", str(tmp_path / "run.db"), "--quiet",
                       "--llm", f"openai:{server.url}#m")
    assert code == 0, out
    assert re.search(r"model decisions\s+│ valid \d+ \(100%\)", out), out
    assert re.search(r"other decisions\s+│ \d+ skipped", out), out
    assert "1.00 per active agent-step" in out and "llm errors" in out


def test_without_the_skip_rule_the_model_decides_for_every_npc(tmp_path, fake):
    server = fake(lambda body: WAIT)
    code, out = invoke("run", str(world_dir(tmp_path)), "--steps", "2", "--db", str(tmp_path / "run.db"),
                       "--quiet", "--no-skip-idle", "--llm", f"openai:{server.url}#m")
    assert code == 0, out
    assert re.search(r"other decisions\s+│ none", out), out
    assert re.search(r"model decisions\s+│ valid 6 \(100%\)", out), out


def simverse(*args: str):
    """The real command line (its error policy included), as a user runs it."""
    done = subprocess.run([sys.executable, "-m", "simverse.cli", *args], capture_output=True, text=True,
                          timeout=600)
    return done.returncode, done.stdout + done.stderr


def test_an_unreachable_llm_stops_the_run_at_start_with_one_line_and_exit_2(tmp_path):
    code, out = simverse("run", str(world_dir(tmp_path)), "--db", str(tmp_path / "run.db"),
                         "--llm", f"openai:http://127.0.0.1:{free_port()}/v1#m")
    assert code == 2 and "Traceback" not in out, out
    assert out.strip().startswith("error:") and "unreachable" in out


def test_a_server_lost_mid_run_stops_it_after_the_committed_steps(tmp_path, fake):
    answered = itertools.count()

    def answer(body):
        if next(answered) >= 3:
            raise ConnectionAbortedError("server gone")
        return WAIT

    server = fake(answer)
    db = tmp_path / "run.db"
    code, out = simverse("run", str(world_dir(tmp_path)), "--steps", "3", "--db", str(db), "--quiet",
                         "--no-skip-idle", "--llm-seed", "honoured", "--llm", f"openai:{server.url}#m")
    assert code == 2 and "Traceback" not in out, out
    assert "stopped at step 1" in out
    run = RunStore(f"sqlite:///{db}").run()
    assert (run.last_step, run.status) == (1, "stopped")


def test_a_fork_after_player_talk_and_before_a_switch_resumes_cleanly(tmp_path, fake):
    server = fake(lambda body: WAIT)
    db = str(tmp_path / "run.db")
    world = World(parse_world(hamlet()), seed=5, db=db)
    world.run(1)
    talk_to(world, "Ann", "Any news?")
    world.run(1)
    world.close()
    resumed = World.resume(db, llm=f"openai:{server.url}#m", switch_llm=True, llm_seed="honoured")
    resumed.run(1)
    child = resumed.fork(1)
    resumed.close()
    store = RunStore(f"sqlite:///{db}")
    assert store.run(child).llm == "scripted"  # the brain it had at step 1
    forked = World.resume(db, run_id=child)
    forked.run(2)  # ids continue after the copied talk: no duplicate key
    assert forked.step_index == 3


def test_the_world_file_can_turn_the_skip_rule_off_and_resume_keeps_it(tmp_path, fake):
    server = fake(lambda body: WAIT)
    spec = hamlet()
    spec["settings"]["skip_idle"] = False
    db = str(tmp_path / "run.db")
    world = World(parse_world(spec), seed=1, db=db, llm=f"openai:{server.url}#m", llm_seed="honoured")
    assert world.brain.skip_idle is False
    world.run(1)
    world.close()
    assert RunStore(f"sqlite:///{db}").run().config["skip_idle"] is False
    resumed = World.resume(db, llm_seed="honoured")
    assert resumed.brain.skip_idle is False
    resumed.close()


def test_a_sampled_run_on_a_server_that_ignores_seed_says_it_replays_only_from_its_recording(tmp_path, fake):
    drawn = itertools.count()
    server = fake(lambda body: f"w{next(drawn)}" if body["messages"][0]["content"] == SEED_PROBE else WAIT)
    code, out = invoke("run", str(world_dir(tmp_path)), "--steps", "1", "--db", str(tmp_path / "run.db"),
                       "--quiet", "--llm", f"openai:{server.url}#m")
    assert code == 0, out
    assert "npc ignored" in out and "cannot be replayed bit-identically" in flat(out)
    declared = fake(lambda body: WAIT)
    (tmp_path / "b").mkdir()
    code, out = invoke("run", str(world_dir(tmp_path / "b")), "--steps", "1", "--db", str(tmp_path / "b.db"),
                       "--quiet", "--llm-seed", "ignored", "--llm", f"openai:{declared.url}#m")
    assert code == 0 and "cannot be replayed bit-identically" in flat(out), out
