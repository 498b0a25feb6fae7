"""Claims offered to be confirmed: "tea's 2 coins, isn't it?", "the doc today is Nadia,
yeah?", "so Ada's the boss of this place, right?". Said again as the question they check
("how much is tea?", "who is the doc today?"), so the answer tells what the NPC knows,
which confirms a right guess and corrects a wrong one. A tagged remark that claims no
price and names no one's role ("nice day, isn't it?") is small talk and stays as it is.

The cues are English word shapes (a question tag, a number of coins, "X is the Y"); the
only world's words used are its people's names, which the caller gives.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, word_forms
from simverse.llm.dialogue.courtly import said_plainly
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.per_world import people_words
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.suppositions import without_condition
from simverse.llm.dialogue.tag_questions import as_yes_no
from simverse.llm.dialogue.terse import said_in_full

_TAG = re.compile(r"[\s,]+(?:is(?:n'?t| not) (?:it|that|he|she)|are(?:n'?t| not) (?:they|those|these)"
                  r"|ain'?t (?:it|he|she)|do(?:n'?t| not) (?:they|you)|does(?:n'?t| not) (?:it|he|she)"
                  r"|is (?:it|that) (?:right|true|so|correct)|am i right"
                  r"|right|yeah|yea|yes|yep|no|eh|innit|correct|true|aye|ok|okay|or not|or what)"
                  r"(?:[\s,]+(?:miss|sir|madam|doc|doctor|mate|love|lad|lass|pal|friend|then))?"
                  r"[\s?!.]*(?:just (?:checking|wondering|asking)|please|pls|sorry)?[\s?!.]*$")
"""A tag that asks for the claim before it to be confirmed, with the words that may follow
it ("..., right miss? just checking")."""
_OPENERS = re.compile(r"^(?:(?:so|and|oh|ok|okay|hiya|hi|hey|hello|well|now|um|erm|sorry|excuse me|wait)\b[\s,!.]*)+")
_NUMBER = (r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
           r"|fifty|a hundred|a fiver|a tenner|a couple of|a few)")
_MONEY = (r"(?:coins?|gold|gold pieces?|silver|copper|crowns?|quid|bucks?|pounds?|dollars?|euros?|pence|p"
          r"|credits?|each|a (?:cup|bowl|loaf|mug|piece|go|pop))")
_PRICE = re.compile(r"^(?P<thing>[a-z][a-z' -]*?)(?:'s| is| are| costs?| =| goes for| sells for| for)?"
                    r"(?: like| about| only| just| around| roughly| maybe| still| now)? " + _NUMBER + r" " + _MONEY
                    + r"\b")
""""tea's 2 coins", "coffees like 5 coins", "rope's 10 gold": the thing before a price."""
_NOT_THINGS = frozenset({"it", "that", "this", "i", "you", "we", "they", "he", "she", "there", "mine", "yours"})
_SOMEONE_IS = re.compile(r"^(?P<name>[a-z]+)(?:'s| is)(?: really| actually)? (?P<role>(?:the|your|our|their|this|in "
                         r"charge|head|boss)\b.*)$")
_ROLE_IS = re.compile(r"^(?P<role>(?:the|your|our|their) [a-z' -]+?) (?:is|'s)(?: really| actually)? (?P<name>[a-z]+)$")


def as_checked(line: str, people: Collection[str], addressed: Collection[str] = ()) -> str:
    """``line`` said as the question it checks when it is a claim of a price or of
    someone's role with a tag asking to confirm it, else unchanged. ``people`` holds the
    word forms of the world's people's names; ``addressed``, those of the one spoken to,
    whom a line may open by calling ("pip is the stew cheap or what")."""
    text = line.strip().lower().replace("’", "'")
    tag = _TAG.search(text)
    if tag is None:
        return line
    claim = re.split(r"[.!?;]\s+", text[:tag.start()].strip(" ,"))[-1]
    claim = _OPENERS.sub("", claim).strip(" ,")
    if read(claim).opens:
        return line  # "is the stew cheap or what": a question already
    if match := _PRICE.match(claim):
        thing = re.sub(r"'s$", "", match["thing"].strip())
        return f"how much is {thing}?" if thing not in _NOT_THINGS else line
    for pattern in (_SOMEONE_IS, _ROLE_IS):
        if (match := pattern.match(claim)) and (named := set(word_forms(match["name"]))) & set(people) \
                and not named & set(addressed):
            return f"who is {match['role']}?"
    return line


def last_line_checked(req: DecisionRequest) -> str:
    """The request's last line in the usual word order (:mod:`.learner`) and as the question
    it checks (:func:`as_checked`, else :func:`~.tag_questions.as_yes_no`), with the world's
    people's names (worked out once per world: a reply is read for every line heard); ""
    when there is no line."""
    if not req.conversation:
        return ""
    name = req.names[req.npc].name if req.npc in req.names else ""
    line = yours(req.conversation[-1].text, re.findall(r"[a-z]+", name.lower()))
    ordered = in_usual_order(said_in_full(without_condition(dash_as_stop(said_plainly(line)))))
    checked = as_checked(ordered, people_words(req.names), word_forms(name))
    return checked if checked != ordered else as_yes_no(ordered)  # "you're new here, aren't you?"


def dash_as_stop(line: str) -> str:
    """``line`` with the last dash before the question it ends with said as a full stop
    ("you keep peering down the hallway — what is it you're itching to discover?"): a remark
    or aside comes before it, and the question is read as a sentence of its own."""
    said = line.strip()
    dashes = list(_DASH.finditer(said))
    if not dashes or not said.endswith("?") or "?" in said[:dashes[-1].start()]:
        return line
    asked = said[dashes[-1].end():]
    return f"{said[:dashes[-1].start()]}. {asked}" if read(asked).opens else line


_DASH = re.compile(r"\s+(?:\u2014|\u2013|-{1,2})\s+")
"""A dash between words (em, en, or typed as one or two hyphens)."""


_OWNER_FIRST = re.compile(r"^(?:(?:hi|hey|hello|so|and|oh|ok|okay|well|right)\W+)*(?P<owner>[a-z]+'?s?)"
                          r"\s+(?P<owned>[a-z]+)\b", re.IGNORECASE)
_NOT_OWNED = FUNCTION_WORDS | frozenset({"got", "gone", "going", "right", "off", "back", "out", "always", "never",
                                         "still", "really", "up", "down", "over"})
"""Words after "Otto's" that make it "Otto is" ("Otto's here", "Otto's going"), not his."""


def yours(line: str, own: Collection[str]) -> str:
    """``line`` with a possessive of the one spoken to (``own``: the words of its name, in
    lower case) that opens it said as "your" ("Otto's job?", "sams shift, when's it end?" to
    Sam): the rest reads it as asked of the NPC."""
    match = _OWNER_FIRST.match(line.strip())
    if match is None or match["owned"].lower() in _NOT_OWNED:
        return line
    owner = match["owner"].lower()
    if not any(owner in (f"{n}'s", f"{n}s", f"{n}'") for n in own) or owner in own:
        return line
    stripped = line.strip()
    return f"{stripped[:match.start('owner')]}your{stripped[match.end('owner'):]}"
