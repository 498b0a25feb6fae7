"""Lines that carry a feeling or a remark before their question: what holds the NPC's
attention is what it is doing; whom it hopes to reach is in its goals; a reason for being about at this hour is what
it is doing and what it is after; a total asked is a count, which only a number about the
same thing (a shared word, or close in meaning) answers."""

from __future__ import annotations

from simverse.agents.player import ask
from tests.dialogue.test_asked_in_passing import harbour, museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_described_places import classroom  # noqa: F401
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401
from tests.dialogue.test_said_in_passing import desk  # noqa: F401


def test_what_takes_the_npcs_attention_is_what_it_is_doing(desk):  # noqa: F811
    reply = ask(desk, "Sam", "My patience is wearing thin! What's taking up all your attention, Sam?").utterance
    assert "serving walk-in customers" in reply, reply


def test_whom_the_npc_hopes_to_tell_is_in_its_goals(museum):  # noqa: F811
    reply = ask(museum, "Bram", "Who are you hoping to tell about your visit, Bram?").utterance
    assert "grandchildren" in reply, reply


def test_a_reason_for_being_about_at_this_hour_is_the_activity_then_the_aim(valley):  # noqa: F811
    reply = ask(valley, "Pip", "Why are you strumming away at the inn so early, Pip?").utterance
    assert "breakfast" in reply and "ballad" in reply, reply


def test_a_total_no_held_number_counts_is_not_known(classroom):  # noqa: F811
    said = "Ms Arden, if I counted every pupil in the school, what total would I get?"
    reply = ask(classroom, "Arden", said).utterance
    assert "fraction" not in reply and ("know" in reply or "idea" in reply), reply


def test_a_count_is_answered_by_a_number_about_the_same_thing(valley):  # noqa: F811
    assert "five" in ask(valley, "Cobb", "How many sheep did the dragon take, Cobb?").utterance
    assert "five" in ask(valley, "Cobb", "How many of your animals did the monster carry off, Cobb?").utterance
    assert "five" in ask(valley, "Cobb", "some have gone missing from your fold, how many are you short").utterance
