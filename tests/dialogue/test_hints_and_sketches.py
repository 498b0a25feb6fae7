"""Orders said as hints or in everyday shapes ("those mugs won't wash themselves", "you
haven't clocked in yet", "you're going to want to empty it", "best keep an eye on...", "do
a couple of stretches", "flog that old kettle", "knock something up"), lines that open like
an order but order nothing ("off the top of my head", "half the town says..."), a question
in a line's last clause ("- did they carve it from one block?") and people described by
what they do to someone else ("the woman who sends everyone to the doctor"), on the shipped
worlds. Lines close to each that ask something else keep their old answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.intents import Cues
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import hinted, polite_request
from simverse.world.model import World
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)


@pytest.mark.parametrize(("line", "verb"), [
    ("those mugs won't wash themselves", "wash"),
    ("the bins ain't gonna empty themselves, you know", "empty"),
    ("you haven't clocked in yet, the machine's by the door", "clock"),
    ("you still haven't watered the goats yet", "water"),
])
def test_work_left_undone_is_a_hint_to_do_it(line, verb):
    assert hinted(read(line)) == verb


@pytest.mark.parametrize("line", ["you haven't changed a bit", "the mugs are clean now",
                                  "they washed themselves in the river", "have you fed the goats yet?"])
def test_lines_that_only_look_like_hints_ask_nothing(line):
    assert hinted(read(line)) is None
    assert polite_request(read(line)) is None


@pytest.mark.parametrize(("line", "verb"), [
    ("you're gonna want to empty that bucket", "empty"),
    ("you are going to need to sweep the step", "sweep"),
    ("might be worth writing that down", "write"),
    ("best keep the door shut today", "keep"),
    ("do a couple of stretches before the race", "do"),
    ("grab one of those aprons off the hook", "grab"),
    ("flog that old kettle to the tinker", "flog"),
    ("knock something up for supper", "knock"),
    ("you crack on with the ironing", "continue"),
])
def test_orders_in_everyday_shapes_are_requests(line, verb):
    assert polite_request(read(line)) == verb


@pytest.mark.parametrize("line", ["off the top of my head I couldn't say", "half the town says the mill is shut",
                                  "like a ghost town in here today", "do a lot of people come this way?",
                                  "do the twins like it here?", "lovely that the sun's out"])
def test_lines_that_open_like_orders_order_nothing(line):
    assert polite_request(read(line)) is None, line


def test_a_question_in_the_last_clause_is_asked_and_a_tag_is_not(harbour):  # noqa: F811
    model = harbour.brain.intents
    lines = ["my lad's mad about boats. the blue one by the bollard - did they build it here?",
             "nice and calm on the water this morning, isn't it?"]
    assert model.classify([read(line) for line in lines], [Cues(), Cues()]) == ["ask_about", "small_talk"]


@pytest.fixture(scope="module")
def valley() -> Iterator[World]:
    with shipped("quest_valley", "minilm") as w:
        yield w


def test_a_hint_at_the_npcs_own_work_is_agreed(harbour):  # noqa: F811
    decision = ask(harbour, "Finn", "those ripped nets by the boats won't mend themselves, lad")
    assert decision.action == "mend_nets"


def test_an_order_after_a_remark_is_done(harbour):  # noqa: F811
    decision = ask(harbour, "Finn", "finn you look half asleep today, do a few knots on those torn nets")
    assert decision.action == "mend_nets"


def test_a_sale_to_someone_not_there_is_not_made_with_someone_else(valley):
    decision = ask(valley, "Pip", "pip, sell your lute to Maud would you")
    assert decision.action == "talk"  # Maud is not at the inn; Rowan, who is, is no stand-in


def test_a_sale_to_someone_there_is_made_with_them(valley):
    decision = ask(valley, "Pip", "pip, sell your lute to Rowan would you")
    assert (decision.action, decision.args.get("npc")) == ("trade", "Rowan")


def test_a_person_named_in_what_the_one_described_does_is_not_them():
    with shipped("clinic", "minilm") as clinic:
        line = "the woman beside you who tells every patient to see the doctor, what does she do here?"
        said = ask(clinic, "Ben", line)
    assert "Nadia" in said.utterance and "Okoye" not in said.utterance


def test_the_belief_clearly_nearest_a_question_is_told_after_i_dont_know():
    with shipped("museum_tour", "minilm") as museum:
        said = ask(museum, "Ada", "was that brass nag made all in one go?").utterance
        unknown = ask(museum, "Ada", "what did you have for breakfast today?").utterance
    assert "single pour" in said and DONT_KNOW.search(said)  # not sure it is the answer, but it is what she knows
    assert DONT_KNOW.search(unknown) and "horse" not in unknown


def test_a_remark_on_how_close_two_seem_asks_the_bond(valley):
    said = ask(valley, "Sable", "sable, that big trader with the lucky charms - you two always seem so pally").utterance
    assert "Brakka is my fence" in said


def test_a_question_with_its_choices_after_it_is_asked():
    with shipped("museum_tour", "minilm") as museum:
        said = ask(museum, "Bram", "bram that flask of yours, what's in it, soup or something stronger?").utterance
    assert DONT_KNOW.search(said) and "soup" not in said.lower()


def test_nipping_through_to_a_place_described_is_a_walk_and_wanting_the_npcs_eye_buys_nothing():
    with shipped("museum_tour", "minilm") as museum:
        line = "camille, nip through to the gallery with the dutch paintings, i want your eye on one of them"
        decision = ask(museum, "Camille", line)
    assert (decision.action, decision.args) == ("move", {"place": "east_gallery"})
