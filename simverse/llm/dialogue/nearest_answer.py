"""What the NPC knows that comes nearest a question it could not answer, told after its
"I don't know" ("No idea about Staff Room. Ask someone else. To get to Staff Room, go by
Main Hallway.").

The rules of :mod:`.answers` read a line by its words; when they find nothing, this reader
ranks everything the NPC could tell (its shareable beliefs, its goals, what it is doing,
the people, places and wares of its world, its persona and what the places' descriptions
hold: :mod:`.details`) by a small learned model, one hidden layer of tanh units and a
softmax: from the line's MiniLM vector, its best cosine to each kind of thing and what the
rules read of its shape (the intent chosen, the question word, a question mark), it says
which kind of answer the line asks for, or none (:data:`WEIGHTS_FILE`, trained by
``experiments/dialogue/train_answer_kinds.py`` on the labelled sets); the thing of that
kind closest to the line is told. It never replaces the "I don't know": the rules, not
this guess, decide what the NPC is sure of. The weights fit MiniLM's vectors only, so
with any other embedder (or none) nothing is added.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from simverse.core.decisions import DecisionRequest, NameView
from simverse.core.names import word_form_set
from simverse.llm.dialogue.aims import goal_answer
from simverse.llm.dialogue.claims import last_line_checked
from simverse.llm.dialogue.described import known_by
from simverse.llm.dialogue.details import persona_pieces, persona_told, place_details
from simverse.llm.dialogue.heard import Heard, Said, capital, fact_sentence, name_of
from simverse.llm.dialogue.intents import INTENTS, IntentModel
from simverse.llm.dialogue.knowing import shareable
from simverse.llm.dialogue.people import relation_sentence
from simverse.llm.dialogue.per_world import from_names
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.voice import a_name, coins_text, only_dont_know
from simverse.llm.dialogue.way_asked import asks_way, asks_way_to_it
from simverse.llm.dialogue.ways import avoided, way_sentence

KINDS = ("fact", "person", "place", "goal", "ware", "activity", "self", "detail")
"""Kinds of thing an NPC can tell (``self``: its persona, ``detail``: what a place's
description holds); the model's last class is ``none`` (it cannot know)."""
CLASSES = (*KINDS, "none")
WEIGHTS_FILE = Path(__file__).with_name("answer_kinds.json")
ENCODER = "minilm"
"""The embedder whose vectors the weights were trained on."""
COSINE_SCALE = 4.0
"""The best cosines are scaled up to weigh like the vector's entries in training."""
QUESTION_WORDS = ("who", "what", "where", "when", "why", "how", "which", "how much")
"""The question words a reading may ask with (:attr:`.Reading.wh`); any other, or none,
is one more feature."""
SURE = 0.4
"""Least probability of the kind chosen: below it nothing is added."""
PLACE_FLOOR = 0.3
"""Least cosine of the line to a place whose way is told: a way question makes the model
sure a place is asked for, even one the world does not have ("which way to the swimming
baths?" is not answered with the way to the nearest room)."""
DETAIL_FLOOR = 0.3
"""Least cosine of the line to a piece of the description of the one place it names, told
when the reader is not sure of any kind ("what does the café window look out on?")."""
PEOPLE_LIMIT = 64
"""Worlds with more people than this offer only those the NPC knows or sees (a village
knows everyone; a town of thousands does not, and ranking them all costs a step)."""


@dataclass(frozen=True)
class Candidate:
    """One thing the NPC could tell: its ``kind``, the ``text`` a line is compared with,
    ``target`` (a belief's key, a goal, the activity, or a person, place or ware id) and,
    for a persona or a place's detail, what the NPC says of it."""

    kind: str
    text: str
    target: str
    said: str = ""


