"""Near misses the NPC cannot know stay "I don't know": a room the world does not have
("the music room" is no Staff Room, though "music" ends like an adjective), a question
after a form of address ("doc, how late...?" asks), and work said in passing ("after
work") is no question about the NPC's job."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.perception import scene_of
from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from simverse.world.model import World


@pytest.fixture(scope="module")
def school() -> Iterator[World]:
    with shipped("classroom") as w:
        yield w


@pytest.mark.parametrize("line", ["where is the music room?", "is the attic room open?"])
def test_a_room_the_world_lacks_names_no_room_of_it(school, line):
    assert scene_of(school, 0).names.find(line) == []


def test_a_room_the_world_has_is_still_named(school):
    assert scene_of(school, 0).names.find("where is the staff room?") == ["staff_room"]


def test_the_way_to_a_room_the_world_lacks_is_not_known(school):
    answer = ask(school, "Kofi", "kofi where's the music room? i've a trumpet lesson").utterance
    assert "Staff Room" not in answer, answer


@pytest.mark.parametrize("title", ["doc", "doctor", "father", "officer"])
def test_a_form_of_address_opens_no_body(title):
    r = read(f"{title} how late are you open tonight? i might drop by after work")
    assert r.opens and r.wh == "how"


def test_work_said_in_passing_asks_no_job():
    with shipped("clinic") as clinic:
        answer = ask(clinic, "Okoye", "doc how late are you open tonight? i might drop by after work").utterance
    assert "doctor" not in answer, answer
