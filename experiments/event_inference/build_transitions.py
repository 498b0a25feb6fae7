"""Write transitions.jsonl: hand-labelled transitions over the shipped worlds.

Every expected change below was worked out by hand from the world files (and for scene
commands and events, from what ``worlds/README.md`` (Directing) says they do), not by
running a resolver. Keys are ``entity.property`` (or ``closed_routes`` / ``locked_routes``:
the full sorted list after). This set was written by people who had read the scene
reader; ``transitions_independent.jsonl`` was written from the README and the world files
alone, before the reader existed. Run: ``python experiments/event_inference/build_transitions.py``.
"""

from __future__ import annotations

import json
from pathlib import Path


def act(actor, action, **args):
    return {"actor": actor, "action": action, "args": args}


T = []


def add(id_, world, category, changes, unchanged=(), overrides=None, closed=(), actions=(), event=None,
        scene=None, place=None):
    row = {"id": id_, "world": world, "category": category, "changes": changes, "unchanged": list(unchanged)}
    if overrides:
        row["overrides"] = overrides
    if closed:
        row["closed_routes"] = list(closed)
    if actions:
        row["actions"] = list(actions)
    if event is not None:
        row["event"] = event
    if scene is not None:
        row["scene"] = scene
    if place is not None:
        row["place"] = place
    T.append(row)


H, C, K, M, Q, S = "harbor_town", "classroom", "clinic", "museum_tour", "quest_valley", "service_desk"
OK, FAIL, CONFLICT, SCENE, EVENT, IMPROV, TIME = "success", "failed_precondition", "conflict", "scene", "scene", \
    "success", "time"

# ------------------------------------------------------------------ harbor_town actions
add("ht-buy-bread", H, OK, {"bread.quantity": 5, "Mara.inventory": ["bread"]}, ["Tomas.coins", "Mara.coins"],
    actions=[act("Mara", "buy", item="bread")])
add("ht-buy-elsewhere", H, FAIL, {}, ["bread.quantity", "Tomas.coins"], actions=[act("Tomas", "buy", item="bread")])
add("ht-buy-too-poor", H, FAIL, {}, ["bread.quantity", "Pieter.coins"],
    overrides={"Pieter": {"place": "bakery", "coins": 1}}, actions=[act("Pieter", "buy", item="bread")])
add("ht-last-loaf", H, CONFLICT, {"bread.quantity": 0, "Mara.inventory": ["bread"]},
    ["Greta.coins", "Greta.inventory"], overrides={"bread": {"quantity": 1}, "Greta": {"place": "bakery"}},
    actions=[act("Mara", "buy", item="bread"), act("Greta", "buy", item="bread")])
add("ht-eat", H, OK, {"Tomas.inventory": [], "Tomas.hunger": 0}, ["bread.quantity"],
    overrides={"Tomas": {"inventory": ["bread"], "hunger": 0.6}}, actions=[act("Tomas", "eat", item="bread")])
add("ht-eat-nothing", H, FAIL, {}, ["Tomas.hunger"], overrides={"Tomas": {"hunger": 0.6}},
    actions=[act("Tomas", "eat", item="bread")])
add("ht-fish", H, OK, {"fish.quantity": 9, "Tomas.coins": 7}, ["Jonas.coins"], actions=[act("Tomas", "fish")])
add("ht-fish-storm", H, FAIL, {}, ["fish.quantity", "Tomas.coins"], overrides={"world": {"weather": "storm"}},
    actions=[act("Tomas", "fish")])
add("ht-sell", H, OK, {"Greta.coins": 17}, ["fish.quantity"], actions=[act("Greta", "sell")])
add("ht-sell-no-market", H, FAIL, {}, ["Tomas.coins"], actions=[act("Tomas", "sell")])
add("ht-bake", H, OK, {"bread.quantity": 8}, ["Mara.coins"], actions=[act("Mara", "bake")])
add("ht-bake-away", H, FAIL, {}, ["bread.quantity"], actions=[act("Tomas", "bake")])
add("ht-lantern", H, OK, {"lantern.quantity": 4, "square.lanterns_lit": 1}, ["Aldo.coins"],
    overrides={"Aldo": {"place": "square"}}, actions=[act("Aldo", "hang_lantern")])
