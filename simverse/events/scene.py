"""Scene perception: a director's words ("a storm rolls in over the harbour") as checked changes.

A scene command or an injected event text becomes an :class:`~simverse.core.outcome.Outcome`
whose effects change the world's state: weather, time, light, places, connections, items,
people and any declared property (the table in ``worlds/README.md``, Directing). With an
events model the text goes to it (one batch, :mod:`simverse.events.inference`); offline,
:class:`ScenePerception` reads it, in named steps:

1. :func:`refusal` — forecasts, orders not to do something and questions are refused;
2. :func:`clauses` — the command split into clauses where each part says something alone
   (*a storm hits the harbour and the road ... is closed*), else kept whole (*between the
   square and the chapel*);
3. :func:`~simverse.events.scene_read.read_clause` — each clause read against the world's
   own names (:mod:`~simverse.events.scene_names`) into proposed effects;
4. :func:`~simverse.events.validation.check_effects` — the same validator as every other
   change (declared properties, types, ranges), with the director's authority;
5. the outcome: applied whole, or **refused** whole (success false, nothing changed, the
   reason said) when any part cannot be read or checked. A scene command that names
   nothing this world can change is refused; an injected event that changes nothing
   still happens, as narration.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import networkx as nx

from simverse.core.outcome import Outcome
from simverse.core.properties import Catalogue
from simverse.core.schema import WorldSpec
from simverse.core.state import WorldState
from simverse.core.world_check import check_world
from simverse.events.inference import EventQuery
from simverse.events.resolver import observers_of
from simverse.events.scene_clause import Reading, make_clause
from simverse.events.scene_names import SceneIndex, normalise
from simverse.events.scene_read import read_clause
from simverse.events.scene_words import FUTURE, NEGATIVE_ORDER, QUESTION
from simverse.events.validation import InferenceCounts, check_effects

MATCHED_CONFIDENCE = 0.8
UNREAD = "\x00unread:"
MAX_TEXT = 400
SPLITTERS = r",?\s+(?:and then|and|then|while|as|but|meanwhile|so)\s+|,\s+"
TIME_JUMP = r"skip|jump|fast[- ]?forward|advance|set the (?:time|clock)|make it|move (?:on|ahead)"


class ScenePerception:
    """Reads scene commands and event texts for one world (names indexed once)."""

    def __init__(self, spec: WorldSpec, places: nx.Graph, catalogue: Catalogue | None = None) -> None:
        self.places = places
        self.index = SceneIndex.from_spec(spec)
        self.catalogue = catalogue if catalogue is not None else check_world(spec)[1]

    def read(self, query: EventQuery, state: WorldState, counts: InferenceCounts) -> Outcome:
        """The outcome of one command (not applied)."""
        counts.outcomes += 1
        text = query.text.strip()[:MAX_TEXT]
        refused = refusal(text)
        reading = Reading(problem=refused) if refused else self._read_all(text, state, query.place)
        if not reading.problem and not reading.matched:
            if query.kind != "scene":
                return self._outcome(query, state, Reading(said=[text]), ["no state change read from the text"])
            reading.problem = "nothing in it names a change this world can make (see worlds/README.md, Directing)"
        if reading.problem:
            return _refused(query, reading.problem)
        check = check_effects(state, self.places, reading.effects, counts, authority="director",
                              catalogue=self.catalogue)
        if check.rejected:
            return _refused(query, "; ".join(n for n in check.notes if n.startswith("rejected")))
        reading.effects = check.effects
        return self._outcome(query, state, reading, check.notes)

    def _read_all(self, text: str, state: WorldState, given: str | None) -> Reading:
        out = Reading()
        read = lambda t: self._read(t, state, given)  # noqa: E731
        for part in clauses(text, read, lambda t: bool(self.index.find(normalise(t)))):
            if part.startswith(UNREAD):
                return Reading(problem=f"part of it names nothing this world has: {part[len(UNREAD):]!r}",
                               matched=True)
            out.add(read(part))
            if out.problem:
                break
        return out

    def _read(self, text: str, state: WorldState, given: str | None) -> Reading:
        return read_clause(make_clause(text, state, self.index, self.places, given, self.catalogue))

    def _outcome(self, query: EventQuery, state: WorldState, reading: Reading, notes: list[str]) -> Outcome:
        targets = {e.entity for e in reading.effects if state.kinds.get(e.entity) == "place"}
        here = query.place if query.place is not None else (next(iter(targets)) if len(targets) == 1 else None)
        if query.kind == "scene":
            rule = "adjacent" if here is not None else "everyone"
            narration = _sentence("; ".join(reading.said)) if reading.said else _sentence(query.text)
        else:
            rule = "same_place" if query.place is not None else "everyone"
            narration = query.text
            here = query.place
        if not reading.effects and reading.said and query.kind == "scene":
            notes = [*notes, "nothing to change: it already is so"]
        return Outcome(
            kind=query.kind, actor=None, action="event", args={"text": query.text[:MAX_TEXT]}, success=True,
            reason="", narration=narration, place=here, effects=reading.effects,
            observers=observers_of(state, self.places, None, here, rule), confidence=MATCHED_CONFIDENCE,
            source="scene", importance=6, notes=notes,
        )


def refusal(text: str) -> str:
    """Why a command is refused before reading it (or ``""``)."""
    lowered = normalise(text).strip()
    if not lowered:
        return "the command is empty"
    if re.search(QUESTION, lowered):
        return "that is a question, not a change; say what happens"
    if re.search(NEGATIVE_ORDER, lowered):
        return "an order not to do something changes nothing; say what happens instead"
    if re.search(FUTURE, lowered) or (re.search(r"\btomorrow\b", lowered) and not re.search(TIME_JUMP, lowered)):
        return "that is about the future; schedule it as an event (worlds/README.md, [[events]]) instead"
    return ""


def clauses(text: str, read: Callable[[str], Reading], names: Callable[[str], bool]) -> list[str]:
    """Sentences, each split further where both sides say something alone. A part that
    says nothing readable and names nothing of the world (*... and a dragon eats the
    mayor*) comes back marked :data:`UNREAD`, so the command is refused, not half read."""
    out: list[str] = []
    for sentence in (s.strip() for s in re.split(r"(?<=[.;!?])\s+|;", text) if s.strip()):
        out += _split(sentence.rstrip(".!;"), read, names)
    return out


def _split(sentence: str, read: Callable[[str], Reading], names: Callable[[str], bool]) -> list[str]:
    for match in re.finditer(SPLITTERS, sentence):
        left, right = sentence[:match.start()].strip(), sentence[match.end():].strip()
        if not left or not right:
            continue
        left_says, right_says = _says(read, left), _says(read, right)
        if left_says and right_says:
            return [left, *_split(right, read, names)]
        for part, says in ((left, left_says), (right, right_says)):
            if (left_says or right_says) and not says and not names(part) and len(part.split()) >= 3 \
                    and not _continues(part):
                return [UNREAD + part]
    return [sentence]


def _continues(part: str) -> bool:
    """A part that only continues the other one (``back on``, ``the lights too``)."""
    return bool(re.match(r"(?:the )?(?:rest|others?|too|again|also|as well|back|so on)\b", part.lower()))


def _says(read: Callable[[str], Reading], text: str) -> bool:
    reading = read(text)
    return reading.matched and not reading.problem


def _refused(query: EventQuery, reason: str) -> Outcome:
    return Outcome(
        kind=query.kind, actor=None, action="event", args={"text": query.text[:MAX_TEXT]}, success=False,
        reason=reason, narration=f"The director's words change nothing: {reason}.", place=query.place,
        observers=[], confidence=0.0, source="scene", importance=1,
    )


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
