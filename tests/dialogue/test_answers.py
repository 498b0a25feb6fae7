"""NPCs answer the player from what they believe, know of their world, and may tell."""

from __future__ import annotations

from simverse.agents.player import PlayerChat, ask, talk_to
from simverse.core.decisions import read_promise


def test_a_believed_fact_is_answered_in_other_words_and_typos(world):
    for line in ("When does the spring fair start?", "whens the fair?", "what time does the fiar begin"):
        answer = ask(world, "Hilde", line)
        assert "noon" in answer.utterance
        assert answer.told_facts == ["fair|starts_at|noon"]


def test_who_told_it_is_said_with_the_fact(world):
    world.knowledge.assert_fact("Kit", "fair", "starts_at", "noon", source="dialogue:1", step=0,
                                confidence=0.9, told_by="Hilde", text="the spring fair starts at noon")
    answer = ask(world, "Kit", "Do you know when the fair starts?")
    assert "Hilde" in answer.utterance and "noon" in answer.utterance


def test_what_it_does_not_believe_gets_an_honest_dont_know(world):
    for line in ("When does the spring fair start?", "Who sold the grain store?", "what's the reeve hiding?"):
        answer = ask(world, "Kit", line).utterance.lower()
        assert any(p in answer for p in ("don't know", "no idea", "not sure", "couldn't say", "haven't heard")), answer
        assert "noon" not in answer and "stranger" not in answer


def test_a_secret_is_kept_from_the_untrusted_and_told_to_a_friend(world):
    kept = ask(world, "Wulf", "What do you know about the reeve?")
    assert "stranger" not in kept.utterance and not kept.told_facts
    told = ask(world, "Wulf", "What do you know about the reeve?", speaker="Hilde")
    assert "sold the grain store" in told.utterance and told.told_facts == ["Odo|sold|grain_store"]


def test_an_npc_never_tells_its_own_secret(world):
    for speaker in ("Player", "Kit"):
        answer = ask(world, "Odo", "What happened to the grain store?", speaker=speaker)
        assert "sold" not in answer.utterance and not answer.told_facts


def test_the_map_and_wares_everyone_knows(world):
    assert "Market Square" in ask(world, "Hilde", "How do I get to the quay?").utterance
    assert "2 coins" in ask(world, "Kit", "how much is a barley loaf?").utterance
    assert "Hilde" in ask(world, "Kit", "who is the baker?").utterance


def test_a_question_asked_late_about_something_at_a_place_is_not_answered_with_the_way(world):
    """The way to a place the line names is volunteered for a bare mention ("the quay?"),
    not for a question about something there that the NPC cannot answer."""
    for line in ("that old boat tied up at the quay, what's it called", "kit the lamp down by the quay, who lit it"):
        answer = ask(world, "Kit", line).utterance.lower()
        assert "walk over" not in answer and "go by" not in answer, answer
        assert any(p in answer for p in ("don't know", "no idea", "not sure", "couldn't say", "wish i knew")), answer
    assert "walk over" in ask(world, "Kit", "the quay?").utterance
    assert "walk over" in ask(world, "Kit", "the quay, how do i get there").utterance


def test_relationships_in_its_own_words(world):
    assert "friend" in ask(world, "Wulf", "What do you think of Hilde?").utterance


def test_a_request_the_rules_allow_becomes_the_reply_action(world):
    assert ask(world, "Hilde", "could you bake some bread?").action == "bake"
    go = ask(world, "Kit", "follow me to the quay")
    assert (go.action, go.args) == ("move", {"place": "quay"})
    far = ask(world, "Hilde", "come with me to the quay")  # a move goes next door only: no promise of the walk
    assert far.action == "talk" and "as far as" in far.utterance and "Square" in far.utterance, far.utterance


def test_a_request_the_rules_forbid_is_refused_with_a_reason(world):
    refused = ask(world, "Kit", "Bake some bread for me.")
    assert refused.action == "talk" and "can't" in refused.utterance.lower()
    elsewhere = ask(world, "Kit", "sell me a barley loaf")
    assert elsewhere.action == "talk" and "Hilde's Bakery" in elsewhere.utterance


def test_an_agreed_request_is_kept_the_next_step(world):
    chat = PlayerChat("Kit")
    talk_to(world, "Kit", "Follow me to the quay!", chat)
    assert read_promise(world.inbox["Kit"][-1]) == ("move", {"place": "quay"})
    world.step()
    assert world.state.entities["Kit"]["place"] == "quay"


def test_greetings_thanks_and_farewells_are_answered_in_kind(world):
    assert ask(world, "Hilde", "Good morning!").utterance
    farewell = ask(world, "Hilde", "Thanks, goodbye!")
    assert farewell.end_conversation


def test_a_secret_asked_about_is_not_answered_with_a_belief_that_only_shares_a_word(world):
    world.knowledge.assert_fact("Wulf", "fair", "starts_at", "noon", source="dialogue:1", step=0,
                                told_by="Hilde", text="the spring fair starts at noon")
    answer = ask(world, "Wulf", "What do you know about the reeve Odo and the grain store?")
    assert not answer.told_facts and "noon" not in answer.utterance and "stranger" not in answer.utterance
