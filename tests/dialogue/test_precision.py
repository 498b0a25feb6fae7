"""Answers that answer what was asked: a belief on the right topic that does not say the
asked thing (who, when, someone's something) is no answer; roles named by what people do;
price, way and news asked in everyday phrasings; requests asked as questions; words said
differently bridged by the embedder; secret things not even named."""

from __future__ import annotations

import copy
import re
import zlib
from collections.abc import Iterator

import numpy as np
import pytest
from dialogue_helpers import village

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.core.names import FUNCTION_WORDS
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.reading import asks_identity, asks_news, read
from simverse.llm.dialogue.requesting import polite_request
from simverse.llm.dialogue.way_asked import asks_way
from simverse.world.model import World


def _village_plus() -> dict:
    """The test village with a bell-ringer who knows where and when the bell was cast, a
    lane code, and a secret ledger the reeve carries."""
    spec = copy.deepcopy(village())
    spec["npcs"].append(
        {"name": "Ansel", "persona": "The bell ringer: old and proud of his bell.", "traits": ["proud"],
         "start_place": "square", "sociability": 0.0,
         "knowledge": [{"subject": "bell", "predicate": "cast_in", "object": "1601",
                        "text": "the Great Bell was cast in Brugge in 1601"},
                       {"subject": "quay", "predicate": "open_to", "object": "lane_B2",
                        "text": "only carts from lane B2 may cross the quay"}]})
    spec["items"].append({"id": "ledger", "name": "grain money ledger", "place": "Odo",
                          "properties": {"secret": True}})
    kit = next(n for n in spec["npcs"] if n["name"] == "Kit")
    kit["schedule"] = [{"start": "08:00", "place": "square", "activity": "sweeping the square"}]
    spec["places"].append({"id": "belfry", "name": "The Belfry", "connections": ["square"],
                           "description": "A windy tower where the Great Bell hangs."})
    spec["places"][1]["connections"].append("belfry")
    spec["items"] += [{"id": "bell", "name": "Great Bell", "place": "belfry"},
                      {"id": "guidebook", "name": "village guidebook", "place": "square", "quantity": 5, "price": 3},
                      {"id": "charm", "name": "lucky charm", "place": "Kit", "quantity": 3, "price": 2}]
    return spec


@pytest.fixture
def bells() -> Iterator[World]:
    w = World(parse_world(_village_plus()), seed=0, embedder="hashing")
    yield w
    w.close()


def _first_says_dont_know(text: str) -> bool:
    return DONT_KNOW.search(text.split(".")[0]) is not None


def test_who_needs_a_person_not_a_place_after_in(bells):
    answer = ask(bells, "Ansel", "Who cast the Great Bell?").utterance
    assert _first_says_dont_know(answer), answer
    assert "1601" in ask(bells, "Ansel", "When was the Great Bell cast?").utterance


def test_a_code_with_a_digit_is_no_time(bells):
    answer = ask(bells, "Ansel", "When was lane B2 opened?").utterance
    assert _first_says_dont_know(answer), answer


def test_a_question_about_someones_something_needs_a_belief_that_speaks_of_it(bells):
    answer = ask(bells, "Hilde", "What is the fair's prize this year?").utterance
    assert _first_says_dont_know(answer), answer


def test_who_someones_relation_is_is_not_who_they_are(bells):
    assert not asks_identity(read("Who is Kit's father?")) and asks_identity(read("who is Kit?"))
    answer = ask(bells, "Hilde", "Who is Kit's father?").utterance
    assert _first_says_dont_know(answer) and "stable boy" not in answer, answer


def test_roles_are_named_by_what_people_do(bells):
    assert "Hilde" in ask(bells, "Kit", "who bakes the bread around here?").utterance
    assert "Wulf" in ask(bells, "Kit", "who works at the quay?").utterance
    assert ask(bells, "Hilde", "who bakes the bread?").utterance.startswith("I do")


def test_a_time_said_around_the_question_does_not_move_it(bells):
    assert "Hilde" in ask(bells, "Kit", "who bakes the bread around here, I want some for tomorrow").utterance
    assert "Hilde" not in ask(bells, "Kit", "who baked the bread yesterday?").utterance


def test_a_role_is_named_by_the_deed_someone_does(bells):
    assert "Hilde" in ask(bells, "Kit", "who does the baking round here?").utterance
    assert "Hilde" not in ask(bells, "Kit", "who does your hair?").utterance


def test_who_sells_a_ware_is_who_carries_it_for_sale(bells):
    answer = ask(bells, "Hilde", "who sells lucky charms?").utterance
    assert "Kit" in answer and "2 coins" in answer, answer


def test_what_it_is_doing_says_no_time(bells):
    answer = ask(bells, "Kit", "When does the sweeping end?").utterance
    assert DONT_KNOW.search(answer) and "sweeping" not in answer.lower(), answer


def test_what_do_you_know_asks_for_news_kept_from_the_untrusted(bells):
    assert asks_news(read("What do you know that nobody else does?"))
    assert not asks_news(read("what do you know of Odo?"))
    told = ask(bells, "Wulf", "What do you know that nobody else does?", speaker="Hilde").utterance
    assert "grain store" in told, told
    kept = ask(bells, "Wulf", "What do you know that nobody else does?").utterance
    assert "grain" not in kept and "stranger" not in kept, kept


