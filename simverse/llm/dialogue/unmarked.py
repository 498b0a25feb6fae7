"""Questions typed without a question mark: "thick as thieves, are ya", "proper mates or
what", "no offence but how old are u", "..., anybody seen the oil", "got a target or summat",
"u reckon the canteen gives anything out free". Shapes of plain English, over a line's
reading (``text``) and the line as typed (``raw``), never a world's words.
"""

from __future__ import annotations

import re


def last_sentence(raw: str) -> str:
    """The line's last sentence ("I saw you two at the quay. You two pals?" -> "You two pals?")."""
    return re.split(r"[.!?]\s+", raw.strip())[-1]


_ASKS_UNMARKED = re.compile(r"\b(?:are|were|do|did|have|can|could|will|would) (?:you|they|we)$|\bor (?:what|not)$"
                            r"|\bor (?:is|are|was|were|do|does|did|has|have) (?:it|that|this|he|she|they|you|there)\b")
""""Thick as thieves, are ya", "proper mates or what", "...or is it strictly business": a
question asked without a question mark, as players type."""
_GOT_OR = re.compile(r"(?:^|[,;:.!?]\s*)(?:you(?:'ve| have)? )?got (?:a|an|any) (?:[a-z]+ ){1,3}or "
                     r"(?:something|anything|summat|owt|what)\W*$")
""""..., got a target or summat": a clause that asks what one has, without its "have you"."""
_RECKON = re.compile(r"(?:^|[,;:.!?()]\s*|\b(?:so|but|and|well) )(?:do )?(?:you|u|ya) (?:reckon|think|suppose|figure) "
                     r"(?:the|that|there|it|they|he|she|a|an|any|anyone|anybody|someone|i|we)\b")
"""":( u reckon the canteen gives out anything for free?": asking what the one spoken to
thinks, without its "do"."""
_ASKS_AFTER_LINK = re.compile(r"\b(?:but|so|and|then|anyway|okay|ok|now|well) (?:what|where|who|when|which|why|how)\b"
                              r"(?! a\b| an\b)(?: [a-z]+){0,2} (?:is|are|was|were|do|does|did|can|could|would|will|"
                              r"should|have|has)\b")
""""No offence but how old are you actually", "so where is it then": a question after a
linking word, question mark or not."""
_LAST_ASKS = re.compile(r"(?:how (?:much|many|far|long|old|come)|(?:what|where|who|when|which|why)(?:'?s)?"
                        r"(?! a\b| an\b))\b")
""""The cheese sandwiches, robbery or fair? how much": a last sentence after another that
opens with a question word (a first is read as the line's opening)."""
_ANYONE_ASKED = re.compile(r"(?:^|[,;:\u2013\u2014]|\s-+)\s*(?:[a-z]+ )?(?:anyone|anybody|any of you) "
                           r"(?:got|seen|know|knows|heard|have|has)\b")
""""..., anyone got a clue where it ended up": asked of whoever hears, as a clause of its own."""

_YOU = r"(?:you|u|ya|your|youre|you're|ur)"
_GOT_ANY = re.compile(r"^(?:[a-z]+,? )?(?:you|u|ya) got (?:any|some)\b")
""""Zara you got any brothers or sisters": "have you got any...?" without its "have"."""
_GUESSED = re.compile(r"(?:^(?:[a-z]+,? )?|[,;:.!?]\s*|\b(?:so|and|well) )(?:i|id|i'd) "
                      r"(?:bet|guess|reckon|suppose|imagine|take it) " + _YOU + r"\b"
                      r"|\b" + _YOU + r"\b.* (?:i (?:guess|bet|suppose|reckon|take it|imagine))\W*$")
""""I bet your saving up for something", "you're here about the recall too I guess": a guess
about the one spoken to, which it is asked to confirm."""


def asks_unmarked(text: str, raw: str) -> bool:
    """Whether a line asks in one of the shapes players type without a question mark."""
    last = last_sentence(raw)
    return (_ASKS_UNMARKED.search(text) is not None or _ASKS_AFTER_LINK.search(text) is not None
            or _GOT_OR.search(raw) is not None or _RECKON.search(raw) is not None
            or _ANYONE_ASKED.search(raw) is not None or (last != raw.strip() and _LAST_ASKS.match(last) is not None)
            or _GUESSED.search(raw) is not None or _GOT_ANY.search(raw) is not None)
