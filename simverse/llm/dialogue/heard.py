"""What the NPC heard and what it says: a line understood (:class:`Heard`, with the
embedder's closeness of the line to what the NPC knows), the reply (:class:`Said`), and
the few ways of saying things every answer shares (names, beliefs with their source, an
honest "I don't know").
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from simverse.core.decisions import DecisionRequest, FactView
from simverse.llm.dialogue.knowing import clause
from simverse.llm.dialogue.motives import Motive
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.voice import Voice

UNSURE = 0.75
"""Below this confidence a belief is passed on as hearsay ("I've heard..., but...")."""


@dataclass
class Heard:
    """One line understood, and what the NPC has to answer it with."""

    req: DecisionRequest
    reading: Reading
    intent: str
    topics: list[str]
    voice: Voice
    rng: random.Random
    similarity: list[float] | None = None
    """Cosine of the line to each of ``req.facts`` (with an embedder)."""
    relation_similarity: dict[str, float] = field(default_factory=dict)
    """Cosine of the line to the question asking for each relationship (with an embedder)."""
    bridged: list[frozenset[str]] | None = None
    """Per belief, the line's words it says in other words (with an embedder)."""
    action_similarity: dict[str, float] = field(default_factory=dict)
    """Requests: cosine of the line to each action's name and description (with an embedder)."""
    role_similarity: dict[str, float] = field(default_factory=dict)
    """"Who is in charge of X?": cosine of X to each person's role (with an embedder)."""
    ware_similarity: dict[str, float] = field(default_factory=dict)
    """Prices: cosine of the line's words to each ware's name (with an embedder)."""
    goal_similarity: list[float] = field(default_factory=list)
    """Questions: cosine of the line to each of the NPC's goals (with an embedder)."""
    deed_similarity: dict[str, float] = field(default_factory=dict)
    """"Who examines patients?": cosine of what is done to each person's role (with an embedder)."""
    activity_similarity: float = 0.0
    """"What has you up so early?": cosine of the line to asking what the NPC is doing now."""
    place_similarity: dict[str, float] = field(default_factory=dict)
    """"Where...?" naming no place: each place's closeness to the line (:mod:`.described`)."""
    motive: Motive | None = None
    """Questions of "you": how the line asks what drives the NPC (:mod:`.motives`)."""


@dataclass
class Said:
    """What the NPC says, the facts it tells, and an action it agrees to do."""

    text: str
    told: list[str] = field(default_factory=list)
    action: str = "talk"
    args: dict[str, str] = field(default_factory=dict)
    end: bool = False
    unsure: bool = False
    """An honest "I don't know" and nothing else, which a closer reading may still answer (:mod:`.motives`)."""
    passed_over: bool = False
    """A question answered as a reaction or small talk: the rules found nothing in it to answer."""
    settled: bool = False
    """The whole answer: nothing the NPC knows is added after it (:mod:`.nearest_answer`)."""


def name_of(h: Heard, entity: str, article: bool = False) -> str:
    """How the NPC says an entity's name; ``article`` puts "the" before a lower-case
    item or concept ("the festival fund")."""
    view = h.req.names.get(entity)
    name = view.name if view else entity.replace("_", " ")
    plain = name[:1].islower() and (view is None or view.kind in ("item", "concept"))
    return f"the {name}" if article and plain and not name.startswith(("the ", "a ", "an ")) else name


def fact_sentence(h: Heard, fact: FactView) -> str:
    """A belief said with where it came from and how sure the NPC is; a secret of its own,
    told only to someone it trusts, is said as one ("between you and me..."), not as
    what everyone should know."""
    teller = fact.told_by
    if teller == h.req.partner:
        return f"As you told me, {clause(fact.text, teller)}."
    if fact.confidence < UNSURE:
        return h.voice.say("unsure", h.rng, clause=clause(fact.text, teller))
    if teller:
        return h.voice.say("heard_from", h.rng, teller=teller, clause=clause(fact.text, teller))
    return capital(h.voice.say("confide" if fact.secret else "own", h.rng, clause=clause(fact.text)))


def dont_know(h: Heard, topics: list[str] | None = None) -> str:
    """An honest "I don't know", naming what was asked about."""
    topics = h.topics if topics is None else topics
    about = f" about {name_of(h, topics[0], article=True)}" if topics else ""
    return h.voice.say("dont_know", h.rng, about=about)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
