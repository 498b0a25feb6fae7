"""Lines in old or elevated words ("what soundeth whensoever a patron crosseth thy
threshold?", "at what tariff dost thou vend a rye loaf?", "'tis Kofi"): read as the plain
words, answered as the plain question is; a word of the old forms that is an everyday word
("twentieth", "beneath", "pray" as a deed) is left as it is."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "plain"), [
    ("what soundeth whensoever a patron crosseth thy door", "what sounds whenever a customer crosses your door"),
    ("he goeth and cometh and maketh bread", "he goes and comes and makes bread"),
    ("at what tariff dost thou vend a loaf", "at what price do you sell a loaf"),
    ("wilt thou tarry ere the physician comes", "will you wait before the physician comes"),
    ("the twentieth day beneath the tower", "the twentieth day beneath the tower"),
])
def test_old_and_elevated_words_are_read_as_plain_words(said, plain):
    assert read(said).text == plain


def test_a_price_asked_in_old_words_is_told(harbour):  # noqa: F811
    assert "2 coins" in ask(harbour, "Mara", "Mistress Mara, at what tariff dost thou vend a rye loaf?").utterance


def test_when_a_festival_commences_is_when_it_starts(harbour):  # noqa: F811
    assert "sunset" in ask(harbour, "Mara", "Good Mara, when doth the lantern festival commence?").utterance


def test_tis_says_who_speaks(school):  # noqa: F811
    reply = ask(school, "Ines", "Ines, 'tis Kofi. What dost thou covet most in thy tests?", "Kofi").utterance
    assert "full marks" in reply and "Kofi" not in reply, reply


def test_pray_tell_is_no_prayer(harbour):  # noqa: F811
    assert ask(harbour, "Jonas", "Master Jonas, pray tell, what dost thou call thy boat?").action == "talk"
    assert ask(harbour, "Aldo", "Father Aldo, pray for the fleet.").action == "pray"
