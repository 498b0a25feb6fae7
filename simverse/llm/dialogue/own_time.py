"""How long the NPC has been what it is, where its persona says so ("twenty years on the
job", "on her third day"): a question of how long about the NPC is answered with that
phrase. Where the persona gives no span of time, the other answers speak (most often "I
don't know"): how long someone has been at something is not guessed from their role. When
something of the NPC's own is asked ("when's your race?", "by when must your article be in?"),
the persona's time for it answers, else the goal that says by when."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, word_form_set, word_forms
from simverse.llm.dialogue.aims import as_own
from simverse.llm.dialogue.heard import capital
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.roles import other_time

_ASKED = re.compile(r"\bhow long (?:have|has|had|you|it)\b"
                    r"|\bhow many (?:years|yrs|months|weeks|days) (?:have|has|on|in|at|here|now|doing)\b"
                    r"|\bbeen (?:[a-z]+ ){0,5}(?:long|a while|for ages)\b"
                    r"|\bare you (?:still |fairly |pretty |quite |rather |very |a bit |kind of )?new\b"
                    r"|\b(?:years|ages|decades) (?:behind|under) (?:you|your belt)\b"
                    r"|\bsince (?:long|when|many|how long|a long time|much time)\b"
                    r"|\b(?:length|years|time) (?:of|in) (?:service|the job|the post|the trade)\b"
                    r"|\bhow (?:many (?:years|yrs|months|weeks|days) of|much) (?:experience|service)\b"
                    r"|\bwhat (?:day|week|month|year) (?:of (?:[a-z']+ ){1,3})?(?:are|is) (?:you|it) (?:on|in)\b"
                    r"|\byou (?:must|can not|cannot|could not|would|will|have|had)(?: not)?(?: have)? been "
                    r"(?:[a-z]+ ){0,4}?(?:for )?(?:(?:more|less|over|under|longer|fewer) (?:than )?)?"
                    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|a few|several|many"
                    r"|\d+) (?:years?|months?|weeks?|days?)\b")
""""How long have you been a guard?", "been doing this job long?", "are you new here?", as
learners say it, "you work here since long?", and as a guess to confirm, "you can't have
been guarding it more than five years, surely?"; "how many years of experience do you have?" and
"what day of your training are you on?" ask it too."""
_NOT_SINCE = re.compile(r"\b(?:will|going to|until|till|left|more(?! than)|ago)\b")
"""A span still to come or a date asked ("how long will you stay?") is not one already spent."""
_SPAN = re.compile(r"\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                   r"forty|fifty|a few|several|many|\d+) (?:years?|months?|weeks?|days?)"
                   r"|(?:first|second|third|fourth|fifth|sixth|seventh) (?:day|week|month|year))\b", re.IGNORECASE)
_PIECE = re.compile(r"[:;,.]")


def span_asked(r: Reading, persona: str = "") -> bool:
    """Whether the line asks how long the NPC (or something of its own) has been so, the
    "you" left out as chat does ("been here long?") or a thing its persona dates named
    instead ("how many weeks now, that cough?")."""
    to_you = bool({"you", "your"} & set(r.words)) or (r.body or r.words)[:1] == ("been",)
    asked = bool(_ASKED.search(r.text)) or _clipped_span(r)
    return asked and not _NOT_SINCE.search(r.text) and (to_you or _dated_named(r, persona))


_CLIPPED = re.compile(r"(?:^| )(?P<before>[a-z]+ )?(?:years|months|weeks|days) (?:now|so far|already)$")
_COUNTED = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "few", "many",
                      "several", "some", "couple", "twenty", "thirty", "for"})


def _clipped_span(r: Reading) -> bool:
    """"The cough: weeks now?": a span asked with only its unit, no number before it."""
    match = _CLIPPED.search(r.text) if r.raw.rstrip().endswith("?") else None
    before = (match["before"] or "").strip() if match else ""
    return match is not None and not before.isdigit() and before not in _COUNTED


def _dated_named(r: Reading, persona: str) -> bool:
    """Whether a word of the line (four letters or more) is in a piece of the persona that
    says a span of time: "that cough" where the persona has "a cough that has lasted three weeks"."""
    pieces = [piece for piece in _PIECE.split(persona.lower()) if _SPAN.search(piece)]
    dated = {w for piece in pieces for w in re.findall(r"[a-z]{4,}", piece)}
    return bool(dated & set(r.words) - {"many", "long", "years", "months", "weeks", "days", "have", "been"})


def own_span(req: DecisionRequest, r: Reading) -> str | None:
    """Where the line asks how long, the phrase of the NPC's persona that says a span of time,
    said in the first person ("I'm a trainee agent on my third day."), or None."""
    return persona_said(req, _SPAN) if span_asked(r, req.persona) else None


_WHEN = re.compile(r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tonight|tomorrow"
                   r"|this (?:morning|afternoon|evening|week|weekend)|next (?:week|month|year)"
                   r"|at (?:sunset|sunrise|dawn|dusk|noon|midnight)|by (?:lunchtime|noon|nightfall|tonight))\b",
                   re.IGNORECASE)
"""A time said in a persona ("wants to race on Sunday", "must be back by lunchtime")."""


def own_when(req: DecisionRequest, r: Reading) -> str | None:
    """Where the line asks when something of the NPC's own is ("when is your big race?",
    "which day are you hoping to race?"), the piece of its persona that names it and says
    when, in the first person; else None."""
    if not _when_asked(r) or not {"your", "you"} & set(r.words):
        return None
    asked = {w for w in word_forms(r.text) if len(w) > 3} - FUNCTION_WORDS
    return (persona_said(req, _WHEN, asked) if asked else None) or _goal_due(req, r, asked)


_GOAL_TIME = re.compile(r"\b(?:by|before|until|till) (?!(?:anyone|anybody|someone|somebody|everyone|he|she|it|they|i|we"
                        r"|you|his|her|its|their)\b)(?:the )?[a-z]+|\b(?:today|tonight|tomorrow)\b")
"""A goal that says by when ("file a story by evening", "gather herbs before the frost"), not
one said before someone does something ("put it back before anyone notices")."""
_DEADLINE = re.compile(r"\b(?:due|deadline|hand(?:ed)? in|file[ds]?|submit(?:ted)?|finish(?:ed)?|done|ready"
                  r"|must|have to|has to|need to|needs to|got to)\b")
"""Words that ask by when something is due ("when must the article be handed in?")."""
_DUE_YOU = re.compile(r"\b(?:must|have|has|need|got) (?:you|ya|u)\b|\b(?:are|were) (?:you|ya|u) due\b"
                      r"|\b(?:you|ya|u) (?:must|have to|need to|have got to|got to|are due)\b")
""""When must you be back?", "when are you due?": the NPC's own deadline asked."""
_PAST = re.compile(r"\b(?:did|had|was|were) (?:you|ya|u)\b|\b(?:you|ya|u) (?:had|did|were)\b")
""""What hour did you have to get up?": a time gone by, no deadline."""


