"""After a plain "I don't know", what the NPC knows that comes nearest the question, chosen
by the learned reader of :mod:`simverse.llm.dialogue.nearest_answer`; only with MiniLM,
never a secret kept from the speaker."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from sklearn.neural_network import MLPClassifier

from simverse.agents.player import PLAYER_TURN_BASE, _hear, ask
from simverse.core.decisions import Turn
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue import nearest_answer
from simverse.llm.dialogue.heard import Heard, Said
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.nearest_answer import with_nearest
from simverse.llm.dialogue.replying import hear
from simverse.llm.dialogue.voice import Voice, only_dont_know, voice_for
from simverse.memory.embedder import HashingEmbedder
from simverse.world.model import World
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (the museum with MiniLM)
from tests.dialogue.test_described_places import classroom  # noqa: F401  (the classroom with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic  # noqa: F401  (the clinic with MiniLM)


def _heard(world: World, npc: str, speaker: str, line: str) -> Heard:
    with world.store.session() as s, s.begin():
        req = _hear(world, s, npc, speaker, [Turn(speaker, line)], PLAYER_TURN_BASE)
    reading, topics, cues = hear(req)
    [intent] = world.brain.intents.classify([reading], [cues])
    return Heard(req, reading, intent, topics, voice_for(req), random.Random(0))


@pytest.mark.parametrize(("world", "npc", "line", "told"), [
    ("clinic", "Sunita", "you keep checking the clock, is something waiting for you?", "lunchtime"),  # a goal
    ("museum", "Hale", "hale, which way to the storeroom where the old frames are kept?", "East Gallery"),  # a way
])
def test_after_i_dont_know_comes_what_the_npc_knows_nearest_the_question(request, world, npc, line, told):
    said = ask(request.getfixturevalue(world), npc, line).utterance
    assert DONT_KNOW.search(said) and told in said, said


def test_only_a_plain_dont_know_is_followed_by_an_aside():
    gruff = Voice("gruff", 0.0, "Player", False)
    assert only_dont_know(gruff, "No idea about Staff Room. Ask someone else.")
    assert only_dont_know(gruff, "Don't know.")
    assert not only_dont_know(gruff, "Don't know. I heard the well ran dry.")  # it already told something
    assert not only_dont_know(gruff, "The bakery is on Market Street.")


def test_a_secret_is_no_candidate_for_a_speaker_the_npc_does_not_trust(harbour):  # noqa: F811
    line = "nell, you look like you saw something last night"
    secret = [f.key for f in _heard(harbour, "Nell", "Aldo", line).req.facts if f.secret]
    assert secret  # Nell's secret about the mayor, which she tells Aldo, whom she trusts
    told = {c.target for c in nearest_answer.candidates(_heard(harbour, "Nell", "Aldo", line).req)}
    kept = {c.target for c in nearest_answer.candidates(_heard(harbour, "Nell", "Player", line).req)}
    assert set(secret) <= told and not set(secret) & kept


def test_nothing_is_added_without_minilm(harbour):  # noqa: F811
    h = _heard(harbour, "Jonas", "Player", "how do i reach the place where they bake?")
    assert nearest_answer.nearest(IntentModel(HashingEmbedder()), h) == ("", [])
    assert nearest_answer.nearest(IntentModel(None), h) == ("", [])


def _layer(inputs: int, outputs: int) -> dict:
    return {"weights": [[0.0] * outputs] * inputs, "bias": [0.0] * outputs}


@pytest.mark.parametrize("text", [
    json.dumps({"classes": ["fact", "none"], "layers": [_layer(4, 2)]}),  # another reader's classes
    json.dumps({"classes": list(nearest_answer.CLASSES)}),  # no layers
    json.dumps({"classes": list(nearest_answer.CLASSES), "weights": [[0.0] * 9] * 4}),  # the old softmax's table
    json.dumps({"classes": list(nearest_answer.CLASSES), "layers": [_layer(4, 8), _layer(7, 9)]}),  # 8 into 7
    json.dumps({"classes": list(nearest_answer.CLASSES), "layers": [_layer(4, 8)]}),  # 8 outputs for 9 classes
    "{ not json",
])
def test_a_wrong_weights_file_is_refused_naming_it(tmp_path, monkeypatch, text):
    wrong = tmp_path / "answer_kinds.json"
    wrong.write_text(text, encoding="utf-8")
    monkeypatch.setattr(nearest_answer, "WEIGHTS_FILE", wrong)
    nearest_answer.weights.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"answer_kinds\.json"):
            nearest_answer.weights()
    finally:
        nearest_answer.weights.cache_clear()


def test_weights_for_other_features_are_refused_naming_the_file(tmp_path, monkeypatch):
    short = tmp_path / "answer_kinds.json"  # a reader trained before the rules' reading was a feature
    short.write_text(json.dumps({"classes": list(nearest_answer.CLASSES), "layers": [_layer(391, 9)]}))
    monkeypatch.setattr(nearest_answer, "WEIGHTS_FILE", short)
    nearest_answer.weights.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"answer_kinds\.json: weights for 391 features"):
            nearest_answer.kind_asked(nearest_answer.np.zeros(420, dtype=nearest_answer.np.float32))
    finally:
        nearest_answer.weights.cache_clear()


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # a few epochs are enough here
def test_the_reader_runs_the_network_as_scikit_learn_does():
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(90, 6)), np.arange(90) % len(nearest_answer.CLASSES)
    net = MLPClassifier((5,), activation="tanh", max_iter=50, random_state=0).fit(x, y)
    layers = tuple(zip(net.coefs_, net.intercepts_, strict=True))
    assert np.allclose(nearest_answer.probabilities(layers, x), net.predict_proba(x), atol=1e-6)
    assert np.allclose(nearest_answer.probabilities(layers, x[0]), net.predict_proba(x[:1])[0], atol=1e-6)


def test_the_place_described_as_holding_the_thing_is_told_by_the_map(classroom):  # noqa: F811
    said = ask(classroom, "Zara", "I need one of those puzzle books, where are they kept?").utterance
    assert not DONT_KNOW.search(said) and "School Library" in said, said  # "a shelf of maths puzzle books"


def test_a_thing_no_place_is_described_as_holding_gets_no_way(harbour):  # noqa: F811
    said = ask(harbour, "Jonas", "where would I find the festival ledger?").utterance
    assert "To get to" not in said and "next to" not in said, said


def test_the_speaker_is_no_person_to_tell_them_about(harbour):  # noqa: F811
    req = _heard(harbour, "Nell", "Pieter", "nell, it's pieter. anything to report from up top?").req
    people = {c.target for c in nearest_answer.candidates(req) if c.kind == "person"}
    assert people and "Pieter" not in people  # "Pieter is the mayor" tells Pieter nothing


def test_a_question_answered_as_small_talk_gets_the_nearest_thing_after_it(clinic):  # noqa: F811
    h = _heard(clinic, "Sunita", "Player", "off somewhere in a hurry once you're seen, are you?")
    plain = Said("Cloudy morning here, yes.")
    assert with_nearest(clinic.brain.intents, h, plain) is plain  # not a question passed over: as it was
    passed = Said("Cloudy morning here, yes.", passed_over=True)
    said = with_nearest(clinic.brain.intents, h, passed)
    aside, _ = nearest_answer.nearest(clinic.brain.intents, h)
    assert aside and said.text == f"{passed.text} {aside}", said.text
    leaving = Said("Take care!", end=True, passed_over=True)
    assert with_nearest(clinic.brain.intents, h, leaving) is leaving  # nothing after a goodbye
