"""A way asked *from* where the NPC stands ("the nearest place to eat from the quay?") is
a way to what the line wants, not to the place it names as the start; a way asked *to*
the NPC's own place still gets "we're there"."""

from __future__ import annotations

from simverse.agents.player import ask


def test_the_place_a_way_starts_from_is_not_its_goal(world):
    answer = ask(world, "Wulf", "where's the nearest place to get something to eat from the quay?").utterance
    assert "Hilde's Bakery" in answer and "right now" not in answer, answer


def test_a_way_to_where_the_npc_stands_is_still_here(world):
    answer = ask(world, "Wulf", "how do I get to the quay from here?").utterance
    assert "We're at The Quay right now." in answer, answer