def candidates(req: DecisionRequest) -> list[Candidate]:
    """Everything the NPC could tell in answer to a question, as texts to rank (not who
    the speaker is: "Pieter is the mayor" tells Pieter nothing)."""
    out = [Candidate("fact", f.text, f.key) for f in req.facts if shareable(f, req)]
    out += [Candidate("goal", g, g) for g in req.goals if g.strip()]
    if req.schedule_activity:
        out.append(Candidate("activity", f"I am {req.schedule_activity}", req.schedule_activity))
    pieces = persona_pieces(req)
    out += [Candidate("self", p, req.npc, persona_told(pieces)) for p in pieces]
    everyone = from_names(req.names, "people in order", lambda: _people_in_order(req.names))
    others = len(everyone) - len({req.npc, req.partner} & everyone.keys())
    if others > PEOPLE_LIMIT:  # known or here, in the index's order: not a scan of thousands
        people = sorted({p for p in (*req.relation_kinds, *req.people_here) if p in everyone}, key=everyone.get)
    else:
        people = list(everyone)
    for who in people:
        if who in (req.npc, req.partner):
            continue
        view, kind = req.names[who], req.relation_kinds.get(who)
        out.append(Candidate("person", ", ".join(filter(None, (view.name, view.known_as, kind and f"my {kind}"))), who))
    for key, view in from_names(req.names, "places and wares", lambda: _places_and_wares(req.names)):
        if view.kind == "place" and key != req.place:
            out.append(Candidate("place", f"{view.name}: {view.description}", key))
        elif view.kind == "item":
            out.append(Candidate("ware", f"{view.name} at {req.names[view.place].name}", key))
        if view.kind == "place":
            out += [Candidate("detail", f"{view.name}: {piece}", key, sentence)
                    for piece, sentence in place_details(view.description)]
    return out


def _people_in_order(names: Mapping[str, NameView]) -> dict[str, int]:
    """Each person's place in the index's order."""
    return {k: i for i, (k, v) in enumerate(names.items()) if v.kind == "npc"}


def _places_and_wares(names: Mapping[str, NameView]) -> list[tuple[str, NameView]]:
    """The places, and the wares on sale at a known place, in the index's order."""
    return [(k, v) for k, v in names.items()
            if v.kind == "place" or (v.kind == "item" and v.price is not None and v.place in names)]


def features(model: IntentModel, line: str, found: list[Candidate], reading: Reading, intent: str
             ) -> tuple[np.ndarray, np.ndarray]:
    """The model's input for ``line`` (its vector, its best cosine per kind scaled, the
    rules' ``intent``, the ``reading``'s question word and mark, a bias) and the line's
    cosine to each candidate. The rules' reading of the shape says which kind is asked
    ("who..." a person, a price a ware) where the vector alone often does not."""
    vectors = model.vectors([line, *(c.text for c in found)])
    close = vectors[1:] @ vectors[0]
    best = best_per_kind(found, close)
    shape = np.zeros(len(INTENTS) + len(QUESTION_WORDS) + 2)
    shape[INTENTS.index(intent)] = 1.0
    asked = QUESTION_WORDS.index(reading.wh) if reading.wh in QUESTION_WORDS else len(QUESTION_WORDS)
    shape[len(INTENTS) + asked] = 1.0
    shape[-1] = float(reading.question)
    return np.concatenate([vectors[0], np.asarray(best) * COSINE_SCALE, shape, [1.0]]).astype(np.float32), close


def best_per_kind(found: list[Candidate], close: np.ndarray) -> list[float]:
    """The line's best cosine to a candidate of each kind (0 where it has none), in
    :data:`KINDS` order."""
    return [max((float(s) for c, s in zip(found, close, strict=True) if c.kind == k), default=0.0) for k in KINDS]


Layers = tuple[tuple[np.ndarray, np.ndarray], ...]
"""A network's layers, each (weights (inputs, outputs), bias (outputs,))."""


@cache
def weights() -> Layers:
    """The trained network's layers (:data:`WEIGHTS_FILE`), read once."""
    return weights_in(WEIGHTS_FILE)


