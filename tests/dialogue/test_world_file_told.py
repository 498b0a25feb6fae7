"""What the world file says that no belief states, told after "I don't know" (the NPC's own
persona, less what shares a word with a secret; what a place's description holds); whom
the NPC thinks well of asked without "who"; what the speaker sees it doing; the places
out of a door; who runs a place; a price "the desk charges"; a length of service; walks
dared or wished for ("race you to...", "last one to the frame..."); on the shipped worlds."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue import nearest_answer
from simverse.llm.dialogue.aims import in_first_person
from simverse.llm.dialogue.bonds import liked_asked
from simverse.llm.dialogue.details import persona_pieces, persona_told, place_details
from simverse.llm.dialogue.neighbours import neighbours_asked
from simverse.llm.dialogue.own_time import span_asked
from simverse.llm.dialogue.reading import asks_price, read
from simverse.llm.dialogue.requesting import walk_together
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (the museum with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_nearest_answer import _heard
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


def test_a_persona_is_said_in_the_first_person():
    assert in_first_person("A keen amateur runner who twisted his knee") == "A keen amateur runner who twisted my knee"
    assert persona_told(["A young parent worried about a rash on her arm", "with a toddler in tow"]) == (
        "Me? A young parent worried about a rash on my arm, with a toddler in tow.")
    assert persona_told([]) == ""


def test_no_part_of_a_persona_that_shares_a_word_with_a_secret_is_a_candidate(harbour):  # noqa: F811
    req = _heard(harbour, "Pieter", "Player", "why so glum, mayor?").req
    assert any(f.secret for f in req.facts)  # the festival fund he spent
    pieces = persona_pieces(req)
    assert "anxious in private" in pieces
    assert not any("festival fund" in p for p in pieces)  # "hiding an empty festival fund"
    told = {c.said for c in nearest_answer.candidates(req) if c.kind == "self"}
    assert told and not any("fund" in t for t in told)


def test_a_places_description_gives_its_sentences_and_each_item_of_a_list():
    details = place_details("Rows of desks, a class hamster called Pi, and doors onto the playground. Quiet here.")
    said = [piece for piece, _ in details]
    assert "a class hamster called Pi" in said and "Quiet here." in said
    assert all(sentence in ("Rows of desks, a class hamster called Pi, and doors onto the playground.", "Quiet here.")
               for _, sentence in details)


def test_after_i_dont_know_comes_what_the_persona_says(clinic):  # noqa: F811
    said = ask(clinic, "Marco", "Marco mate, why the limp?").utterance
    assert DONT_KNOW.search(said) and "twisted my knee" in said, said


@pytest.mark.parametrize(("line", "asked"), [
    ("theo between you n me, which classmate do u think is amazing", True),
    ("Doctor, whose help would you be lost without around here?", True),
    ("Elder, which of the three heroes in town do you favour?", True),
    ("Wren, is there a villager you're fond of?", True),
    ("who's your favourite?", True),
    ("which of the wares do you favour?", False),  # no person
    ("which bread do you think is the best?", False),
    ("whose boat is the best?", False),  # not the NPC's feeling
    ("who's your favourite writer?", False),  # someone the world may not hold
    ("is there a shop you like?", False),
])
def test_whom_the_npc_thinks_well_of_is_asked_in_many_words(line, asked):
    assert liked_asked(read(line)) is asked


@pytest.mark.parametrize(("world", "npc", "line", "told"), [
    ("school", "Theo", "theo between you n me, which classmate do u think is amazing", "Ines"),
    ("clinic", "Okoye", "Doctor, whose help would you be lost without around here?", "Nadia"),
])
def test_the_person_the_npc_thinks_best_of_is_named(request, world, npc, line, told):
    said = ask(request.getfixturevalue(world), npc, line).utterance
    assert told in said and not DONT_KNOW.search(said), said


@pytest.mark.parametrize(("world", "npc", "line", "told"), [
    ("museum", "Lena", "Lena, you've been buttering up every attendant in the lobby since opening. What's that about?",
     "chatting up the staff"),
    ("desk", "Okafor", "Okafor, what's got you buried in paperwork at half eight?", "reviewing refund requests"),
])
def test_what_the_speaker_sees_the_npc_doing_is_answered_by_its_activity(request, world, npc, line, told):
    said = ask(request.getfixturevalue(world), npc, line).utterance
    assert told in said, said


def test_a_remark_on_something_else_gets_no_activity(harbour):  # noqa: F811
    said = ask(harbour, "Nell", "I heard shouting at the quay, what's all that about?").utterance
    assert "keeping" not in said and "lamp" not in said, said


@pytest.mark.parametrize(("line", "asked"), [
    ("Miss, the staffroom door - which corridor or room does it open straight into?", True),
    ("when I walk out of your chapel door, where will I be standing?", True),
    ("where do i end up if i walk out the tavern door", True),
    ("which door is locked?", False),
    ("where will I be standing for the photo?", False),
])
def test_the_places_out_of_a_door_are_asked(line, asked):
    assert neighbours_asked(read(line)) is asked


def test_the_question_read_after_a_lead_in_still_counts_its_door(harbour):  # noqa: F811
    line = ("Father, forgive the odd question, but I've got a hopeless sense of direction: when I walk out of "
            "your chapel door, where will I be standing?")
    assert ask(harbour, "Aldo", line).utterance == "Chapel of the Tides opens onto Town Square."


def test_running_a_place_is_working_there_not_being_a_runner(clinic):  # noqa: F811
    assert "Iris" in ask(clinic, "Ben", "Ben, who's running the pharmacy counter today?").utterance


def test_a_price_the_desk_charges_and_a_length_of_service_are_asked():
    assert asks_price(read("Lena, did you see what the desk charges for a guidebook?"))
    assert span_asked(read("Otto, what's your length of service at the Marlowe?"))
    assert not span_asked(read("what's the length of the gallery?"))


@pytest.mark.parametrize(("line", "together"), [
    ("Mayor, I'd love your company up at the square. Coming?", True),
    ("race you to the square!", True),
    ("Zara, last one to the climbing frame is a rotten egg!", True),
    ("I like your company.", False),  # a compliment, no walk
    ("is the doctor coming?", False),
])
def test_a_walk_dared_or_wished_for_is_a_walk_together(line, together):
    assert walk_together(read(line)) is together


@pytest.mark.parametrize(("world", "npc", "line", "place"), [
    ("school", "Zara", "Zara, last one to the climbing frame is a rotten egg!", "playground"),  # by what is there
    ("clinic", "Sunita", "Sunita, pop round to the prescriptions counter with me?", "pharmacy"),
    ("museum", "Bram", "Bram, let's go and see that rearing bronze horse.", "sculpture_hall"),
])
def test_a_walk_to_a_place_said_by_what_is_there_is_agreed(request, world, npc, line, place):
    decision = ask(request.getfixturevalue(world), npc, line)
    assert (decision.action, decision.args) == ("move", {"place": place}), decision.utterance
