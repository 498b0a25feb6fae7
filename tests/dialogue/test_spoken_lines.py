"""Lines spoken aloud and written down by a speech recogniser: hesitations, repeated words,
starts given up, fillers and trailing tags are read past, and a question with no question
mark is still a question. Also what such lines showed beside: a question after a "when"
clause, a thing on view asked for before the question ("the noticeboard by the lockers,
what's pinned up on it?"), a phrasal verb said without its particle, a deed for a thing
rather than the work here, a person's work asked with where it is done, "what's all that ... this early?" and
a deadline of "that story of yours"."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.spoken import fluent
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "read"), [
    ("um so greta when when does the the bakery open", "so greta, when does the bakery open?"),
    ("what are you uh why are you up so early like", "why are you up so early?"),
    ("jonas is there a um where could i buy some rope round here", "jonas, where could i buy some rope round here?"),
    ("have you er do you know who runs the inn", "do you know who runs the inn?"),
    ("what does Tomas er what does he keep in that shed", "what does Tomas keep in that shed?"),
    ("could you like fetch me a loaf yeah", "could you fetch me a loaf?"),
    ("who do you like really look up to you know", "who do you really look up to?"),
    ("so yeah is the ferry running today or", "is the ferry running today?"),
    ("uh the big map in the hall whats marked on it", "the big map in the hall, whats marked on it?"),
])
def test_a_spoken_line_is_read_as_if_typed(said, read):
    assert fluent(said) == read


@pytest.mark.parametrize("line", [
    "Good morning, Mara! Have you heard the news?",
    "Would you like to hear what I saw at the quay",
    "I like fishing",
    "do you like fishing",
    "I'd like a loaf",
    "I mean to finish the nets",
    "whats the weather like",
    "you know where the inn is?",
    "is she someone you know?",
    "the doc today is nadia, yeah?",
    "I should like very much to know",
])
def test_a_line_with_nothing_of_speech_is_left_as_it_is(line):
    assert fluent(line) == line


def test_a_finished_question_before_a_pause_is_kept():
    assert fluent("where is the inn um is it far") == "where is the inn, is it far?"


def test_a_spoken_question_is_answered_as_the_typed_one(harbour):  # noqa: F811
    typed = ask(harbour, "Mara", "When does the lantern festival start?").utterance
    spoken = ask(harbour, "Mara", "um so mara when when does the the lantern festival start or").utterance
    assert "sunset" in typed and "sunset" in spoken, (typed, spoken)


def test_a_spoken_yes_no_question_to_a_trusted_colleague_tells(school):  # noqa: F811
    reply = ask(school, "Arden", "ms arden it's kofi um sorry is there is there a test today or", "Kofi").utterance
    assert "quiz" in reply, reply


def test_the_question_after_a_when_clause_is_what_is_asked(school):  # noqa: F811
    reply = ask(school, "Ines", "Ines, when you do a test what score are you aiming for?").utterance
    assert "full marks" in reply, reply


def test_a_thing_said_before_the_question_about_it_is_seen_here(school):  # noqa: F811
    reply = ask(school, "Milo", "milo uh the noticeboard out by the lockers whats pinned up on it").utterance
    assert "lunch menu" in reply, reply


def test_the_thing_said_first_is_asked_not_where_it_stands(clinic):  # noqa: F811
    reply = ask(clinic, "Ben", "Ben, what are those sweets in the bowl on your counter?").utterance
    assert "lollipops" in reply and "soup" not in reply, reply


def test_a_thing_hanging_where_the_npc_is_is_told(harbour):  # noqa: F811
    reply = ask(harbour, "Aldo", "Father, what's that thing hanging from the ceiling above the pews?").utterance
    assert "ship model" in reply and "., " not in reply, reply


def test_a_phrasal_verb_without_its_particle_is_another_deed(valley):  # noqa: F811
    assert ask(valley, "Wren", "could you pick a few more herbs for the pot?").action == "forage"
    assert ask(valley, "Wren", "could you pick up the herbs lying here?").action == "take"


def test_a_deed_for_a_thing_is_not_the_work_here(desk):  # noqa: F811
    decision = ask(desk, "Hugo", "hugo can you do the swap for a new kettle right here in the waiting area?")
    assert decision.action != "take_ticket", decision.utterance


def test_a_thing_the_work_is_done_with_keeps_the_work(school):  # noqa: F811
    decision = ask(school, "Ines", "ines, you're the neatest in class, get the board into your book for me")
    assert decision.action == "take_notes", decision.utterance


def test_a_persons_work_asked_with_where_it_is_done(harbour):  # noqa: F811
    reply = ask(harbour, "Ilsa", "Ilsa, what does Pieter actually do in this town?").utterance
    assert "mayor" in reply, reply


def test_whats_all_that_at_this_hour_asks_what_it_is_doing(valley):  # noqa: F811
    reply = ask(valley, "Pip", "Pip, what's all that with the lute this early in the morning?").utterance
    assert "playing" in reply, reply


def test_a_deadline_asked_of_that_thing_of_yours(museum):  # noqa: F811
    reply = ask(museum, "Lena", "Lena, when are you filing that story of yours?", "Otto").utterance
    assert "evening" in reply, reply
