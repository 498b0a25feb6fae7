"""Reading a line: names found fuzzily, and what the line is for."""

from __future__ import annotations

import pytest

from simverse.core.decisions import NameView
from simverse.core.names import NameIndex, same_root, verb_forms
from simverse.llm.dialogue.intents import Cues, IntentModel
from simverse.llm.dialogue.reading import read

NAMES = NameIndex([
    NameView("Greta", "npc", "Greta", ("vendor",)),
    NameView("Pieter", "npc", "Pieter", ("mayor",)),
    NameView("tower", "place", "The Old Watchtower", ("watchtower",)),
    NameView("key", "item", "rusty iron key", ("key",)),
    NameView("harbour", "place", "The Harbour", ("harbour",)),
    NameView("bakery", "place", "Mara's Bakery", ("bakery",)),
    NameView("Mara", "npc", "Mara"),
    NameView("fish", "item", "fresh herring", ("herring",)),
    NameView("festival_fund", "concept", "festival fund", ("fund",)),
])


@pytest.mark.parametrize(("text", "found"), [
    ("where's pieters ledger?", ["Pieter"]),
    ("the MAYOR looks nervous", ["Pieter"]),
    ("got any herrings", ["fish"]),
    ("what about the festivl fund", ["festival_fund"]),
    ("meet me at the harbor", ["harbour"]),
    ("Tell me about Mara's bakery", ["bakery"]),
    ("where is the watchtower key", ["key", "tower"]),
    ("what a great day", []),
])
def test_names_are_found_whatever_the_case_inflection_or_spelling(text, found):
    assert NAMES.find(text) == found


def test_verbs_and_roots():
    assert "fish" in verb_forms("fishing") and "bake" in verb_forms("baking") and "pray" in verb_forms("prayer")
    assert same_root("festivities", "festival") and not same_root("fair", "fairy")


@pytest.mark.parametrize(("line", "intent"), [
    ("Hello there!", "greet"),
    ("bye for now", "farewell"),
    ("thanks a lot", "thanks"),
    ("Any news?", "ask_news"),
    ("how much is the bread?", "ask_price"),
    ("how do I get to the tower?", "ask_way"),
    ("could you bake some bread?", "request"),
    ("Between you and me, the mill burned down last night.", "tell"),
    ("Really? I had no idea.", "react"),
    ("what do you do for a living?", "ask_self"),
    ("Who spent the fund?", "ask_about"),
    ("Nice day for it, eh?", "small_talk"),
])
def test_what_a_line_is_for(line, intent):
    topic = bool(NAMES.find(line))
    assert IntentModel(None).classify([read(line, NAMES.words)], [Cues(topic, False, frozenset({"bake"}))]) == [intent]


def test_unclear_lines_go_to_the_embedder_in_one_batch():
    class Counting:
        def __init__(self):
            from simverse.memory.embedder import HashingEmbedder
            self.inner, self.calls = HashingEmbedder(), []

        def embed(self, texts):
            self.calls.append(list(texts))
            return self.inner.embed(texts)

    encoder = Counting()
    model = IntentModel(encoder)
    lines = ["what a lovely morning", "the sea looks calm", "Hello!"]
    intents = model.classify([read(t) for t in lines], [Cues()] * 3)
    assert len(intents) == 3 and intents[2] == "greet"
    assert encoder.calls[0] == [read(lines[0]).text, read(lines[1]).text]  # one batch; the clear line not in it
    assert len(encoder.calls) == 2  # and the examples, once
