"""Counts nothing it knows gives ("how many stairs climb up to your lamp?"): "how many" asks
for a number, and when no belief, memory, persona line, goal or activity of the NPC says a
number about something the line speaks of, and the line names no person or thing whose count
the world shows (wares on sale), the honest answer is "I don't know", not the nearest thing it
knows. Plain English words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import zip_longest

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, word_form_set
from simverse.llm.dialogue.aims import goal_asked
from simverse.llm.dialogue.reading import Reading

_NUMBER = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                     r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
                     r"|ninety|hundred|hundreds|thousand|thousands|dozen|dozens|score|both|couple|pair|single|once"
                     r"|twice|first|second|third)\b", re.IGNORECASE)
"""A number as a person writes it, in figures or words."""
_COUNTED_BY_MONEY = frozenset({"coin", "coins", "gold", "silver", "copper", "pence", "pounds", "dollars", "euros",
                               "credits", "cost", "costs", "charge", "price", "pay"})
"""Words that make "how many ..." a price, answered elsewhere."""
_COUNT_ASKED = re.compile(r"\bhow many\b|\bwhat (?:total|headcount|tally)\b|\b(?:total|exact) number of\b"
                          r"|\bwhat is the (?:total|headcount|tally)\b")
""""How many...?", "what total should I arrive at?", "the total number of pupils?": a count asked."""
_COUNTING = frozenset({"many", "total", "number", "count", "headcount", "tally", "exact", "exactly", "altogether"})
"""Words of counting itself: a held number counts what the line counts only when its text shares
another word with the line or is close to it in meaning ("one half and two quarters" counts no pupils)."""


def count_unknown(req: DecisionRequest, r: Reading, topics: list[str], closeness: Sequence[float] = ()) -> bool:
    """Whether ``r`` asks "how many" (or a total) of something nothing the NPC holds counts.
    ``closeness``: the cosine of the line to each belief, in ``req.facts`` order."""
    if not _COUNT_ASKED.search(r.text) or set(r.words) & _COUNTED_BY_MONEY:
        return False
    if goal_asked(r):  # "how many jabs are you hoping to give?"
        return False
    if any(t in req.names and req.names[t].kind in ("npc", "item") for t in topics):
        return False  # "how many herrings are left?", "how many pupils has Arden got?"
    rest = [m.text for m in req.memories] + [req.persona, *req.goals, req.schedule_activity or ""]
    if not _counted_named(r):  # "how many are you down?": any number it holds may be the one asked
        return not any(_NUMBER.search(text) for text in [f.text for f in req.facts] + rest)
    asked = word_form_set(r.text) - FUNCTION_WORDS - _COUNTING - word_form_set(req.npc)
    beliefs = [f.text for f, c in zip_longest(req.facts, closeness, fillvalue=0.0)
               if c >= COUNT_CLOSE or asked & word_form_set(f.text)]
    return not any(_NUMBER.search(text) for text in beliefs + [t for t in rest if asked & word_form_set(t)])


def _counted_named(r: Reading) -> bool:
    """Whether the line names what it counts ("how many lambs...", "how many of your flock...",
    a total of every pupil), not "how many are you down?" or "how many did you lose?"."""
    match = _HOW_MANY_OF.search(r.text)
    return match is None or match["thing"] not in FUNCTION_WORDS


_HOW_MANY_OF = re.compile(r"\bhow many (?:of (?:your |the |my |our |their |those |these |them )?)?(?P<thing>[a-z]+)")


COUNT_CLOSE = 0.35
"""Cosine of a line to a belief from which a number in the belief may count what the line asks,
though they share no word ("how many of your flock did the beast get?" and "the dragon took five
of my sheep", 0.39); "what total would I get if I counted every pupil?" is 0.32 from "one half
and two quarters are the same amount"."""
