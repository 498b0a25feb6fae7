"""Questions passed on from someone else in more ways ("my wife sent me to ask what...",
"keeps on at me to find out...", "is curious which..."), the speaker's own question said as
a wish to know ("I'm curious who...", "I've been trying to work out what..."), a passed-on
question or a heard claim followed by a short question that points back ("Is that true?",
"Will you?"), and requests wrapped in courtesy ("I wonder if you'd mind...", "might I
trouble you to...", "it would be a great help if you could...")."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.reported import as_question
from simverse.llm.dialogue.tag_questions import as_yes_no
from simverse.llm.dialogue.wrapped_orders import bare_order
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "asked"), [
    ("My uncle sent me to ask what the stew goes for here.", "what the stew goes for here?"),
    ("The neighbours keep on at me to find out where you buy your flour.", "where do you buy your flour?"),
    ("Our teacher is curious which book you liked best.", "which book you liked best?"),
    ("My sister made me promise I'd ask who taught you to sing.", "who taught you to sing?"),
    ("The lads would like me to check when the tide turns; we're off fishing.", "when the tide turns?"),
    ("Grandad's been nagging me to ask whether you fix clocks or just sell them.",
     "is it true you fix clocks or just sell them?"),
    ("The whole street wants to know what's going on at the mill. I said I'd find out.",
     "what's going on at the mill?"),
])
def test_a_question_passed_on_in_more_ways(said, asked):
    assert as_question(said) == asked


@pytest.mark.parametrize(("said", "asked"), [
    ("I'm curious who you're saving that cake for.", "who are you saving that cake for?"),
    ("I'd like to understand why you left the city. It puzzles me.", "why you left the city?"),
    ("I've been trying to work out where you hide the spare key.", "where do you hide the spare key?"),
    ("It'd be nice to know when the shop opens, Bea.", "when the shop opens, Bea?"),
])
def test_the_speakers_own_question_said_as_a_wish_to_know(said, asked):
    assert as_question(said) == asked


@pytest.mark.parametrize(("said", "asked"), [
    ("The butcher swears you saw a wolf by the mill. Is that true?", "is it true you saw a wolf by the mill?"),
    ("Word at the market is that the bridge is down. True?", "is it true the bridge is down?"),
    ("Nell says you're saving up for something. Will you tell me, Finn?", "is it true you're saving up for something?"),
    ("Aunt Jo is asking whether the ferry runs today. Is it cheap too?",
     "is it true the ferry runs today? Is it cheap too?"),  # a follow-up with a question of its own stays
    ("Tom bet me that the well is deeper than the tower, so I came to check with you.",
     "is it true the well is deeper than the tower?"),
])
def test_a_statement_followed_by_a_question_that_points_back(said, asked):
    assert as_question(said) == asked


@pytest.mark.parametrize("said", [
    "The butcher swears you saw a wolf by the mill. Where was it?",  # a question of its own
    "She's asking if you could fetch her a coffee.",  # a request passed on
    "My wife told me what happened. Terrible.",  # no question at all
])
def test_lines_that_pass_nothing_on_stay_as_they_are(said):
    assert as_question(said) == said


@pytest.mark.parametrize(("said", "order"), [
    ("I wonder if you'd mind closing the window; it's cold.", "close the window; it's cold."),
    ("Might I trouble you to wrap this for me?", "wrap this for me."),
    ("It would be a great help if you could carry the crate.", "carry the crate."),
    ("I'd be ever so grateful if you'd sweep the step, Tom.", "sweep the step, Tom."),
    ("Would it be too much trouble to sing us a song?", "sing us a song."),
    ("Any chance you'd lend me a hand with the nets?", "lend me a hand with the nets."),
    ("Could I possibly ask you to tell me the time?", "Could I possibly ask you to tell me the time?"),  # a question
    ("I'd be grateful if you would be quiet.", "I'd be grateful if you would be quiet."),  # no deed of its own
])
def test_the_order_a_courtesy_wraps(said, order):
    assert bare_order(said) == order


def test_a_price_passed_on_from_someone_else(harbour, valley):  # noqa: F811
    assert "1 coin" in ask(harbour, "Ilsa", "My brother is parched and keeps asking what an ale costs here.").utterance
    assert "3 coins" in ask(valley, "Brakka", "My mother sent me over to ask what your rope goes for.").utterance


def test_a_claim_checked_by_a_short_follow_up(desk):  # noqa: F811
    reply = ask(desk, "Sam", "A man in the queue swears you can refund any amount yourself. Is that right?")
    assert "manager" in reply.utterance, reply


@pytest.mark.parametrize(("world", "npc", "said", "action"), [
    ("harbour", "Mara", "I was wondering if you'd mind baking another batch of rye for tonight.", "bake"),
    ("harbour", "Finn", "I don't suppose you could mend this torn net while I watch how it's done?", "mend_nets"),
    ("clinic", "Iris", "Might I trouble you to make up my prescription while I wait here?", "dispense"),
    ("desk", "Sam", "Could I possibly ask you to deal with one more open ticket?", "answer_ticket"),
    ("valley", "Pip", "Would it be too much trouble to play something jolly while we eat?", "perform"),
])
def test_requests_wrapped_in_courtesy_are_done(request, world, npc, said, action):
    assert ask(request.getfixturevalue(world), npc, said).action == action


def test_a_question_after_a_colon_is_the_one_asked():
    said = "A note from my sister, who's outside: are you open on Sunday?"
    assert as_question(said) == "are you open on Sunday?"
    assert as_question("Level with me: the bread is fresh?") == "Level with me: the bread is fresh?"  # no question word


def test_which_day_asks_when(clinic):  # noqa: F811
    assert "Sunday" in ask(clinic, "Marco", "Which day are you hoping to run your race?").utterance


def test_a_secret_told_to_someone_trusted_is_said_as_one(valley):  # noqa: F811
    told = ask(valley, "Brakka", "Do your ward charms really keep dragons off?", "Sable").utterance
    assert "river stones" in told and "between you and me" in told.lower(), told
    kept = ask(valley, "Brakka", "Do your ward charms really keep dragons off?").utterance
    assert "river stones" not in kept, kept


@pytest.mark.parametrize(("said", "asked"), [
    ("You're pretty new to this job, aren't you, Sam?", "are you pretty new to this job?"),
    ("Tom, you'd carry the crate up for me, wouldn't you?", "would you carry the crate up for me?"),
    ("You don't really like the new stall, do you?", "do you really like the new stall?"),
    ("So it's Greta you trust most, isn't it?", "is it greta you trust most?"),
    ("You've no spare rope left, have you?", "have you any spare rope left?"),
    ("From the square I can walk straight to the mill, right?", "can i walk straight to the mill, from the square?"),
    ("To reach the hall I have to go through the yard, correct?",
     "do i have to go through the yard, to reach the hall?"),
    ("You won't say no to mending my boots, will you?", "would you mend my boots?"),
    ("You'll know the price by heart, won't you?", "is it true you'll know the price by heart?"),
])
def test_a_tagged_statement_as_the_yes_no_question_it_asks(said, asked):
    assert as_yes_no(said) == asked


@pytest.mark.parametrize("said", [
    "Lovely and quiet in here, isn't it?",  # small talk: about nothing of the one spoken to
    "Pour us a round, would you?",  # an order made polite, no statement
    "You'll be putting your name down, won't you?",  # what the NPC means to do, read as it stands
    "You're new here, aren't you? What brought you?",  # the tag is not what ends the line
    "Tom says the mill is shut. You don't agree, do you?",  # points back at what was said before
    "I was told you'd know - is that right?",  # no step of the speaker's own
    "There's nothing in that, is there?",  # what there is: a claim, not a question of the one spoken to
    "You're not taking the whole day off, are you?",  # what the NPC means to do, read as it stands
])
def test_tagged_lines_left_as_they_are(said):
    assert as_yes_no(said) == said


def test_a_tagged_walk_and_a_tagged_belief(harbour, school):  # noqa: F811
    walk = ask(harbour, "Pieter", "Mayor, you'd walk me across to the town square, wouldn't you?")
    assert walk.action == "move" and walk.args.get("place") == "square", walk
    assert "Kofi" in ask(school, "Milo", "It's Zara you'd call your best mate, isn't it?", "Kofi").utterance
