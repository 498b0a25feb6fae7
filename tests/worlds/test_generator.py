"""The template world generator and the LLM generator with repair."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

import pytest

from simverse.authoring.generator import (
    NEUTRAL_PLACEHOLDER,
    generate_world,
    generate_world_with_llm,
    write_world,
)
from simverse.core.content_filter import ContentFilter
from simverse.core.llm_protocol import LLMRequest, LLMResponse
from simverse.core.loader import load_world, parse_world

MONASTERY = "a mountain monastery with 10 monks and a hidden library"


def roles(world: dict) -> Counter:
    return Counter(npc["properties"]["role"] for npc in world["npcs"])


@pytest.mark.parametrize(
    ("prompt", "counts", "features"),
    [
        (MONASTERY, {"monk": 10}, ["hidden_library"]),
        (
            "A space station with 3 engineers, 2 scientists and a broken reactor",
            {"engineer": 3, "scientist": 2},
            ["broken_reactor"],
        ),
        ("a castle with twelve knights and a secret tunnel", {"knight": 12}, ["secret_tunnel"]),
        (
            "a fishing village of 7 fishermen with an old lighthouse",
            {"fisherman": 7},
            ["old_lighthouse"],
        ),
    ],
)
def test_prompt_gives_a_valid_world_with_the_requested_people_and_features(
    prompt, counts, features
):
    world = generate_world(prompt, seed=3)
    spec = parse_world(world)
    assert roles(world) == counts
    place_ids = spec.place_ids()
    assert len(place_ids) >= 4
    for feature in features:
        assert feature in place_ids
        secrets = [k for k in spec.knowledge if k.subject == feature and k.secret]
        assert secrets, f"no secret about {feature}"
        assert any(k.subject == feature for n in spec.npcs for k in n.knowledge)
    assert len(spec.actions) >= 5
    assert spec.events


def test_prompt_without_counts_still_gives_people():
    spec = parse_world(generate_world("somewhere odd", seed=1))
    assert len(spec.npcs) >= 5


def test_counts_are_capped():
    assert len(generate_world("a town with 500 bakers", seed=1)["npcs"]) <= 40


def test_same_prompt_and_seed_give_the_same_world():
    assert generate_world(MONASTERY, seed=7) == generate_world(MONASTERY, seed=7)
    assert generate_world(MONASTERY, seed=7) != generate_world(MONASTERY, seed=8)


def test_npcs_have_backstories_and_schedules_using_declared_actions():
    world = generate_world(MONASTERY, seed=2)
    actions = {a["name"] for a in world["actions"]}
    for npc in world["npcs"]:
        assert npc["name"] in npc["persona"] and "monk" in npc["persona"]
        assert {e["action"] for e in npc["schedule"]} <= actions


def test_written_world_reloads_with_load_world(tmp_path):
    world = generate_world(MONASTERY, seed=5)
    path = write_world(world, tmp_path / "monastery")
    spec = load_world(tmp_path / "monastery")
    assert spec.model_dump() == parse_world(world).model_dump()
    readme = (path.parent / "README.md").read_text()
    assert world["npcs"][0]["persona"] in readme
    assert "Hidden Library" in readme


def test_blocked_words_in_the_prompt_are_replaced_and_logged():
    screen = ContentFilter(words=["grobble"])
    world = generate_world("a grobble village with 5 farmers and a grobble well", 1, screen)
    assert "grobble" not in json.dumps(world).lower()
    assert screen.blocked and screen.blocked[0].source == "generator:prompt"
    parse_world(world)


def test_blocked_generated_text_becomes_a_placeholder():
    screen = ContentFilter(words=["hearth"])  # a word only the templates write
    world = generate_world("a quiet monastery with 5 monks", 1, screen)
    assert NEUTRAL_PLACEHOLDER in json.dumps(world)
    assert screen.blocked
    parse_world(world)


class FakeBackend:
    """A backend that answers every request with a fixed text."""

    name = "fake"
    model = "fake-world-writer"

    def __init__(self, text: str, error: str | None = None) -> None:
        self.text = text
        self.error = error
        self.requests: list[LLMRequest] = []

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        self.requests.extend(requests)
        return [LLMResponse(text=self.text, error=self.error) for _ in requests]


def test_llm_junk_falls_back_to_the_template_world_with_a_note():
    backend = FakeBackend("Sure! Here is a lovely world about monks {not json at all")
    result = generate_world_with_llm(MONASTERY, backend, seed=4)
    assert result.world == generate_world(MONASTERY, seed=4)
    assert result.notes and "no JSON" in result.notes[0]
    assert backend.requests[0].json_schema["title"] == "WorldSpec"
    assert backend.requests[0].seed == 4


def test_llm_backend_error_falls_back_with_a_note():
    result = generate_world_with_llm(MONASTERY, FakeBackend("", error="timeout"), seed=4)
    parse_world(result.world)
    assert "timeout" in result.notes[0]


def test_partial_llm_world_is_repaired_and_keeps_what_was_valid():
    partial = {
        "format_version": 1,
        "name": "glass_abbey",
        "title": "The Glass Abbey",
        "places": [
            {"id": "nave", "name": "Nave", "connections": ["cellar", "nowhere"]},
            {"id": "cellar", "name": "Cellar", "connections": ["nave"]},
            {"id": "bad id!", "name": "Broken"},
        ],
        "npcs": [
            {"name": "Odo", "persona": "An old monk.", "start_place": "attic"},
            {
                "name": "Beda",
                "persona": "A young monk.",
                "start_place": "nave",
                "schedule": [
                    {"start": "09:00", "place": "cellar", "activity": "brewing", "action": "brew"}
                ],
            },
        ],
        "actions": [
            {"name": "pray", "description": "Pray.", "preconditions": ["actor.place == nave"]},
            {"name": "fly", "description": "Fly.", "effects": ["actor.wings ="]},
        ],
        "dragons": True,
    }
    text = "Here you go:\n```json\n" + json.dumps(partial) + "\n```"
    result = generate_world_with_llm(MONASTERY, FakeBackend(text), seed=1)
    spec = parse_world(result.world)
    assert spec.title == "The Glass Abbey"
    assert spec.place_ids() == ["nave", "cellar"]
    assert {n.name: n.start_place for n in spec.npcs} == {"Odo": "nave", "Beda": "nave"}
    assert [a.name for a in spec.actions] == ["pray"]
    assert spec.npcs[1].schedule[0].action is None
    joined = "\n".join(result.notes)
    for expected in ("dragons", "places[2]", "start_place", "fly", "'brew'", "connections"):
        assert expected in joined
    assert result.source == "llm+template"


def test_valid_llm_world_is_used_as_is():
    world = generate_world("a village with 5 farmers", seed=9)
    world["title"] = "Model-made Village"
    result = generate_world_with_llm(MONASTERY, FakeBackend(json.dumps(world)), seed=1)
    assert result.notes == []
    assert result.world["title"] == "Model-made Village"
    assert result.source == "llm"


def test_llm_world_without_npcs_borrows_template_people_and_their_places():
    answer = {
        "format_version": 1,
        "name": "x",
        "title": "X",
        "places": [{"id": "yard", "name": "Yard"}],
    }
    result = generate_world_with_llm(MONASTERY, FakeBackend(json.dumps(answer)), seed=1)
    spec = parse_world(result.world)
    assert "yard" in spec.place_ids() and "hidden_library" in spec.place_ids()
    assert Counter(n.properties["role"] for n in spec.npcs) == {"monk": 10}
    assert any("npcs" in note for note in result.notes)


def test_a_model_cannot_choose_the_code_or_servers_a_generated_world_runs():
    world = generate_world("a village with 5 farmers", seed=9)
    world["settings"].update({"metrics": ["os:getcwd"], "llm": "openai:http://model.example/v1#m",
                              "llm_events": "plugin:os:system", "brains": [{"who": "*", "llm": "plugin:os:system"}]})
    result = generate_world_with_llm(MONASTERY, FakeBackend(json.dumps(world)), seed=1)
    settings = parse_world(result.world).settings
    template = generate_world(MONASTERY, seed=1)["settings"]
    assert settings.metrics == [] and settings.brains == [] and settings.llm_events is None
    assert settings.llm == template.get("llm")
    for key in ("llm", "llm_events", "brains", "metrics"):
        assert any(note.startswith(f"settings.{key}: names code or a server") for note in result.notes)
    assert result.world["title"] == world["title"]  # the rest of the model's world is kept
