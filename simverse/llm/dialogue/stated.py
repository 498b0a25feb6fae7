"""Asks said as a statement or an order instead of a question: an order to tell ("tell me
what a loaf costs", "walk me through your plans", "fill me in on Jonas"), a need to know
("I need to find out where the map is kept", "I'm trying to work out when the bell goes"),
something not known ("I've no idea what you're doing down here"), a need of one detail
("I need the name of your best friend") or of a place or thing ("looking for the chapel",
"I'm after a mug of ale"). Said again as the question or need they state, so the rest of
the reading takes them as any question or request. Plain English, no world's words.
"""

from __future__ import annotations

import re

from simverse.llm.dialogue.reported import as_question, asked_in_order

_VOCATIVE = r"(?:[a-z'.]+(?: [a-z'.]+)?,\s+)?"
"""A name or title said first ("Father Aldo, ...")."""
_SOFTENER = r"(?:(?:ok|okay|so|now|right|well|please|just|go on|come on)[,!]?\s+)*"

_TELL_ME = (r"(?:(?:tell|remind|show|teach) me|let me know|(?:fill|clue|catch) me in(?: on)?"
            r"|(?:walk|talk|run|take) me through|explain(?: to me)?|spell out|break down"
            r"|help me (?:understand|work out|figure out|see)"
            r"|(?:give|tell) me (?:the|a) (?:short|quick|rough|brief|long|full|whole|plain) (?:version|story|account"
            r"|rundown|picture|answer) (?:of|on|about))")
"""An order to be told ("tell me", "walk me through", "give me the short version of")."""
_WANT_TO_KNOW = (r"(?:i (?:need|want|have|got|must) to|i(?:'ve| have) got to|i(?:'d| would) (?:love|like) to"
                 r"|i(?:'m| am)(?: (?:really|just))? (?:trying|hoping|keen|dying|desperate|eager|anxious|here|out) to"
                 r"|i(?:'ve| have) been (?:trying|meaning|wanting|dying|hoping) to"
                 r"|it(?:'d| would) (?:help|be (?:nice|good|great|lovely|useful|handy)) to)"
                 r" (?:know|hear|find out|work out|figure out|understand|learn|check|get clear|be sure|pin down)")
"""A need or wish to know ("I need to find out", "I'm trying to work out", "it'd help to know")."""
_NOT_KNOWN = (r"(?:i(?:'ve| have)? (?:got )?(?:no|not the faintest|not the slightest|not a|not the first) (?:idea|clue"
              r"|notion)|no idea|not a clue|i(?:'m| am)? not (?:sure|certain|clear)(?: about)?"
              r"|i (?:can't|cannot|can not) (?:work out|figure out|tell|remember|recall|think)"
              r"|i(?:'m| am)?(?: (?:really|so|just|a bit|rather|quite))? curious(?: (?:to know|to hear|about))?"
              r"|i was hoping (?:you(?:'d| would| could| might| can)|to hear)(?: (?:tell me|know|say|explain))?)")
"""What the speaker does not know or wonders ("no idea", "I'm not sure", "curious")."""
_LEAD = re.compile(r"^" + _VOCATIVE + _SOFTENER + r"(?:" + _TELL_ME + "|" + _WANT_TO_KNOW + "|" + _NOT_KNOWN
                   + r")(?: (?:me|to me|for me|again|please|exactly|quickly|though))*,?\s+(?P<rest>[a-z].*)$",
                   re.IGNORECASE)
_WH = re.compile(r"^(?P<wh>whether|if|when|where|who|whose|what|how|why|which)\b\s*(?P<rest>.*)$", re.IGNORECASE)
_ABOUT = re.compile(r"^(?:(?:all|a bit|a little|something|more) )?(?:about|on|of|regarding) (?P<what>.+)$",
                    re.IGNORECASE)
_DETAIL = re.compile(r"^(?:the|your) (?P<detail>name|names|price|prices|cost|way|route|time|times|date|day|hour"
                     r"|hours|age|job|trade|number|size|title|reason|plan|plans) (?P<rest>(?:of|to|for|at|from) .+)$",
                     re.IGNORECASE)
"""One detail of something ("the name of your friend", "the way to the square")."""
_NEED_DETAIL = re.compile(r"^" + _VOCATIVE + _SOFTENER + r"(?:i(?:'d| would) like|i need|i want|i(?:'m| am) after"
                          r"|i(?:'m| am) looking for|looking for|give me|tell me)\s+(?P<rest>(?:the|your) .+)$",
                          re.IGNORECASE)