add("ht-lantern-none-left", H, FAIL, {}, ["square.lanterns_lit"],
    overrides={"Aldo": {"place": "square"}, "lantern": {"quantity": 0}}, actions=[act("Aldo", "hang_lantern")])
add("ht-last-lantern", H, CONFLICT, {"lantern.quantity": 0, "square.lanterns_lit": 1}, [],
    overrides={"Aldo": {"place": "square"}, "Greta": {"place": "square"}, "lantern": {"quantity": 1}},
    actions=[act("Greta", "hang_lantern"), act("Aldo", "hang_lantern")])
add("ht-drink", H, OK, {"ale.quantity": 19, "Ilsa.mood": "merry"}, ["Ilsa.coins"],
    actions=[act("Ilsa", "drink")])
add("ht-drink-broke", H, FAIL, {}, ["ale.quantity", "Ilsa.mood"], overrides={"Ilsa": {"coins": 0}},
    actions=[act("Ilsa", "drink")])
add("ht-serve", H, OK, {"ale.quantity": 21, "Ilsa.coins": 31}, [], actions=[act("Ilsa", "serve")])
add("ht-pray", H, OK, {"Aldo.mood": "calm", "Aldo.coins": 5}, [], actions=[act("Aldo", "pray")])
add("ht-tend-light", H, OK, {"lighthouse.lamp_lit": True}, [], actions=[act("Nell", "tend_light")])
add("ht-mend-nets", H, OK, {"Finn.coins": 4}, [], actions=[act("Finn", "mend_nets")])
add("ht-give-ledger", H, OK, {"Pieter.inventory": [], "Nell.inventory": ["ledger"], "ledger.place": "Nell"},
    ["Nell.coins"],
    overrides={"Nell": {"place": "cottages"}}, actions=[act("Pieter", "give", item="ledger", npc="Nell")])
add("ht-give-absent", H, FAIL, {}, ["Pieter.inventory", "Nell.inventory"],
    actions=[act("Pieter", "give", item="ledger", npc="Nell")])
add("ht-move", H, OK, {"Tomas.place": "market"}, [], actions=[act("Tomas", "move", place="market")])
add("ht-move-too-far", H, FAIL, {}, ["Tomas.place"], actions=[act("Tomas", "move", place="square")])
add("ht-move-closed", H, FAIL, {}, ["Tomas.place"], closed=["harbour|market"],
    actions=[act("Tomas", "move", place="market")])
add("ht-wait", H, OK, {}, ["Tomas.place", "Tomas.coins"], actions=[act("Tomas", "wait")])
add("ht-two-fishers", H, CONFLICT, {"fish.quantity": 10, "Tomas.coins": 7, "Jonas.coins": 21}, [],
    actions=[act("Tomas", "fish"), act("Jonas", "fish")])

# ------------------------------------------------------------------ harbor_town scene and events
add("ht-storm-harbour", H, SCENE, {"harbour.weather": "storm"}, ["world.weather"],
    scene="a storm rolls in over the harbour")
add("ht-night", H, TIME, {"world.time": "22:00"}, ["world.weather"], scene="it is night now")
add("ht-close-bridge-market", H, SCENE, {"closed_routes": ["bakery|market", "harbour|market", "market|square"]}, [],
    scene="close the bridge to the market")
add("ht-close-road", H, SCENE, {"closed_routes": ["harbour|tavern"]}, [],
    scene="close the road between the harbour and the tavern")
add("ht-rain-harbour", H, SCENE, {"harbour.weather": "rain"}, ["world.weather"], scene="make it rain over the harbour")
add("ht-fog", H, SCENE, {"world.weather": "fog"}, [], scene="thick fog rolls in from the sea")
add("ht-reopen", H, SCENE, {"closed_routes": []}, [], closed=["harbour|market"],
    scene="reopen the road between the harbour and the market")
