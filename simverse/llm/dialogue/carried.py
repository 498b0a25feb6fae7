"""What the NPC carries, asked of it: "what's in your bag?", "what are you carrying?". It
answers with the items it holds, which the world tracks, never with what it sells or does.
Plain English shapes, never a world's words."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import and_listed
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.voice import a_name

_CARRIED = re.compile(r"\bwhat(?: is| have you got| have you| do you have| you got)? in (?:your|ur|that|this|the) "
                      r"(?:[a-z]+ )?(?:bag|basket|sack|pocket|pockets|box|case|parcel|bundle|hand|hands|satchel"
                      r"|pack|backpack|purse|arms)\b"
                      r"|\bwhat (?:are|were) (?:you|ya|u) (?:carrying|holding|lugging|hauling|clutching|hiding)\b"
                      r"|\bwhat is inside$")
""""What's in your carrier bag?", "what are you lugging about?", "your bag is heavy, no? what
is inside": the line read with "what's" as "what is"."""


def carried_told(req: DecisionRequest, r: Reading) -> str:
    """The items the NPC holds ("I've got a recalled Brightline kettle with me."), where the
    line asks what it carries and it holds something; else ""."""
    if not req.inventory or not _CARRIED.search(r.text):
        return ""
    names = [a_name(view.name if (view := req.names.get(item)) else item) for item in req.inventory]
    return f"I've got {and_listed(names)} with me."
