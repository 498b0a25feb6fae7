"""People, places and prices asked for by description or in other words: someone by what
they do after a lead-in or "which member of staff" ("could you remind me which adult
teaches your class?"); the way by what leads there ("which door out of this yard leads
toward the coat pegs?") to a place known by one thing its description lists; a place by
what is done there ("which room sorts out flu shots?"); the places next to one; a price
asked "how cheap" or "what did they charge you"; the NPC's profession, also in the past;
whom it knows here; a question passed on from someone else or after "I'm curious";
another person's job and wares; its future and a family or animals wondered about as its
own life; a walk together suggested ("shall we pop along to...", "coming?"); on the
shipped worlds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.acquainted import acquaintance_asked
from simverse.llm.dialogue.described import description_parts, place_wanted
from simverse.llm.dialogue.doers import deed_asked
from simverse.llm.dialogue.neighbours import neighbours_asked
from simverse.llm.dialogue.own_life import own_life_asked
from simverse.llm.dialogue.reading import asks_price, read
from simverse.llm.dialogue.reported import as_question
from simverse.llm.dialogue.requesting import walk_together
from simverse.llm.dialogue.way_asked import asks_the_way
from simverse.world.model import World
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.fixture(scope="module")
def museum() -> Iterator[World]:
    with shipped("museum_tour", "minilm") as w:
        yield w


@pytest.mark.parametrize(("line", "deed"), [
    ("Milo, could you remind me which adult teaches your class?", "teaches your class"),
    ("Which member of staff cleans and mends the old paintings here?", "cleans and mends the old paintings here"),
    ("I was wondering who in this valley hands out rewards for lost things.", "hands out rewards for lost things"),
    ("Who here would say a blessing over my boat?", "say a blessing over my boat"),
    ("do you know who restores the paintings?", "restores the paintings"),
])
def test_what_is_asked_done_is_found_after_a_lead_in(line, deed):
    assert deed_asked(read(line), people_named=False) == deed


@pytest.mark.parametrize("line", [
    "who taught you?",
    "who can help me?",
    "who do you work with?",
    "you said who restores the paintings?",
    "which member of your family cleans?",
])
def test_a_deed_done_by_or_to_you_or_me_is_no_one_elses_work(line):
    assert deed_asked(read(line), people_named=False) == ""


def test_someone_asked_for_by_what_they_do_is_named(school, museum, harbour):  # noqa: F811
    assert "Arden" in ask(school, "Milo", "Milo, could you remind me which adult teaches your class?").utterance
    assert "Camille" in ask(museum, "Bram", "Which member of staff cleans and mends the old paintings here?").utterance
    assert "Aldo" in ask(harbour, "Finn", "Who here would say a blessing over my boat?").utterance


@pytest.mark.parametrize("line", [
    "Which door out of this yard leads toward the coat pegs?",
    "what route reaches the canteen?",
    "which path takes me to the chapel?",
])
def test_what_leads_there_asks_the_way(line):
    assert asks_the_way(read(line))


@pytest.mark.parametrize("line", ["which door is locked?", "what road works are planned?"])
def test_a_door_or_road_alone_asks_no_way(line):
    assert not asks_the_way(read(line))


def test_a_description_s_list_is_split_into_its_short_items():
    assert description_parts("Lockers, coat pegs and a noticeboard with the lunch menu.") == ["Lockers", "coat pegs"]
    assert description_parts("Dim rooms of glass cases: papyri, amulets and a painted coffin.") == [
        "papyri", "amulets", "a painted coffin"]
    assert description_parts("A stone tower on the point; from the top you see every boat come and go.") == []
    assert description_parts("A quiet room") == []


def test_the_way_to_a_thing_a_place_lists_goes_there(school, desk):  # noqa: F811
    for line in ("Which way to the coat pegs?", "Which door out of this yard leads toward the coat pegs?"):
        said = ask(school, "Kofi", line).utterance
        assert "Main Hallway" in said and not DONT_KNOW.search(said), said
    said = ask(desk, "Sam", "From this counter, which door opens onto the room full of returned appliances?").utterance
    assert "Returns Room" in said, said


@pytest.mark.parametrize(("line", "asked"), [
    ("How cheap are the paper lanterns at Greta's stall?", True),
    ("What did the ticket desk charge you for that printed guide?", True),
    ("why is his fish so cheap?", False),
    ("who is in charge of the stall?", False),
])
def test_how_cheap_and_what_they_charged_ask_a_price(line, asked):
    assert asks_price(read(line)) is asked


def test_a_price_asked_in_other_words_is_told(harbour, museum):  # noqa: F811
    assert "1 coin" in ask(harbour, "Ilsa", "How cheap are the paper lanterns at Greta's stall?").utterance
    assert "4 coins" in ask(museum, "Priya", "What did the ticket desk charge you for that printed guide?").utterance


def test_a_profession_is_the_persona_s_role_even_in_the_past(museum, harbour):  # noqa: F811
    for line in ("Before retirement, what profession kept you busy during the week?", "what is your profession?"):
        said = ask(museum, "Bram", line).utterance
        assert "schoolteacher" in said, said
    assert "fisherman" in ask(harbour, "Tomas", "what's your occupation?").utterance


@pytest.mark.parametrize(("line", "asked"), [
    ("do you know anyone here?", True),
    ("Among the people waiting this morning, is anybody known to you?", True),
    ("any of these folk you recognise?", True),
    ("do you know anyone who can help me?", False),
    ("do you know anybody in the village?", False),
    ("does anyone know you here?", False),
])
def test_whether_the_npc_knows_anyone_here(line, asked):
    assert acquaintance_asked(read(line)) is asked


def test_whom_it_knows_here_is_its_relationships_with_people_here(clinic):  # noqa: F811
    said = ask(clinic, "Walter", "Among the people waiting this morning, is anybody known to you?").utterance
    assert said == "Sunita is my neighbour.", said


@pytest.mark.parametrize(("line", "question"), [
    ("A patient is asking whether the doctor has room for one more booking after lunch.",
     "is it true the doctor has room for one more booking after lunch?"),
    ("My friend wants to know where the chapel is.", "where is the chapel?"),
    ("She's asking if you could book her in.", "She's asking if you could book her in."),
    ("I was wondering if you could book me in.", "I was wondering if you could book me in."),
])
def test_a_question_passed_on_is_asked(line, question):
    assert as_question(line) == question


def test_a_question_passed_on_by_a_colleague_is_answered_not_done(clinic):  # noqa: F811
    decision = ask(clinic, "Nadia", "A patient is asking whether the doctor has room for one more booking after lunch.",
                   "Ben")
    assert decision.action == "talk" and "appointments free" in decision.utterance, decision


def test_another_person_s_job_and_wares(harbour):  # noqa: F811
    for line in ("what does Greta do?", "what is Greta's job?", "what's Greta's profession?"):
        assert "vendor" in ask(harbour, "Tomas", line).utterance, line
    assert "paper lantern" in ask(harbour, "Tomas", "what does Greta sell?").utterance


@pytest.mark.parametrize(("line", "part"), [
    ("When you are older, what kind of work do you dream of doing?", "future"),
    ("what do you want to be when you grow up?", "future"),
    ("I have been wondering if you have any siblings waiting at home.", "family"),
    ("any parents waiting?", None),
    ("when you get older things get easier, right?", None),
])
def test_its_future_and_a_family_wondered_about_are_its_own_life(line, part):
    assert own_life_asked(read(line)) == part


def test_a_future_nothing_it_is_given_speaks_of_is_not_known(school):  # noqa: F811
    said = ask(school, "Kofi", "When you are older, what kind of work do you dream of doing?").utterance
    assert DONT_KNOW.search(said) and "Milo" not in said, said


def test_what_has_it_absorbed_is_what_it_is_doing(school):  # noqa: F811
    said = ask(school, "Ines", "What has you so absorbed over there?").utterance
    assert "pencils" in said, said


@pytest.mark.parametrize(("line", "together"), [
    ("Zara, shall we both pop along to where lunch is served?", True),
    ("milo lets scoot out n play footy", True),
    ("Bea, fancy heading through to the staff break area with me?", True),
    ("bram courtyard window seats in the cafe, coming?", True),
    ("is the doctor coming?", False),
    ("shall we talk about the quiz?", False),
    ("let us see the menu", False),
])
def test_a_walk_together_suggested(line, together):
    assert walk_together(read(line)) is together


def test_a_walk_suggested_with_coming_goes_there(museum):
    decision = ask(museum, "Bram", "bram courtyard window seats in the cafe, coming?")
    assert decision.action == "move" and decision.args == {"place": "cafe"}, decision


@pytest.mark.parametrize(("line", "wanted"), [
    ("ben which room sorts out flu shots", True),
    ("any shop nearby selling blades?", True),
    ("Anywhere to buy a brew?", True),
    ("what is the room like?", False),
    ("did you go anywhere nice?", False),
])
def test_a_place_asked_for_by_what_is_done_there(line, wanted):
    assert place_wanted(read(line)) is wanted


def test_the_room_that_does_something_is_found(clinic):  # noqa: F811
    assert "Nurse Station" in ask(clinic, "Ben", "ben which room sorts out flu shots").utterance


def test_the_job_before_retiring_and_animals_at_home(clinic, school):  # noqa: F811
    assert "bus driver" in ask(clinic, "Walter", "walter what job did u do before retiring").utterance
    assert own_life_asked(read("Miss, got any animals at your house apart from our hamster?")) == "pets"
    said = ask(school, "Arden", "Miss, got any animals at your house apart from our hamster?").utterance
    assert DONT_KNOW.search(said), said


@pytest.mark.parametrize(("line", "asked"), [
    ("Camille, which room is right next door to your studio?", True),
    ("From the beanbags here, which rooms can you step straight into?", True),
    ("what room is next to the cafeteria?", True),
    ("which room is the quietest?", False),
    ("what is next to the door?", False),
])
def test_which_places_lie_next_to_one(line, asked):
    assert neighbours_asked(read(line)) is asked


def test_the_places_next_to_one_come_from_the_map(school, museum):  # noqa: F811
    assert ask(museum, "Camille", "Camille, which room is right next door to your studio?").utterance == (
        "Archive and Restoration Studio opens onto East Gallery.")
    said = ask(school, "Theo", "From the beanbags here, which rooms can you step straight into?").utterance
    assert said.startswith("School Library opens onto") and "Main Hallway" in said, said
    said = ask(school, "Theo", "what room is next to the cafeteria?").utterance
    assert said.startswith("Cafeteria opens onto"), said


def test_a_question_after_i_am_curious_is_asked_not_a_greeting(harbour):  # noqa: F811
    said = ask(harbour, "Ilsa", "I'm curious which villager you'd call your dearest pal.").utterance
    assert said == "Mara is my friend.", said
    assert "ale" in ask(harbour, "Ilsa", "what's the dearest thing you sell?").utterance


def test_a_question_about_work_before_retiring_is_no_question_of_the_role(desk, museum):  # noqa: F811
    said = ask(desk, "Hugo", "Hugo, how many years did you work as a plumber before you retired?").utterance
    assert "I'm a retired plumber" not in said and DONT_KNOW.search(said), said
    said = ask(museum, "Bram", "bram which school did you teach at before you retired?").utterance
    assert "schoolteacher" not in said and DONT_KNOW.search(said), said


@pytest.mark.parametrize("line", [
    "have you lost any animals lately, shepherd?",
    "your wool animals on the hill, why I count so few?",
])
def test_animals_at_work_are_no_pets(line):
    assert own_life_asked(read(line)) is None
