"""A name asked of someone described by what they do, not by who they are: "the lad who
mends your nets, I've forgotten what he's called", "does the cook who stirs the stew have a
name?", "what do folk call the woman who keeps the lamp?". The line is said again in the one
shape the rest of the reading knows for it, the description then "what is his name?", so
that the person is found by the description as a whole (:mod:`.sketched`), or not at all.
Plain English, no world's words.
"""

from __future__ import annotations

import re

_DESCRIBED = re.compile(r"\b(?:the|that|this|your|yon|a|an)\s+(?:(?!(?:of|the|a|an|who)\b)[a-z'-]+\s+){0,4}?"
                        r"[a-z'-]+\s+who(?P<deed>(?:'s|\s)[^,.?!;:]+)", re.IGNORECASE)
""""the blunt stall-keeper who sells rope": a person by what they do, with the clause that says it."""
_NAME_ASKED = re.compile(r"\b(?:(?:his|her|their|a|the|your) (?:real |full )?name|name of|names? (?:him|her)"
                         r"|what (?:do|does|did|would|should) (?:[a-z']+ ){0,2}call\b"
                         r"|what(?:'s| is| was)? (?:he|she|they)(?:'s| is| are| was)? called"
                         r"|what(?:'s| is| was) (?:the )?[a-z'-]+ called)",
                         re.IGNORECASE)
"""How a name is asked: "what's her name", "the name of", "what do folk call", "what's he called"
("who is he?" asks who he is, which his ties to the one asked may tell)."""
_NAME_OF = re.compile(r"\bname of\s+$", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+(?:(?:have|has|got|had)\s+(?:a\s+|got\s+a\s+)?(?:real |proper )?name"
                         r"(?: at all| then)?|(?:is\s+|'s\s+)?called|go(?:es)? by)\s*$", re.IGNORECASE)
"""Where a question that ends on the name ("... have a name?", "... called?") stops describing."""


def name_of_described(line: str) -> str | None:
    """``line`` as "<the one described>, what is his name?" (her, their, as the line says)
    when it asks the name of someone it describes by a "who" clause, else ``None``. The name
    must be asked outside the description ("the man who named the ship" asks no name), and a
    line that asks "what's the name of ..." already is in that shape."""
    match = _DESCRIBED.search(line)
    if match is None or _NAME_OF.search(line[:match.start()]):
        return None  # "what's the name of the lad who...?" asks it plainly already
    deed = _NAME_AFTER.sub("", match["deed"]).strip()
    outside = f"{line[:match.start()]} {line[match.start('deed') + len(match['deed']):]}"
    ended = deed != match["deed"].strip()
    if not deed or not (ended or _NAME_ASKED.search(outside)):
        return None
    described = line[match.start():match.start("deed")] + (deed if deed.startswith("'") else f" {deed}")
    return f"{described.lower()}, what is {_whose(line)} name?"


_HE = re.compile(r"\b(?:he|him|his|he's|man|lad|boy|fella|fellow|guy|bloke|chap|gentleman)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|she's|woman|lady|lass|girl|gal)\b", re.IGNORECASE)


def _whose(line: str) -> str:
    """"his", "her" or "their": as the line says the one described is."""
    he, she = _HE.search(line), _SHE.search(line)
    return "their" if bool(he) == bool(she) else "his" if he else "her"
