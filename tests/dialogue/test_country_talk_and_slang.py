"""Old country and sea talk ("where be", "an'", "fer", "lookin'"), run-together slang
("tryna"), hedges ("kinda"), "go on and", being keen or set on something, a bid followed by
why, a question followed by leave to answer it, and a way asked as where one is heading."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.reported import as_question
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_described_places import classroom  # noqa: F401
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401
from tests.dialogue.test_late_questions import harbour  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic  # noqa: F401


@pytest.mark.parametrize(("said", "words"), [
    ("where be the chapel, love?", ("where", "is", "the", "chapel")),
    ("mend them nets an' fetch the rope wi' me", ("and", "fetch", "the", "rope", "with", "me")),
    ("a loaf fer the road afore I go", ("a", "loaf", "for", "the", "road", "before")),
    ("yer lookin' tired, friend", ("you", "are", "looking", "tired")),
    ("what're you tryna find?", ("what", "are", "you", "trying", "to", "find")),
    ("do you kinda like it here?", ("do", "you", "like", "it", "here")),  # a hedge
    ("what kinda bread do you bake?", ("what", "kind", "of", "bread")),  # a kind asked
])
def test_country_talk_and_slang_are_read_as_plain_words(said, words):
    read_words = read(said).words
    assert any(read_words[i:i + len(words)] == words for i in range(len(read_words))), read_words


def test_not_knowing_then_asking_to_have_it_explained_is_the_question():
    said = "I dunno what the number under the line is for. Can you break it down?"
    assert as_question(said) == "what the number under the line is for?"


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("harbour", "Finn", "Finn, be a love an' patch up them nets fer me afore noon, aye?", "mend_nets"),
    ("clinic", "Sunita", "Sunita, go on and check in at reception, yeah?", "check_in"),
    ("valley", "Pip", "Pip, strike up a jolly tune fer us, would ye? Summat to warm our bones.", "perform"),
])
def test_the_order_is_done(request, world, npc, said, wanted):
    decision = ask(request.getfixturevalue(world), npc, said)
    assert decision.action == wanted, decision.utterance


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("clinic", "Okoye", "Doctor, which rumour are you keen to put to bed?", "pills"),  # "rumour" read as "rumor"
    ("classroom", "Theo", "Theo, which classmate do you admire most? You can tell me.", "Ines"),
    ("clinic", "Sunita", "Sunita, which patient here lives on your road?", "Walter"),
    ("museum", "Otto", "Otto, which room do I reach first heading for the Ancient Wing?", "Sculpture Hall"),
    ("classroom", "Arden", "Miss, I dunno what the number under the line in a fraction is for. Can you break it down?",
     "equal parts"),
])
def test_the_line_gets_what_it_asks(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply
