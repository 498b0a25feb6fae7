"""A reply request's ``doable`` is worked out on the brain's first look, once, and a copy
carries the values rather than the computation (which holds the world)."""

from __future__ import annotations

import copy
import pickle

from simverse.core.deferred import Deferred


def test_computed_on_first_read_and_only_once() -> None:
    calls: list[int] = []

    def compute() -> dict[str, list[dict[str, str]]]:
        calls.append(1)
        return {"move": [{"place": "harbour"}]}

    doable = Deferred(compute)
    assert calls == []
    assert doable.get("move") == [{"place": "harbour"}]
    assert doable.get("sell") is None and "sell" not in doable
    assert dict(doable) == {"move": [{"place": "harbour"}]} and len(doable) == 1
    assert calls == [1]


def test_a_copy_or_pickle_is_a_plain_dict_of_the_values() -> None:
    doable: Deferred[str, int] = Deferred(lambda: {"fish": 1})
    assert copy.deepcopy(doable) == {"fish": 1}
    assert type(pickle.loads(pickle.dumps(doable))) is dict


def test_a_reply_request_leaves_the_rules_untried_until_asked() -> None:
    """Building a reply request tries no action's rules; the brain's first look does, with
    the answer the eager call gives."""
    from simverse.agents.hearing import doable_now
    from simverse.agents.perception import build_requests
    from simverse.core.decisions import Turn
    from simverse.world.model import World

    world = World("harbor_town", seed=1, memory=False)
    line = "Jonas, sell me a herring"
    [req] = build_requests(world, [world.npcs["Jonas"]], 1, "reply", conversations=[("Player", [Turn("Player", line)])])
    assert isinstance(req.doable, Deferred) and req.doable._compute is not None
    expected = doable_now(world.spec, world.places, world.state, "Jonas", line)
    assert expected and dict(req.doable) == expected
    assert req.doable._compute is None
