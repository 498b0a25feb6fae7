"""The player talking to NPCs: stored like a conversation, ids continuing, in the terminal too."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from dashboard_helpers import db_copy_fixture, run_db_fixture

from simverse.agents.player import PLAYER, PlayerChat, talk_to
from simverse.world.model import World

dashboard_run_db = run_db_fixture()
dashboard_db_copy = db_copy_fixture()


@pytest.fixture
def small_world(dashboard_db_copy):
    world = World.resume(str(dashboard_db_copy), embedder="hashing")
    yield world
    world.close()


def rows(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_talk_to_stores_both_lines_a_decision_and_the_npcs_memories(small_world, dashboard_db_copy):
    npc = small_world.npc_names[0]
    before = dict(small_world.ids)
    answer = talk_to(small_world, npc, "Have you heard any news?")
    lines = rows(dashboard_db_copy, "SELECT id, conversation, turn, speaker, listener, text, decision_id FROM dialogue "
                                    f"WHERE conversation = {before['conversation'] + 1} ORDER BY id")
    assert lines == [
        (before["dialogue"] + 1, before["conversation"] + 1, 0, PLAYER, npc, "Have you heard any news?", None),
        (before["dialogue"] + 2, before["conversation"] + 1, 1, npc, PLAYER, answer, before["decision"] + 1),
    ]
    decision = rows(dashboard_db_copy, f"SELECT npc, mode, status FROM decisions WHERE id = {before['decision'] + 1}")
    assert decision == [(npc, "reply", "valid")]
    memories = rows(dashboard_db_copy, f"SELECT text FROM memories WHERE npc = '{npc}' AND kind = 'dialogue' "
                                       "ORDER BY id DESC LIMIT 2")
    assert {m for (m,) in memories} == {f'{PLAYER} said to {npc}: "Have you heard any news?"',
                                        f'{npc} said to {PLAYER}: "{answer}"'}


def test_a_chat_keeps_one_conversation_and_passes_the_history(small_world, dashboard_db_copy):
    npc = small_world.npc_names[1]
    chat = PlayerChat(npc)
    talk_to(small_world, npc, "Hello there.", chat)
    talk_to(small_world, npc, "And what else?", chat)
    assert [t.speaker for t in chat.turns] == [PLAYER, npc, PLAYER, npc]
    turns = rows(dashboard_db_copy, f"SELECT turn, speaker FROM dialogue WHERE conversation = {chat.conversation}")
    assert turns == [(0, PLAYER), (1, npc), (2, PLAYER), (3, npc)]


def test_ids_continue_after_talking_in_the_next_step_and_after_resume(small_world, dashboard_db_copy):
    talk_to(small_world, small_world.npc_names[0], "Lovely weather.")
    resumed = World.resume(str(dashboard_db_copy), embedder="hashing")
    assert resumed.ids == small_world.ids, "the exchange's ids are stored with the last step"
    resumed.run(3)  # would fail on a duplicate (run_id, id) if the ids did not continue
    resumed.close()
    ids = rows(dashboard_db_copy, "SELECT id FROM dialogue ORDER BY id")
    assert [i for (i,) in ids] == list(range(1, len(ids) + 1))


def test_the_npc_hears_the_player_in_its_next_decision(small_world):
    npc = small_world.npc_names[0]
    talk_to(small_world, npc, "The bridge is out!")
    assert small_world.inbox[npc][-1] == f'{PLAYER} said: "The bridge is out!"'


def test_talk_to_refuses_empty_text_and_unknown_npcs(small_world):
    with pytest.raises(ValueError, match="empty"):
        talk_to(small_world, small_world.npc_names[0], "   ")
    with pytest.raises(ValueError, match="no NPC named 'Nobody'"):
        talk_to(small_world, "Nobody", "hi")


def test_chat_command_answers_each_line_and_ends_on_an_empty_line(dashboard_db_copy):
    npc = "Mara"
    result = subprocess.run(
        [sys.executable, "-m", "simverse.cli", "chat", str(dashboard_db_copy), "--npc", npc, "--embedder", "hashing"],
        input="Good morning!\nWhat is new?\n\nnot read\n", capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(f"{npc}> ") == 2
    said = rows(dashboard_db_copy, "SELECT speaker, text FROM dialogue WHERE speaker = 'Player' ORDER BY id")
    assert said == [(PLAYER, "Good morning!"), (PLAYER, "What is new?")]


def test_chat_command_names_the_npcs_when_the_npc_is_unknown(dashboard_db_copy):
    result = subprocess.run(
        [sys.executable, "-m", "simverse.cli", "chat", str(dashboard_db_copy), "--npc", "Zed", "--embedder", "hashing"],
        input="", capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "no NPC named 'Zed'" in result.stdout and "Mara" in result.stdout


def test_chat_refuses_a_line_that_is_not_plain_text_and_goes_on(dashboard_db_copy):
    """Before, bytes that are not UTF-8 (a lone surrogate once decoded) ended the chat in a
    tokenizer traceback, and a NUL was stored, cutting the line short in every SQLite reader."""
    result = subprocess.run(
        [sys.executable, "-m", "simverse.cli", "chat", str(dashboard_db_copy), "--npc", "Mara",
         "--embedder", "hashing"],
        input=b"bad \xff byte\nnul\x00 here\n\x1b[2Jclear\nGood morning!\n", capture_output=True, timeout=120,
    )
    out = " ".join(result.stdout.decode().split())
    assert result.returncode == 0 and "Traceback" not in out + result.stderr.decode()
    assert "talk_to: the text holds a lone surrogate (not UTF-8 text), U+DCFF at character 5" in out
    assert "talk_to: the text holds a control character, U+0000 at character 4" in out
    assert "talk_to: the text holds a control character, U+001B at character 1" in out
    said = rows(dashboard_db_copy, "SELECT speaker, text FROM dialogue WHERE speaker = 'Player' ORDER BY id")
    assert said == [(PLAYER, "Good morning!")]


def test_talk_to_takes_right_to_left_zero_width_and_tabs_as_text(small_world):
    line = "\u05e9\u05dc\u05d5\u05dd\u200f and\tan emoji \U0001f468\u200d\U0001f469"
    talk_to(small_world, "Mara", line)
    assert rows(small_world.store.path, "SELECT text FROM dialogue WHERE speaker = 'Player'") == [(line,)]
