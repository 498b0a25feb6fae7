"""A question or a request after a story: the story's sentences lead to it (even when they speak
of the one asked), and what only the story names is not asked about. Also things named in
other words than the world's ("the painted coffin"), things on view asked for by the room
they are in, things the NPC's own place shows, and a way asked from a place said in a
round-about way."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.own_life import own_life_asked
from simverse.llm.dialogue.parts import asked_part, points_back
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import clinic, school  # noqa: F401  (MiniLM)


def test_the_question_after_a_story_is_the_part_asked():
    story = ("My aunt swore by your bread for thirty years. You always waved at her from the door. "
             "She moved away last spring. So when does the bakery open tomorrow?")
    assert asked_part(story, frozenset(), frozenset({"bakery"})) == "So when does the bakery open tomorrow?"


def test_a_question_after_one_remark_about_you_is_still_the_whole_line():
    line = "You look troubled today. What happened at the harbour this morning?"
    assert asked_part(line, frozenset()) == line


@pytest.mark.parametrize(("words", "back"), [
    ("is there a fair on tomorrow", False),
    ("once the map is yours what will you do with it", False),
    ("how much is it", True),
    ("how do we get there", True),
])
def test_what_points_back(words, back):
    assert points_back(read(words).words, frozenset({"map"})) is back


def test_a_story_then_when_and_where_is_answered_from_belief(museum):  # noqa: F811
    line = ("Ada, my neighbour framed a postcard of a girl with a lamp years ago. When I saw your poster, "
            "I knew it at once. I told the whole bus about it. Which reminds me, where and when was the "
            "Girl with a Lantern painted?")
    reply = ask(museum, "Ada", line).utterance
    assert "1665" in reply and "already" not in reply, reply


def test_a_story_then_a_yes_no_question_tells_a_trusted_asker(school):  # noqa: F811
    line = ("Ms Arden, it's Kofi. I dropped my pencil case by your door. I heard you stapling lots of "
            "papers. Long story short, is there a test for us before home time?")
    reply = ask(school, "Arden", line, "Kofi").utterance
    assert "quiz" in reply, reply


def test_a_story_then_a_request_does_the_deed(museum):  # noqa: F811
    line = ("Ada, a busload of students just ran in out of the rain. You should see them dripping by the "
            "cloakroom. Nobody knows who is meant to look after them. Anyway, could you go and give them a "
            "friendly welcome?")
    decision = ask(museum, "Ada", line)
    assert decision.action == "welcome", decision.utterance


def test_a_place_named_only_in_the_story_is_no_place_to_walk_to(harbour):  # noqa: F811
    line = ("Tomas, the whole tavern laughed at your catch last night. Jonas said you couldn't hook a boot. "
            "The bets are chalked on the wall. Long story short, will you go fishing now and show them?")
    decision = ask(harbour, "Tomas", line)
    assert decision.action == "fish", decision.utterance


def test_the_way_there_keeps_the_place_the_story_names(valley):  # noqa: F811
    line = ("Rowan, it's Pip. I've decided to join you at the watchtower after all. My lute is tuned and "
            "my boots are laced. So which way do we go from the inn to get there?")
    reply = ask(valley, "Rowan", line, "Pip").utterance
    assert "Watchtower" in reply, reply


def test_a_thing_named_in_other_words_is_that_thing(museum):  # noqa: F811
    reply = ask(museum, "Ada", "Who did the painted coffin belong to?").utterance
    assert "Ankh-hor" in reply, reply


def test_a_kind_sharing_no_word_with_a_thing_is_not_that_thing(museum):  # noqa: F811
    reply = ask(museum, "Ada", "Ada, to reach the ancient collection from here, which hall comes in between?")
    assert "guidebook" not in reply.utterance, reply.utterance


def test_a_thing_on_view_is_found_by_the_room_it_is_in(museum):  # noqa: F811
    reply = ask(museum, "Otto", "which room has the bronze stallion?").utterance
    assert "Sculpture Hall" in reply, reply


def test_which_of_two_paintings_of_one_name_hangs_where_is_not_told_from_view(museum):  # noqa: F811
    reply = ask(museum, "Camille", "where is the original Girl with a Lantern right now?", "Ada").utterance
    assert "archive" in reply, reply


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("clinic", "Ben", "have you got any lollipops?", "lollipops for children"),
    ("clinic", "Ben", "is there any hand gel here?", "Hand gel"),
    ("school", "Ines", "what's all that drawn on your whiteboard?", "pie charts"),
])
def test_what_the_npcs_own_place_shows_is_told(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_what_the_description_does_not_say_stays_unknown(clinic):  # noqa: F811
    reply = ask(clinic, "Leah", "what's in the fish tank?").utterance
    assert "right here" not in reply, reply


def test_the_way_from_a_room_said_round_about_goes_to_the_other_place(school):  # noqa: F811
    reply = ask(school, "Arden", "how do I get from this teacher room out to the place where we play football?")
    assert "Playground" in reply.utterance, reply.utterance


def test_why_the_npc_kneels_where_it_is_is_its_work_there(harbour):  # noqa: F811
    reply = ask(harbour, "Aldo", "how come you are kneeling down in the chapel?").utterance
    assert "prayers" in reply, reply


@pytest.mark.parametrize("said", [
    "what do u wanna be when ur older?",
    "I wonder what you'd like to be when you're grown up. Any ideas yet?",
    "grown-up job, dream one?",
])
def test_the_job_when_grown_up_is_asked_of_the_npcs_own_life(said):
    assert own_life_asked(read(said)) == "future"


def test_a_grown_up_job_no_goal_names_is_not_known(school):  # noqa: F811
    reply = ask(school, "Milo", "milo, what do u wanna be when ur older, like for a job?").utterance
    assert "know" in reply and "football" not in reply, reply
