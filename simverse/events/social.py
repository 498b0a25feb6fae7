"""ATOMIC-style social inferences: what an outcome means to the actor and to the others.

Where they come from:

* model outcomes: the event-inference model answers them (``social`` in its JSON);
* rule outcomes: the small template table :data:`RULE_TEMPLATES` below, keyed by action
  name (the common verbs of the shipped worlds); other rule actions get ``None``. Rule
  templates are descriptive only: a rule action changes the world exactly as its declared
  effects say (its ``actor_reaction`` is never turned into a ``mood`` effect), so
  rules stay reproducible and the evaluation set's expectations stay the world file's.

How they flow: a model outcome's ``actor_reaction`` becomes a ``mood`` effect on the actor
(:func:`mood_effect`), applied with the other effects; :func:`social_memories` turns
``others_reaction`` into a memory of each observer, linked to the event.
"""

from __future__ import annotations

import re
from typing import Protocol

from simverse.core.outcome import Outcome, SocialInference
from simverse.core.state import Effect

MAX_MOOD_CHARS = 30


class Rememberer(Protocol):
    """Whatever keeps the NPCs' memories (the world's minds): queues one memory."""

    def remember(
        self, npc: str, kind: str, text: str, step: int, sim_hours: float,
        importance: int | None = None, source_event_id: int | None = None,
    ) -> None: ...

RULE_TEMPLATES: dict[str, SocialInference] = {
    "buy": SocialInference("has one more thing and fewer coins", "the seller earns a coin", "satisfied",
                           "", "to use what they bought", ""),
    "eat": SocialInference("is no longer hungry", "", "content", "", "to get on with the day", ""),
    "give": SocialInference("has given something away", "receives a gift", "generous", "grateful",
                            "to be thanked", "to thank the giver"),
    "drink": SocialInference("feels the ale", "", "merry", "", "another round", ""),
    "pray": SocialInference("is calmer", "", "calm", "", "quiet", ""),
    "sell": SocialInference("earns coins", "", "pleased", "", "to sell more", ""),
    "fish": SocialInference("has a catch", "", "proud", "", "to sell the catch", ""),
    "play": SocialInference("has fun", "", "happy", "", "to keep playing", ""),
}


def rule_social(action: str) -> SocialInference | None:
    """The template inference for a rule action, or None."""
    return RULE_TEMPLATES.get(action)


def mood_effect(actor: str | None, social: SocialInference | None, kinds: dict[str, str]) -> Effect | None:
    """``actor.mood = actor_reaction`` (a short word or phrase) for an NPC actor."""
    if actor is None or kinds.get(actor) != "npc" or social is None:
        return None
    mood = re.sub(r"[^a-z \-]", "", social.actor_reaction.strip().lower())[:MAX_MOOD_CHARS].strip()
    return Effect(actor, "mood", "set", mood) if mood else None


def social_memories(minds: Rememberer | None, outcome: Outcome, step: int, hours: float) -> int:
    """Observers (not the actor) remember how the outcome struck them; returns how many.

    Needs the outcome's event id (call after the world numbered it). Nothing happens for
    failed outcomes, outcomes without ``others_reaction``, or worlds without memory
    (``minds is None``); ``hours`` is the step's simulated time.
    """
    social = outcome.social
    if minds is None or not outcome.success or social is None or not social.others_reaction:
        return 0
    who = outcome.actor or "what happened"
    count = 0
    for npc in outcome.observers:
        if npc != outcome.actor:
            text = f"{who} left me feeling {social.others_reaction}: {outcome.narration}"
            minds.remember(npc, "observation", text, step, hours, None, outcome.id)
            count += 1
    return count
