"""What a stranger first asks an NPC about itself: who it is ("tell me about yourself",
"what's your story?") and what its day holds ("what's the plan for today?", "what's on
the agenda?"), answered from its persona, its activity now and its goals.

The cues are plain English phrases of introducing oneself and of a day's plan, never a
world's own words. Both hold only for a line that names nothing but the NPC and where it
is: "what's the plan for the festival?" asks about the festival.
"""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.roles import other_time
from simverse.llm.dialogue.unmarked import last_sentence

_INTRODUCTION = re.compile(
    r"\b(?:tell|say|share) (?:me |us )?(?:(?:a (?:bit|little|few things)|something|some things|more|a little bit)"
    r" )?about (?:you|yourself)\b(?! and\b)"
    r"|\bintroduce yourself\b|\bwhat is your (?:story|life story|background|deal)\b"
    r"|\bwho are you (?:then|really|anyway)\b")
""""Tell me a bit about yourself", "introduce yourself", "what's your story?": who the NPC
is, asked by someone who does not know it ("what about you?" asks something back)."""
_DAY_PLAN = re.compile(
    r"\bwhat is (?:the|today's|todays) (?:plan|plans|agenda|programme|program|schedule)\b"
    r"(?! (?:for|with|about|of) (?!today\b|the day\b|this (?:morning|afternoon|evening)\b|tonight\b))"
    r"|\bwhat is on (?:today|for today|the agenda|the cards|your list|your plate)\b"
    r"|\bwhat does (?:the|your) day (?:look|hold)\b|\b(?:anything|much) (?:planned|on) (?:for )?today\b"
    r"|\bhow does (?:the|your) day look\b"
    r"|\bwhat (?:is|does) (?:the|your) (?:day|morning|afternoon|evening|shift) (?:ahead )?(?:look|looking) like\b"
    r"|\bhow is (?:the|your) (?:day|morning|afternoon|evening|shift) (?:looking|shaping up)\b"
    r"|\bwhat (?:are|will) we (?:be )?[a-z]+ing (?:today|this morning|this afternoon|this evening)\b")
""""What's the plan for today?", "what's on the agenda?", "what are we doing today?": the
NPC's day, in words that need no "you" ("what's your plan?" asks its goals, :mod:`.aims`)."""
_DOING_GUESSED = re.compile(r"^(?:are|were) you (?:just |still |already |now |currently )?(?P<verb>[a-z]{3,}ing)\b")
""""Are you queuing for something?", "are you still working?": a guess at what the NPC is
doing now, answered with what it is doing."""
_NOT_DOING = frozenset({"going", "coming", "heading", "leaving", "staying", "selling", "offering", "charging",
                        "feeling", "kidding", "joking", "being", "saying", "telling", "asking", "enjoying", "liking",
                        "loving", "hating", "thinking"})
"""Verbs whose "are you ...ing" asks a plan, wares, a state or a remark, not what is being done."""


_BUSY = re.compile(r"^(?:[a-z]+ ){0,3}?you(?: are| look| seem| have been| look to be| seem to be)? "
                   r"(?:so |very |ever so |awfully |rather |pretty |really |terribly |mighty |a bit |a little )?"
                   r"(?:busy|occupied|engrossed|absorbed|preoccupied|hard at (?:work|it)|rushed off your feet"
                   r"|run off your feet|snowed under)\b")
""""You look ever so busy", "you seem hard at it": a remark on the NPC being busy, which a person
answers by saying what keeps them so."""


def busy_remarked(r: Reading) -> bool:
    """Whether a line that asks nothing remarks that the NPC looks busy (its last sentence)."""
    last = read(last_sentence(r.raw))
    return not r.question and _BUSY.search(" ".join(last.body or last.words)) is not None


def doing_guessed(r: Reading, topics: list[str], req: DecisionRequest) -> bool:
    """Whether the line guesses what the NPC is doing now, naming nothing but it and its place."""
    match = _DOING_GUESSED.search(" ".join(r.body or r.words))
    return match is not None and match["verb"] not in _NOT_DOING and r.question and not other_time(r) and (
        _about_itself(topics, req))


def introduction_asked(r: Reading, topics: list[str], req: DecisionRequest) -> bool:
    """Whether the line asks the NPC to say who it is, naming nothing but it and its place."""
    return bool(_INTRODUCTION.search(r.text)) and _about_itself(topics, req)


def day_plan_asked(r: Reading, topics: list[str], req: DecisionRequest) -> bool:
    """Whether the line asks what the NPC's day holds, about today and naming nothing else."""
    return bool(_DAY_PLAN.search(r.text)) and not other_time(r) and _about_itself(topics, req)


def _about_itself(topics: list[str], req: DecisionRequest) -> bool:
    return all(t in (req.npc, req.place) for t in topics)


def introduction(name_and_role: str, doing: str, aims: str) -> str:
    """"I'm Mara, the village baker. I'm baking bread at Mara's Bakery. I mean to...":
    who it is, what it is doing now and what it is after, each where it has one."""
    return " ".join(part for part in (f"I'm {name_and_role}.", doing, aims) if part)


def day_plan(doing: str, aims: str) -> str:
    """"I'm baking bread at Mara's Bakery. I mean to sell all my bread...": what it is
    doing now and what it means to get done."""
    return " ".join(part for part in (doing, aims) if part) or "Nothing much planned; just getting through the day."


__all__ = ["busy_remarked", "day_plan", "day_plan_asked", "doing_guessed", "introduction", "introduction_asked"]
