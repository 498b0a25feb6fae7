"""A person plays an NPC: the world asks through files, ``simverse play`` answers, the run
records the answers (and replays without the person); silence becomes a wait."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from simverse.core.loader import parse_world
from simverse.llm.human import answer_question, decision_from_line
from simverse.store.digest import run_digest
from simverse.world import World
from tests.hamlet import hamlet_world


def test_typed_lines_become_decisions():
    assert decision_from_line("go square", reply=False) == {"action": "move", "args": {"place": "square"}}
    assert decision_from_line("talk Ann the well is dry", reply=False)["utterance"] == "the well is dry"
    assert decision_from_line("buy loaf", reply=False, arg_names=["item"]) == {"action": "buy",
                                                                                "args": {"item": "loaf"}}
    assert decision_from_line("", reply=False)["action"] == "wait"
    assert decision_from_line("bye", reply=True)["end_conversation"] is True
    assert decision_from_line("Hello there", reply=True)["utterance"] == "Hello there"


def test_a_typed_line_that_is_not_plain_text_is_refused_and_the_question_stays_open(tmp_path):
    """Before, a lone surrogate (typed bytes that are not UTF-8) was a UnicodeEncodeError
    traceback writing the answer file, which ended ``simverse play``; a pasted page was
    cut to the first 600 characters by the world without a word."""
    ask = tmp_path / "ask-1.json"
    ask.write_text('{"tag": "step 1 Ann reply", "messages": [["user", "hi"]]}', encoding="utf-8")
    for line in ("hello \udcff", "hello\x00", "talk Bob \x1b[2J"):
        with pytest.raises(ValueError, match=r"^play: the text holds .*; give plain text$"):
            answer_question(ask, line)
    with pytest.raises(ValueError, match=r"^play: at most 600 characters per line \(got 5000\)$"):
        answer_question(ask, "x" * 5000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ask-1.json"]
    assert answer_question(ask, "shalom \u05e9\u05dc\u05d5\u05dd")["utterance"] == "shalom \u05e9\u05dc\u05d5\u05dd"


def world_with_player(tmp_path: Path, db: str, timeout: float, replay: str | None = None) -> World:
    spec = parse_world(hamlet_world())
    brain = f"human:{tmp_path / 'players'}#{timeout}"
    return World(spec, seed=3, db=db, memory=False, brains={"Cid": brain}, replay=replay)


def test_a_player_moves_their_npc_and_the_run_replays_without_them(tmp_path: Path):
    world = world_with_player(tmp_path, str(tmp_path / "live.db"), timeout=300)
    player = subprocess.Popen([sys.executable, "-m", "simverse.cli", "play", "Cid", "--dir",
                               str(tmp_path / "players"), "--turns", "1"], stdin=subprocess.PIPE, text=True,
                              stdout=subprocess.DEVNULL)
    stepping = threading.Thread(target=world.step)
    stepping.start()
    player.communicate("go bakery\n", timeout=600)
    stepping.join(timeout=600)
    assert world.npcs["Cid"].place == "bakery"
    assert world.last_stats["brains"][f"human:{tmp_path / 'players'}#300"]["valid"] == 1
    replayed = world_with_player(tmp_path, str(tmp_path / "replay.db"), timeout=300,
                                 replay=str(tmp_path / "live.db"))
    replayed.step()
    assert run_digest(replayed.store, replayed.run_id) == run_digest(world.store, world.run_id)


def test_no_answer_in_time_is_a_safe_wait(tmp_path: Path):
    world = world_with_player(tmp_path, str(tmp_path / "quiet.db"), timeout=0.3)
    place = world.npcs["Cid"].place
    world.step()
    assert world.npcs["Cid"].place == place
    assert world.last_stats["brains"][f"human:{tmp_path / 'players'}#0.3"]["defaulted"] == 1
    assert not list((tmp_path / "players" / "Cid").glob("ask-*.json")), "an unanswered question is withdrawn"


def test_an_answer_cut_short_while_written_is_never_seen_by_the_world(tmp_path, monkeypatch):
    """Before, the answer was written in place, and the world, polling for it, could read (and
    act on) half of it."""
    ask = tmp_path / "ask-1.json"
    ask.write_text('{"tag": "step 1 Ann reply", "messages": [["user", "hi"]]}', encoding="utf-8")
    real = Path.write_text

    def cut_short(self, text, *args, **kwargs):
        real(self, text[: len(text) // 2], *args, **kwargs)
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", cut_short)
    with pytest.raises(OSError):
        answer_question(ask, "hello there")
    assert not (tmp_path / "answer-1.json").exists()
    monkeypatch.setattr(Path, "write_text", real)
    answer_question(ask, "hello there")
    assert json.loads((tmp_path / "answer-1.json").read_text(encoding="utf-8"))["utterance"] == "hello there"