def _goal_due(req: DecisionRequest, r: Reading, asked: set[str]) -> str | None:
    """"By when must your article be handed in?": the goal that says by when, where it shares
    a word with the line or is the only one that says a time and the line asks when it is due."""
    yours, due = not {"your", "yours"}.isdisjoint(r.words), _DUE_YOU.search(r.text) is not None  # "that story of yours"
    clocked = r.wh == "when" or r.has("what time", "what hour")  # not "which year group do you teach?"
    if not (yours or due) or not clocked or r.has("since") or other_time(r) or _PAST.search(r.text):
        return None  # "when's the festival, do you know?" asks of the festival; "what hour did you have to..."
    timed = [g for g in req.goals if _GOAL_TIME.search(g)]
    sharing = [g for g in timed if asked & word_form_set(g)] if yours else []
    chosen = sharing[:1] or (timed if len(timed) == 1 and (due or _DEADLINE.search(r.text)) else [])
    return f"I mean to {as_own(chosen[0], req)}." if chosen else None


def _when_asked(r: Reading) -> bool:
    """"When...?", or "which day...?", "what time...?": a time asked for."""
    if r.wh == "when":
        return True
    at = r.words.index(r.wh) if r.wh in r.words else -1
    return r.wh in ("which", "what") and 0 <= at < len(r.words) - 1 and r.words[at + 1] in _TIME_NOUNS


_TIME_NOUNS = frozenset({"day", "date", "time", "hour", "week", "month", "year", "night", "evening", "morning"})


def persona_said(req: DecisionRequest, words: re.Pattern[str], sharing: set[str] | None = None) -> str | None:
    """The first piece of the NPC's persona (between commas, colons and full stops) that
    ``words`` finds (and that has a word of ``sharing``, where given), as the NPC says it of
    itself ("I'm a retired bus driver..."), or None."""
    for piece in _PIECE.split(req.persona):
        if words.search(piece) and (sharing is None or sharing & word_form_set(piece)):
            said = as_own(piece.strip(), req)
            first = said.split(" ", 1)[0].lower()
            return f"I'm {said[:1].lower()}{said[1:]}." if first in ("a", "an", "the") else f"{capital(said)}."
    return None
