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
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.roles import other_time

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


def introduction_asked(r: Reading, topics: list[str], req: DecisionRequest) -> bool:
    """Whether the line asks the NPC to say who it is, naming nothing but it and its place."""
    return bool(_INTRODUCTION.search(r.text)) and about_itself(topics, req)


def day_plan_asked(r: Reading, topics: list[str], req: DecisionRequest) -> bool:
    """Whether the line asks what the NPC's day holds, about today and naming nothing else."""
    return bool(_DAY_PLAN.search(r.text)) and not other_time(r) and about_itself(topics, req)


def about_itself(topics: list[str], req: DecisionRequest) -> bool:
    """Whether a line names nothing but the NPC and where it is."""
    return all(t in (req.npc, req.place) for t in topics)


def introduction(name_and_role: str, doing: str, aims: str) -> str:
    """"I'm Mara, the village baker. I'm baking bread at Mara's Bakery. I mean to...":
    who it is, what it is doing now and what it is after, each where it has one."""
    return " ".join(part for part in (f"I'm {name_and_role}.", doing, aims) if part)


def day_plan(doing: str, aims: str) -> str:
    """"I'm baking bread at Mara's Bakery. I mean to sell all my bread...": what it is
    doing now and what it means to get done."""
    return " ".join(part for part in (doing, aims) if part) or "Nothing much planned; just getting through the day."


__all__ = ["about_itself", "day_plan", "day_plan_asked", "introduction", "introduction_asked"]
