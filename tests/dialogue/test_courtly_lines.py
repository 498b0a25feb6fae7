"""Lines in a formal, roundabout register said plainly: a question put as a wish to learn or
as an instruction to state, an order put as a favour or a formal request, an apology for
asking before the question, the way asked through a supposition; and a place's description
told when what it is like or holds is asked."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.courtly import said_plainly
from simverse.llm.dialogue.reported import as_question
from tests.dialogue.test_asked_in_passing import harbour, museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401


@pytest.mark.parametrize(("line", "plain"), [
    ("I should be most grateful to learn where the ferry leaves from.", "where the ferry leaves from?"),
    ("It would help me enormously were you to tell me who keeps the keys.", "who keeps the keys?"),
    ("We would be obliged for an indication of the hours you keep.", "when is the hours you keep?"),
    ("Sir, kindly state the fee you charge for a lesson.", "Sir, how much is the fee you charge for a lesson?"),
    ("For the avoidance of doubt, please specify the place where the cart broke down.",
     "For the avoidance of doubt. where is the place where the cart broke down?"),
    ("I should like very much to know whether the gate is locked.", "is it true the gate is locked?"),
    ("Madam, I would take it as a real kindness were you to open the shutters.", "Madam, open the shutters."),
    ("Pray be so good as to fetch the ledger.", "fetch the ledger."),
    ("Would you do me the honour of showing me the garden?", "show me the garden."),
    ("You are hereby requested to close the till.", "close the till."),
    ("I must respectfully ask you to describe what you saw at the mill.", "what you saw at the mill?"),
    ("Pardon the interruption, Nurse, but where do I wait?", "where do I wait?"),
    ("Permit me to ask where you were born.", "where were you born?"),
    ("It would please me greatly if you would sing.", "sing."),
    ("Could you name the owner of the bakery?", "who is the owner of the bakery?"),
    ("Have the goodness to close the door.", "close the door."),
    ("Would you be so kind as to inform me where the well is?", "where is the well?"),
    ("Be good enough to let me know when the shop opens.", "when the shop opens?"),
    ("Allow me to remark that your bread is superb.", "your bread is superb."),
    ("Might you fetch the kettle?", "fetch the kettle."),
    ("Pray stoop and lift the lid.", "stoop and lift the lid."),
    ("Pray, what is your name?", "what is your name?"),
    ("I'd be so pleased if you'd open the gate.", "open the gate."),
    ("Mara here. I never quite caught your surname; would you remind me?", "Mara here. what is your surname?"),
    ("I don't know your trade. What is it?", "what is your trade?"),
    ("Were a traveller to set off from the mill to the bridge, which way should he go?",
     "how would one get from the mill to the bridge?"),
])
def test_a_formal_line_said_plainly(line, plain):
    assert said_plainly(line) == plain


@pytest.mark.parametrize("line", [
    "I'd like to learn the fiddle one day.",  # a wish, no courtesy asking to be told
    "Explain the sums to the class, please.",  # an order to explain a thing, not a question
    "Please describe the painting to the visitors.",
    "where is the chapel?",
    "Could you tell me where the chapel is?",  # the reading asks it as it is
    "Might you know where the inn is?",
    "I want to learn the fiddle.",
    "I would like to learn the lute.",  # a liking to learn a thing asks nothing
    "Please confirm my appointment.",  # confirming a thing may be work
    "If you go to the square, which way do you take?",  # no start and end of a walk
    "I'd be grateful, thanks.",
    "May I say what I think?",  # leave to say, not a remark
    "Father, pray for us.",  # praying is the order
    "Forgive me for calling so late in the evening, but where is the inn?",  # the apology says when
    "I never caught your name, sorry.",
])
def test_other_lines_are_left_as_they_are(line):
    assert said_plainly(line) == line


def test_leave_to_enquire_asks_what_follows():
    asked = as_question("Might I respectfully enquire what you think of the exhibit?")
    assert asked == "what do you think of the exhibit?"


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("harbour", "Mara", "I should be ever so obliged to learn the price you ask for a rye loaf.", "2 coins"),
    ("valley", "Maud", "Kindly state the place in which the watchtower key went missing.", "Whispering Wood"),
    ("clinic", "Okoye", "Forgive the interruption, Doctor, but who is your colleague here?", "Nadia"),
    ("clinic", "Walter", "I never did learn your trade, Walter. Would you tell me?", "bus driver"),
])
def test_a_formal_line_gets_the_plain_lines_answer(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


@pytest.mark.parametrize(("world", "npc", "said", "action"), [
    ("desk", "Okafor", "I wonder whether you would oblige me by reviewing the requests in your tray.",
     "review_requests"),
    ("harbour", "Aldo", "Father, I should count it a great mercy were you to pray for the boats.", "pray"),
    ("museum", "Lena", "take notes of what goes on here in the lobby, please.", "take_notes"),  # no walk: here
])
def test_an_order_put_as_a_favour_is_done(request, world, npc, said, action):
    decision = ask(request.getfixturevalue(world), npc, said)
    assert decision.action == action, (decision.action, decision.utterance)


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("museum", "Otto", "what's the Ancient Wing like?", "papyri"),
    ("museum", "Bram", "what can one see in the Ancient Wing?", "sarcophagus"),
    ("harbour", "Ilsa", "what is there in the Town Square?", "fountain"),
])
def test_what_a_place_holds_is_its_description(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_what_the_npc_does_at_a_place_is_no_description(museum):  # noqa: F811
    reply = ask(museum, "Otto", "what are you doing in the lobby?").utterance
    assert "Dutch paintings under soft lights" not in reply, reply


def test_what_keeps_the_npc_occupied_is_what_it_is_doing(harbour):  # noqa: F811
    reply = ask(harbour, "Nell", "what keeps you so occupied this early?").utterance
    assert "lamp" in reply, reply


def test_a_deed_done_where_they_stand_is_no_walk(harbour):  # noqa: F811
    decision = ask(harbour, "Tomas", "have a pint with me where we are, Tomas.")
    assert decision.action != "move", decision.utterance


def test_a_wish_to_know_what_the_npc_intends_is_its_aim(museum):  # noqa: F811
    reply = ask(museum, "Priya", "which painting are you intending to sketch, Priya?").utterance
    assert "Girl with a Lantern" in reply, reply
