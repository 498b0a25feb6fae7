"""How long the NPC has been what it is, told from its persona where the persona says a span
of time ("twenty years on the job"), and not guessed where it does not."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.own_time import own_span, span_asked
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (the museum with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401  (with MiniLM)


@pytest.mark.parametrize(("persona", "said"), [
    ("The ferryman: thirty years on the river, gruff and kind.", "Thirty years on the river."),
    ("A clerk on his second week, nervous about every form.", "I'm a clerk on my second week."),
    ("A weaver who has kept her loom for 12 years.", "I'm a weaver who has kept my loom for 12 years."),
    ("The miller: proud, dusty, fond of dogs.", None),
])
def test_the_span_of_time_a_persona_says_is_told_in_the_first_person(persona, said):
    asked = read("how long have you been at it?")
    assert own_span(SimpleNamespace(npc="Ned", persona=persona, names={}), asked) == said


@pytest.mark.parametrize(("line", "asked"), [
    ("how long have you kept the ferry?", True),
    ("been at this long?", True),
    ("are you new to the job?", True),
    ("how many years have you worked the mill?", True),
    ("how long will you stay in town?", False),  # a span still to come
    ("how long until the fair starts?", False),  # not of the NPC
    ("how long ago did the mill burn down?", False),
])
def test_how_long_the_npc_has_been_so_is_asked(line, asked):
    assert span_asked(read(line)) is asked


def test_a_persona_with_a_span_answers_how_long(museum, desk):  # noqa: F811
    assert "Twenty years" in ask(museum, "Otto", "so how long have you been guarding this place?").utterance
    assert "third day" in ask(desk, "Bea", "are you new to the desk?").utterance


def test_a_persona_without_one_still_does_not_know(clinic):  # noqa: F811
    said = ask(clinic, "Okoye", "how long have you been a doctor for?").utterance
    assert DONT_KNOW.search(said) and "year" not in said, said