add("ht-tavern-fire", H, EVENT, {"tavern.burning": True}, ["world.weather"], event="The Salty Gull catches fire!")
add("ht-whistle", H, EVENT, {}, ["Pieter.mood", "world.weather"], event="Pieter whistles a tune on his way home.")
add("ht-chapel-locked", H, SCENE, {"chapel.locked": True}, ["world.time"],
    scene="the chapel is locked for the night")
add("ht-harbor-typo", H, SCENE, {"harbour.weather": "snow"}, ["world.weather"], scene="snow falls on the harbor")
add("ht-flooded-road", H, SCENE, {"closed_routes": ["harbour|market"]}, ["harbour.flooded"],
    scene="the road from the harbour to the market floods")

# ------------------------------------------------------------------ classroom
add("cl-buy-apple", C, OK, {"apple.quantity": 19, "Zara.coins": 1, "Zara.inventory": ["apple"]}, [],
    overrides={"Zara": {"place": "cafeteria"}}, actions=[act("Zara", "buy", item="apple")])
add("cl-buy-sandwich", C, OK, {"sandwich.quantity": 11, "Milo.coins": 1, "Milo.inventory": ["sandwich"]}, [],
    overrides={"Milo": {"place": "cafeteria"}}, actions=[act("Milo", "buy", item="sandwich")])
add("cl-teach-staffroom", C, FAIL, {}, ["classroom.lessons_taught"], actions=[act("Arden", "teach_lesson")])
add("cl-teach", C, OK, {"classroom.lessons_taught": 1}, [], overrides={"Arden": {"place": "classroom"}},
    actions=[act("Arden", "teach_lesson")])
add("cl-shy-hand", C, FAIL, {}, ["Theo.participation"], overrides={"Theo": {"place": "classroom"}},
    actions=[act("Theo", "raise_hand")])
add("cl-raise-hand", C, OK, {"Ines.participation": 1, "Ines.knowledge_points": 2}, [],
    actions=[act("Ines", "raise_hand")])
add("cl-quiz-not-yet", C, FAIL, {}, ["Ines.quiz_score"], actions=[act("Ines", "take_quiz")])
add("cl-quiz", C, OK, {"Ines.quiz_score": 1}, ["Ines.knowledge_points"], overrides={"classroom": {"quiz": True}},
    actions=[act("Ines", "take_quiz")])
add("cl-eat-apple", C, OK, {"Zara.inventory": [], "Zara.hunger": 0, "Zara.attention": 0.7}, [],
    overrides={"Zara": {"inventory": ["apple"], "attention": 0.5}}, actions=[act("Zara", "eat", item="apple")])
add("cl-play", C, OK, {"Kofi.mood": "happy", "Kofi.attention": 0.5}, [], actions=[act("Kofi", "play")])
add("cl-read-book", C, OK, {"Theo.knowledge_points": 3}, ["fractions_book.quantity"],
    actions=[act("Theo", "read_book", item="fractions_book")])
add("cl-teacher-notes", C, FAIL, {}, [], overrides={"Arden": {"place": "classroom"}},
    actions=[act("Arden", "take_notes")])
add("cl-snow", C, SCENE, {"world.weather": "snow"}, [], scene="it starts to snow")
add("cl-close-library", C, SCENE, {"library.closed": True}, [], scene="close the library")
add("cl-afternoon", C, TIME, {"world.time": "14:00"}, [], scene="it is afternoon now")

# ------------------------------------------------------------------ clinic
add("ck-check-in", K, OK, {"Walter.checked_in": True, "reception.queue": 1}, [], actions=[act("Walter", "check_in")])
add("ck-advisor-check-in", K, FAIL, {}, ["reception.queue"], actions=[act("Nadia", "check_in")])
add("ck-vaccine", K, OK, {"vaccine.quantity": 24, "Sunita.vaccinated": True, "nurse_station.vaccines_given": 1}, [],
    overrides={"Sunita": {"place": "nurse_station"}}, actions=[act("Sunita", "get_vaccine")])
