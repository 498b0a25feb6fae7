"""A speaker's "it's me, Mara" and its own "I'm trying to..." said before the question; goals
asked by their deed ("who are you meant to be teaching?"), by "would you love them to" or by
the kind of thing they name ("which exhibit"); how long, asked of a thing the persona dates;
the view from where the NPC stands; a price that measures a deed; a room named by what is in
it; "would you say hello", "get serving" and "carry on picking"; thanks and apologies before a
question; a question passed on; "Otto's job?" to Otto; on the shipped worlds."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.acquainted import standing_asked
from simverse.llm.dialogue.claims import yours
from simverse.llm.dialogue.described import view_asked
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (the museum with MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


def test_a_speaker_saying_who_it_is_leaves_the_question_after(harbour):  # noqa: F811
    reply = ask(harbour, "Ilsa", "Ilsa, it's me, Mara. Honestly, what are you after on festival night?",
                "Mara").utterance
    assert "fill the tavern" in reply and "Mara" not in reply, reply
    assert read("Ilsa, it's me, Mara. Tell me what you want.", names=frozenset({"ilsa", "mara"})).wh == "what"


def test_the_speakers_own_aim_is_not_asked(harbour):  # noqa: F811
    reply = ask(harbour, "Pieter", "I'm trying to get my bearings here. Who would you count as a friend?").utterance
    assert reply == "Aldo is my friend.", reply
    aim = ask(harbour, "Pieter", "I'm new here. What are you trying to do?").utterance
    assert aim.startswith("I mean to"), aim


def test_a_goal_asked_by_its_deed(desk, valley):  # noqa: F811
    reply = ask(desk, "Rosa", "so who are you supposed to be teaching?").utterance
    assert "teach Bea" in reply, reply
    colleagues = ask(desk, "Rosa", "who do you work with?").utterance
    assert "I mean to" not in colleagues, colleagues
    title = ask(valley, "Pip", "what's the song called, the one you're writing?").utterance
    assert title.startswith("Now that I don't know"), title  # a name asked, which the goal does not say


def test_which_job_they_would_love_others_to_pick_them_for(school):  # noqa: F811
    reply = ask(school, "Ines", "which job would you love the class to vote you into?").utterance
    assert "class representative" in reply, reply
    assert not standing_asked(read("what would you like me to do?"))
    assert standing_asked(read("do you like me?"))


def test_a_goal_naming_a_thing_answers_which_of_that_kind(museum, school):  # noqa: F811
    reply = ask(museum, "Bram", "which exhibit are you hoping to tell the grandkids about?").utterance
    assert "sarcophagus" in reply, reply
    school_asked = ask(school, "Ines", "which school have you got your heart set on?").utterance
    assert "I mean to" not in school_asked, school_asked  # no goal names a school, nor any thing


def test_how_long_asked_of_what_the_persona_dates(clinic):  # noqa: F811
    reply = ask(clinic, "Sunita", "Sunita, how many weeks now, the cough?").utterance
    assert "three weeks" in reply, reply
    other = ask(clinic, "Sunita", "how many weeks now, the roadworks?").utterance
    assert "three weeks" not in other, other


def test_the_view_from_where_the_npc_stands(harbour):  # noqa: F811
    reply = ask(harbour, "Nell", "what could a body see from up there, Nell?").utterance
    assert "every boat" in reply, reply
    assert not view_asked(read("what do you see in him?"))


def test_a_price_that_measures_a_deed_is_not_asked(harbour):  # noqa: F811
    reply = ask(harbour, "Tomas", "that fellow who sells under the going rate, what is he to you?").utterance
    assert "rival" in reply, reply
    price = ask(harbour, "Tomas", "what's the fair price for a herring?").utterance
    assert "3 coins" in price, price


def test_a_room_named_by_what_is_in_it(school):  # noqa: F811
    decision = ask(school, "Theo", "Theo, come to the room with the whiteboard with me.")
    assert (decision.action, decision.args) == ("move", {"place": "classroom"}), decision.utterance
    staff = ask(school, "Theo", "Theo, come to the staff room with me.")
    assert decision.action == "move" and staff.action != "move", staff.utterance


def test_would_you_say_hello_is_a_welcome(museum):  # noqa: F811
    decision = ask(museum, "Ada", "a coach party just came in, would you say hello to them?")
    assert decision.action == "welcome", decision.utterance
    assert ask(museum, "Ada", "would you say it's worth the money?").action != "welcome"


def test_get_serving_and_carry_on_picking(harbour, valley):  # noqa: F811
    assert ask(harbour, "Ilsa", "Ilsa, get serving, love.").action == "serve"
    assert ask(valley, "Wren", "Wren, carry on picking, please.").action == "forage"
    assert ask(valley, "Wren", "Wren, carry on picking up the herbs").action == "take"


def test_first_things_first_leads_into_an_order(clinic):  # noqa: F811
    decision = ask(clinic, "Walter", "Walter, first things first, you'll need to sign in at the counter.")
    assert decision.action == "check_in", decision.utterance


def test_thanks_and_an_apology_lead_into_the_question(harbour):  # noqa: F811
    reply = ask(harbour, "Greta", "cheers love, and sorry to trouble you, but where's the tavern?").utterance
    assert reply.startswith("To get to The Salty Gull"), reply
    assert read("thanks, that's all I needed").body[:1] == ("thanks",)  # no question after: still thanks
    assert ask(harbour, "Greta", "thanks, that's all I needed").utterance == "Don't mention it."


def test_happen_to_know_asks_with_the_word_after_it(museum):  # noqa: F811
    said = read("you wouldn't happen to know who restored the old horse, would you?")
    assert said.question and said.wh == "who"
    reply = ask(museum, "Otto", "you wouldn't happen to know who painted the girl with the lantern, would you?")
    assert reply.action in (None, "talk") and "Lantern" in reply.utterance, reply.utterance


def test_a_question_passed_on_is_not_about_who_passed_it_on(school):  # noqa: F811
    reply = ask(school, "Milo", "Miss Arden wants me to find out what you're up to").utterance
    assert "I mean to" not in reply and "Arden" not in reply, reply


@pytest.mark.parametrize(("line", "said"), [
    ("Otto's job?", "your job?"),
    ("ottos shift, when does it end?", "your shift, when does it end?"),
    ("Otto's here, right?", "Otto's here, right?"),  # "is here": no possessive
    ("Ada's job?", "Ada's job?"),  # someone else's
])
def test_a_possessive_of_the_one_spoken_to_is_yours(line, said):
    assert yours(line, ["otto"]) == said
    assert yours("ines who's the class clown?", ["ines"]) == "ines who's the class clown?"  # a name ending in s
    assert yours("ines's pencil case, where is it?", ["ines"]) == "your pencil case, where is it?"


@pytest.mark.parametrize(("line", "said"), [
    ("your job, what is it?", "what is your job?"),
    ("the kettle, how much is it?", "how much is the kettle?"),
    ("your shift, when does it end?", "when does your shift end?"),
    ("my job, what a mess it is", "my job, what a mess it is"),
])
def test_a_thing_said_before_its_question(line, said):
    assert in_usual_order(line) == said


def test_the_npcs_own_job_asked_by_its_name(desk):  # noqa: F811
    assert ask(desk, "Sam", "Sams job, what is it?").utterance == "I'm a front desk agent."
