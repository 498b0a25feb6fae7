"""News asked for: the belief closest to what a call for news asks, else one of the latest
the NPC may tell this speaker; and what weighs on it, told only to someone it trusts."""

from __future__ import annotations

import random

from simverse.core.decisions import DecisionRequest, FactView
from simverse.llm.dialogue.aims import goal_answer
from simverse.llm.dialogue.heard import Heard, Said, fact_sentence
from simverse.llm.dialogue.knowing import clause, shareable
from simverse.llm.dialogue.reading import WH


def answer_news(h: Heard) -> Said:
    """The news closest to what the line asks for, else the latest thing it may tell this
    speaker, else something it saw, else no news."""
    fact = _closest_news(h) or news_for(h.req, h.rng)
    if fact is not None:
        return Said(fact_sentence(h, fact), [fact.key])
    seen = [m for m in h.req.memories if m.kind == "observation" and not m.text.startswith(h.req.npc)]
    if seen:
        return Said(f"Only what I saw: {clause(seen[0].text)}.")
    return Said(h.voice.say("nothing_new", h.rng))


def answer_confidence(h: Heard) -> Said:
    """Invited to say what weighs on it: a trusted listener hears its gravest belief (a
    secret first, never its own), anyone else that it will not say; with no secret, asked
    what weighs on it or whether something does, its goals; else its news."""
    secrets = [f for f in h.req.facts if f.secret and h.req.npc not in (f.subject, f.object)]
    shared = [f for f in secrets if shareable(f, h.req)]
    if shared:
        return Said(fact_sentence(h, shared[-1]), [shared[-1].key])
    if secrets or any(f.secret for f in h.req.facts):
        return Said(h.voice.say("withhold", h.rng))
    asked = h.reading.question or set(h.reading.words) & set(WH)
    if asked and (aim := goal_answer(h.req, h.goal_similarity or None)):
        return Said(aim)  # "what's weighing on you?", "something wrong?": with no secret, what it is after weighs
    return answer_news(h)


NEWS_CLOSE = 0.2
"""Cosine from which a call for news that says what it is after ("is anything happening
later I should get ready for?" 0.24 from "I am giving a pop quiz after lunch", -0.05 from
a fact about fractions) is answered by the closest news rather than the latest."""
NEWS_MARGIN = 0.1
"""How much closer than the next news the chosen one must be: "any news?" is about as
close to every belief, and gets the latest."""


def _closest_news(h: Heard) -> FactView | None:
    """The news it may tell closest in meaning to the line (with the embedder), when close
    enough to be what was asked for."""
    if not h.similarity or len(h.similarity) != len(h.req.facts):
        return None
    allowed = {id(f) for f in news_candidates(h.req)}
    scored = [(s, i) for i, (f, s) in enumerate(zip(h.req.facts, h.similarity, strict=True)) if id(f) in allowed]
    scored.sort(reverse=True)
    if not scored or scored[0][0] < NEWS_CLOSE or (len(scored) > 1 and scored[0][0] - scored[1][0] < NEWS_MARGIN):
        return None
    return h.req.facts[scored[0][1]]


def news_candidates(req: DecisionRequest, partner: str | None = None) -> list[FactView]:
    """Beliefs it may pass on to ``partner`` (by default the request's): shareable, not
    from or about the listener, not yet said in this conversation."""
    said = " ".join(t.text for t in req.conversation)
    partner = partner or req.partner or ""
    return [
        f for f in req.facts
        if f.told_by != partner and f.subject != partner and clause(f.text) not in said
        and clause(f.text, f.told_by) not in said and shareable(f, req, partner)
    ]


def news_for(req: DecisionRequest, rng: random.Random, partner: str | None = None) -> FactView | None:
    """A belief to pass on to ``partner`` (by default the request's): one of the three
    latest it may tell (:func:`news_candidates`)."""
    candidates = news_candidates(req, partner)
    if not candidates:
        return None
    return rng.choice(candidates[-3:])
