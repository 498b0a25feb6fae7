"""Which of the world's actions a request means when its words do not name one ("sing for
us" -> perform, "mind getting that one?" to the agent whose headset beeps): the nearest by
the embedder, or the one thing the NPC can do here. Apart from :mod:`.orders` so that the
thresholds of meaning sit together.
"""

from __future__ import annotations

import re

from simverse.core.decisions import ActionSpec
from simverse.core.names import FUNCTION_WORDS, word_forms
from simverse.llm.dialogue.heard import Heard
from simverse.llm.dialogue.per_world import head_word, thing_heads

BUILTIN_ACTIONS = frozenset({"talk", "wait", "improvise", "move"})
ACTION_CLOSE = 0.3
"""Cosine from which a request that names no action by its words may mean one."""
ACTION_TIE = 0.05
"""Actions this close to the nearest are all meant; one the NPC can do now is taken."""


def meant(h: Heard, actions: list[ActionSpec]) -> list[ActionSpec]:
    """The actions a request names by meaning (the embedder): the nearest, if close
    enough, and any within :data:`ACTION_TIE` of it, those the NPC can do now first."""
    scored = sorted(((h.action_similarity.get(a.name, -1.0), a) for a in actions), key=lambda t: -t[0])
    if not scored or scored[0][0] < ACTION_CLOSE:
        return []
    near = [a for score, a in scored if score >= scored[0][0] - ACTION_TIE]
    return sorted(near, key=lambda a: not h.req.doable.get(a.name))


ONLY_AMONG, ONLY_CLOSE = 3, 0.15
"""Among how many of the actions closest to a request that names nothing the one thing the
NPC can do here must be, and how close at least, to be what it means ("grab the next one off
the board" is 0.19 from answering a ticket, second of the world's actions; "could you paint
the wall?" 0.06; "crack on with the maths" to a teacher away from her class is closer to
three other actions than to marking papers)."""


def only_doable(h: Heard) -> ActionSpec | None:
    """The one action the NPC can do here and now, when a request names none and that one
    is among the actions closest to the line ("mind getting that one?" to the agent whose
    headset beeps); ``None`` when it could do several, or none."""
    doable = [a for a in h.req.actions if a.name not in BUILTIN_ACTIONS and h.req.doable.get(a.name)]
    if len(doable) != 1 or not h.action_similarity:
        return None
    closest = sorted(h.action_similarity, key=lambda a: -h.action_similarity[a])[:ONLY_AMONG]
    only = doable[0]
    if thing_for_another(h, only):
        return None
    return only if only.name in closest and h.action_similarity[only.name] >= ONLY_CLOSE else None


def thing_for_another(h: Heard, only: ActionSpec) -> bool:
    """Whether the line names a thing, ``only`` is done with none, and another of the
    world's actions is ("trade in that kettle" to a customer who can only take a ticket here
    asks for handing it in, not for the ticket); not a thing ``only`` says it is done with
    ("get the board into your book": "copy the lesson into your exercise book")."""
    said = _things_said(h)
    return bool(said) and "item" not in only.args.values() and not _thing_words(h, said) & set(
        word_forms(only.description)) and any("item" in a.args.values() for a in h.req.actions if a is not only)


def said_by_another(h: Heard, action: ActionSpec) -> bool:
    """Whether another of the world's actions says in its description a thing the line names
    ("an ale on the quay": drinking an ale), so that deed is weighed against ``action``."""
    words = _thing_words(h, _things_said(h))
    return any(words & set(word_forms(a.description)) for a in h.req.actions if a is not action)


def _thing_words(h: Heard, said: set[str], content_only: bool = True) -> set[str]:
    """The words of the things said ("mug of ale" -> mug, ale), as a description would say them
    (with ``content_only`` off, "of" too)."""
    words = {w for t in said for w in (word_forms(h.req.names[t].name) if t in h.req.names else [t])} | said
    return words - FUNCTION_WORDS if content_only else words


def _things_said(h: Heard) -> set[str]:
    """The things the line names, or the words of things it says without picking one out
    ("that kettle" where there are three), outside what the speaker offers to do itself."""
    said = set(word_forms(_OWN_DEED.sub(" ", " ".join(h.reading.body or h.reading.words))))  # not "Doctor," first
    things = {t for t in h.topics if t in h.req.names and h.req.names[t].kind == "item"
              and any(head_word(p) in said for p in (h.req.names[t].name, *h.req.names[t].aliases))}
    return things or said & thing_heads(h.req.names)


_OWN_DEED = re.compile(r"\bi (?:will|would|can|could|shall|am going to) [^,.;!?]*?(?= if | and | but |[,.;!?]|$)")
"""What the speaker offers to do itself ("I'll fetch your coffee after, if you ..."): not asked of the NPC."""


def deed_with_thing(h: Heard, named: list[ActionSpec], chosen: ActionSpec) -> ActionSpec | None:
    """The one action of ``named`` whose description says a thing the line speaks of, where
    ``chosen`` says none of them ("let's sink an ale together on the quay": drinking an ale,
    not fishing from the quay, though the embedder finds both as close)."""
    words = _thing_words(h, _things_said(h), content_only=False)  # content words alone lost two notices to post
    about = [a for a in named if words & set(word_forms(a.description))]
    return about[0] if len(about) == 1 and about[0] is not chosen and chosen not in about else None
