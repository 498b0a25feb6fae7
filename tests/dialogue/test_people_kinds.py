"""A person described by the kind of person the world knows them as, not by a word of sex
("the half-giant who sells charms", "the knight by the well"): that kind comes from how
everyone knows people (the opening of their persona), and the description is matched as
any other sketch of a person."""

from __future__ import annotations

from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.llm.dialogue.sketched import sketch_in


def test_a_kind_the_world_knows_people_as_makes_a_sketch():
    line = "the half-giant by the well, is he friendly?"
    assert sketch_in(line) == ""
    assert sketch_in(line, frozenset({"half-giant"})) == "the half-giant by the well"


def test_a_kind_alone_is_someone_only_where_it_is_the_noun():
    assert sketch_in("who is the half-giant?", frozenset({"half-giant"})) == "the half-giant"
    assert sketch_in("how do I get to the dutch paintings?", frozenset({"dutch"})) == ""  # a word before a thing


def test_a_person_described_by_their_kind_is_answered_about():
    with shipped("quest_valley", "minilm") as w:
        answer = ask(w, "Cobb", "cobb how do you get along with the half-giant who sells charms").utterance
    assert "creditor" in answer, answer
