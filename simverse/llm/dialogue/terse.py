"""Clipped questions with "you" and the auxiliary left out, said in full: "here why?" ->
"why are you here?", "at the desk doing what?" -> "what are you doing at the desk?", "up to
what?" -> "what are you up to?", "the returns room - how from the phones?" -> "how do i get to
the returns room from the phones?". A player typing in a hurry drops the subject of a question
to the one spoken to and leaves the question word at the end; the rest of the reading expects
it first. Only a clause that is nothing but such a question is said in full, so "Bea doing
what?" (about someone else) is left as it is. Plain English word shapes, no world's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WH_LAST = r"(?P<wh>what|why|who|where|when)"
_HERE_WHY = re.compile(r"^(?:(?P<at>in|out|over|round|around|down|up) )?here (?:for (?P<for>what)|what for|why"
                       r"|about (?P<about>what))$|^why (?:(?P<at2>in|out|over|round|around|down|up) )?here$")
""""here why?", "in here for what?", "here about what?", "why here?": why the one spoken to came."""
_DOING_WHAT = re.compile(r"^(?:(?:you|ya|u)(?:'re| are| r)? )?"
                         r"(?P<where>(?:at|in|on|by|over|out|down|up|round|around|behind|outside|inside|there|here)"
                         r"(?: [a-z']+){0,4} )?(?P<verb>[a-z]+ing)(?: (?P<prep>on|at|with|for|about|to|in))? "
                         + _WH_LAST + r"(?: (?P<when>now|today|tonight|then|this morning|these days))?$")
""""at the desk doing what?", "working on what now?", "selling what?": what the one spoken to
is doing, with "you are" left out (a word before the verb other than where is a subject)."""
_UP_TO = re.compile(r"^(?:(?:what|whatcha) )?up to what(?: (?P<when>now|today|tonight|then))?$")
_HOW_FROM = re.compile(r"^how(?: (?:from|via) (?P<start>[a-z' ]+?))?(?: then| now| please)?$")
""""The returns room - how from the phones?": the way to what the clause before names."""
_BREAK = re.compile(r"(\s*[,;:.!?\u2013\u2014]\s*|\s+-\s+)")


def said_in_full(line: str) -> str:
    """``line`` with a clipped question to the one spoken to said in full; else unchanged."""
    return _in_full(line) if line.rstrip().endswith("?") else line


@lru_cache(maxsize=1 << 14)
def _in_full(line: str) -> str:
    pieces = _BREAK.split(line.rstrip().rstrip("?").rstrip())
    for at in range(len(pieces) - 1, -1, -2):  # clauses sit at even places, breaks between them
        clause = pieces[at].strip().lower().replace("\u2019", "'")
        full = _full(clause)
        if full is None and at >= 2 and (how := _HOW_FROM.match(clause)) and len(pieces[at - 2].split()) > 1:
            goal = pieces[at - 2].strip()  # "returns room - how from the phones?" (not "Nell, how from here?")
            full = " ".join(w for w in ("how do i get to", goal, how["start"] and f"from {how['start']}") if w)
            return "".join(pieces[:at - 2]) + full + "".join(pieces[at + 1:]) + "?"
        if full is not None:
            return "".join(pieces[:at]) + full + "".join(pieces[at + 1:]) + "?"
    return line


def _full(clause: str) -> str | None:
    """The clause said in full, or ``None`` when it is no clipped question."""
    if match := _HERE_WHY.match(clause):
        at = match["at"] or match["at2"]
        here = f"{at} here" if at else "here"
        if match["for"]:
            return f"what are you {here} for"
        return f"what are you {here} about" if match["about"] else f"why are you {here}"
    if match := _DOING_WHAT.match(clause):
        asked = " ".join(w for w in (match["verb"], match["prep"], (match["where"] or "").strip(), match["when"]) if w)
        return f"{match['wh']} are you {asked}"
    if match := _UP_TO.match(clause):
        return " ".join(w for w in ("what are you up to", match["when"]) if w)
    return None