def weights_in(path: Path) -> Layers:
    """A weights file's layers: a hidden layer of tanh units, then a softmax over
    :data:`CLASSES`; a file that is not one is refused, naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = tuple(data["classes"])
        layers = tuple((np.asarray(layer["weights"], dtype=np.float32), np.asarray(layer["bias"], dtype=np.float32))
                       for layer in data["layers"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ValueError(f"{path}: not a weights file of this reader ({e})") from e
    if classes != CLASSES:
        raise ValueError(f"{path}: classes {list(classes)} are not {list(CLASSES)}")
    width = None  # what the layer before puts out
    for w, b in layers:
        if w.ndim != 2 or b.shape != (w.shape[1],) or width not in (None, w.shape[0]):
            raise ValueError(f"{path}: layers of shapes {[(w.shape, b.shape) for w, b in layers]} do not chain")
        width = w.shape[1]
    if width != len(CLASSES):
        raise ValueError(f"{path}: the last layer gives {width} outputs, not one per class {list(CLASSES)}")
    return layers


def probabilities(layers: Layers, x: np.ndarray) -> np.ndarray:
    """The network's class probabilities for the rows of ``x`` (or one row)."""
    z = x
    for i, (w, b) in enumerate(layers):
        z = z @ w + b
        z = np.tanh(z) if i < len(layers) - 1 else z
    p = np.exp(z - z.max(axis=-1, keepdims=True))
    return p / p.sum(axis=-1, keepdims=True)


def kind_asked(x: np.ndarray) -> tuple[str, float]:
    """The class the model gives the features ``x``, with its probability."""
    layers = weights()
    if layers[0][0].shape[0] != len(x):
        raise ValueError(f"{WEIGHTS_FILE}: weights for {layers[0][0].shape[0]} features, the reader gives {len(x)} "
                         "(retrain with experiments/dialogue/train_answer_kinds.py)")
    p = probabilities(layers, x)
    return CLASSES[int(p.argmax())], float(p.max())


def with_nearest(model: IntentModel, h: Heard, said: Said) -> Said:
    """A plain "I don't know", or a question answered as a reaction or small talk, followed by
    what the NPC knows that comes nearest the question, when the learned reader
    (:mod:`.nearest_answer`) finds it near enough."""
    passed_over = said.passed_over and not said.end  # no aside after a goodbye
    if said.action != "talk" or said.settled or not (
            passed_over or (not said.told and only_dont_know(h.voice, said.text))):
        return said
    aside, told = nearest(model, h)
    if not aside or set(told) & set(said.told):
        return said
    return Said(f"{said.text} {aside}", [*said.told, *told], end=said.end)


def nearest(model: IntentModel, h: Heard) -> tuple[str, list[str]]:
    """What to tell after "I don't know": the sentence and the beliefs it tells, or ("", [])."""
    if model.encoder is None or getattr(model.encoder, "name", "") != ENCODER or not h.req.conversation:
        return "", []
    found = candidates(h.req)
    x, close = features(model, last_line_checked(h.req), found, h.reading, h.intent)
    kind, sure = kind_asked(x)
    best = nearest_of(kind, found, close)
    if best is None or sure < SURE or _named_otherwise(h, best) or (kind == "place" and (
            close[found.index(best)] < PLACE_FLOOR or not _asks_a_way(h, best))):
        best = _named_place_detail(h, found, close)
        return ("", []) if best is None else told(h, best)
    return told(h, best)


def _named_place_detail(h: Heard, found: list[Candidate], close: np.ndarray) -> Candidate | None:
    """What the one place a line names holds, nearest the line ("what's pinned on the Break
    Room fridge?": "a rota on the fridge"), where the line asks what or which ("can you tell
    me what ...": the reading's question word is then none) and no way, and names no person
    or thing: everyone who knows the map knows a place's description, and told after "I
    don't know" it says nothing the NPC does not hold."""
    named = [t for t in h.topics if t in h.req.names]
    asks_what = h.reading.wh in ("what", "which") or (h.reading.wh is None and h.reading.has("what", "which"))
    if len(named) != 1 or h.req.names[named[0]].kind != "place" or not asks_what or asks_way(h.reading):
        return None
    pieces = [i for i, c in enumerate(found) if c.kind == "detail" and c.target == named[0]]
    best = max(pieces, key=lambda i: close[i], default=None)
    return None if best is None or close[best] < DETAIL_FLOOR else found[best]


