"""What drives the NPC, asked sideways: "what's driving you, the money or the bragging
rights?", "what would put your mind at rest?", "you look nervous, what's riding on this
week for you?". No word of these says "goal", so the readers before this step leave them
at "I don't know".

Such a line is told from a question after a plain fact about the NPC ("what's your
name?", "what year was your chapel built?", which it may well not know) by the offline
embedder: its two closest general English examples of each kind (:data:`MOTIVE_EXAMPLES`,
:data:`FACT_EXAMPLES`, never a world's own sentences). Only a line clearly closer to
asking what drives the NPC is answered from its goals, the closest first. (What it is
doing is asked in other words, and answered before this step.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.reading import YOU_WORDS, Reading, read

MOTIVE_EXAMPLES = (
    "what do you want most?", "what are you hoping for?", "what are you worried about?", "why are you doing this?",
    "what keeps you going?", "what are you trying to do?", "what matters most to you?", "what is on your mind?",
    "what are you after?", "why do you care about it?",
)
"""Questions about what someone is after or what weighs on them."""
FACT_EXAMPLES = (
    "what is your name?", "what is it called?", "what time is it?", "how many years?", "what colour is it?",
    "what year was it?", "what number is it?", "what did you pay for it?", "what is your favourite thing?",
    "what did you get?",
)
"""Questions after a plain fact: a name, a time, a number, a thing."""
MOTIVE_MARGIN = 0.075
"""How much closer to :data:`MOTIVE_EXAMPLES` than to :data:`FACT_EXAMPLES` a line must be
(mean cosine of the two nearest of each, the line without the NPC's name). On the labelled
sets the rules were written from, "what"/"why" questions of "you" that an NPC could not
answer otherwise scored up to +0.29 when they asked what drives it, and those it cannot
know mostly below +0.06 (two of eleven above: "what're you asking for your carrots?" and
"which paper are you writing for?")."""
_ATTRIBUTE = re.compile(r"\bwhat (?:is|was|are|were) (?:your|you) ")
""""What is your X?": a fact about something of the NPC's (its name, its best time); what it
is after, asked so, says so ("what is your plan?") and is read before this step."""
_TOP = 2


@dataclass(frozen=True)
class Motive:
    """How a line asks about what drives the NPC."""

    margin: float
    """Closeness to asking what drives someone, less closeness to asking a plain fact."""
    goals: tuple[float, ...]
    """Cosine of the line to each of the NPC's goals."""


def motive_of(model: IntentModel, r: Reading, line: str, req: DecisionRequest) -> Motive | None:
    """How ``line`` (the question without the NPC's name) asks about what drives the NPC;
    ``None`` without an embedder, without goals, or for a line that does not ask of "you"."""
    if model.encoder is None or not req.goals or not YOU_WORDS & set(r.words) or r.wh not in ("what", "why"):
        return None
    if _ATTRIBUTE.search(r.text):
        return None  # "what's your personal best?" asks a plain fact of the NPC's
    examples = [read(t).text for t in (*MOTIVE_EXAMPLES, *FACT_EXAMPLES)]
    scores = (vectors := model.vectors([line, *examples, *req.goals]))[1:] @ vectors[0]
    motive, fact = scores[:len(MOTIVE_EXAMPLES)], scores[len(MOTIVE_EXAMPLES):len(examples)]
    return Motive(_nearest(motive) - _nearest(fact), tuple(float(v) for v in scores[len(examples):]))


def motive_asked(motive: Motive | None) -> bool:
    """Whether a line clearly asks what drives the NPC."""
    return motive is not None and motive.margin >= MOTIVE_MARGIN


def _nearest(scores: np.ndarray) -> float:
    return float(np.sort(scores)[::-1][:_TOP].mean())
