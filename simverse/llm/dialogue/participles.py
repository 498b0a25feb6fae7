"""A bare participle asked of the NPC ("Shopping for something?", "Working hard?", "priya, you're
by the ticket desk. waiting for someone?"): whether it is doing something, which what it is
doing now answers."""

from __future__ import annotations

from simverse.core.names import word_set
from simverse.llm.dialogue.parts import clauses_of
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.typed import ING_NOUNS

_NOT_DOING = word_set("coming joining following during according including regarding concerning being anything")
"""Words in -ing that ask the NPC along ("Coming?") or are no verb of doing ("during")."""
_MOST_WORDS = 7
"""Longest such question: a longer one says more than a guess at what the NPC is doing."""


def participle_asked(r: Reading) -> bool:
    """Whether the line's last clause is a question that opens with a participle and has no
    subject ("Shopping for something?", "busy with something?"; not "Something wrong?" or "Coming?"), and the line
    asks nothing with a question word ("which halls do we pass, starting from these doors?")."""
    if r.wh is not None or not r.raw.rstrip().endswith("?"):
        return False
    clauses = clauses_of(r.raw)
    last = read(clauses[-1]) if clauses else r
    words = list(last.body or last.words)
    if 1 < len(words) <= _MOST_WORDS and words[0] == "busy":
        return True  # "Busy with something up there?"
    return 0 < len(words) <= _MOST_WORDS and len(words[0]) > 4 and words[0].endswith("ing") \
        and words[0] not in ING_NOUNS | _NOT_DOING
