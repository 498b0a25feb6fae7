"""Questions asked after a supposition or condition ("supposing the doctor sees you today,
what will you insist on?", "just in case I lose my way, where can I walk to from the quay?",
"should I need a nurse, who's on?"): the question is said first and the condition after it,
so the reading sees how the question opens, as it would had the speaker asked it plainly.
A wish asked through a supposition ("if you could do one brave thing, what would it be?")
is left as it is: its "if" is what makes it a wish. Plain English words only.
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


def condition_last(line: str) -> str:
    """``line`` with a question asked after a condition said as the question first, the
    condition after it; else unchanged."""
    sentences = SENTENCE_BREAK.split(line.strip())
    match = _CONDITION.match(sentences[-1])
    if match is None or not read(match["main"]).opens or wish_supposed(read(line)):
        return line
    cond = match["cond"].strip()
    asked = f"{match['head']}{match['main'][:-1].rstrip()}, {cond[0].lower()}{cond[1:]}?"
    return " ".join([*sentences[:-1], asked])
