"""Free-form actions through the events model: one batch, checked output, counted repairs."""

from __future__ import annotations

from event_helpers import CannedBackend, make_port, new_port

from simverse.events.resolver import ActionCall

IMPROVISE = "improvise"


def ok(*effects, **extra):
    return {"success": True, "narration": "Something happens. And more.", "confidence": 0.8,
            "effects": [dict(zip(("entity", "property", "op", "value"), e, strict=True)) for e in effects], **extra}


def improvise(actor, text):
    return ActionCall(actor, IMPROVISE, {"text": text})


def test_improvise_applies_checked_effects_sets_mood_and_keeps_one_sentence():
    port = new_port()
    world = make_port(port)
    backend = CannedBackend(ok(["Cid", "coins", "remove", 1], social={"actor_reaction": "Guilty!",
                                                                     "others_reaction": "amused"}))
    world.resolver.set_backend(backend)
    outcome, = world.resolver.resolve_sequence(world.state, [improvise("Cid", "drops a coin in the gutter")])
    assert outcome.success and outcome.source == "model"
    assert world.state.entities["Cid"]["coins"] == 0
    assert world.state.entities["Cid"]["mood"] == "guilty"
    assert outcome.narration == "Something happens."
    assert outcome.social.others_reaction == "amused"


def test_all_improvised_actions_of_a_step_go_in_one_batch_with_a_schema():
    port = new_port()
    world = make_port(port)
    backend = CannedBackend(ok())
    world.resolver.set_backend(backend)
    calls = [improvise("Ann", "sings"), ActionCall("Bob", "wait", {}), improvise("Cid", "dances")]
    world.resolver.resolve_sequence(world.state, calls)
    assert len(backend.batches) == 1 and len(backend.batches[0]) == 2
    assert backend.batches[0][0].json_schema["title"] == "Outcome"


def test_hallucinated_entity_is_rejected_and_counted():
    port = new_port()
    world = make_port(port)
    world.resolver.set_backend(CannedBackend(ok(["Dragon", "coins", "add", 5], ["Ann", "coins", "add", 1])))
    outcome, = world.resolver.resolve_sequence(world.state, [improvise("Ann", "summons a dragon")])
    assert outcome.success and [e.entity for e in outcome.effects] == ["Ann"]
    assert any("unknown entity 'Dragon'" in n for n in outcome.notes)
    assert world.resolver.counts.unknown_entity == 1 and world.resolver.counts.effects_rejected == 1


def test_invalid_op_is_rejected_and_a_synonym_repaired():
    port = new_port()
    world = make_port(port)
    world.resolver.set_backend(CannedBackend(ok(["Ann", "coins", "explode", 1], ["Ann", "coins", "increase", 2])))
    outcome, = world.resolver.resolve_sequence(world.state, [improvise("Ann", "finds coins")])
    assert world.state.entities["Ann"]["coins"] == 7
    assert world.resolver.counts.bad_op == 1 and world.resolver.counts.effects_repaired == 1
    assert outcome.success


def test_impossible_move_is_rejected_and_the_outcome_fails():
    port = new_port()
    world = make_port(port)
    world.resolver.set_backend(CannedBackend(ok(["Ann", "place", "move", "harbour"])))
    outcome, = world.resolver.resolve_sequence(world.state, [improvise("Ann", "teleports to the harbour")])
    assert not outcome.success and "not next to" in outcome.reason
    assert world.state.entities["Ann"]["place"] == "bakery"
    assert world.resolver.counts.bad_move == 1


def test_out_of_range_values_are_rejected_or_clamped():
    port = new_port()
    world = make_port(port)
    world.resolver.set_backend(CannedBackend(ok(["bread", "quantity", "remove", 3], ["Ann", "hunger", "set", 4],
                                                ["Ann", "coins", "set", "-2"])))
    outcome, = world.resolver.resolve_sequence(world.state, [improvise("Ann", "eats everything")])
    assert outcome.success
    assert world.state.entities["bread"]["quantity"] == 1
    assert world.state.entities["Ann"]["hunger"] == 1.0
    assert world.state.entities["Ann"]["coins"] == 5
    assert world.resolver.counts.out_of_range == 3


def test_non_json_answer_is_a_failed_outcome_not_a_crash():
    port = new_port()
    world = make_port(port)
    world.resolver.set_backend(CannedBackend("I think the baker would be sad."))
    outcome, = world.resolver.resolve_sequence(world.state, [improvise("Ann", "cries")])
    assert not outcome.success and "not JSON" in outcome.reason
    assert world.resolver.counts.non_json == 1


def test_two_model_outcomes_on_one_entity_the_later_fails_naming_the_first():
    port = new_port()
    world = make_port(port)
    grabs = [ok(["bread", "place", "move", who]) for who in ("Ann", "Bob")]
    world.resolver.set_backend(CannedBackend(*grabs))
    first, second = world.resolver.resolve_sequence(
        world.state, [improvise("Ann", "grabs the loaf"), improvise("Bob", "grabs the loaf")])
    assert first.success and not second.success
    assert "conflict: Ann changed bread first this step" in second.reason
    assert world.state.entities["bread"]["place"] == "Ann"


def test_improvise_without_a_model_fails_saying_so():
    port = new_port()
    world = make_port(port)
    outcome, = world.resolver.resolve_sequence(world.state, [improvise("Ann", "juggles")])
    assert not outcome.success and outcome.reason == "no event model"


def test_inference_counts_land_in_the_step_stats():
    port = new_port()
    world = make_port(port)
    world.resolver.set_backend(CannedBackend(ok(["Nobody", "coins", "add", 1])))
    world.inject("A mysterious stranger pays everyone.")
    world.step()
    counts = world.store.step_row(world.run_id, 1).stats["event_inference"]
    assert counts["model_outcomes"] == 1 and counts["unknown_entity"] == 1


def test_a_scene_command_through_the_model_is_checked_by_the_same_validator():
    from simverse.events.inference import EventQuery

    world = make_port(new_port())
    world.resolver.set_backend(CannedBackend(ok(["market", "closed", "set", True], ["market", "moood", "set", "x"]),
                                             ok(["harbour", "weather", "set", "storm"])))
    refused, accepted = world.resolver.infer_events(world.state, [EventQuery("scene", "close the market"),
                                                                  EventQuery("scene", "a storm over the harbour")])
    assert not refused.success and refused.effects == [] and "unknown property 'moood'" in refused.reason
    assert accepted.success and [e.as_list() for e in accepted.effects] == [["harbour", "weather", "set", "storm"]]
    prompt = world.resolver.backend.batches[0][0].messages[-1].content
    assert "Declared properties:" in prompt and "closed" in prompt
