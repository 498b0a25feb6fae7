"""Questions put as doubts or guesses for the NPC to confirm ("you wouldn't know ..., would
you?", "you won't be wanting ..., will you?", "..., right?"), questions passed on after the
name of the one asked, "your role", "I don't suppose you could ..." and a fair price that
measures a deed, and a deed asked "here and now" that is no walk; on the shipped worlds."""

from __future__ import annotations

from simverse.agents.player import ask
from simverse.llm.dialogue.reading import doubts_asked, read
from simverse.llm.dialogue.reported import as_question
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (the museum with MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401  (MiniLM)


def test_a_doubt_that_the_npc_knows_or_has_a_thing_asks_it(museum, harbour):  # noqa: F811
    line = "Ada, it's Camille. You wouldn't know offhand the year our lantern girl was done, would you? I've lost it."
    reply = ask(museum, "Ada", line, "Camille")
    assert "1665" in reply.utterance and reply.action == "talk", reply
    assert doubts_asked(read("you wouldn't know who painted it, would you?"))
    assert not doubts_asked(read("you wouldn't carry this for me, would you?"))
    herring = ask(harbour, "Jonas", "you wouldn't have a fresh herring, would you?")
    assert "3 coins" in herring.utterance and herring.action == "talk", herring


def test_a_question_passed_on_after_the_name_of_the_one_asked(clinic):  # noqa: F811
    assert as_question("Greta, my uncle's asking who grows the vegetables.") == "who grows the vegetables?"
    assert as_question("the man on the desk wondered what you do") == "what do you do?"
    assert as_question("I asked him where the mill is") == "I asked him where the mill is"  # the speaker's own
    reply = ask(clinic, "Sunita", "Sunitha, the man on the desk wondered what you do for a living.").utterance
    assert "teacher" in reply, reply


def test_a_role_asked_is_the_job(desk):  # noqa: F811
    assert "service manager" in ask(desk, "Okafor", "Your role, Okafor?").utterance
    assert "service manager" not in ask(desk, "Okafor", "what's your role in the refund?").utterance


def test_i_dont_suppose_you_could_asks_it_done(clinic):  # noqa: F811
    booked = ask(clinic, "Nadia", "Nadia, I don't suppose you could book Leah in with the doctor?")
    assert booked.action == "book_appointment" and booked.args.get("npc") == "Leah", booked
    told = ask(clinic, "Nadia", "I don't suppose you could tell me where the pharmacy is?")
    assert told.action == "talk" and "Pharmacy" in told.utterance, told


def test_a_claim_tagged_right_is_checked_on_what_the_npc_knows(clinic):  # noqa: F811
    line = "Nadia, Ben here. I've been telling people the doctor's got nothing left today. Right?"
    reply = ask(clinic, "Nadia", line, "Ben").utterance
    assert "appointments free this afternoon" in reply, reply


def test_a_fair_price_charged_is_a_deed_not_a_price_asked(harbour):  # noqa: F811
    deed = ask(harbour, "Tomas", "I don't suppose Jonas ever charges a fair price for his herrings, does he?").utterance
    assert "below the fair price" in deed, deed
    price = ask(harbour, "Tomas", "what's a fair price for a herring?").utterance
    assert "3 coins" in price, price


def test_a_plan_guessed_for_the_npc_to_confirm(harbour, valley):  # noqa: F811
    tavern = ask(harbour, "Ilsa", "Ilse, you won't be wanting a quiet night tonight, will you?").utterance
    assert "fill the tavern" in tavern, tavern
    cheap = ask(valley, "Brakka", "You're not going to pay full whack for the map, are you?", "Sable").utterance
    assert "buy the map cheap" in cheap, cheap


def test_how_long_guessed_for_the_npc_to_correct(museum):  # noqa: F811
    reply = ask(museum, "Otto", "Otto, you can't have been guarding this place more than five years, surely?").utterance
    assert "Twenty years" in reply, reply
    assert "Twenty years" not in ask(museum, "Otto", "how long more will you stay?").utterance


def test_a_deed_asked_here_and_now_is_no_walk(harbour):  # noqa: F811
    here = ask(harbour, "Finn", "Finn lad, sorry to ask, but down an ale with me here and now.")
    assert here.action == "talk" and "can't" in here.utterance, here  # drinking needs the tavern
    assert ask(harbour, "Finn", "come with me to the tavern").action == "move"


def test_what_the_npc_is_here_to_do_is_its_aim(museum):  # noqa: F811
    line = "Priya, my daughter does art too and asked me which painting you're here to draw."
    assert "Girl with a Lantern" in ask(museum, "Priya", line).utterance