add("ck-last-vaccine", K, CONFLICT,
    {"vaccine.quantity": 0, "Sunita.vaccinated": True, "nurse_station.vaccines_given": 1}, ["Leah.vaccinated"],
    overrides={"Sunita": {"place": "nurse_station"}, "Leah": {"place": "nurse_station"}, "vaccine": {"quantity": 1}},
    actions=[act("Sunita", "get_vaccine"), act("Leah", "get_vaccine")])
add("ck-consult", K, OK, {"Walter.seen_by_doctor": True, "consult_room.patients_seen": 1}, [],
    overrides={"Walter": {"place": "consult_room", "checked_in": True}},
    actions=[act("Okoye", "consult", npc="Walter")])
add("ck-consult-unchecked", K, FAIL, {}, ["consult_room.patients_seen"],
    overrides={"Walter": {"place": "consult_room"}}, actions=[act("Okoye", "consult", npc="Walter")])
add("ck-block-corridor", K, SCENE, {"closed_routes": ["nurse_station|waiting_room"]}, [],
    scene="block the corridor between the waiting room and the nurse station")
add("ck-sunny", K, SCENE, {"world.weather": "sunny"}, [], scene="the drizzle stops and the sun comes out")

# ------------------------------------------------------------------ museum_tour
add("mu-buy-coffee", M, OK, {"coffee.quantity": 29, "Ada.coins": 8, "Ada.inventory": ["coffee"]}, [],
    overrides={"Ada": {"place": "cafe"}}, actions=[act("Ada", "buy", item="coffee")])
add("mu-study", M, OK, {"lantern_copy.views": 1}, [], overrides={"Priya": {"place": "east_gallery"}},
    actions=[act("Priya", "study_exhibit", item="lantern_copy")])
add("mu-restore", M, OK, {"lantern_girl.restoration": 1}, [], actions=[act("Camille", "restore")])
add("mu-return", M, OK, {"lantern_girl.place": "east_gallery", "lantern_copy.place": "archive"}, [],
    overrides={"lantern_girl": {"restoration": 4}}, actions=[act("Camille", "return_painting")])
add("mu-return-too-soon", M, FAIL, {}, ["lantern_girl.place"], overrides={"lantern_girl": {"restoration": 3}},
    actions=[act("Camille", "return_painting")])
add("mu-tour-lobby", M, FAIL, {}, ["lobby.visitors_today"], actions=[act("Hale", "give_tour")])
add("mu-sun", M, SCENE, {"world.weather": "sunny"}, [], scene="the sun comes out")
add("mu-lights-out", M, SCENE, {"ancient_wing.light": "dark"}, [], scene="the lights go out in the ancient wing")

# ------------------------------------------------------------------ quest_valley
add("qv-take-key", Q, OK, {"key.quantity": 0, "Wren.inventory": ["key"]}, [], actions=[act("Wren", "take", item="key")])
add("qv-unlock", Q, OK, {"tower.locked": False}, [], overrides={"Rowan": {"place": "tower", "inventory": ["key"]}},
    actions=[act("Rowan", "unlock", item="key")])
add("qv-unlock-no-key", Q, FAIL, {}, ["tower.locked"],
    overrides={"Rowan": {"place": "tower"}, "key": {"place": "tower"}},
    actions=[act("Rowan", "unlock", item="key")])
add("qv-search-locked", Q, FAIL, {}, ["map.quantity"], overrides={"Rowan": {"place": "tower"}},
    actions=[act("Rowan", "search_tower")])
add("qv-search", Q, OK, {"map.quantity": 0, "Rowan.inventory": ["map"], "tower.searched": True}, [],
    overrides={"Rowan": {"place": "tower"}, "tower": {"locked": False}}, actions=[act("Rowan", "search_tower")])
add("qv-trade-lute", Q, OK, {"Pip.inventory": [], "Brakka.inventory": ["charm", "lute"], "Brakka.coins": 54,
                             "Pip.coins": 10}, [], overrides={"Pip": {"place": "market"}},
    actions=[act("Pip", "trade", item="lute", npc="Brakka")])
