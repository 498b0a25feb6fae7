"""What a line says its answer is for ("for the record", "for our listeners", "for the front
page of the paper", "in your own words") is no part of what it asks; an audience told or
shown stands for the speaker; "can you confirm what ..." asks what; "show me how you ..."
asks the work itself. A question naming one place, asking what is there, is told that
place's description after "I don't know" when nothing else is sure; "characterise
yourself" and "what sort of merchant are you?" ask the NPC's nature; a dash across the
place the NPC stands in is done there, not a walk; "whose fields grow what you sell at the
market?" is not answered with the market's wares."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.framing import framed_plainly
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "plain"), [
    ("For the record, Tomas, how long have you fished here?", "Tomas, how long have you fished here?"),
    ("Mara, for our viewers and in your own words, what do you sell?", "Mara, what do you sell?"),
    ("What's your favourite hymn, Aldo, for tonight's broadcast?", "What's your favourite hymn, Aldo?"),
    ("Could you wave at the harbour for the front page of the weekly paper?", "Could you wave at the harbour?"),
    ("could you tell our readers what you're baking?", "could you tell me what you're baking?"),
    ("would you show our camera crew how you mend a net?", "would you mend a net?"),
    ("can you confirm where the mayor lives?", "can you tell me where the mayor lives?"),
    ("Strictly off the record, with the tape stopped, who took it?", "who took it?"),
    ("what's for supper, and for how much?", "what's for supper, and for how much?"),  # nothing of an answer's use
    ("how much is the paper lantern?", "how much is the paper lantern?"),
    ("what do you want for a paper lantern?", "what do you want for a paper lantern?"),  # inside the clause
    ("I'm looking for the website where you read it.", "I'm looking for the website where you read it."),
])
def test_what_an_answer_is_for_is_said_as_nothing(said, plain):
    assert framed_plainly(said) == plain


def test_a_record_word_that_runs_into_a_name_of_the_world_is_kept():
    keep = frozenset({"paper", "lantern", "papers", "quiz"})
    asked = "For the paper lantern, how much?"
    assert framed_plainly(asked, keep) == asked
    assert framed_plainly(asked) == "lantern, how much?"
    assert framed_plainly("For the school paper, who sets the quiz?", keep) == "who sets the quiz?"


@pytest.mark.parametrize(("world", "npc", "line", "expected"), [
    ("desk", "Hugo", "Hugo, in your own words, could you tell me what job you did before you retired?", "plumber"),
    ("school", "Kofi", "For the newsletter, Kofi, how would you characterise yourself?", "joker"),
    ("museum", "Hale", "Mr Hale, can you confirm what the café's window looks onto, for the article?", "courtyard"),
    ("desk", "Bea", "Bea, what's stuck to the fridge in the Break Room?", "rota"),
])
def test_questions_framed_for_an_audience_are_answered(request, world, npc, line, expected):
    assert expected in ask(request.getfixturevalue(world), npc, line).utterance.lower()


def test_a_demonstration_asked_for_an_audience_is_the_work(harbour):  # noqa: F811
    decision = ask(harbour, "Tomas", "Tomas, could you show our viewers how you fish off the quay, for the programme?")
    assert decision.action == "fish"


def test_a_dash_across_the_place_it_stands_in_is_done_there(school):  # noqa: F811
    assert ask(school, "Kofi", "Kofi, would you dash across the playground for me?").action == "play"
    assert ask(school, "Kofi", "Kofi, would you walk to the playground with me?").action == "talk"  # already there


def test_a_place_named_but_asked_nothing_it_holds_stays_unknown(harbour):  # noqa: F811
    reply = ask(harbour, "Ilsa", "Ilsa, who built the chapel?").utterance
    assert "know" in reply.lower() or "idea" in reply.lower()
    assert "ship model" not in reply


def test_what_sort_of_trader_an_npc_is_asks_its_nature(desk):  # noqa: F811
    assert "agent" in ask(desk, "Rosa", "Rosa, what sort of agent are you?").utterance.lower()
    reply = ask(desk, "Rosa", "Rosa, what kind of kettle are you selling?").utterance
    assert "veteran" not in reply.lower()  # asks a kettle, not what she is like


def test_who_grows_what_a_place_sells_is_not_its_wares(harbour):  # noqa: F811
    reply = ask(harbour, "Greta", "Greta, whose farm grows the vegetables you sell at Market Street?").utterance
    assert "coin" not in reply

