"""Whether a line asks the way ("how do I get to the chapel?", "which rooms lie between me
and the hall?", "point me to where they sell bread") or only where something is. Plain
English, no world's words; which place the way goes to is :mod:`.described`'s and
:mod:`.ways`' to find.
"""

from __future__ import annotations

import re

from simverse.core.names import word_set
from simverse.llm.dialogue.reading import SPEECH_VERBS, Reading

WAY = ("how do i get", "how can i get", "how do we get", "how to get", "way to", "which way", "directions",
       "which direction", "what direction", "how do i reach", "how can i reach", "how do i find", "how do i go",
       "route to", "where can i find", "where do i find", "how far", "get there", "find the", "show me the way",
       "point me", "point us", "direct me to", "direct us to", "steer me to", "steer me towards")
_SUBJECT = r"(?:i |we |one |you |someone |somebody |anyone |anybody |they |he |she |people )?"
_HOW = (r"\bhow (?:(?:do|does|can|could|would|should|might|will|to) " + _SUBJECT
        + r"|(?:i|we) (?:can |could |should |must |will |do )?)")
""""How would I...", "how should one...", and as learners say it, "how I can..."."""
_WAY_ASKED = re.compile(_HOW + r"(?:get|go|reach|find|walk|come|make it)\b")
""""How would I get to...", "how should one reach...", "how I go there?": any modal asks the way."""
_WAY_BETWEEN = re.compile(r"\b(?:way|route|path|road|directions?)\b(?:\s+\w+){0,3}?\s+(?:from|to|towards|out of)\b"
                          r"|\b(?:is|are) (?:\w+ ){1,4}?(?:far|a long way|a walk) (?:from|to)\b")
""""The quickest way from the bakery to the chapel", "is the staff room far from 4b?": a way asked for."""
_WAY_TO_IT = re.compile(r"\b(?:pass|go|walk|cut|come) through\b.*\b(?:to (?:reach|get to)|on (?:the|our|my) way)\b"
                        r"|\bto (?:reach|get to) (?:it|them|there|that|those|this|these)\b"
                        r"|\bbetween (?:me|us|here) and\b")
""""What must I pass through to reach them?", "which rooms do we pass through on the way?",
"how long to get to it": the way to what a lead-in named; "which rooms lie between me and the hall?": the way there."""
_WAY_THROUGH = re.compile(r"\b(?:which|what) (?:doors?|doorways?|exits?|routes?|paths?|roads?|corridors?|passages?"
                          r"|gates?|turnings?|stairs|staircases?)\b(?: [a-z']+){0,5}? (?:leads?|opens?|goes|go"
                          r"|reach(?:es)?|takes?|gets?|brings?|heads?|runs?)\b")
""""Which door out of this yard leads toward the pegs?", "what route reaches the canteen?": a
way asked for by what leads there."""


def asks_way(r: Reading) -> bool:
    """Whether the line asks the way somewhere or where something is (not where the NPC
    lives, was or goes)."""
    return _asks_for_a_way(r) or (r.wh == "where" and not r.has(
        "where do you", "where are you", "where were you", "where did you", "where have you"))


def _asks_for_a_way(r: Reading) -> bool:
    return (r.has(*WAY) or bool(_WAY_ASKED.search(r.text)) or bool(_WAY_BETWEEN.search(r.text))
            or bool(_WAY_THROUGH.search(r.text)) or asks_way_to_it(r))


_MOVING_TO = re.compile(_HOW + r"(?P<verb>[a-z]+)(?: [a-z]+){0,2}? (?:to|into|towards)\b")
""""How would I sneak round to...", "how do we nip over to...": any verb of going to somewhere."""


def asks_the_way(r: Reading) -> bool:
    """Whether the line asks how to get somewhere ("how do I get out to...", "the way to..."),
    not only where something is."""
    return _asks_for_a_way(r) or asks_way_to_place(r)


def asks_way_to_it(r: Reading) -> bool:
    """Whether a question asks the way to something said before it ("the mummy case, what
    must I pass through to reach them?")."""
    return (r.question or r.wh is not None) and bool(_WAY_TO_IT.search(r.text))


def asks_way_to_place(r: Reading) -> bool:
    """Whether a line that names a place asks how to go there, by whatever verb ("how
    would I sneak round to the staff room?"); not "how do I talk to..." (a verb of saying)."""
    match = _MOVING_TO.search(r.text)
    return match is not None and match.group("verb") not in SPEECH_VERBS | _SAYING


_SAYING = word_set("talk speak say reply write listen apply send give pay explain complain admit")
