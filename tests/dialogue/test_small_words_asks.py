"""Asks in a small vocabulary: help for someone the NPC's work serves, a polite request after
a remark that says "when" of what is asked (but not after a case put), and the job someone had
before they stopped or when they were younger."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.intents import Cues, by_cues
from simverse.llm.dialogue.own_life import own_life_asked
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401  (MiniLM)


@pytest.mark.parametrize("said", [
    "what job did you have before you stopped?",
    "did you have a job when you were younger?",
    "what work did you do before you quit?",
])
def test_the_job_before_is_asked(said):
    assert own_life_asked(read(said)) == "before"


def test_a_job_now_is_not_the_job_before():
    assert own_life_asked(read("what job do you have here?")) != "before"


@pytest.mark.parametrize(("world", "npc", "said", "wanted", "args"), [
    ("desk", "Rosa", "Miss Rosa, can you help that man who is waiting on the phone line?", "answer_ticket", {}),
    ("clinic", "Ben", "Mister Ben, the mum with the toddler looks scared, so could you find her a time when "
                      "the doctor is free?", "book_appointment", {"npc": "Leah"}),
])
def test_the_work_asked_is_done(request, world, npc, said, wanted, args):
    decision = ask(request.getfixturevalue(world), npc, said)
    assert (decision.action, decision.args) == (wanted, args), decision.utterance


def test_bare_help_still_asks_what_is_needed(desk):  # noqa: F811
    decision = ask(desk, "Rosa", "Rosa, can you help me?")
    assert decision.action == "talk" and "What do you need?" in decision.utterance, decision.utterance


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("clinic", "Walter", "Mister Walter, my uncle drives a van, and what job did you have before you stopped?",
     "bus driver"),
    ("desk", "Hugo", "Mister Hugo, when you were younger, what job did you do?", "plumber"),
])
def test_the_job_before_is_told(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_a_case_put_is_no_request():
    remark_then_ask = "the mum over there is worried, so can you find her a time when the doctor is free?"
    assert by_cues(read(remark_then_ask), Cues()) == "request"
    case_put = "suppose somebody is owed sixty coins, can you pay it out on your own say-so?"
    assert by_cues(read(case_put), Cues()) != "request"
