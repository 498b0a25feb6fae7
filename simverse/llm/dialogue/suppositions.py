"""Questions asked after a supposition or condition ("supposing the doctor sees you today,
what will you insist on?", "just in case I lose my way, where can I walk to from the quay?",
"should I need a nurse, who's on?"): the question is read as asked plainly, without the
condition, so the reading sees how it opens and what it asks of (the names the condition
uses stay the line's topics). Left as they are: a wish asked through a supposition ("if you
could do one brave thing, what would it be?"), another life ("had you not gone into
teaching, ..."), a request whose condition says what to do it to ("if a prescription is
waiting, would you make it up?"), and a question that leans on its condition ("..., would
the pot stretch that far?", "..., what would you call a good day's work?"). Plain English words
only.
"""

from __future__ import annotations

import re

from simverse.llm.dialogue.aims import wish_supposed
from simverse.llm.dialogue.parts import SENTENCE_BREAK
from simverse.llm.dialogue.reading import read

_CONDITION = re.compile(
    r"^(?P<head>(?:[a-z'.]+(?: [a-z'.]+)?,\s+)?)"  # "Jonas, just in case..."
    r"(?P<cond>(?:(?:just |only )?in case|supposing|suppose|say|imagine|what if|if|even if|provided(?: that)?"
    r"|assuming|let's say|let us say|should|were|had)\b[^,;:?]*?)"
    r"\s*[,;:]\s+(?P<main>[^,;:?]+\?)$", re.IGNORECASE)
"""A condition clause, then a comma (or semicolon or colon), then the question."""
_BARE_WAY = re.compile(r"^(?:so |then )?(?:what(?:'s| is| would be)|which is) (?:the|my|our) (?:[a-z]+ )?"
                       r"(?:route|way|path)(?: (?:then|there|please))?\?$", re.IGNORECASE)
""""What's the route?", "what's the best way then?": a way asked with nowhere named, which a
condition before it says ("if I go out of the lobby toward the studio, ...")."""
_COUNTERFACTUAL = re.compile(r"\b(?:had|hadn't|'d not)\b", re.IGNORECASE)
""""Had you not gone into teaching, ...": another life, which the question asks about."""
_ASKS_TO_DO = re.compile(r"^(?:would|could|can|will|might) (?:you|ya|u)\b", re.IGNORECASE)
""""If a prescription is waiting, would you make it up?": the condition says what to do it to."""
_POINTS_BACK = re.compile(r"\b(?:it|that|this|they|them|those|these|there|then|such|would|could|might)\b|'d\b",
                          re.IGNORECASE)
""""Say I put a big payout through, would the pot stretch that far?", "supposing the morning goes to plan,
what would you call a good day's work?": the question leans on the condition."""


def without_condition(line: str) -> str:
    """``line`` with a question asked after a condition said without it, or, where the question
    asks a way and the condition says where to ("if I go toward the studio, what's the
    route?"), said after it ("what's the route if I go toward the studio?"); else unchanged."""
    sentences = SENTENCE_BREAK.split(line.strip())
    match = _CONDITION.match(sentences[-1])
    if match is not None and _BARE_WAY.match(match["main"]):
        return " ".join([*sentences[:-1], f"{match['head']}{match['main'][:-1]} {match['cond']}?"])
    if match is None or not read(match["main"]).opens or wish_supposed(read(line)) \
            or _COUNTERFACTUAL.search(match["cond"]) or _ASKS_TO_DO.match(match["main"]) \
            or _POINTS_BACK.search(match["main"]):
        return line
    return " ".join([*sentences[:-1], f"{match['head']}{match['main']}"])