def nearest_of(kind: str, found: list[Candidate], close: np.ndarray) -> Candidate | None:
    """The candidate of ``kind`` closest to the line (the first on a tie), or None (``none``
    has no candidates); training labels a line by the same choice."""
    same = [i for i, c in enumerate(found) if c.kind == kind]
    return found[max(same, key=lambda i: close[i])] if same else None


def _named_otherwise(h: Heard, c: Candidate) -> bool:
    """Whether the line names something of the candidate's kind that the rules already
    weighed: any person (they are the one asked about, and what the NPC may say of them is
    the rules' to decide: "what did Sunita's tests show?"), another place than the candidate,
    or, for a ware, another ware or a place (the rules know what is sold there: "a slice of
    cheesecake in the caff" is not asking what a croissant costs)."""
    kinds = {"person": ("npc",), "self": ("npc",), "place": ("place",), "detail": ("place",),
             "ware": ("item", "place")}.get(c.kind, ())
    named = [t for t in h.topics if t in h.req.names and h.req.names[t].kind in kinds]
    if c.kind == "self":  # the NPC's persona, unless the line is about someone else
        return any(t != h.req.npc for t in named)
    return bool(named) and (c.kind == "person" or c.target not in named)


def _asks_a_way(h: Heard, place: Candidate) -> bool:
    """Whether the way to ``place`` is an answer to the line: it asks a way or where (not
    "is everything all right down at the chapel?"), and names no thing that does not say
    which place it is at ("how do I get to the watchtower key?" asks where the key is, which
    the rules did not know, so the way to a place like it would mislead; "the sheep fields"
    says which), unless the place is described as holding it ("a shelf of maths puzzle
    books": everyone who knows the map knows where those are)."""
    things = [t for t in h.topics if t in h.req.names and h.req.names[t].kind in ("item", "concept")]
    held = word_form_set(place.text)
    return (asks_way(h.reading) or asks_way_to_it(h.reading)) and not (
        things and not known_by(h.req, h.reading, things)
        and not all(word_form_set(h.req.names[t].name) <= held for t in things))


def told(h: Heard, c: Candidate) -> tuple[str, list[str]]:
    """How the NPC says one candidate, and the belief it tells (if it is one)."""
    req = h.req
    if c.kind == "fact":
        return fact_sentence(h, next(f for f in req.facts if f.key == c.target)), [c.target]
    if c.kind == "goal":
        return goal_answer(req, [1.0 if g == c.target else 0.0 for g in req.goals]), []
    if c.kind == "activity":
        return f"Right now I'm {c.target}.", []
    if c.kind == "self":
        return c.said, []
    if c.kind == "detail":
        where = "Here" if c.target == req.place else capital(name_of(h, c.target))
        return f"{where}? {capital(c.said)}", []
    view = req.names[c.target]
    if c.kind == "person":
        kind = req.relation_kinds.get(c.target)
        known = view.known_as or view.name
        named = re.search(rf"\b{re.escape(view.name)}\b", known)  # "Father Aldo, the priest..." names him
        said = f"{capital(known)}." if named else f"{view.name} is {known[:1].lower()}{known[1:]}."
        return (f"{said} {relation_sentence(view.name, kind)}." if kind else said), []
    if c.kind == "place":
        return way_sentence(req, c.target, None, lambda e: name_of(h, e), avoided(req, h.reading.raw)), []
    return f"{capital(a_name(view.name))} costs {coins_text(view.price)} at {name_of(h, view.place or '')}.", []
