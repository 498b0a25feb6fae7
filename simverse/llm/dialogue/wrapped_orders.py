"""Requests wrapped in courtesy: "I wonder if you'd mind firing up the oven", "might I
trouble you to count out my tablets", "it would be a great help if you could get Leah a
slot", "would it be too much trouble to play us something". Said again as the bare order
inside ("fire up the oven", "count out my tablets"), so the rest of the reading matches it
to the world's actions as it does any order; so are being "the one to" do it and giving a
thing a deed ("give the floor a sweep"). Plain English, no world's words.
"""

from __future__ import annotations

import re

from simverse.llm.dialogue.imperatives import ORDER_VERBS
from simverse.llm.dialogue.requesting import plain_verb

_YOU_WOULD = r"you(?: could| would|'d| might| can)?(?: possibly| just)?"
_WRAPS = (
    r"(?:could|can|may|might) i (?:possibly |just )?(?:ask|trouble|bother|get) you to",
    r"(?:it )?(?:would|'d|will) be (?:a |such a )?(?:great |big |huge |real |massive |tremendous )?"
    r"(?:help|kindness|favour|favor|relief)(?: to me| to us)? if " + _YOU_WOULD,
    r"i(?:'d| would)(?: be)? (?:(?:so|ever so|very|really|most|awfully|terribly|truly) )*"
    r"(?:pleased|grateful|glad|happy|obliged|thankful|chuffed|delighted) if " + _YOU_WOULD,
    r"i(?:'d| would) (?:really |so |truly )?(?:appreciate|love|like) it if " + _YOU_WOULD,
    r"i (?:wonder|wondered|was wondering|am wondering|'m wondering) if " + _YOU_WOULD + r"(?: mind)?",
    r"i (?:do not|don't) suppose " + _YOU_WOULD + r"(?: mind)?",
    r"(?:is there )?any chance (?:that )?" + _YOU_WOULD,
    r"(?:would|will|might|could) it (?:at all |possibly |perhaps |ever |just )?be (?:at all )?"
    r"(?:too much (?:trouble|to ask|bother)|possible|all right|alright|ok|okay) (?:at all )?(?:for you )?to",
    r"is there any way " + _YOU_WOULD,
    r"would you be (?:so kind as|kind enough|good enough|willing|able) to",
    r"(?:won't|wouldn't|couldn't|can't|will not|would not|could not|cannot|can not) you(?: just| please| possibly)?",
)
_WRAPPED = re.compile(r"^(?:(?:well|so|now|oh|ok|okay|hi|hello|hey|excuse me|sorry|please)[,!.]?\s+)*"
                      r"(?:[a-z]+,\s+)?(?:" + "|".join(_WRAPS) + r")\s+(?P<verb>[a-z]+)\b(?P<rest>.*)$", re.IGNORECASE)
_NOT_ORDERS = frozenset({"be", "have", "know", "tell", "say", "not", "mind", "like", "please", "see", "hear",
                         "understand", "believe", "remember", "think", "stop"})
"""Words after a wrapping that make no order of their own ("if you could tell me where..."
is left to the question reading, "if you'd be so kind" to the courtesy it is)."""


def bare_order(line: str) -> str:
    """``line`` as the order its courtesy wraps ("I wonder if you'd mind firing up the oven"
    -> "fire up the oven."), with any remark before it, else unchanged. The order asks no
    question, whatever mark the courtesy ended with ("... while I watch how it's done?"). Being
    "the first to" do it asks it done ("could you be the first to welcome them?"), and so does
    giving a thing a deed ("give that stack of papers a good marking" -> "mark that stack of papers")."""
    line = _GIVEN_A_DEED.sub(_deed_done, _THE_ONE_TO.sub("", line))
    *said, last = _SENTENCE_END.split(line.strip())
    for head, wrapped in ((said, last), ([], line.strip())):
        match = _WRAPPED.match(wrapped)
        if match is not None and match["verb"].lower() not in _NOT_ORDERS:
            verb = plain_verb(match["verb"].lower()) if match["verb"].lower().endswith("ing") else match["verb"]
            return " ".join([*head, f"{verb}{match['rest'].rstrip(' ?.!')}."])
    return line


_THE_ONE_TO = re.compile(r"(?<=\byou )be the (?:first|one|next) (?:one )?to (?=[a-z])", re.IGNORECASE)
"""Who does it, said of the NPC: "could you be the first to welcome them" asks "could you welcome them"."""
_GIVEN_A_DEED = re.compile(r"\bgive (?P<thing>(?:the|that|this|those|these|my|your|our|it|them)(?: [a-z]+){0,4}?)"
                           r" an? (?:(?:good|quick|proper|thorough|little|final|careful|fresh|real) )?"
                           r"(?P<deed>[a-z]+)(?=\s*(?:[,.?!]|$)|\s+(?:on|in|at|for|with|before|after|now|then|please"
                           r"|would|could|will|can|too|again|today|first)\b)", re.IGNORECASE)


def _deed_done(m: re.Match[str]) -> str:
    """"Give the floor a sweep" -> "sweep the floor", where the noun is an everyday deed's."""
    deed = plain_verb(m["deed"].lower())
    return f"{deed} {m['thing']}" if deed in ORDER_VERBS and deed not in _GIVEN_TO else m[0]


_GIVEN_TO = frozenset({"drink", "eat", "taste", "ride", "lift", "hand", "rest", "break", "start", "stop", "try"})
"""Nouns given that the thing gets rather than undergoes ("give them a drink", "give it a rest")."""


_SENTENCE_END = re.compile(r"(?<=[a-z][.;!])\s+(?=[A-Za-z])")
"""Where a sentence ends: the courtesy may come after a remark ("Sunita still hasn't got an
appointment; couldn't you sort one out for her?")."""
