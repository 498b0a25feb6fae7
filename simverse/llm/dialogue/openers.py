"""How an NPC opens a conversation: pass on news, ask for news, or make small talk.

Asking matters as much as telling: an NPC with nothing to tell asks about what its goals
are about and it holds no belief on ("find out why the mayor looks so nervous" -> asks
about Pieter), or for news in general, and the partner's answer (from its beliefs, secrets
only if it trusts the asker) passes knowledge on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from simverse.core.decisions import DecisionRequest
from simverse.core.names import NameIndex
from simverse.llm.dialogue.knowing import clause
from simverse.llm.dialogue.news import news_for

TELL = (
    "Have you heard? {text}.",
    "Between you and me, {text}.",
    "Word around {place} is that {text}.",
    "Did you know that {text}?",
)
ASK_ABOUT = ("Have you heard anything about {topic}?", "What do you know about {topic}, {partner}?",
             "Tell me, what's the word on {topic}?")
ASK_NEWS = ("Any news, {partner}?", "Heard anything interesting lately?", "What's the latest, {partner}?")
SMALL_TALK = (
    "Good {tod}, {partner}! How's your day going?",
    "Busy day, {partner}?",
    "Fine {weather} weather today, isn't it, {partner}?",
)


@dataclass
class Opening:
    """A first line and the beliefs it tells."""

    text: str
    told: list[str] = field(default_factory=list)


def tell_opening(req: DecisionRequest, partner: str, rng: random.Random) -> Opening | None:
    """News for ``partner``, if the NPC has some it may tell them."""
    fact = news_for(req, rng, partner)
    if fact is None:
        return None
    place = req.names[req.place].name if req.place in req.names else req.place
    return Opening(rng.choice(TELL).format(text=clause(fact.text, fact.told_by), place=place), [fact.key])


def ask_or_chat(req: DecisionRequest, partner: str, rng: random.Random) -> Opening:
    """A question about a goal's topic it knows nothing of, a request for news, or small talk."""
    if rng.random() < 0.5:
        topics = unknown_goal_topics(req, partner)
        if topics:
            name = req.names[topics[0]].name
            return Opening(rng.choice(ASK_ABOUT).format(topic=name, partner=partner))
        return Opening(rng.choice(ASK_NEWS).format(partner=partner))
    text = rng.choice(SMALL_TALK).format(tod=_tod(req.hour), partner=partner, weather=req.weather)
    return Opening(text)


def unknown_goal_topics(req: DecisionRequest, partner: str) -> list[str]:
    """People and matters (concepts) its goals name that no belief of its mentions,
    other than itself and the partner."""
    if not isinstance(req.names, NameIndex):
        return []
    believed = {e for f in req.facts for e in (f.subject, f.object)}
    named = req.names.find(" ".join(req.goals))
    return [n for n in named if n not in believed and n not in (req.npc, partner)
            and req.names[n].kind in ("npc", "concept")]


def _tod(hour: float) -> str:
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
