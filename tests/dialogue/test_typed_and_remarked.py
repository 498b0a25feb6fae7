"""Lines as people type and remark them, on the shipped worlds: a slip that swaps two letters,
a misspelt name of the one spoken to, two words run together, Scots and Nigerian Pidgin
words, "ur" after a verb, a question typed last with no mark ("... lol whats ur angle"), a
statement with "I take it" or a tag ("..., dont ya") that asks about a bond, a report of
one ("I gather ... is one of yours"); the way to what a lead-in named ("the old amulets,
what do I pass through to get to them") or to what lies "between me and" a place; "point me
to where..."; a price as what one would "need to hand over"; "why not buy one" and "walking
me out to..." as requests; the NPC's own work asked by its place's name."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.core.spelling import spelled
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (Museum Tour with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import desk, school  # noqa: F401  (with MiniLM)


def test_a_slip_that_swaps_two_letters_is_read_as_the_word_with_those_letters():
    assert spelled("wehre") == "where"  # not "were", though "were" is more frequent
    assert spelled("naer") == "near"


def test_two_common_words_run_together_are_left_as_typed():
    assert spelled("skylit") == "skylit"  # not "split"
    assert spelled("recpetion") == "reception"  # a slip is still put right


def test_the_one_spoken_to_misspelt_is_their_name_but_an_english_word_stays():
    assert read("ilza, where's the baker?", names=frozenset({"ilsa"})).words[0] == "ilsa"
    assert read("bake some bread for me", names=frozenset({"lake"})).words[0] == "bake"


@pytest.mark.parametrize(("line", "plain"), [
    ("whit is it ye're efter", "what is it you are after"),
    ("wetin dem charge", "what they charge"),
    ("do ur welcome speech", "do your welcome speech"),
    ("ur mad", "you are mad"),
])
def test_regional_and_chat_words_are_read_plainly(line, plain):
    assert read(line).text == plain


def test_a_question_typed_last_without_a_mark_is_asked():
    r = read("saw u at the stall all day lol whats that for")
    assert r.question and r.wh == "what"
    assert not read("i know what is going on").question


def test_a_statement_with_i_take_it_asks():
    assert read("she's your sister, I take it").question


def test_what_is_your_angle_asks_the_npcs_aims(harbour):  # noqa: F811
    said = ask(harbour, "Jonas", "been watching u haggle all morning lol whats ur angle").utterance
    assert "best fisherman" in said or "most fish" in said, said


def test_a_scots_question_about_aims_is_answered_from_them(school):  # noqa: F811
    assert "full marks" in ask(school, "Ines", "whit are ye efter at break").utterance


def test_a_tagged_remark_on_sitting_together_asks_the_bond(harbour):  # noqa: F811
    said = ask(harbour, "Mara", "mara, you and the lass who keeps the tavern sit together at supper, dont ya")
    assert said.action == "talk" and "Ilsa is my friend" in said.utterance, said.utterance


def test_a_report_that_someone_is_one_of_yours_asks_the_bond(harbour):  # noqa: F811
    said = ask(harbour, "Jonas", "I gather the woman who sells vegetables is one of yours")
    assert said.action == "talk" and "Greta is my partner" in said.utterance, said.utterance


def test_the_way_to_what_a_lead_in_named(museum):  # noqa: F811
    said = ask(museum, "Ada", "the old amulets, what do i pass through to get to them from here").utterance
    assert "Ancient Wing" in said and "Sculpture Hall" in said, said


def test_what_lies_between_me_and_a_place_asks_the_way(museum):  # noqa: F811
    said = ask(museum, "Camille", "which rooms lie between me and the big hall of statues").utterance
    assert said.startswith("To get to Sculpture Hall"), said


def test_point_me_to_where_asks_the_way(harbour):  # noqa: F811
    said = ask(harbour, "Finn", "u reckon u could point me to where they pour ale, im parched").utterance
    assert "Salty Gull" in said, said


@pytest.mark.parametrize(("world", "npc", "line", "price"), [
    ("school", "Zara", "say i fancied a cheese sarnie, what would i need to hand over", "2 coins"),
    ("desk", "Bea", "abeg wetin dem dey charge for one coffee", "1 coin"),
])
def test_a_price_asked_in_other_words(request, world, npc, line, price):
    said = ask(request.getfixturevalue(world), npc, line).utterance
    assert price in said and "costs" in said, said


def test_why_not_buy_one_after_a_remark_is_a_request(harbour):  # noqa: F811
    said = ask(harbour, "Greta", "greta, a herring would suit ur supper, why not buy one")
    assert (said.action, said.args) == ("buy", {"item": "fish"}), said.utterance


def test_walking_me_out_to_a_place_described_is_a_walk(school):  # noqa: F811
    said = ask(school, "Theo", "would u mind walking me out to the corridor with the lockers")
    assert (said.action, said.args) == ("move", {"place": "hallway"}), said.utterance


def test_work_asked_by_the_name_of_the_place_it_is_done(desk):  # noqa: F811
    said = ask(desk, "Rosa", "rosa, the phones won't stop, deal with whoever's first")
    assert said.action == "answer_ticket", said.utterance


def test_perhaps_work_through_it_asks_for_more_of_the_npcs_work(desk):  # noqa: F811
    said = ask(desk, "Okafor", "okafor, that tray of refund requests is overflowing, perhaps work through it")
    assert said.action == "review_requests", said.utterance
