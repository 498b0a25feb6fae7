"""Questions and orders put sideways, on the shipped worlds: a bond asked with its question
after it ("a pal of yours, is she?", "kofi n you, best mates are ya?") or as whom the NPC
ends up with; a wish asked as a supposition ("if you could sneak in anywhere, where would it
be?", "if the nurse could sort one thing out for you...") or as what would make it proud or
let it sleep easy; a person described in a bond question as one the NPC has a bond with;
what has its attention, or a short "busy day?" after a remark; a price
as what to hand over or what it will run to; a job as a line of work; who is in charge "if
the desk can't help"; the way to where a person lives; a person described by the place
they keep ("the fella in the glass office"); a walk "pop through" to a place named before
it, or to a place said by a thing there ("where the fountain is", "on the tarmac"); work
hinted at as "needs booking in", or by a remark on what the work shows ("the pile of
prescriptions on your counter keeps growing")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.world.model import World
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (with MiniLM)


@pytest.fixture(scope="module")
def museum() -> Iterator[World]:
    with shipped("museum_tour", "minilm") as w:
        yield w


@pytest.mark.parametrize(("npc", "line", "said"), [
    ("Milo", "who do you always end up pairing up with in class", "Kofi"),
    ("Milo", "kofi n you, best mates are ya?", "best friend"),
])
def test_a_bond_asked_sideways_in_the_classroom(school, npc, line, said):  # noqa: F811
    answer = ask(school, npc, line)
    assert said in answer.utterance and answer.action == "talk", answer.utterance


def test_a_bond_asked_with_its_question_after_it(desk):  # noqa: F811
    answer = ask(desk, "Okafor", "delaney, a pal of yours, is she?").utterance
    assert answer.startswith("Delaney is my customer"), answer  # not "I couldn't say about Delaney; ..." first


def test_a_bond_asked_of_someone_described_means_one_the_npc_has_a_bond_with(school):  # noqa: F811
    answer = ask(school, "Milo", "the kid who's forever cracking jokes, what is he to you?").utterance
    assert answer.startswith("Kofi is my best friend"), answer


def test_how_someone_fits_into_the_npcs_life_asks_the_bond(museum):
    answer = ask(museum, "Priya", "how does the tour guide fit in your life these days?").utterance
    assert answer.startswith("Ada is my admirer"), answer  # not "Now that I don't know about Ada, ..." first


@pytest.mark.parametrize(("world", "npc", "line", "said"), [
    # a wish asked as a supposition, or as what would please the NPC, is a goal
    ("school", "Kofi", "if you could slip in anywhere at all round here, where would it be?", "staff room"),
    ("school", "Arden", "which of the class would make you proudest by summer?", "speak up"),
    ("harbour", "Pieter", "what would help you sleep sound tonight, pieter?", "success"),
    ("harbour", "Finn", "if you won a heap of silver next week what would you do with it?", "own boat"),
    # what has the NPC's attention is what it is doing
    ("school", "Theo", "what's caught your eye so early, theo?", "reading"),
    # a price asked as what to hand over, or what it will run to
    ("harbour", "Greta", "what do i hand over for a rye loaf at mara's?", "2 coins"),
    ("desk", "Sam", "a coffee out of the machine, what's that gonna run me?", "1 coin"),
    ("valley", "Pip", "what would i fork out for a bowl of stew?", "2 coins"),
    # ... or about someone else doing one thing for the NPC
    ("clinic", "Walter", "if the nurse could sort one thing out for you, what would it be?", "pills"),
    # a wish said as an itch
    ("museum", "Priya", "what are you dying to draw while you're here?", "Girl with a Lantern"),
    # a short question after a remark asks by itself
    ("desk", "Rosa", "you've had that headset on since the doors opened, busy day?", "taking calls"),
    # a line of work is a job
    ("harbour", "Mara", "tomas, what's his line of work?", "fisherman"),
    # a person described by the place they keep, said by a word of its description
    ("desk", "Hugo", "the fella in the glass office, what's his name?", "Okafor"),
])
def test_asked_sideways_is_answered_from_what_the_npc_holds(request, world, npc, line, said):
    answer = ask(request.getfixturevalue(world), npc, line).utterance
    assert said in answer, answer


def test_who_is_in_charge_if_a_place_cannot_help_is_not_who_works_there(desk):  # noqa: F811
    answer = ask(desk, "Yuki", "who's in charge round here if the desk can't sort me out?").utterance
    assert "Okafor" in answer and "Sam" not in answer, answer


def test_the_way_to_where_a_person_lives(valley):  # noqa: F811
    answer = ask(valley, "Pip", "how would i find where the hermit lives from here?").utterance
    assert "Whispering Wood" in answer, answer


@pytest.mark.parametrize(("world", "npc", "line", "place"), [
    ("desk", "Bea", "the front desk is drowning, pop through would you", "front_desk"),
    ("clinic", "Walter", "there's a free chair in the waiting room now, nip through please", "waiting_room"),
    ("harbour", "Ilsa", "come out where the fountain is with me", "square"),
    ("school", "Milo", "come out on the tarmac and have a kickabout with me", "playground"),
    ("desk", "Bea", "come sit with me by the fridge for five minutes", "break_room"),
    ("valley", "Cobb", "stroll down onto the green alongside me", "village"),
])
def test_a_walk_to_a_place_said_before_or_by_what_stands_there(request, world, npc, line, place):
    answer = ask(request.getfixturevalue(world), npc, line)
    assert (answer.action, answer.args) == ("move", {"place": place}), answer.utterance


def test_someone_who_needs_booking_in_is_booked(clinic):  # noqa: F811
    answer = ask(clinic, "Nadia", "walter needs booking in with the doc")
    assert (answer.action, answer.args) == ("book_appointment", {"npc": "Walter"}), answer.utterance


def test_needing_nothing_is_no_order(harbour):  # noqa: F811
    answer = ask(harbour, "Mara", "i need nothing more today, thanks")
    assert answer.action == "talk", answer.utterance


@pytest.mark.parametrize(("world", "npc", "line", "action"), [
    ("clinic", "Iris", "the pile of prescriptions on your counter keeps growing", "dispense"),
    ("school", "Arden", "those marking piles in here are about to topple", "grade_papers"),
])
def test_a_remark_on_what_the_work_shows_hints_at_the_work(request, world, npc, line, action):
    answer = ask(request.getfixturevalue(world), npc, line)
    assert answer.action == action, answer.utterance


@pytest.mark.parametrize(("world", "npc", "line"), [
    ("harbour", "Nell", "the lamp was bright last night"),  # about what was
    ("clinic", "Iris", "are the prescriptions on your counter all for today?"),  # a question
    ("clinic", "Iris", "my gran collects prescriptions here. she says you're kind."),  # a story over sentences
])
def test_a_remark_about_another_time_a_question_or_a_story_is_no_hint(request, world, npc, line):
    answer = ask(request.getfixturevalue(world), npc, line)
    assert answer.action == "talk", answer.utterance
