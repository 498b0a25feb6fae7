"""Read one clause of a scene command into proposed effects, or say why it cannot be read.

A clause is read by a chain of small readers, each for one kind of change (see
``worlds/README.md``, Directing): a literal effect, time, connections, light, weather,
the state of places, items, people, any declared property. Entity names are masked first
(:class:`~simverse.events.scene_names.SceneIndex`), so words inside names (*Market
Street*, *Chapel of the Tides*) are never read as verbs or weather. A reader that uses a
verb consumes it, so *close the road between the square and the chapel* closes a
connection and not the two places. Readers only propose effects; validation decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from simverse.core.rules import RuleSyntaxError, parse_effect
from simverse.core.state import Effect
from simverse.events.access import route_key
from simverse.events.scene_clause import Clause, Reading
from simverse.events.scene_people import read_people
from simverse.events.scene_time import read_time
from simverse.events.scene_words import (
    ANYMORE,
    ITEM_EMPTY,
    LIGHT_BRIGHT,
    LIGHT_DARK,
    LIGHT_DIM,
    NEGATION,
    NUMBER,
    ROUTE_CLOSE,
    ROUTE_LOCK,
    ROUTE_NOUNS,
    ROUTE_OPEN,
    SHUT_VERBS,
    WEATHER_ENDS,
    WEATHER_WORDS,
    has,
    number_value,
)

CUT_OFF = (r"cut(?:s)? off|isolat\w*|(?:no one|nobody|no-one) can (?:get to|reach|go to)|can(?:no|')t (?:get to|reach)"
           r"|(?:is|are) (?:now )?(?:unreachable|inaccessible)")
BETWEEN_PLACES = r"between (?:the )?§+ and (?:the )?§+|§+ to (?:the )?§+"
CARRY_VERBS = (r"bring\w*|brought|tak\w*|took|mov\w*|put|carr\w*|send|sent|giv\w*|gave|hand\w*|deliver\w*|grab\w*"
               r"|steal\w*|stole|pick\w* up|get|gets|got|receiv\w*|find\w*|found|pocket\w*|collect\w*"
               r"|bak\w*|cook\w*|arriv\w*|now has|has")
EVERYWHERE = r"everywhere|all over|the whole (?:town|village|world|valley|city|place|school|building|museum|clinic)"

def read_clause(clause: Clause) -> Reading:
    """All readers in order; the first problem wins."""
    out = Reading()
    literal = read_literal(clause)
    if literal is not None:
        return literal
    readers: list[Callable[[Clause], Reading | None]] = [
        read_time, read_routes, read_light, read_weather, read_place_states, read_items, read_people,
        read_property,
    ]
    for reader in readers:
        found = reader(clause)
        if found is not None:
            out.add(found)
            if found.problem:
                break
    return out


# ----------------------------------------------------------------------- literal effects
def read_literal(clause: Clause) -> Reading | None:
    """``harbour.boats_in = 2``: the rule language's effect syntax, as a director's shortcut."""
    raw = clause.raw.strip().rstrip(".")
    if not re.fullmatch(r"[A-Za-z_][\w.]*\.\w+\s*(?:\+=|-=|=)\s*\S.*", raw):
        return None
    folded = {e.lower(): e for e in clause.state.entities}
    head = raw.split(".", 1)[0]
    raw = folded.get(head.lower(), head) + raw[len(head):]
    try:
        rule = parse_effect(raw, clause.state.entities)
    except RuleSyntaxError as exc:
        return Reading(problem=str(exc), matched=True)
    if len(rule.target.path) != 1 or rule.value.path:
        return Reading(problem="a direct change names one entity and one property, and a plain value", matched=True)
    value = rule.value.literal if rule.value.role is None else rule.value.role
    effect = Effect(rule.role, rule.prop, rule.op, value)
    return Reading([effect], [f"{rule.role}.{rule.prop} {'=' if rule.op == 'set' else rule.op} {value!r}"],
                   matched=True)


# ----------------------------------------------------------------------- connections
def read_routes(clause: Clause) -> Reading | None:
    """Close, lock or open connections named by a way noun (or *cut off* a place)."""
    noun = has(ROUTE_NOUNS, clause.text) or re.search(BETWEEN_PLACES, clause.text)
    cut = has(CUT_OFF, clause.text)
    places = clause.of_kind("place")
    if noun is None and cut is None:
        return None
    if noun is not None and cut is None and noun.group(0).startswith(("door", "gate")) and len(places) < 2:
        return None
    verb, mode = _route_verb(clause.text)
    if verb is None and cut is None:
        return None
    mode = mode if verb is not None else "closed"
    for m in (noun, cut, verb):
        clause.consume(m)
    clause.consume(has(ROUTE_CLOSE, clause.text))
    if not places:
        return Reading(problem="it names no place of this world, so no connection to change", matched=True)
    if len(places) >= 2:
        a, b = places[0], places[1]
        if not clause.places.has_edge(a, b):
            return Reading(problem=f"{clause.index.name(a)} and {clause.index.name(b)} are not connected", matched=True)
        keys = [route_key(a, b)]
    else:
        keys = [route_key(places[0], n) for n in sorted(clause.places.neighbors(places[0]))]
    clause.mentions = [m for m in clause.mentions if m.entity not in places[:2]]
    return _route_effects(clause, keys, mode)


def _route_verb(text: str) -> tuple[re.Match[str] | None, str]:
    negated = bool(has(NEGATION, text))
    verbs = ((r"unlock\w*", "open"), (ROUTE_LOCK, "locked"), (ROUTE_OPEN, "open"), (ROUTE_CLOSE, "closed"))
    for pattern, mode in verbs:
        match = has(pattern, text)
        if match:
            if negated:
                mode = "open" if mode != "open" else "closed"
            return match, mode
    return None, ""


def _route_effects(clause: Clause, keys: list[str], mode: str) -> Reading:
    effects = []
    for key in keys:
        now = clause.state.route_state(key)
        if now == mode:
            continue
        if mode == "open":
            effects.append(Effect("world", "closed_routes", "remove", key))
        elif mode == "locked":
            effects.append(Effect("world", "locked_routes", "add", key))
        elif now != "locked":
            effects.append(Effect("world", "closed_routes", "add", key))
    ways = " and ".join(" – ".join(clause.index.name(p) for p in k.split("|")) for k in keys)
    return Reading(effects, [f"the way {ways} is {mode}"], matched=True)


# ----------------------------------------------------------------------- light and weather
def read_light(clause: Clause) -> Reading | None:
    for pattern, value in ((LIGHT_BRIGHT, "bright"), (LIGHT_DARK, "dark"), (LIGHT_DIM, "dim")):
        match = has(pattern, clause.text)
        if match:
            clause.consume(match)
            return _set_scoped(clause, "light", value, f"the light is {value}")
    return None


def read_weather(clause: Clause) -> Reading | None:
    """Weather starts (``storm``) or ends (``clear``, when it was that weather)."""
    for pattern, weather in WEATHER_WORDS:
        match = has(pattern, clause.text)
        if match is None:
            continue
        clause.consume(match)
        ends = has(WEATHER_ENDS, clause.text) or has(NEGATION, clause.text)
        if ends and weather != "clear":
            clause.consume(ends)
            return _end_weather(clause, weather)
        return _set_scoped(clause, "weather", weather, f"the weather turns to {weather}")
    return None


def _targets(clause: Clause, prop: str) -> list[str]:
    """Where a weather or light change applies (README: Directing, Where)."""
    named = clause.of_kind("place")
    world = bool(clause.of_kind("world")) and not named
    if world or has(EVERYWHERE, clause.text) or (not named and clause.given is None):
        own = [p for p in clause.state.ids_of("place") if prop in clause.state.entities[p]]
        return ["world", *own]
    return named or [str(clause.given)]


def _set_scoped(clause: Clause, prop: str, value: str, said: str) -> Reading:
    entities = clause.state.entities
    effects = [Effect(t, prop, "set", value) for t in _targets(clause, prop)
               if entities[t].get(prop) != value or (t != "world" and prop not in entities[t])]
    where = [clause.index.name(t) for t in _targets(clause, prop) if t != "world"]
    return Reading(effects, [said + (f" at {', '.join(where)}" if where and len(where) < 4 else "")], matched=True)


def _end_weather(clause: Clause, weather: str) -> Reading:
    effects = []
    for target in _targets(clause, "weather"):
        current = clause.state.get(target, "weather")
        if canonical_weather(current) == weather:
            effects.append(Effect(target, "weather", "set", "clear"))
    said = f"the {weather} is over" if effects else f"there was no {weather}"
    return Reading(effects, [said], matched=True)


def canonical_weather(value: Any) -> str:
    text = str(value or "").lower()
    for pattern, weather in WEATHER_WORDS:
        if has(pattern, text):
            return weather
    return text


# ----------------------------------------------------------------------- places and items
def read_place_states(clause: Clause) -> Reading | None:
    """Closed, locked, flooded, burning: on, off (``open``), or negated."""
    negated = bool(has(NEGATION, clause.text)) or bool(has(ANYMORE, clause.text) and has(r"not|no longer", clause.text))
    for flag in ("burning", "flooded", "locked", "closed"):
        on, off = SHUT_VERBS[flag]
        off_match, on_match = has(off, clause.text), has(on, clause.text)
        if flag == "locked" and has(r"unlock\w*", clause.text):
            on_match, off_match = None, has(r"unlock\w*", clause.text)
        match = off_match or on_match
        if match is None:
            continue
        clause.consume(match)
        value = (off_match is None) != negated
        return _flag_targets(clause, flag, value)
    return None


def _flag_targets(clause: Clause, flag: str, value: bool) -> Reading:
    places = clause.of_kind("place")
    items = clause.of_kind("item")
    if not places and items and flag in ("locked", "burning"):
        if flag == "locked":
            return _set_all(clause, items, "locked", value, f"{'locked' if value else 'unlocked'}")
        return _empty_items(clause, items) if value else Reading(matched=True)
    if not places and not value and flag in ("burning", "flooded"):  # "the fire is out": wherever it burned
        places = [p for p in clause.state.ids_of("place") if clause.state.entities[p].get(flag) is True]
        if not places:
            return Reading([], [f"nothing is {_flag_word(flag, True)}"], matched=True)
        places = places if len(places) == 1 else []
    if not places:
        return Reading(problem=f"it names no place of this world to be {flag if value else 'no longer ' + flag}",
                       matched=True)
    reading = _set_all(clause, places, flag, value, _flag_word(flag, value))
    if flag == "closed" and not value:
        reading.effects += [Effect(p, "locked", "set", False) for p in places
                            if clause.state.entities[p].get("locked") is True]
    return reading


def _flag_word(flag: str, value: bool) -> str:
    words = {"closed": ("closed", "open"), "locked": ("locked", "unlocked"), "flooded": ("flooded", "dry again"),
             "burning": ("on fire", "no longer burning")}
    return words[flag][0 if value else 1]


def _set_all(clause: Clause, entities: list[str], prop: str, value: Any, word: str) -> Reading:
    effects = []
    for entity in entities:
        current = clause.state.entities[entity].get(prop)
        if current != value and not (value is False and current is None):
            effects.append(Effect(entity, prop, "set", value))
    names = " and ".join(clause.index.name(e) for e in entities)
    return Reading(effects, [f"{names} {'is' if len(entities) == 1 else 'are'} {word}"], matched=True)


def read_items(clause: Clause) -> Reading | None:
    """Quantities, prices, moves and gifts of items."""
    items = clause.of_kind("item")
    if not items:
        return None
    item = items[0]
    number = _number(clause.text)
    price = has(r"costs?|costing|price\w*|priced", clause.text)
    if price is not None:
        if number is None:
            return Reading(problem="a new price needs a number", matched=True)
        clause.consume(price)
        return _set_all(clause, [item], "price", number, f"priced at {number}")
    empty = has(ITEM_EMPTY, clause.text)
    if empty is not None and (number is None or has(r"no more|none left|nothing left", clause.text)):
        clause.consume(empty)
        return _empty_items(clause, items)
    reading = _item_amount(clause, item, number) if number is not None else _item_move(clause, item)
    while reading is not None and (verb := has(CARRY_VERBS, clause.text)) is not None:
        clause.consume(verb)  # the item's verb, so the people reader does not read it again
    return reading


def _empty_items(clause: Clause, items: list[str]) -> Reading:
    effects = [Effect(i, "quantity", "set", 0) for i in items if clause.state.entities[i].get("quantity") != 0]
    return Reading(effects, [f"no {clause.index.name(i)} is left" for i in items], matched=True)


def _item_amount(clause: Clause, item: str, number: float) -> Reading:
    left = has(r"left|remain\w*|only|there (?:are|is) (?:now )?" + NUMBER, clause.text)
    if left and not has(r"more|add\w*", clause.text):
        return _set_all(clause, [item], "quantity", number, f"down to {number}")
    if has(r"remov\w*|fewer|los\w*|stolen|tak\w* away|minus|less", clause.text):
        have = clause.state.entities[item].get("quantity", 0)
        if not isinstance(have, int | float) or have < number:
            return Reading(problem=f"there are only {have} {clause.index.name(item)}", matched=True)
        return Reading([Effect(item, "quantity", "remove", number)], [f"{number} fewer {clause.index.name(item)}"],
                       matched=True)
    destination = clause.after(r"to|into|in|at|onto", "place")
    if destination is not None and destination != clause.state.entities[item].get("place"):
        return Reading(problem="a number of an item cannot be sent elsewhere: an item is one stack", matched=True)
    if not has(r"more|add\w*|deliver\w*|arriv\w*|bring\w*|brought|restock\w*|extra|another|new|fresh|supply|"
               r"suppl\w*|bak\w*|cook\w*|made|make|caught|catch|found|find\w*|get|gets|got|plus", clause.text):
        return Reading(problem="say whether the number is added (\"4 more\") or left (\"4 left\")", matched=True)
    return Reading([Effect(item, "quantity", "add", number)], [f"{number} more {clause.index.name(item)}"],
                   matched=True)


def _item_move(clause: Clause, item: str) -> Reading | None:
    to_npc = clause.after(r"to|for", "npc")
    taker = _taker(clause)
    target = to_npc or taker or clause.after(r"to|into|in|at|onto|inside|on", "place")
    if target is None:
        if has(r"mov\w*|bring|brought|tak\w*|carr\w*|put|place[sd]?|send|sent|giv\w*|hand\w*|gave", clause.text):
            return Reading(problem=f"where should {clause.index.name(item)} go? Name a place or a person", matched=True)
        return None
    if clause.state.entities[item].get("place") == target:
        return Reading([], [f"{clause.index.name(item)} is already with {clause.index.name(target)}"], matched=True)
    return Reading([Effect(item, "place", "move", target)],
                   [f"{clause.index.name(item)} is now with {clause.index.name(target)}"], matched=True)


def _taker(clause: Clause) -> str | None:
    """``Nell takes the ledger`` / ``Nell now has the ledger``: the NPC before such a verb."""
    npcs = clause.of_kind("npc")
    verb = has(r"takes|took|grabs|grabbed|steals|stole|picks up|picked up|gets|got|receives|received|now has"
               r"|has got|finds|found|pockets|pocketed|is given|was given|collects|collected", clause.text)
    if not npcs or verb is None:
        return None
    first = next(m for m in clause.mentions if m.entity == npcs[0])
    return npcs[0] if first.start < verb.start() else None


def _number(text: str) -> float | None:
    match = has(NUMBER, text)
    return number_value(match.group(0)) if match else None


# ----------------------------------------------------------------------- any declared property
def read_property(clause: Clause) -> Reading | None:
    """``set the tide to low``, ``the harbour's boats in is 2``: a declared property by its name."""
    if clause.catalogue is None:
        return None
    named = [m.entity for m in clause.mentions if len(m.entities) == 1]
    entity = named[0] if named else "world"
    kind = clause.state.kinds.get(entity, "world")
    for prop in sorted(clause.catalogue.types.get(kind, {}), key=len, reverse=True):
        spelled = "[ _]".join(re.escape(w) for w in prop.split("_"))
        spelled = spelled[:-1] + "s?" if spelled.endswith("s") else spelled + "s?"
        match = re.search(rf"(?<![\w]){spelled}(?![\w])(?:\s+(?:of|at|in|for)\s+(?:the\s+)?§+\s*)?"
                          rf"\s+(?:to|is now|is|are|becomes|goes to|rises to|falls to|drops to|goes|went|turns"
                          rf"|=)\s+(?:now\s+)?([\w.'-]+)", clause.text)
        if match is None or prop in _BUILT_IN_ELSEWHERE:
            continue
        return _property_value(clause, entity, kind, prop, match.group(1))
    return None


_BUILT_IN_ELSEWHERE = {"weather", "time", "day", "light", "closed", "locked", "flooded", "burning", "place",
                       "quantity", "price", "coins", "hunger", "mood", "inventory", "name", "activity"}


def _property_value(clause: Clause, entity: str, kind: str, prop: str, word: str) -> Reading:
    declared = clause.catalogue.type(kind, prop) if clause.catalogue else None
    value: Any = word.strip("'\"")
    if declared == "number":
        value = number_value(value)
        if value is None:
            return Reading(problem=f"{prop} is a number, not {word!r}", matched=True)
    elif declared == "bool":
        if value not in ("true", "false", "yes", "no"):
            return Reading(problem=f"{prop} is true or false, not {word!r}", matched=True)
        value = value in ("true", "yes")
    if clause.state.entities[entity].get(prop) == value:
        return Reading([], [f"{prop} is already {value!r}"], matched=True)
    return Reading([Effect(entity, prop, "set", value)], [f"{prop} of {clause.index.name(entity)} is now {value}"],
                   matched=True)
