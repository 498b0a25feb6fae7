"""Scene perception: a director's words ("a storm rolls in over the harbour") as changes.

A scene command or an injected event text becomes an :class:`~simverse.core.outcome.Outcome`
whose effects change the environment and layout: weather, per-place properties, closed
connections (``WorldState.closed_routes``, keys from ``route_key(a, b)``) and a time-of-day
override (``world.time_of_day``). With an events model the text goes to it (one batch, see
:mod:`simverse.events.inference`); offline, :func:`match_scene` below reads it.

The offline matcher is a documented keyword table plus fuzzy place names, nothing more:

===============  ==========================================  ===================================
rule             cue words (case-insensitive, whole words)   change
===============  ==========================================  ===================================
weather          storm/thunder/gale/tempest -> storm;        named place(s): ``place.weather``;
                 rain/drizzle/shower/downpour -> rain;       otherwise ``world.weather``
                 snow -> snow; fog/mist -> fog;
                 sun/sunny/clears/clear skies -> clear
time of day      dawn, morning, noon/midday, afternoon,      ``world.time_of_day``
                 evening/dusk, night/midnight
close a route    close/block/shut/cut off/collapse/flood     two named places: their connection;
                 + a way noun (bridge, road, path, way,      one named place and ``--place``: that
                 route, lane, gate, pass, street, corridor)  connection; one named place: all of
                                                             its connections
reopen a route   open/reopen/clear + a way noun              the same connections, reopened
open/close place close/shut/lock (or open/reopen) + a place  ``place.open`` false (true)
fire             fire/burn/ablaze (extinguish/put out)       ``place.on_fire`` true (false)
flood            flood/flooded                               ``place.flooded`` true
===============  ==========================================  ===================================

Places are found by id, by name (without a leading "the") and by distinctive name words
(at least 4 letters, used by one place only), each matched exactly or as a near miss
(``difflib`` ratio >= 0.85, so "harbor" finds "The Harbour"). Text that matches nothing is
a narration-only outcome with low confidence: observers still hear of it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import networkx as nx

from simverse.core.outcome import Outcome
from simverse.core.state import Effect, WorldState
from simverse.events.inference import EventQuery
from simverse.events.resolver import observers_of, route_key
from simverse.events.validation import InferenceCounts, check_effects

MATCHED_CONFIDENCE = 0.6
UNMATCHED_CONFIDENCE = 0.2
NAME_CUTOFF = 0.85
WEATHER = (
    (r"storm\w*|thunder\w*|gales?|tempest", "storm"),
    (r"rain\w*|drizzl\w*|showers?|downpour", "rain"),
    (r"snow\w*", "snow"),
    (r"fog\w*|mist\w*", "fog"),
    (r"sun|sunny|sunshine|clears|clear skies", "clear"),
)
TIMES = (
    (r"dawn|sunrise", "dawn"), (r"morning", "morning"), (r"noon|midday", "noon"),
    (r"afternoon", "afternoon"), (r"evening|dusk|sunset", "evening"), (r"night|midnight", "night"),
)
CLOSE = r"clos\w*|block\w*|shut\w*|cut off|collaps\w*|lock\w*|barricad\w*"
OPEN = r"open\w*|reopen\w*|unblock\w*|clear(?:s|ed)? the"
WAY = r"bridges?|roads?|paths?|ways?|routes?|lanes?|gates?|pass|streets?|connections?|tracks?|corridors?|passages?"
FIRE_OUT = r"extinguish\w*|put out|puts out"
FIRE = r"fire|burn\w*|ablaze|blaze"
FLOOD = r"flood\w*"
STOP_WORDS = {"the", "and", "of", "street", "road", "house", "room", "hall", "town", "place", "with", "from"}


@dataclass(frozen=True)
class PlaceMention:
    place: str
    position: int


def match_scene(query: EventQuery, state: WorldState, places: nx.Graph, counts: InferenceCounts) -> Outcome:
    """Read a scene command or event text offline: keyword rules and fuzzy place names."""
    counts.outcomes += 1
    text = query.text.lower()
    named = [m.place for m in find_places(text, state, places)]
    proposed: list[Effect] = []
    said: list[str] = []
    _weather(text, named, state, proposed, said)
    _time_of_day(text, proposed, said)
    if not _routes(text, named, query.place, places, state, proposed, said):
        _place_flags(text, named, state, proposed, said)
    check = check_effects(state, places, proposed, counts)
    here = query.place if query.place is not None else (named[0] if len(named) == 1 else None)
    if query.kind == "scene":
        rule = "adjacent" if here is not None else "everyone"
        narration = _sentence("; ".join(said)) if said else _sentence(query.text)
    else:
        rule = "same_place" if query.place is not None else "everyone"
        narration = query.text
    observers = observers_of(state, places, None, query.place if query.kind != "scene" else here, rule)
    return Outcome(
        kind=query.kind, actor=None, action="event", args={"text": query.text}, success=True, reason="",
        narration=narration, place=query.place if query.kind != "scene" else here, effects=check.effects,
        observers=observers, confidence=MATCHED_CONFIDENCE if check.effects else UNMATCHED_CONFIDENCE,
        source="scene", importance=6, notes=check.notes + ([] if said else ["no scene rule matched"]),
    )


def find_places(text: str, state: WorldState, places: nx.Graph) -> list[PlaceMention]:
    """Places the text names, in the order it names them (each once)."""
    phrases = _place_phrases(state, places)
    words = re.findall(r"[a-z0-9']+", text.lower())
    found: dict[str, int] = {}
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            gram = " ".join(words[start:start + size]).replace("'", "")
            for phrase, place in phrases:
                if phrase.count(" ") + 1 != size or place in found:
                    continue
                if gram == phrase or (len(gram) >= 4 and difflib.SequenceMatcher(None, gram, phrase).ratio()
                                      >= NAME_CUTOFF):
                    found[place] = start
    return [PlaceMention(p, pos) for p, pos in sorted(found.items(), key=lambda kv: (kv[1], kv[0]))]


def _place_phrases(state: WorldState, places: nx.Graph) -> list[tuple[str, str]]:
    phrases: list[tuple[str, str]] = []
    words_of: dict[str, set[str]] = {}
    for place in places.nodes:
        name = str(state.entities.get(place, {}).get("name", place)).lower().replace("'", "")
        name = re.sub(r"[^a-z0-9 ]", " ", name).split()
        if name and name[0] == "the":
            name = name[1:]
        phrases.append((place.replace("_", " ").lower(), place))
        if name:
            phrases.append((" ".join(name), place))
        for word in name:
            if len(word) >= 4 and word not in STOP_WORDS:
                words_of.setdefault(word, set()).add(place)
    phrases += [(word, next(iter(owners))) for word, owners in sorted(words_of.items()) if len(owners) == 1]
    return list(dict.fromkeys(phrases))


def _has(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(rf"\b(?:{pattern})\b", text)


def _weather(text: str, named: list[str], state: WorldState, out: list[Effect], said: list[str]) -> None:
    for pattern, weather in WEATHER:
        if _has(pattern, text):
            if named:
                out.extend(Effect(p, "weather", "set", weather) for p in named)
                said.append(f"the weather turns to {weather} over " + " and ".join(_name(state, p) for p in named))
            else:
                out.append(Effect("world", "weather", "set", weather))
                said.append(f"the weather turns to {weather}")
            return


def _time_of_day(text: str, out: list[Effect], said: list[str]) -> None:
    for pattern, time in TIMES:
        if _has(pattern, text):
            out.append(Effect("world", "time_of_day", "set", time))
            said.append(f"it is {time} now")
            return


def _routes(
    text: str, named: list[str], given: str | None, places: nx.Graph, state: WorldState,
    out: list[Effect], said: list[str],
) -> bool:
    """Close or reopen connections; True when the text was about a way between places."""
    if not _has(WAY, text) or not named:
        return False
    closing = bool(_has(CLOSE, text) or _has(FLOOD, text))
    reopen = bool(_has(OPEN, text)) and not closing
    if not reopen and not closing:
        return False
    if len(named) >= 2:
        pairs = [(named[0], named[1])]
    elif given is not None and given != named[0]:
        pairs = [(given, named[0])]
    else:
        pairs = [(named[0], other) for other in sorted(places.neighbors(named[0]))]
    keys = [route_key(a, b) for a, b in pairs if places.has_edge(a, b)]
    if not keys:
        keys = [route_key(*pairs[0])]  # not connected: let validation reject it, and count it
    for key in keys:
        if reopen and key not in state.closed_routes:
            continue
        out.append(Effect("world", "closed_routes", "remove" if reopen else "add", key))
    ways = " and ".join(" – ".join(_name(state, p) for p in k.split("|")) for k in keys)
    said.append(f"the way {ways} is {'open again' if reopen else 'closed'}")
    return True


def _place_flags(text: str, named: list[str], state: WorldState, out: list[Effect], said: list[str]) -> None:
    """The first of :data:`PLACE_FLAGS` whose words the text uses, set on every named place."""
    if not named:
        return
    names = " and ".join(_name(state, p) for p in named)
    for words, prop, value, sentence in PLACE_FLAGS:
        if _has(words, text):
            out.extend(Effect(p, prop, "set", value) for p in named)
            said.append(sentence.format(names=names))
            return


PLACE_FLAGS = (  # checked in order: "the fire is out" before "fire"
    (FIRE_OUT, "on_fire", False, "the fire at {names} is out"),
    (FIRE, "on_fire", True, "{names} is on fire"),
    (FLOOD, "flooded", True, "{names} is flooded"),
    (CLOSE, "open", False, "{names} is closed"),
    (OPEN, "open", True, "{names} is open"),
)


def _name(state: WorldState, place: str) -> str:
    return str(state.entities.get(place, {}).get("name", place))


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