_SOUGHT = re.compile(r"^" + _VOCATIVE + _SOFTENER + r"(?:(?:i(?:'m| am) |i was |am )?(?:looking for|trying to find"
                     r"|hunting for|searching for|in search of|on the hunt for|seeking)|(?:i(?:'m| am) |am )after)"
                     r"\s+(?P<what>(?!whoever\b|someone\b|somebody\b|anyone\b|somewhere\b|a place\b"
                     r"|the (?:person|one|place)\b)[a-z].*)$", re.IGNORECASE)
"""A place, person or ware sought ("looking for the chapel", "I'm after a mug of ale"); who does
something ("looking for whoever mends nets") and a place to do something are
:mod:`.reported`'s."""
_SENT_TO_ASK = re.compile(r"^" + _VOCATIVE + r"(?:[a-z']+ ){1,3}(?:said|says|told me|suggested|reckoned|sent me)"
                          r"(?: i should| to)? ask (?:you|u)(?: about| regarding)? (?P<what>[a-z].*)$", re.IGNORECASE)
""""Someone said to ask you about the fund": what is asked about, by another's word."""
_SENTENCES = re.compile(r"(?<=[a-z0-9'][.!;])\s+(?=[A-Za-z])")
_TO_VERB = re.compile(r"^to (?P<verb>[a-z]+)\b(?P<rest>.*)$", re.IGNORECASE)


def as_asked(line: str) -> str:
    """``line`` as the question it asks: a report or a wish to know said as a question
    (:func:`~.reported.as_question`), else a statement or order said as one."""
    asked = as_question(line)
    return asked if asked != line else stated_ask(line) or line


def stated_ask(line: str) -> str | None:
    """The question or need a statement or order states, or ``None`` where it states none;
    of several sentences the last is read ("Nell, it's Aldo. I'd like to know what you saw.")."""
    if "?" in line:
        return None
    body = _SENTENCES.split(line.strip())[-1].rstrip(" .!")
    return _asked(body) if body else None


def _asked(body: str) -> str | None:
    if match := _SENT_TO_ASK.match(body):
        return f"what about {match['what']}?"
    if match := _LEAD.match(body):
        return _clause_asked(body[:match.start("rest")], match["rest"])
    if (match := _NEED_DETAIL.match(body)) and (detail := _DETAIL.match(match["rest"])):
        return f"what is the {detail['detail'].lower()} {detail['rest']}?"
    if match := _SOUGHT.match(body):
        what = match["what"]
        return f"where is {what}?" if what.split()[0].lower() in _THE or what[0].isupper() else f"i need {what}"
    return None


_OWN_STATE = re.compile(r"^to (?:say|do|think|feel)\b", re.IGNORECASE)
"""What the speaker does not know of itself ("not sure what to say"): no question to the one spoken to."""
_OFFER = re.compile(r"\blet me know\b", re.IGNORECASE)
"""An offer's ending ("let me know if you need anything"): no question."""
_POINTING_BACK = frozenset({"it", "that", "this", "them", "him", "her", "those", "these"})
_THE = frozenset({"the", "your", "his", "her", "their"})
"""Words that make what is sought one place or person (where it is), not any of a kind (a ware wanted)."""


def _clause_asked(lead: str, rest: str) -> str | None:
    """What follows an order or wish to know (``lead``), as the question it asks."""
    if match := _WH.match(rest):
        wh, clause = match["wh"].lower(), match["rest"]
        if _OWN_STATE.match(clause) or clause.endswith(" about") or (wh in ("whether", "if") and _OFFER.search(lead)):
            return None  # "I'm not sure what to say", "let me know if you need anything"
        if (to := _TO_VERB.match(clause)) and wh not in ("whether", "if"):
            return f"{wh} do i {to['verb']}{to['rest']}?"  # "how to get to the square"
        return asked_in_order(wh, clause)
    if detail := _DETAIL.match(rest):
        return f"what is the {detail['detail'].lower()} {detail['rest']}?"
    if (match := _ABOUT.match(rest)) and match["what"].lower() not in _POINTING_BACK:
        return f"what about {match['what']}?"  # not "tell me about it!", which agrees
    if rest.split()[0].lower() in ("your", "the", "his", "her", "their", "my", "our"):
        return f"what about {rest}?"  # "walk me through your plans"
    return None

