"""What drives an NPC, asked without a word for goals ("what gets you out of bed?"), is
answered from its goals, closest first, when no rule before found an answer; a question
after a plain fact of its own ("what's your favourite colour?") stays "I don't know"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.llm.dialogue.motives import motive_asked, motive_of
from simverse.llm.dialogue.reading import read
from simverse.world.model import World


@pytest.fixture(scope="module")
def harbour() -> Iterator[World]:
    with shipped("harbor_town", "minilm") as w:
        yield w


@pytest.mark.parametrize("line", ["tomas why do you push yourself so hard?",
                                  "tomas what's really eating at you these days?"])
def test_a_motive_asked_sideways_is_answered_from_the_goals(harbour, line):
    answer = ask(harbour, "Tomas", line).utterance
    assert answer.startswith("I mean to"), answer
    assert "Jonas" in answer or "customers" in answer, answer


@pytest.mark.parametrize("line", ["tomas what's your favourite colour?", "tomas what was your first boat called?"])
def test_a_plain_fact_of_its_own_is_not_answered_with_goals(harbour, line):
    answer = ask(harbour, "Tomas", line).utterance
    assert "I mean to" not in answer, answer


def test_no_embedder_or_no_you_reads_no_motive():
    from simverse.llm.dialogue.intents import IntentModel

    r = read("what keeps the harbour busy?")
    assert motive_of(IntentModel(None), r, r.text, None) is None  # type: ignore[arg-type]
    assert not motive_asked(None)
