"""What a stranger first asks an NPC about itself: who it is ("tell me about yourself",
"what's your story?"), what its day holds ("what's the plan for today?", "what's on
the agenda?") and how it is ("how are you?", "how was your morning?"), answered from its
persona, its activity now and its goals.

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
    r"|\bwho are you (?:then|really|anyway)\b"
    r"|\b(?:tell|remind) (?:me|us) (?:just )?who you (?:are|really are)\b"
    r"|\b(?:know|establish|learn|hear|find out) who you (?:are|really are)\b|^who you (?:are|really are)$")
""""Tell me a bit about yourself", "introduce yourself", "what's your story?", "tell me who
you are" (read as "who you are"): who the NPC is, asked by someone who does not know it
("what about you?" asks something back)."""
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


def state_asked(r: Reading) -> bool:
    """"How are you?", "how is business?", and how its day has gone: how the NPC is."""
    return r.has(*_STATE_ASKED) or day_gone_asked(r)


def day_gone_asked(r: Reading) -> bool:
    """"How was your morning?", "did you sleep well?": past in form, asked as "how are you?" is."""
    return r.has(*_DAY_GONE)


_STATE_ASKED = ("how are you", "how do you do", "feeling", "how is it going", "how goes", "how are things",
                "how have you been", "are you well", "are you ok", "are you okay", "how is business", "how is work",
                "how is life", "how is everything", "how is trade", "how is the day", "how is your day", "what is up",
                "how are you keeping")
_DAY_GONE = ("how was your day", "how was your morning", "how was your night", "how has your day been",
             "how has your morning been", "sleep well")
