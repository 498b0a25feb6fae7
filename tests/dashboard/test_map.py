"""The map: frames paged from the database, labels that never overlap, colours that do not
repeat, bubbles and icons, and headcounts instead of dots for crowds."""

from __future__ import annotations

import random

import pytest
from dashboard_helpers import db_copy_fixture, run_db_fixture

from simverse.dashboard import layout, mapfig, playback
from simverse.dashboard.layout import label_box, npc_colours, place_labels
from simverse.dashboard.mapfig import MapView, map_figure
from simverse.dashboard.playback import Frame, Happening, Line
from simverse.world.model import World

dashboard_run_db = run_db_fixture()
dashboard_db_copy = db_copy_fixture()
PLACES = [{"id": f"p{i}", "name": f"Place {i}", "connections": [f"p{(i + 1) % 6}"]} for i in range(6)]


def frame(where: dict[str, str], **fields) -> Frame:
    base = {"step": 3, "sim_time": "Day 1, 09:00", "weather": "rain", "environment": {"weather": "rain"},
            "place_state": {p["id"]: {} for p in PLACES}, "closed_routes": [], "where": where}
    return Frame(**{**base, **fields})


def test_labels_placed_never_overlap_each_other():
    rng = random.Random(4)
    unit = 0.005
    points = [(rng.uniform(-1, 1), rng.uniform(-1, 1), "N" * rng.randint(3, 12), 0.03, None) for _ in range(120)]
    spots = place_labels(points, [], unit)
    boxes = [label_box(x, y, t, pos, r, unit) for (x, y, t, r, _), pos in zip(points, spots, strict=True) if pos]
    assert 10 < len(boxes) < 120, "some labels fit, crowded ones are left out"
    for i, a in enumerate(boxes):
        assert not any(a.overlaps(b) for b in boxes[i + 1:])


def test_every_npc_of_a_thousand_gets_its_own_colour():
    names = [f"N{i}" for i in range(1000)]
    colours = npc_colours(names)
    assert len(set(colours.values())) == 1000
    first = [colours[n] for n in sorted(names)[:40]]
    assert len(set(first)) == 40 and first[0] != first[10] != first[20]


def test_frames_are_read_a_page_at_a_time(dashboard_db_copy):
    world = World.resume(str(dashboard_db_copy), embedder="hashing")
    world.run(playback.PAGE + 2 - world.step_index)
    world.close()
    places = tuple(p["id"] for p in world.spec.model_dump()["places"])
    last = playback.PAGE + 2
    first_page = playback.frames(str(dashboard_db_copy), 1, 0, playback.PAGE - 1, places)
    second_page = playback.frames(str(dashboard_db_copy), 1, 1, last, places)
    assert sorted(first_page) == list(range(playback.PAGE))
    assert sorted(second_page) == [playback.PAGE, playback.PAGE + 1, playback.PAGE + 2]
    at = playback.frame_at(str(dashboard_db_copy), 1, last, last, places)
    assert at.step == last and len(at.where) == len(world.npcs)


def test_npcs_walk_as_the_same_points_and_a_click_names_npc_and_step():
    where = {"Ann": "p0", "Bob": "p0", "Cid": "p3"}
    fig = map_figure(PLACES, frame(where), MapView(npc_colours(list(where))))
    npcs = next(t for t in fig.data if t.name == "NPCs")
    assert list(npcs.ids) == ["Ann", "Bob", "Cid"], "ids keep a dot's identity between steps"
    assert [list(c) for c in npcs.customdata] == [["npc", "Ann", 3], ["npc", "Bob", 3], ["npc", "Cid", 3]]
    assert len(set(npcs.marker.color)) == 3


def test_bubbles_icons_and_queued_directions_are_drawn_as_text():
    state = {p["id"]: {} for p in PLACES}
    state["p1"] = {"open": False}
    state["p2"] = {"weather": "storm"}
    lines = [Line(1, "Ann", "Bob", "p0", "<b>hello</b> there")]
    happenings = [Happening(9, "scene", "p4", "Fire at <i>Place 4</i>", True, ""),
                  Happening(10, "injected", "", "A whale is seen.", True, "")]
    view = MapView(npc_colours(["Ann", "Bob"]), "Town", queued=[("scene", "fog rolls in", "p5")])
    fig = map_figure(PLACES, frame({"Ann": "p0", "Bob": "p0"}, place_state=state, lines=lines,
                                   happenings=happenings), view)
    notes = [a.text for a in fig.layout.annotations]
    assert "Ann: &lt;b&gt;hello&lt;/b&gt; there" in notes, "a speech bubble, escaped"
    assert any(n.startswith("☂ weather: rain") for n in notes)
    assert any("A whale is seen." in n for n in notes), "a world-wide event in the corner"
    icons = next(t for t in fig.data if t.name == "icons")
    shown = dict(zip([i.split(":")[1] for i in icons.ids], icons.text, strict=True))
    assert shown == {"p1": mapfig.CLOSED, "p2": "⚡", "p4": mapfig.EVENT, "p5": mapfig.QUEUED}
    assert any("Fire at &lt;i&gt;Place 4&lt;/i&gt;" in h for h in icons.hovertext)


def test_a_crowd_is_drawn_as_headcounts_with_names_on_hover_and_a_chosen_group_as_dots():
    where = {f"N{i}": f"p{i % 3}" for i in range(300)}
    colours = npc_colours(list(where))
    crowd = map_figure(PLACES, frame(where), MapView(colours))
    places = next(t for t in crowd.data if t.name == "places")
    npcs = next(t for t in crowd.data if t.name == "NPCs")
    assert len(npcs.x) == 0, "no dot per NPC"
    assert list(places.marker.color) == [100, 100, 100, 0, 0, 0]
    assert places.marker.size[0] > places.marker.size[3]
    assert "N0" in places.hovertext[0] and "and 85 more" in places.hovertext[0]
    group = map_figure(PLACES, frame(where), MapView(colours, shown={"N1", "N2", "N4"}))
    assert sorted(next(t for t in group.data if t.name == "NPCs").ids) == ["N1", "N2", "N4"]


@pytest.mark.parametrize("count", [1, 7, 40])
def test_the_place_layout_is_fixed_and_fills_the_frame(count):
    places = [{"id": f"p{i}", "connections": [f"p{(i + 1) % count}"] if count > 1 else []} for i in range(count)]
    pos = layout.place_layout(places)
    assert pos == layout.place_layout(places)
    if count > 1:
        assert max(abs(x) for x, _ in pos.values()) == pytest.approx(layout.ASPECT)
        assert max(abs(y) for _, y in pos.values()) == pytest.approx(1.0)
