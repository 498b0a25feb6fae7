"""Questions answered from what is already known in other words: what others would say the
NPC is like (its traits), whom it mistrusts or esteems (its relationships), what it asks for a
ware ("what sum do you require for one?"), whom it is busy with now (its activity), which
pupil it hopes to help (a goal naming one), and what a place's description says when a
question echoes a sentence of it or asks where a thing it lists is."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.character import character_asked, seen_by_others
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.reported import asked_in_order
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("line", "asked"), [
    ("how would your staff describe you?", True),
    ("in what terms would your patients characterise your bedside demeanour?", True),
    ("how do the villagers see you?", True),
    ("what would people say you're like?", True),
    ("how do I see you again tomorrow?", False),
    ("how would you describe the office?", False),
    ("how would your staff describe the manager?", False),
])
def test_what_others_would_say_of_the_npc_is_asked(line, asked):
    assert seen_by_others(read(line)) is asked


def test_a_nature_asked_by_name_is_the_npc_asked_of_itself():
    assert character_asked(read("what's your personality like?"))
    assert character_asked(read("describe your temperament"))
    assert character_asked(read("what sort of public-facing manner do you bring?"))
    assert not character_asked(read("what kind of boat do you have?"))
    assert not character_asked(read("describe the lobby"))


def test_how_others_see_it_is_answered_with_its_traits(desk):  # noqa: F811
    said = ask(desk, "Okafor", "In what terms would your customers characterise your demeanour?").utterance
    assert said == "I'm the service manager: fair, tired and decisive.", said


def test_whom_it_mistrusts_or_esteems_is_its_relationships(museum, school):  # noqa: F811
    assert "Lena" in ask(museum, "Hale", "Of whom are you most mistrustful?").utterance
    assert "Lena" in ask(museum, "Hale", "who are you wary of?").utterance
    assert "Ines" in ask(school, "Theo", "which of your classmates do you hold in esteem?").utterance


def test_what_is_asked_for_a_ware_in_other_words_is_its_price(harbour):  # noqa: F811
    assert "3 coins" in ask(harbour, "Jonas", "what sum do you require for one herring?").utterance
    assert "3 coins" in ask(harbour, "Jonas", "what's the fee for a herring?").utterance


def test_whom_it_is_busy_with_now_is_its_activity(museum):  # noqa: F811
    assert "welcoming donors" in ask(museum, "Hale", "who are you welcoming?").utterance
    assert "welcoming donors" not in ask(museum, "Hale", "who are you welcoming tomorrow?").utterance.split(". ")[0]


@pytest.mark.parametrize(("clause", "question"), [
    ("you do", "what do you do?"),
    ("you do not know", "what you do not know?"),
    ("your neighbour is called", "what is your neighbour called?"),
    ("you're up to", "what are you up to?"),
    ("complaint has brought you in", "what complaint has brought you in?"),  # its verb comes before "you"
    ("'s keeping you out in the lobby", "what's keeping you out in the lobby?"),
])
def test_a_question_passed_on_is_put_in_question_order(clause, question):
    assert asked_in_order("what", clause) == question


@pytest.mark.parametrize(("npc", "line", "told"), [
    ("Mara", "what rings when the door opens?", "A bell rings when the door opens."),
    ("Aldo", "what hangs from the ceiling of your chapel?", "ship model"),
    ("Jonas", "what dries on the bollards?", "Nets dry on the bollards."),
])
def test_a_question_echoing_a_description_is_told_it(harbour, npc, line, told):  # noqa: F811
    assert told in ask(harbour, npc, line).utterance


@pytest.mark.parametrize(("npc", "line"), [
    ("Jonas", "what time does the bell ring when the door opens?"),  # no sentence says a time
    ("Jonas", "what did the smuggler's boat carry to the quay?"),  # one word of a sentence is no echo
    ("Aldo", "what dangles from the ceiling of the tavern?"),  # the tavern's description says no ceiling
    ("Ilsa", "what's the ship model in the chapel called?"),  # the sentence gives it no name
    ("Aldo", "what's the hamster's favourite snack at the harbour?"),
    ("Mara", "what rings when the door opens tomorrow?"),  # a description says how a place is now
])
def test_a_question_that_echoes_no_sentence_stays_unknown(harbour, npc, line):  # noqa: F811
    said = ask(harbour, npc, line).utterance
    assert DONT_KNOW.search(said), said


@pytest.mark.parametrize(("line", "told"), [
    ("where is the lunch menu?", "A noticeboard with the lunch menu, right here."),
    ("where can I find the lunch menu?", "A noticeboard with the lunch menu, right here."),
    ("where can I get lunch?", "Cafeteria"),  # what is had there, not what is seen
])
def test_a_thing_a_description_lists_is_where_it_is_seen(school, line, told):  # noqa: F811
    assert told in ask(school, "Zara", line).utterance


def test_which_person_it_aims_to_help_is_the_goal_naming_one_of_that_kind(school):  # noqa: F811
    assert "help Theo speak up" in ask(school, "Arden", "which pupil do you hope to encourage?").utterance
    assert "help Theo" not in ask(school, "Arden", "which pupil sits at the front?").utterance


def test_a_walk_from_where_the_npc_stands_goes_to_the_other_place(school):  # noqa: F811
    walk = ask(school, "Arden", "Kindly accompany me from this room into the main corridor.")
    assert (walk.action, walk.args) == ("move", {"place": "hallway"}), walk.utterance


def test_a_sum_insisted_on_is_a_goal_not_a_price(desk):  # noqa: F811
    said = ask(desk, "Delaney", "If they tried to fob you off, what sum would you insist on?").utterance
    assert said.startswith("I mean to") and "300" in said, said


@pytest.mark.parametrize(("npc", "line"), [
    ("Greta", "what's Market Street like?"),
    ("Greta", "tell me about Market Street."),
    ("Greta", "can you give me a quick overview of the stalls on your street?"),
])
def test_a_place_asked_about_is_told_as_its_description(harbour, npc, line):  # noqa: F811
    assert "Stalls of fish, rope and vegetables" in ask(harbour, npc, line).utterance


def test_a_place_only_mentioned_in_what_is_asked_is_not_described(harbour):  # noqa: F811
    said = ask(harbour, "Finn", "Someone said to ask you about whose praise would mean the most to you at the harbour."
               ).utterance
    assert "Fishing boats" not in said and "Tomas" in said, said
