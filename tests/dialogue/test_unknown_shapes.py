"""Questions the NPC cannot answer that once drew a guess: a question said as a wish to
know ("I'd love to know where you grew up."), how long a bond has lasted, and the name of
what the NPC is doing. Each must get "don't know" (or its reading must say so), while the
plain forms keep their answers."""

from __future__ import annotations

import pytest

from simverse.llm.dialogue.activity_asked import asks_activity
from simverse.llm.dialogue.bonds import bond_asked
from simverse.llm.dialogue.reading import read


@pytest.mark.parametrize("line", ["Hilde, I'd love to know where you grew up.",
                                  "I was wondering who taught you to bake."])
def test_a_wish_to_know_is_a_question(line):
    assert read(line).question, line


@pytest.mark.parametrize("line", ["I'd love to know more, really.", "I wonder, I wonder.", "I like to know things."])
def test_a_wish_without_a_question_word_is_no_question(line):
    assert not read(line).question, line


def test_how_long_a_bond_has_lasted_is_no_question_of_how_it_stands():
    assert not bond_asked(read("how long have you and Wulf been friends?"))
    assert bond_asked(read("are you and Wulf close?"))


def test_the_name_of_what_it_is_doing_is_not_its_doing():
    assert not asks_activity(read("what's the name of that song you are singing?"))
    assert not asks_activity(read("what is that tune called?"))
    assert asks_activity(read("what are you singing?"))
