"""Lines as players type them in character: old forms ("dost thou", "prithee"), "I seek the
one who..." and "which of you handles..."; on the shipped worlds."""

from __future__ import annotations

from simverse.agents.player import ask
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.reported import as_question
from simverse.llm.dialogue.typed import plainly
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import desk  # noqa: F401  (MiniLM)


def test_old_forms_are_read_as_plain_english(valley):  # noqa: F811
    assert plainly("what dost thou seek, prithee?") == "what do you seek, please?"
    quest = ask(valley, "Rowan", "Tell me, noble knight, what quest dost thou pursue?").utterance
    assert quest.startswith("I mean to") and "slay the dragon" in quest, quest
    assert ask(valley, "Rowan", "Prithee, what is thy name?").utterance.startswith("I'm Rowan")


def test_i_seek_the_one_who_asks_who(valley):  # noqa: F811
    assert as_question("I seek whoever keeps the sheep.") == "who keeps the sheep?"
    assert "Brakka" in ask(valley, "Rowan", "I seek the one who sells charms against dragons.").utterance


def test_which_of_you_asks_who(desk):  # noqa: F811
    assert as_question("Which of you handles phone calls?") == "who handles phone calls?"
    assert as_question("which of you do I pay?") == "which of you do I pay?"  # "do" is no deed of theirs
    assert in_usual_order("which of you sells bread?") == "which of you sells bread?"  # not "which of do you"
    assert "Rosa" in ask(desk, "Sam", "Which of you handles phone calls?").utterance