add("qv-turn-in", Q, OK, {"Rowan.inventory": [], "Maud.inventory": ["map"], "Rowan.coins": 32,
                          "village.quests_completed": 1}, [],
    overrides={"Rowan": {"place": "village", "inventory": ["map"]}, "map": {"place": "Rowan"}},
    actions=[act("Rowan", "turn_in", npc="Maud")])
add("qv-buy-bread", Q, OK, {"bread.quantity": 7, "Sable.coins": 7, "Sable.inventory": ["bread"]}, [],
    overrides={"Sable": {"place": "market"}}, actions=[act("Sable", "buy", item="bread")])
add("qv-one-key", Q, CONFLICT, {"key.quantity": 0, "Wren.inventory": ["key"]}, ["Cobb.inventory"],
    overrides={"Cobb": {"place": "wood"}},
    actions=[act("Wren", "take", item="key"), act("Cobb", "take", item="key")])
add("qv-perform-wood", Q, FAIL, {}, ["Pip.coins"], overrides={"Pip": {"place": "wood"}},
    actions=[act("Pip", "perform")])
add("qv-rockslide", Q, SCENE, {"closed_routes": ["pass|pasture"]}, [],
    scene="a rockslide blocks the pass road to the pasture")
add("qv-dawn", Q, TIME, {"world.time": "06:00", "world.day": 2}, [], scene="it is dawn")

# ------------------------------------------------------------------ service_desk
add("sd-answer", S, OK, {"front_desk.tickets_open": 13, "Sam.tickets_closed": 1}, [],
    actions=[act("Sam", "answer_ticket")])
add("sd-verify", S, OK, {"Delaney.verified": True}, [], overrides={"Delaney": {"place": "front_desk"}},
    actions=[act("Sam", "verify_identity", npc="Delaney")])
add("sd-refund", S, OK, {"Hugo.coins": 33, "Hugo.refund_requested": 0}, ["Hugo.refund_approved"],
    overrides={"Hugo": {"place": "front_desk", "verified": True}}, actions=[act("Sam", "issue_refund", npc="Hugo")])
add("sd-refund-too-big", S, FAIL, {}, ["Delaney.coins"],
    overrides={"Delaney": {"place": "front_desk", "verified": True}},
    actions=[act("Sam", "issue_refund", npc="Delaney")])
add("sd-hand-in", S, OK, {"Hugo.inventory": ["replacement_kettle"], "recalled_kettle.place": "returns_room",
                          "replacement_kettle.quantity": 5}, [], overrides={"Hugo": {"place": "front_desk"}},
    actions=[act("Hugo", "hand_in", item="recalled_kettle")])
add("sd-complain", S, OK, {"front_desk.complaints": 1, "Delaney.mood": "angry"}, [],
    overrides={"Delaney": {"place": "front_desk"}}, actions=[act("Delaney", "complain")])
add("sd-thunder", S, EVENT, {"world.weather": "storm"}, [], event="Thunder rolls over the building.")

# ------------------------------------------------------------------ scene phrasings (after the reader existed)
for i, (text, change) in enumerate([
    ("A thunderstorm breaks out over the harbour", {"harbour.weather": "storm"}),
    ("Heavy snowfall blankets the town", {"world.weather": "snow"}),
    ("The fog rolls in over the quay", {"harbour.weather": "fog"}),
    ("Rain pours down on the square", {"square.weather": "rain"}),
    ("The wind picks up", {"world.weather": "wind"}),
    ("A heatwave hits Harbor Town", {"world.weather": "heat"}),
    ("Let the sun shine", {"world.weather": "sunny"}),
    ("Close the market", {"market.closed": True}),
    ("Board up the chapel", {"chapel.closed": True}),
    ("Lock up the tavern", {"tavern.locked": True}),
    ("Someone sets fire to the tavern", {"tavern.burning": True}),
    ("Block the road between the market and the harbour", {"closed_routes": ["harbour|market"]}),
    ("A fallen tree blocks the lane from the square to the cottages", {"closed_routes": ["cottages|square"]}),
    ("Nobody can get to the lighthouse any more", {"closed_routes": ["harbour|lighthouse"]}),
    ("The fish are all sold", {"fish.quantity": 0}),
    ("There is no ale left", {"ale.quantity": 0}),
    ("Greta brings 3 more lanterns", {"lantern.quantity": 8}),
    ("Only 2 loaves remain", {"bread.quantity": 2}),
    ("The price of fish rises to 5 coins", {"fish.price": 5}),
    ("Put the lantern in the chapel", {"lantern.place": "chapel"}),
    ("Tomas and Jonas go to the market", {"Tomas.place": "market", "Jonas.place": "market"}),
    ("Ilsa gives Finn 3 coins", {"Ilsa.coins": 27, "Finn.coins": 6}),
    ("Pieter is broke", {"Pieter.coins": 0}),
    ("Greta is furious", {"Greta.mood": "angry"}),
    ("Set boats_in at the harbour to 2", {"harbour.boats_in": 2}),
    ("Turn off the lights in the chapel", {"chapel.light": "dark"}),
    ("It starts to rain and the market closes", {"world.weather": "rain", "market.closed": True}),
    ("Close the bakery and the tavern", {"bakery.closed": True, "tavern.closed": True}),
]):
    add(f"ht-phrase-{i}", H, SCENE, change, [], scene=text)
