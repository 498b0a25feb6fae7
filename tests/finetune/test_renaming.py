"""Renamed copies of train examples: one permutation per copy, applied to the whole example."""

from __future__ import annotations

import json
import re

from simverse.finetune.renaming import name_pattern, npc_names, renamed, with_renamed_copies


def _row(npc: str, partner: str, other: str, index: int) -> dict:
    prompt = (f"You are {npc}. Feelings: {partner} +0.5\nPeople here: {partner}, {other}.\n"
              f"<quoted>\nconversation with {partner}: [[\"{partner}\", \"Seen {other} today, {npc}?\"]]\n"
              f"</quoted>\n{partner} is talking to you. Finnish bread and Tomasina's boat are not people.")
    answer = json.dumps({"action": "talk", "args": {"npc": partner}, "utterance": f"{other} went out at {index}."})
    schema = json.dumps({"properties": {"npc": {"enum": sorted([partner, other])}}})
    return {"npc": npc, "decision_id": index, "json_schema": schema,
            "messages": [{"role": "system", "content": "World: a test."},
                         {"role": "user", "content": prompt}, {"role": "assistant", "content": answer}]}


ROWS = [_row("Finn", "Tomas", "Jonas", 1), _row("Jonas", "Finn", "Tomas", 2), _row("Tomas", "Jonas", "Finn", 3),
        _row("Ann", "Ann Lee", "Finn", 4)]


def test_the_names_are_the_deciding_npcs():
    assert npc_names(ROWS) == ["Ann", "Finn", "Jonas", "Tomas"]


def test_a_copy_stays_coherent_the_answer_addresses_whoever_is_talking_in_the_renamed_prompt():
    copies = with_renamed_copies(ROWS[:3], copies=5, seed=0)
    assert copies[:3] == ROWS[:3] and len(copies) == 3 * 6
    moved = 0
    for copy in copies[3:]:
        user, answer = copy["messages"][1]["content"], json.loads(copy["messages"][2]["content"])
        talker = re.search(r"\n(\w+) is talking to you", user).group(1)
        me = re.match(r"You are (\w+)\.", user).group(1)
        assert answer["args"]["npc"] == talker != me == copy["npc"]
        assert f"Feelings: {talker} +0.5" in user and f"Seen {answer['utterance'].split()[0]} today, {me}?" in user
        assert set(json.loads(copy["json_schema"])["properties"]["npc"]["enum"]) == set(
            re.search(r"People here: (\w+), (\w+)\.", user).groups())
        assert "Finnish bread and Tomasina's boat" in user  # words that merely contain a name stay
        moved += copy["npc"] != ROWS[copies.index(copy) % 3]["npc"]
    assert moved >= 5  # the permutations do move people


def test_a_longer_name_is_matched_whole_before_a_shorter_one_it_contains():
    mapping = {"Ann": "Finn", "Ann Lee": "Jonas", "Finn": "Ann", "Jonas": "Ann Lee"}
    copy = renamed(ROWS[3], mapping, name_pattern(list(mapping)))
    assert copy["messages"][1]["content"].startswith("You are Finn. Feelings: Jonas +0.5")
    assert json.loads(copy["messages"][2]["content"])["args"]["npc"] == "Jonas"


def test_copies_are_seeded_and_absent_without_names_to_permute():
    assert with_renamed_copies(ROWS, 2, seed=3) == with_renamed_copies(ROWS, 2, seed=3)
    assert with_renamed_copies(ROWS, 2, seed=3) != with_renamed_copies(ROWS, 2, seed=4)
    assert with_renamed_copies(ROWS, 0, seed=3) == ROWS
    assert with_renamed_copies(ROWS[:1] * 2, 3, seed=3) == ROWS[:1] * 2  # one NPC: nothing to permute
