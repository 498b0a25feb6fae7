"""Statements about the one spoken to, or the speaker's own next step, with a tag that asks
to have them confirmed: "you're fairly new here, aren't you?", "it's Ines you'd pick, isn't
it?", "you'd walk me to the square, wouldn't you?", "so from the counter I can step into the
waiting room, yes?". Said again as the yes/no question they ask ("are you fairly new here?",
"would you walk me to the square?"), so the rest of the reading answers them, or does what
they ask, as it does any question. A tagged remark about anything else ("nice and quiet,
isn't it?") stays as it is: small talk, or a claim :mod:`.claims` checks. Plain English, no
world's words.
"""

from __future__ import annotations

import re

from simverse.llm.dialogue.requesting import plain_verb

_TAG = re.compile(r"[\s,]+(?:(?:(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|must|might)"
                  r"(?:n'?t| not)?|won'?t|can'?t|shan'?t|ain'?t) (?:it|that|he|she|they|you|i|we|there|ya|u)"
                  r"|right|yes|yeah|correct|true|eh|am i right|is that right|is that so|innit)"
                  r"(?:,\s*[a-z]+(?: [a-z]+)?)?[\s?!.]*$")
"""A tag that asks for what comes before it to be confirmed, with a name said after it
("..., wouldn't you, Ines?")."""
_LEAD = re.compile(r"^(?:(?:so|and|oh|well|now|ok|okay|hey|hi|sorry|look)\b[\s,!.]*)*"
                   r"(?:(?!(?:you|i|we|it|there)\b)[a-z]+(?: [a-z]+)?,\s+)?")
"""Openers and a name the statement is said to ("so", "Milo,")."""
ASKED_BY = {"'re": "are", " are": "are", " aren't": "are", " are not": "are", "'d": "would", " would": "would",
             " wouldn't": "would", " would not": "would", "'ll": "will", " will": "will", " won't": "will",
             " will not": "will", "'ve got": "have", " have got": "have", "'ve": "have", " have": "have",
             " haven't": "have", " have not": "have", " can": "can", " can't": "can", " cannot": "can",
             " could": "could", " should": "should", " must": "must", " were": "were", " weren't": "were",
             " was": "was", " do": "do", " don't": "do", " do not": "do", " did": "did", " didn't": "did",
             " did not": "did"}
"""How the verb after "you" or "I" opens the question that checks it ("you'd" -> "would you")."""
_VERBS = "|".join(sorted(map(re.escape, ASKED_BY), key=len, reverse=True))
_SUBJECT_FIRST = re.compile(r"^(?P<start>(?:from|to reach|to get to|on the way to|out of) [^,]*?,?\s+)?"
                            r"(?P<who>you|i|we)(?P<verb>(?= (?:have|need) to\b)|" + _VERBS + r")(?P<rest>\b.*)$")
""""(From here,) you'd...", "I have to...": who the statement is of, and its verb."""
_STEPS = frozenset({"can", "could", "should", "must", "would", "will", "do"})
"""How the speaker says a step of its own it checks ("I can step...", "I'd come to...", "I have
to go through..."), not a report of itself ("I was told...")."""
_PRESUMING = re.compile(r"^you(?:'ll| will|'d| would|'re| are)(?: not|n't)? (?:be [a-z]+ing|going to|[a-z]+ing)\b")
""""You'll be putting your name down, won't you?", "you're not taking the day off, are you?":
what the NPC means to do, which the reading asks as it stands (:mod:`.aims`)."""
_SAY_NO = re.compile(r"^ (?:say no to|mind|object to|refuse) (?P<deed>[a-z]+ing)\b")
""""You won't say no to selling Sable that lute, will you?": the deed is asked for."""
_CLEFT = re.compile(r"^it(?:'s| is) (?P<what>[a-z' ]+?) "
                    r"(?P<rest>(?:that |who )?(?:you|you're|you've|you'd|you'll)\b.*)$")
""""It's Ines you'd pick as your best mate, isn't it?": is it Ines...?"""


def as_yes_no(line: str) -> str:
    """``line`` as the yes/no question its tag asks ("you're new here, aren't you?" -> "are
    you new here?"), when it is a statement about the one spoken to or the speaker's own next
    step; else unchanged."""
    text = line.strip().lower().replace("\u2019", "'")
    tag = _TAG.search(text)
    if tag is None or not text.rstrip().endswith("?"):
        return line
    claim = re.split(r"[.!?;]\s+", text[:tag.start()].strip(" ,"))[-1]
    claim = claim[_LEAD.match(claim).end():].strip(" ,")
    if match := _CLEFT.match(claim):
        return f"is it {match['what']} {match['rest']}?"
    match = _SUBJECT_FIRST.match(claim)
    if match is None or _PRESUMING.match(claim) or len(match["rest"].split()) < 2:
        return line  # "..., you don't agree, do you?" points back at what was said before
    who, verb, rest = match["who"], match["verb"], match["rest"]
    if who == "you" and ("n't" in verb or " not" in verb) and rest.startswith((" have ", " know ")):
        return line  # "you wouldn't have a herring, would you?": a doubt that asks it, read as it stands
    if who != "you" and ASKED_BY.get(verb, "do") not in _STEPS:
        return line  # "I was told you'd know - is that right?": no step of the speaker's own
    if verb in (" won't", " will not", " wouldn't", " would not") and (deed := _SAY_NO.match(rest)):
        return f"would you {plain_verb(deed['deed'])}{rest[deed.end():]}?"  # "you won't say no to selling..."
    if ASKED_BY.get(verb) == "will":  # "you'll have the total in your head, won't you?": a guess, no request
        return f"is it true {claim}?"
    asked = f"do {who}{rest}" if not verb else f"{ASKED_BY[verb]} {who}{rest}"
    if verb in ("'ve", " have") and rest.startswith(" no "):
        asked = f"have {who} any {rest[4:]}"  # "you've no test lined up" -> "have you any test lined up"
    return f"{asked}, {match['start'].strip(' ,')}?" if match["start"] else f"{asked}?"
