"""Lines whose shape used to mislead the reader, on invented lines to the shipped worlds
(MiniLM): a need before a question, a word of wonder before it, a question word in the
middle, a participle or a plural in "-ings" where an order's verb would be, a request for
something done that is close to a ware, a walk asked with "guide me", a sweetheart, and
the NPC's own work said back to it."""

from __future__ import annotations

from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.llm.dialogue.intents import Cues, by_cues
from simverse.llm.dialogue.reading import asks_price, read


def test_a_need_then_a_question_word_asks_rather_than_orders():
    assert by_cues(read("need a prescription filled, who sorts those"), Cues()) != "request"
    assert by_cues(read("need a loaf, bring me one"), Cues()) == "request"


def test_a_word_of_wonder_before_a_question_leaves_it_a_question():
    said = read("ooh, what are you making?")
    assert said.opens and said.wh == "what", said


def test_how_dear_asks_a_price():
    assert asks_price(read("how dear is a paper lantern?"))


def test_a_question_word_in_the_middle_asks():
    with shipped("museum_tour", "minilm") as w:
        answer = ask(w, "Otto", "the doors lock at what hour?").utterance
    assert "know" in answer.lower() and "didn't know that" not in answer.lower(), answer


def test_plural_ings_name_no_action_and_a_participle_first_orders_nothing():
    with shipped("classroom", "minilm") as w:
        decision = ask(w, "Kofi", "race me round the pitch markings")
    assert "mark" not in decision.utterance, decision.utterance
    with shipped("harbor_town", "minilm") as w:
        assert ask(w, "Tomas", "go fishing, would you?").action == "fish"  # "go" and an "-ing" still order


def test_something_done_for_us_is_not_a_ware_it_is_less_close_to():
    with shipped("quest_valley", "minilm") as w:
        decision = ask(w, "Pip", "give us a tune, minstrel")
        walk = ask(w, "Sable", "guide me to the trading post, would you")
    assert decision.action == "perform", decision.utterance
    assert (walk.action, walk.args) == ("move", {"place": "market"}), walk.utterance


def test_a_sweetheart_asks_for_a_partner_and_the_npc_s_work_is_its_own():
    with shipped("harbor_town", "minilm") as w:
        partner = ask(w, "Jonas", "have you got a girlfriend?").utterance
        state = ask(w, "Greta", "how are you?").utterance
    assert "Greta is my partner" in partner, partner
    assert "her stall" not in state and "my stall" in state, state
