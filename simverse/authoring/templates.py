"""The generator's templates: kinds of setting (their core places, food and daily work),
names, traits, backstory and wish phrases, feature looks, weather, and the actions every
generated world allows. Data only; :mod:`simverse.authoring.building` draws from it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass


@dataclass(frozen=True)
class SettingTemplate:
    """The core places and daily work of one kind of setting."""

    role: str
    commons: tuple[str, str]
    food: tuple[str, str, str]  # place id, place name, food item
    work: tuple[str, str]
    home: tuple[str, str]
    work_action: tuple[str, str, str]  # name, description, narration


SETTINGS: dict[str, SettingTemplate] = {
    "monastery": SettingTemplate(
        "monk",
        ("cloister", "The Cloister"),
        ("refectory", "The Refectory", "barley bread"),
        ("scriptorium", "The Scriptorium"),
        ("dormitory", "The Dormitory"),
        ("copy_manuscript", "Copy a page of manuscript by candlelight.", "{actor} copies a page."),
    ),
    "village": SettingTemplate(
        "villager",
        ("green", "The Village Green"),
        ("bakery", "The Bakery", "rye loaf"),
        ("fields", "The Fields"),
        ("cottages", "The Cottages"),
        ("tend_fields", "Work in the fields.", "{actor} hoes a row of beans."),
    ),
    "castle": SettingTemplate(
        "knight",
        ("great_hall", "The Great Hall"),
        ("kitchens", "The Kitchens", "meat pie"),
        ("courtyard", "The Courtyard"),
        ("barracks", "The Barracks"),
        ("drill", "Drill with sword and shield.", "{actor} drills in the courtyard."),
    ),
    "station": SettingTemplate(
        "crew member",
        ("hub", "Central Hub"),
        ("galley", "The Galley", "ration pack"),
        ("engineering", "Engineering Deck"),
        ("quarters", "Crew Quarters"),
        ("run_diagnostics", "Run diagnostics on the ship's systems.", "{actor} runs diagnostics."),
    ),
    "school": SettingTemplate(
        "student",
        ("hall", "The Assembly Hall"),
        ("canteen", "The Canteen", "sandwich"),
        ("classroom", "The Classroom"),
        ("dorms", "The Dormitories"),
        ("study", "Study at a desk.", "{actor} studies hard."),
    ),
    "town": SettingTemplate(
        "townsperson",
        ("square", "The Town Square"),
        ("market", "The Market", "meat pie"),
        ("workshops", "The Workshops"),
        ("houses", "The Houses"),
        ("work_trade", "Work at a trade in the workshops.", "{actor} works at the bench."),
    ),
}
ALIASES = {
    "abbey": "monastery",
    "priory": "monastery",
    "hamlet": "village",
    "fortress": "castle",
    "keep": "castle",
    "ship": "station",
    "base": "station",
    "academy": "school",
    "college": "school",
    "city": "town",
    "port": "town",
    "harbor": "town",
}

NAMES = (
    "Ansel",
    "Bryn",
    "Cato",
    "Dara",
    "Elio",
    "Faye",
    "Gideon",
    "Hana",
    "Ivo",
    "Juno",
    "Kiran",
    "Lior",
    "Mira",
    "Nico",
    "Oona",
    "Pavel",
    "Quill",
    "Rhea",
    "Silas",
    "Tova",
    "Ulric",
    "Vera",
    "Wynn",
    "Xavi",
    "Yara",
    "Zeno",
    "Aurel",
    "Bette",
    "Corin",
    "Delia",
    "Emrys",
    "Fenna",
    "Gus",
    "Hester",
    "Ines",
    "Jory",
    "Kaia",
    "Leif",
    "Maren",
    "Nils",
    "Orla",
    "Piet",
    "Rosalind",
    "Soren",
    "Thea",
    "Umar",
    "Vesna",
    "Willa",
    "Yusuf",
    "Zora",
)
TRAITS = (
    "patient",
    "curious",
    "stubborn",
    "kind",
    "secretive",
    "cheerful",
    "proud",
    "shy",
    "talkative",
    "careful",
    "ambitious",
    "gentle",
    "sharp-tongued",
    "loyal",
    "restless",
)
PASTS = (
    "came to the {setting} {years} years ago after losing everything in a flood",
    "was born in the {setting} and has never travelled further than a day's walk",
    "arrived last spring with a letter of introduction nobody has ever seen",
    "once served a powerful family and left them without saying why",
    "grew up an orphan and found a home in the {setting}",
    "spent {years} years travelling before settling in the {setting}",
)
WANTS = (
    "wants to be trusted with more responsibility",
    "hopes to find out what really lies in the {feature}",
    "is saving quietly to leave one day",
    "wants to keep the peace among the {role}s",
    "dreams of being remembered for something great",
)
FEATURE_LOOKS = (
    "Few people come here; the air is still and smells of dust.",
    "Its entrance is easy to miss unless you know where to look.",
    "Old marks on the walls suggest it is older than anything around it.",
    "Something here has been moved recently, though nobody admits it.",
)
WEATHER = ("clear", "cloudy", "mist", "light rain")

BUY = {
    "name": "buy",
    "description": "Buy food or drink sold here.",
    "args": {"item": "item"},
    "preconditions": ["item.place == actor.place", "item.quantity > 0", "actor.coins >= item.price"],
    "effects": ["item.quantity -= 1", "actor.coins -= item.price", "actor.inventory += item"],
    "narration": "{actor} buys a {item_name}.",
    "importance": 1,
}
EAT = {
    "name": "eat",
    "description": "Eat or drink something you carry.",
    "args": {"item": "item"},
    "preconditions": ["actor.inventory has item", "item.edible == true"],
    "effects": ["actor.inventory -= item", "actor.hunger = 0"],
    "narration": "{actor} eats the {item_name}.",
    "importance": 1,
}
GATHER = {
    "name": "gather",
    "description": "Join the others in the common place.",
    "preconditions": ["here.commons == true"],
    "effects": ["actor.mood = 'sociable'"],
    "narration": "{actor} joins the gathering.",
    "importance": 1,
}
EXPLORE = {
    "name": "explore",
    "description": "Look around a place few people visit.",
    "preconditions": ["here.feature == true"],
    "effects": ["here.visits += 1", "actor.explored = true"],
    "narration": "{actor} looks around carefully.",
    "importance": 4,
}


def actions(template: SettingTemplate) -> list[dict]:
    """The actions of a generated world: buy, eat, the setting's work, gather, rest, explore
    (fresh copies: a generated world's text may be replaced in place)."""
    work_name, work_description, work_narration = template.work_action
    work = {
        "name": work_name,
        "description": work_description,
        "preconditions": [f"actor.place == {template.work[0]}"],
        "effects": ["actor.work_done += 1", "actor.coins += 1"],
        "narration": work_narration,
        "importance": 2,
    }
    rest = {
        "name": "rest",
        "description": "Rest in your quarters.",
        "preconditions": [f"actor.place == {template.home[0]}"],
        "effects": ["actor.mood = 'rested'"],
        "narration": "{actor} rests.",
        "importance": 1,
    }
    return [copy.deepcopy(BUY), copy.deepcopy(EAT), work, copy.deepcopy(GATHER), rest, copy.deepcopy(EXPLORE)]
