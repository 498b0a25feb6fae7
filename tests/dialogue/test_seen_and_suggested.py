"""What the speaker sees the NPC doing and what they suggest doing together, on the shipped
worlds: "why don't we..." and "how about you..." as requests, "join us" and "next door" as a
walk to a place that joins this one; "what's that for?" after a remark on what the NPC is
busy with, and "what's all this?", as what it is doing now (not "what's that about?" after
a remark on a bond, nor "what is it?" after one on its aims); "where are you expected?" as
a goal; a person described by a word only their own persona has; a statement made a
question by its tag ("..., isn't he?") asked, never taken for a goodbye; no goodbye without a word of leaving; a ware
said as "the paper ones"; "get cracking on" other work asks for that work."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (Museum Tour with MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (with MiniLM)


@pytest.mark.parametrize(("world", "npc", "line", "place"), [
    ("clinic", "Sunita", "why don't we wander next door and find a chair", "waiting_room"),
    ("museum", "Bram", "shall we have a look at the marble statues next door?", "sculpture_hall"),
    ("valley", "Maud", "join us at the inn for supper?", "inn"),
])
def test_a_suggestion_to_go_together_is_a_walk(request, world, npc, line, place):
    answer = ask(request.getfixturevalue(world), npc, line)
    assert (answer.action, answer.args) == ("move", {"place": place}), answer.utterance


def test_how_about_you_asks_for_the_npcs_own_work(harbour):  # noqa: F811
    answer = ask(harbour, "Tomas", "the sea is flat calm, how about you cast a line off the quay")
    assert answer.action == "fish", answer.utterance


def test_what_about_you_before_a_question_still_asks_it(museum):  # noqa: F811
    answer = ask(museum, "Bram", "what about you, where do you live?")
    assert answer.action == "talk", answer.utterance


@pytest.mark.parametrize(("world", "npc", "line", "said"), [
    # what the speaker sees the NPC busy with, then "what's that for?" / "what is it?"
    ("school", "Ines", "you're fiddling with your pencils again, what's that for?", "arranging my pencils"),
    ("desk", "Okafor", "that pile you keep frowning at, what is it?", "reviewing refund requests"),
    ("harbour", "Aldo", "you're up before the gulls, father. what's all this?", "morning prayers"),
    # ... but "what's that about?" after a bond, and "what is it?" after an aim, ask those
    ("valley", "Sable", "you and the knight never speak, what's that about", "rival"),
    ("museum", "Otto", "you look set on something today, what is it", "thief"),
    # where the NPC is expected is where its goals take it
    ("clinic", "Sunita", "where are you expected?", "school"),
])
def test_what_is_seen_and_what_is_after(request, world, npc, line, said):
    answer = ask(request.getfixturevalue(world), npc, line)
    assert said in answer.utterance and answer.action == "talk", answer.utterance


def test_a_word_only_one_persona_has_tells_who_is_described(desk):  # noqa: F811
    answer = ask(desk, "Hugo", "hugo, the loud woman with the tablecloth story, a mate of yours?").utterance
    assert answer.startswith("Delaney is a stranger"), answer


@pytest.mark.parametrize(("world", "npc", "line"), [
    ("school", "Arden", "Miss, that boy who hides behind a book all lunchtime and blushes when anyone speaks to "
                        "him, he's in your form, isn't he?"),
])
def test_a_statement_made_a_question_by_its_tag_is_asked(request, world, npc, line):
    answer = ask(request.getfixturevalue(world), npc, line)  # not "Bye now"
    assert answer.action == "talk" and not answer.end_conversation and "bye" not in answer.utterance.lower(), \
        answer.utterance


def test_a_line_without_a_word_of_leaving_is_no_goodbye(museum):  # noqa: F811
    answer = ask(museum, "Camille", "on you go, I'm only nosing about")
    assert not answer.end_conversation and "goodbye" not in answer.utterance.lower(), answer.utterance


def test_a_ware_said_as_the_ones_of_a_word_of_its_name(harbour):  # noqa: F811
    line = "greta, the little ones and me want to hang a few of the paper ones over the porch tonight, how much each?"
    answer = ask(harbour, "Greta", line)
    assert "1 coin" in answer.utterance, answer.utterance


def test_get_cracking_on_other_work_asks_for_that_work_not_more_of_the_same(school):  # noqa: F811
    answer = ask(school, "Ines", "ines, get cracking on that quiz now, go on")  # no quiz is handed out yet
    assert answer.action == "talk", answer.utterance  # not taking notes instead


def test_get_cracking_alone_asks_for_more_of_the_same(school):  # noqa: F811
    answer = ask(school, "Ines", "ines, get cracking, the lesson's started")
    assert answer.action == "take_notes", answer.utterance
