"""A line passed as over a radio ("copy that", "loud and clear", "stand by", "over") is read
without its words of procedure, and its formal asks are said plainly: "requesting you book
Walter in" asks it done, "requesting a net mended by you" too, "requesting the name of ..."
and "please advise what ..." ask to be told, "what's your status?" asks what the NPC is
doing, "name the things in the wing" asks what they are, and "what number of" asks how many.
Also: "Sam, head to the Phone Bay" is a walk though "head office" is a name the world knows,
"what sort of warrior are you by calling?" asks the NPC's nature and "which pupil do you think
most highly of?" whom it esteems."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.asides import said_without_asides
from simverse.llm.dialogue.stated import briefed_plainly
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "plain"), [
    ("Copy that, Mara, loud and clear. Is the rye fresh, over?", "Mara. Is the rye fresh?"),
    ("Stand by, then walk over to the square, Tomas.", "then walk over to the square, Tomas."),
    ("Tomas, stand by for a question. Where is the chapel, over?", "Tomas. Where is the chapel?"),
    ("Is it over?", "Is it over?"),  # inside a clause
    ("Hand it over, please.", "Hand it over, please."),
    ("Thanks, over and out.", "Thanks, over and out."),  # nothing more is asked: the farewell itself
])
def test_words_of_radio_procedure_are_said_as_nothing(said, plain):
    assert said_without_asides(said) == plain


@pytest.mark.parametrize(("said", "plain"), [
    ("Requesting you bake the rye, Mara.", "please bake the rye, Mara."),
    ("Requesting the lamp trimmed by you, Nell.", "please trim the lamp, Nell."),
    ("Requesting your full name, Pieter.", "tell me your full name, Pieter."),
    ("Please advise how long the tower has stood.", "tell me how long the tower has stood."),
    ("Greta, what's your status?", "Greta, what are you doing?"),
    ("Otto, name the things in the wing for me, over.", "Otto, tell me the things in the wing, over."),
    ("Requesting a herring, Tomas.", "Requesting a herring, Tomas."),  # a thing wanted, not a detail
    ("What number of loaves are left?", "how many loaves are left?"),
])
def test_formal_asks_are_said_plainly(said, plain):
    assert briefed_plainly(said) == plain


def test_a_question_passed_over_the_radio_asks_no_deed(clinic):  # noqa: F811
    line = "Copy that, Dr Okoye, loud and clear. Do the new pills often make people dizzy, over?"
    decision = ask(clinic, "Okoye", line)
    assert decision.action == "talk" and "rarely" in decision.utterance, decision.utterance


def test_a_deed_requested_is_done(clinic):  # noqa: F811
    decision = ask(clinic, "Nadia", "Requesting you book Walter in with the doctor, Nadia.")
    assert decision.action == "book_appointment" and decision.args == {"npc": "Walter"}


def test_a_walk_after_stand_by(museum):  # noqa: F811
    assert ask(museum, "Bram", "Stand by, then walk over to the Museum Café, Bram.").action == "move"


def test_status_asks_what_the_npc_is_doing(harbour):  # noqa: F811
    assert "setting up" in ask(harbour, "Greta", "Greta, what's your status this morning?").utterance


def test_please_advise_asks_to_be_told(harbour):  # noqa: F811
    answer = ask(harbour, "Nell", "Nell, copy, please advise what you can see from the Lighthouse.").utterance
    assert "every boat" in answer, answer


def test_things_named_are_asked(museum):  # noqa: F811
    answer = ask(museum, "Hale", "Mr Hale, name the things in the Ancient Wing for me.").utterance
    assert answer.startswith("Ancient Wing?") and "sarcophagus" in answer, answer


def test_thinking_most_highly_of_someone_is_esteem(school):  # noqa: F811
    assert "Ines" in ask(school, "Theo", "Theo, which pupil in Room 4B do you think most highly of?").utterance


def test_head_to_is_a_walk_though_head_office_is_a_name(desk):  # noqa: F811
    assert ask(desk, "Sam", "Sam, head to the Phone Bay.").action == "move"


def test_the_nature_by_calling(valley):  # noqa: F811
    answer = ask(valley, "Rowan", "Copy that, Rowan, what sort of warrior are you by calling?").utterance
    assert "knight errant" in answer, answer