for i, (text, change) in enumerate([
    ("It's seven in the evening", {"world.time": "19:00"}), ("Jump to 9pm", {"world.time": "21:00"}),
    ("Fast forward three hours", {"world.time": "09:00"}), ("Half an hour passes", {"world.time": "06:30"}),
    ("Wait until noon", {"world.time": "12:00"}), ("Morning comes", {}),
    ("It is now quarter past three in the afternoon", {"world.time": "15:15"}),
]):
    add(f"ht-clock-{i}", H, TIME, change, ["world.day"], scene=text)
for i, text in enumerate(["A ghost appears in the tavern", "If it rains, close the market",
                          "Let's not flood the harbour", "A new baker opens a shop", "Maybe the storm comes tonight",
                          "Build a bridge between the chapel and the harbour", "Tomas becomes the mayor",
                          "What time is it?"]):
    T.append({"id": f"ht-refuse-{i}", "world": H, "category": "refusal", "changes": {}, "unchanged": [],
              "scene": text, "expect_refused": True})
add("qv-landslide", Q, SCENE, {"closed_routes": ["pass|pasture"]}, [],
    scene="A landslide closes the pass to the pasture")
add("qv-wyvern-burns", Q, SCENE, {"inn.burning": True}, [], scene="The Sleeping Wyvern burns")
add("qv-hour-and-half", Q, TIME, {"world.time": "08:30"}, [], scene="An hour and a half passes")
add("mu-pipe-fire", M, SCENE, {"ancient_wing.burning": True}, [], scene="A fire breaks out in the ancient wing")
add("sd-storms-off", S, SCENE, {"Delaney.place": "front_desk"}, ["world.weather"],
    scene="Delaney storms off to the front desk")
add("sd-system-down", S, SCENE, {"world.systems": "down"}, [], scene="The account system goes down")
add("ck-waiting-tired", K, SCENE, {}, [], scene="Everyone in the waiting room is tired")

# ------------------------------------------------------------------ improvised (model only)
add("ht-improvise-coin", H, IMPROV, {"Tomas.coins": 5}, ["Jonas.coins"],
    actions=[act("Tomas", "improvise", text="drops one of his coins into the harbour")])
add("ht-improvise-free-loaf", H, IMPROV, {"bread.quantity": 5, "Tomas.inventory": ["bread"]}, ["Mara.coins"],
    overrides={"Tomas": {"place": "bakery"}},
    actions=[act("Mara", "improvise", text="hands Tomas a free loaf of bread")])
add("ht-improvise-lamp", H, IMPROV, {"lighthouse.lamp_lit": True}, [],
    actions=[act("Nell", "improvise", text="climbs the stairs and lights the lighthouse lamp")])

if __name__ == "__main__":
    out = Path(__file__).with_name("transitions.jsonl")
    out.write_text("".join(json.dumps(row) + "\n" for row in T))
    print(f"wrote {len(T)} transitions to {out}")