def test_what_everyone_knows_today_does_not_answer_for_another_time(bells):
    answer = ask(bells, "Kit", "who baked the bread last year?").utterance
    assert "Hilde" not in answer and DONT_KNOW.search(answer), answer


def test_a_secret_thing_is_not_even_named_to_the_untrusted(bells):
    answer = ask(bells, "Odo", "What's in that ledger of yours?").utterance.lower()
    assert "grain" not in answer and "ledger" not in answer, answer


def test_everyday_phrasings_of_price_way_and_news():
    assert read("what would a loaf set me back?").wh == "how much"
    assert read("What do you want for a length of rope?").wh == "how much"
    assert read("what's the stew going for tonight?").wh == "how much"
    assert asks_way(read("how would I get to the pasture?")) and asks_way(read("how should one reach the mill?"))
    assert asks_news(read("Anything strange happen around here lately?"))
    assert not asks_news(read("What happened to the fund?"))


def test_a_form_of_address_and_a_negative_order_are_read_as_they_are_meant():
    assert read("Miss, is there a test today?").body[0] == "is"
    worry = read("Don't worry, they'll sort it out.")
    assert not worry.opens and not worry.question
    assert read("don't you think so?").opens


def test_a_need_that_asks_is_a_question_not_an_order():
    assert polite_request(read("I need to get into the tower - any idea where its key is?")) is None
    assert polite_request(read("I need a loaf")) == "buy"


def test_what_is_a_priced_thing_asks_its_price(bells):
    assert "2 coins" in ask(bells, "Kit", "What's a barley loaf at the bakery?").utterance


def test_a_thing_said_in_other_words_is_found_where_everyone_sees_it(bells):
    answer = ask(bells, "Ansel", "What's the story of the old thing up in the Belfry?").utterance
    assert "Brugge" in answer, answer
    counted = ask(bells, "Ansel", "How many people are in the Belfry?").utterance
    assert "Brugge" not in counted and DONT_KNOW.search(counted), counted


def test_a_ware_named_by_part_of_its_name_has_its_price(bells):
    assert "3 coins" in ask(bells, "Kit", "what's the price of the village guide?").utterance


class _Concepts:
    """A toy encoder: a text's vector is its bag of words (function words left out), where
    words in one group ("carnival" and "fair"; "sing" and "song") are one concept: for
    single words always, for sentences only with ``sentences`` (else it knows synonyms
    word by word only, as a small sentence model often does)."""

    GROUPS = ({"carnival", "fair"}, {"sing", "song"})

    def __init__(self, sentences: bool) -> None:
        self.sentences = sentences

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in FUNCTION_WORDS]
            vector = np.zeros(64, dtype=np.float32)
            for word in words:
                group = next((i for i, g in enumerate(self.GROUPS) if word in g), None)
                if group is None or not (self.sentences or len(words) == 1):
                    vector[8 + zlib.crc32(word.encode()) % 56] += 1.0
                else:
                    vector[group] += 1.0
            norm = float(np.linalg.norm(vector))
            rows.append(vector / norm if norm else vector)
        return np.stack(rows)


def test_a_word_said_differently_is_bridged_by_the_embedder(bells):
    line = "When does the spring carnival begin?"
    assert DONT_KNOW.search(ask(bells, "Hilde", line).utterance)  # the hashing embedder knows no synonyms
    bells.brain.hear_with(_Concepts(sentences=False))
    assert "noon" in ask(bells, "Hilde", line).utterance


def test_a_request_as_a_question_names_an_action_by_its_meaning(bells):
    spec = _village_plus()
    spec["actions"].append({"name": "perform", "description": "Play a song for whoever is listening.",
                            "effects": []})
    w = World(parse_world(spec), seed=0, embedder="hashing")
    try:
        w.brain.hear_with(_Concepts(sentences=True))
        decision = ask(w, "Kit", "Would you sing something for us?")
        assert decision.action == "perform", decision
        refused = ask(w, "Kit", "Would you dance with me?")
        assert refused.action in ("talk", "wait"), refused
    finally:
        w.close()


def test_synonyms_share_a_word_class():
    from simverse.llm.dialogue.synonyms import _pairs

    same = np.array([1.0, 0.0], dtype=np.float32)
    vectors = {"thief": same, "stolen": same, "test": same, "quiz": same}
    assert _pairs(["thief"], ["stolen"], vectors) == {}
    assert _pairs(["test"], ["quiz"], vectors) == {"test": "quiz"}


def test_who_is_the_head_of_a_role_is_the_one_person_with_it_though_a_belief_names_it_too():
    spec = village()
    spec["npcs"][0]["knowledge"].append({"subject": "bread", "predicate": "needs", "object": "baker",
                                        "text": "the bread needs the baker's say-so"})
    spec["npcs"][3]["knowledge"] = [dict(spec["npcs"][0]["knowledge"][-1])]
    world = World(parse_world(spec), seed=0, embedder="hashing")
    try:
        assert "That's Hilde" in ask(world, "Kit", "who is the baker?").utterance
        assert "Hilde" not in ask(world, "Kit", "who is the miller?").utterance
    finally:
        world.close()


def test_what_they_are_charging_asks_a_price(bells):
    assert "2 coins" in ask(bells, "Kit", "what are they charging for the barley loaves these days?").utterance
