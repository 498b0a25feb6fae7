"""Questions said as statements (:mod:`simverse.llm.dialogue.reported`): what the speaker was
told, gathers or is looking for, with the unknown left open, is asked; a report that says who
or what is news and stays as it is."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.reported import as_question
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)


@pytest.mark.parametrize(("line", "asked"), [
    ("I was told somebody round here bakes the bread", "who bakes the bread?"),
    ("apparently someone in this town sells charms", "who sells charms?"),
    ("I gather you know when the lantern festival starts", "when the lantern festival starts?"),
    ("I hear there's a place to get a drink near here", "where can i get a drink near here?"),
    ("not sure you'd know, but I'm looking for whoever mends the nets", "who mends the nets?"),
])
def test_a_report_with_the_unknown_left_open_is_asked(line, asked):
    assert as_question(line) == asked


@pytest.mark.parametrize("line", [
    "I heard the mayor spent the festival fund",  # says who: news
    "someone said hello to me at the quay",  # what someone said
    "I was told somebody round here bakes the bread?",  # asks in its own words already
    "I think someone is following me",  # a worry, not a report
])
def test_news_a_worry_or_a_question_stays_as_it_is(line):
    assert as_question(line) == line


@pytest.mark.parametrize(("line", "said"), [
    ("I was told somebody round here bakes the bread", "Mara"),
    ("I hear there's a place to get a drink near here", "Salty Gull"),
])
def test_the_npc_answers_what_a_report_asks(harbour, line, said):  # noqa: F811
    answer = ask(harbour, "Nell", line)
    assert said in answer.utterance and answer.action == "talk", answer.utterance
