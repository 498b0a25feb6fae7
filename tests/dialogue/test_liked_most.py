"""Whom the NPC spends its time with most, asked without a word of liking ("who do you sit
with most?"), is whom it likes best; "who do you work with?" or another time is not."""

from __future__ import annotations

import pytest

from simverse.llm.dialogue.bonds import liked_asked
from simverse.llm.dialogue.reading import read


@pytest.mark.parametrize("line", ["who do you sit with most at lunch?", "who do you knock around with the most",
                                  "who will you play with mostly today?"])
def test_whom_the_npc_spends_its_time_with_most_is_whom_it_likes(line):
    assert liked_asked(read(line))


@pytest.mark.parametrize("line", ["who do you work with?", "who did you sit with most last year?",
                                  "who do you want to speak with?"])
def test_a_who_with_question_without_most_is_not_about_liking(line):
    assert not liked_asked(read(line))
