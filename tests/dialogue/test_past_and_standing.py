"""What the NPC was before ("a retired schoolteacher"); how long it has been at its work,
asked without "have"; how it stands with the one speaking ("what am I to you?"); a line
that follows on from the last ("one more thing, Bram, ..."); a speaker's "Lena again";
a place's name asked after the place ("that stone tower, what's it called"); goals asked
as "would you most like to", "came to draw" or "your number one job"; a walk "to where the
screen is"; an order after "quit yapping and"; "let Sable have the lute"; on the shipped
worlds."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.acquainted import standing_asked
from simverse.llm.dialogue.aims import goal_asked
from simverse.llm.dialogue.imperatives import led_in
from simverse.llm.dialogue.own_life import own_life_asked
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import polite_request
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (the museum with MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("line", "part"), [
    ("what did you do before you retired?", "before"),
    ("Bram, before the pension, how did you earn your living?", "before"),
    ("what was your job?", "before"),
    ("i reckon u used to drive lorries, am i right", "before"),
    ("were you a teacher?", "before"),
    ("wots ur number one job b4 the bell goes", None),  # a job still to do, not one done before
    ("what job do you do?", None),
])
def test_what_the_npc_did_before_is_asked(line, part):
    assert own_life_asked(read(line)) == part


@pytest.mark.parametrize(("npc", "line", "said"), [
    ("Bram", "Bram, before the pension, how did you earn your living?", "schoolteacher"),
    ("Bram", "what was your job?", "schoolteacher"),
    ("Otto", "Otto, you must know this building inside out by now. How many years on the job?", "twenty years"),
    ("Bram", "bram which school did you teach at before you retired?", "no idea"),  # the persona does not say
    ("Bram", "bram what subject did you used to teach?", "no idea"),
])
def test_the_persona_says_what_the_npc_was_and_how_long(museum, npc, line, said):  # noqa: F811
    reply = ask(museum, npc, line).utterance
    assert said in reply.lower(), reply


def test_a_wrong_guess_at_the_old_job_is_answered_with_the_right_one(clinic):  # noqa: F811
    reply = ask(clinic, "Walter", "walter i reckon u used to drive lorries, am i right").utterance
    assert "bus driver" in reply, reply


def test_how_many_days_in_is_the_span_of_the_persona(desk):  # noqa: F811
    reply = ask(desk, "Bea", "Bea, you're the new girl, right? How many days in?").utterance
    assert "third day" in reply, reply


def test_a_veteran_says_nothing_of_an_earlier_job(desk):  # noqa: F811
    reply = ask(desk, "Rosa", "rosa before brightline what job did you have").utterance
    assert "kettle" not in reply.lower() and "phone agent" not in reply, reply


@pytest.mark.parametrize(("line", "asked"), [
    ("After all these years, what am I to you?", True),
    ("do you trust me?", True),
    ("are we friends?", True),
    ("what do you think of me?", True),
    ("do you trust Pieter?", False),
    ("are we there yet?", False),
    ("can we keep saying yes to refunds, or are we close to the bottom?", False),
])
def test_how_the_npc_stands_with_the_speaker_is_asked(line, asked):
    assert standing_asked(read(line)) is asked


def test_an_npc_says_what_the_speaker_is_to_it(valley):  # noqa: F811
    reply = ask(valley, "Wren", "Wren, it's Maud. After all these years, what am I to you?", "Maud").utterance
    assert reply.startswith("You're my old friend"), reply
    stranger = ask(valley, "Wren", "do you trust me?").utterance
    assert stranger == "I don't know you well enough to say.", stranger


@pytest.mark.parametrize(("world", "npc", "line", "said"), [
    ("museum", "Bram", "one more thing bram, how many coins is a guidebook", "4 coins"),
    ("desk", "Bea", "also bea, coffee outta the break room machine, price?", "1 coin"),
    ("harbour", "Jonas", "jonas that stone tower out on the point, wots it called", "Lighthouse"),
    ("valley", "Cobb", "Cobb, any idea what they call that windy gap between the peaks past your field?", "Pass"),
])
def test_follow_ups_and_names_asked_after_the_place(request, world, npc, line, said):
    reply = ask(request.getfixturevalue(world), npc, line).utterance
    assert said in reply, reply


def test_also_still_tells_news():
    from simverse.llm.dialogue.telling import tells_news
    assert tells_news(read("also, the mill burned down last night, did you know?"))
    assert not tells_news(read("also bea, coffee outta the break room machine, price?"))


def test_the_speaker_saying_again_is_no_topic(museum):  # noqa: F811
    reply = ask(museum, "Otto", "Otto, Lena again. Which picture do you think was switched for a fake?",
                "Lena").utterance
    assert "Lantern" in reply and "about Lena" not in reply, reply


@pytest.mark.parametrize(("line", "asked"), [
    ("Which bit of gossip would you most like to put a stop to?", True),
    ("wots the one masterpiece u came to draw", True),
    ("wots ur number one job b4 the bell goes", True),
    ("would you like a herring?", False),
])
def test_goals_asked_in_other_words(line, asked):
    assert goal_asked(read(line)) is asked


def test_which_member_of_staff_names_no_kind_a_goal_must_name(desk):  # noqa: F811
    reply = ask(desk, "Delaney", "Delaney, which member of staff do you want to shout at?").utterance
    assert "manager" in reply, reply


def test_a_walk_to_where_a_thing_stands(clinic):  # noqa: F811
    decision = ask(clinic, "Iris", "Iris, come through to where the sign-in screen is.")
    assert (decision.action, decision.args) == ("move", {"place": "reception"}), decision.utterance


def test_racing_outside_to_a_place_is_a_walk(school):  # noqa: F811
    decision = ask(school, "Milo", "milo race u outside to the footy pitch")
    assert (decision.action, decision.args) == ("move", {"place": "playground"}), decision.utterance


@pytest.mark.parametrize(("words", "order"), [
    ("quit yapping and patch up them nets", "patch up them nets"),
    ("stop talking and fetch me a herring", "fetch me a herring"),
    ("stop talking", "stop talking"),  # nothing after it: the words as they are
])
def test_an_order_after_quit_doing_something(words, order):
    assert " ".join(led_in(words.split())) == order


def test_patch_up_the_nets_after_quit_yapping(harbour):  # noqa: F811
    decision = ask(harbour, "Jonas", "jonas quit yappin and patch up them torn nets")
    assert decision.action == "mend_nets", decision.utterance


def test_let_someone_have_a_thing_is_a_trade(valley):  # noqa: F811
    assert polite_request(read("let sable have the lute for six")) == "give"
    assert polite_request(read("let us have a look")) != "give"
    decision = ask(valley, "Pip", "pip let sable have the lute for six, she's good for it")
    assert (decision.action, decision.args) == ("trade", {"item": "lute", "npc": "Sable"}), decision.utterance


def test_a_property_asked_of_a_topic_must_be_said(clinic):  # noqa: F811
    reply = ask(clinic, "Walter", "walter wot brand r ur bp tablets").utterance
    assert "don't know" in reply, reply  # the belief about the pills says no brand
