"""What keeps the NPC from something it wants, asked: "what's stopping you getting into your
account?", "why can't you just log in?". A person answers with what its story says of it:
the sentence of its persona that shares a word with what it cannot do ("a polite customer
locked out of her online account, who forgot her security answers"). Plain English shapes,
never a world's words."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, word_forms
from simverse.llm.dialogue.aims import as_own
from simverse.llm.dialogue.reading import Reading

_OBSTACLE = re.compile(r"\bwhat is (?:stopping|keeping|preventing|holding|blocking) you\b"
                       r"|\bwhy (?:can|could|cannot) not you\b|\bwhy (?:can|could) you not\b"
                       r"|\bwhat is (?:the |your )?(?:problem|trouble|hold-up|holdup|snag) with\b")
""""What's stopping you...", "why can't you...", "what's the trouble with...": the line read with
"what's" as "what is" and "can't you" as "can not you"."""
_OWN_TROUBLE = re.compile(r"\b(?:what|which) is (?:your|ur) (?:problem|trouble|issue|query|complaint)\b(?! with)")
""""Which is your problem, if I can ask?": the trouble the NPC itself came with, its story's first sentence."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def obstacle_told(req: DecisionRequest, r: Reading) -> str | None:
    """The persona's sentence that says what keeps the NPC from what the line names, in its
    own words ("I'm a polite customer locked out of my online account, who forgot my
    security answers."); ``None`` when the line asks no such thing or no sentence shares a
    word with it."""
    match = _OBSTACLE.search(r.text)
    own = _OWN_TROUBLE.search(r.text) if match is None else None
    if match is None and own is None:
        return None
    asked = set(word_forms(r.text[match.end():])) - FUNCTION_WORDS if match else set()
    for sentence in _SENTENCE.split(req.persona.strip()):
        if own or asked & set(word_forms(sentence)):
            said = as_own(sentence.strip().rstrip("."), req)
            opening = said.split(" ", 1)[0].lower()
            return f"I'm {said[:1].lower()}{said[1:]}." if opening in ("a", "an", "the") else f"{said}."
    return None
