"""A request whose words point past what the NPC could do: the verb of another deed said
beside a remark, a thing no doable deed is done with, a deed suggested together where the
NPC is ("let's share an ale here, you needn't walk off to the tavern"), a walk to where the
NPC already is, a casual "you gonna ...?", an order typed with a question mark, a thing
described by what it does; and small talk about the weather, a worry asked after when
there is no secret, and how someone keeps something so neat."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.imperatives import led_in
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import bidden, polite_request
from simverse.llm.dialogue.voice import weather_said
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_described_places import classroom  # noqa: F401
from tests.dialogue.test_late_questions import harbour  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401


@pytest.mark.parametrize(("said", "verb"), [
    ("you going to sweep the floor?", "sweep"),  # a casual nudge
    ("pick out one of those and read it to me?", "pick"),  # an order typed with a question mark
])
def test_the_verb_asked(said, verb):
    assert polite_request(read(said)) == verb


def test_a_question_about_plans_is_no_nudge():
    assert polite_request(read("you going to the market later?")) != "market"


def test_where_to_be_leads_into_the_deed():
    assert led_in(["sit", "by", "the", "window", "and", "sketch", "the", "harbour"]) == ["sketch", "the", "harbour"]
    assert led_in(["wait", "here", "and", "i", "will", "be", "back"])[0] == "wait"  # no deed after it


def test_what_is_needless_is_not_bidden():
    assert "tavern" not in bidden(read("sing for us here, you needn't walk off to the tavern"))


@pytest.mark.parametrize(("weather", "said"), [
    ("rain", "rainy"), ("fog", "foggy"), ("storm", "stormy"), ("sunny", "sunny"), ("clear", "clear"),
])
def test_the_weather_is_said_as_a_word_before_morning(weather, said):
    assert weather_said(weather) == said


@pytest.mark.parametrize(("world", "npc", "said", "refused"), [
    # another deed's verb beside what the place shows (marking piles): teaching asked, not marking
    ("classroom", "Arden", "Miss Arden, the marking piles can wait by you while you teach us decimals from there.",
     None),
    ("classroom", "Arden", "Miss Arden, sit by your marking and teach us decimals right there, please.", "teach"),
    # a thing (the kettle) that no deed doable here is done with: not a queue ticket
    ("desk", "Hugo", "Hugo, swap that kettle of yours while you wait here, would you?", None),
    # an ale suggested by the quay: drinking, which is done at the tavern, not fishing
    ("harbour", "Jonas", "Jonas, let's share a cold ale out here on the quay, no need to walk to the tavern.", "ale"),
])
def test_the_deed_asked_is_refused_rather_than_another_done(request, world, npc, said, refused):
    decision = ask(request.getfixturevalue(world), npc, said)
    assert decision.action == "talk", decision.utterance
    assert refused is None or refused in decision.utterance, decision.utterance


@pytest.mark.parametrize(("world", "npc", "said", "wanted", "args"), [
    ("classroom", "Kofi", "Kofi, a lap with me round the playground! Race ya to the climbing frame!", "play", {}),
    ("museum", "Hale", "Mr Hale, more donors at the door, you gonna go say hi to them?", "welcome", {}),
    ("classroom", "Theo", "Theo, pick out a maths puzzle book and read it to me?", "read_book",
     {"item": "puzzle_book"}),
    ("museum", "Priya", "Priya, grab one of the books that describe each exhibit, would you?", "buy",
     {"item": "guidebook"}),
])
def test_the_deed_meant_is_done(request, world, npc, said, wanted, args):
    decision = ask(request.getfixturevalue(world), npc, said)
    assert (decision.action, decision.args) == (wanted, args), decision.utterance


def test_rain_remarked_on_is_agreed_with(museum):  # noqa: F811
    reply = ask(museum, "Otto", "Otto, this rain just won't let up today, eh?").utterance
    assert reply.startswith("Rainy morning"), reply


def test_a_worry_asked_after_without_a_secret_is_its_aim(clinic):  # noqa: F811
    reply = ask(clinic, "Leah", "Leah, you seem a bit tense. Something bothering you?").utterance
    assert "rash" in reply, reply


def test_how_it_keeps_something_so_neat_is_its_character(classroom):  # noqa: F811
    reply = ask(classroom, "Ines", "Ines, how do you keep your pencil case so neat?").utterance
    assert "organised" in reply, reply
