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
from functools import lru_cache

from simverse.core.names import word_set
from simverse.llm.dialogue.question_order import in_question_order
from simverse.llm.dialogue.reported import SENTENCE_END, as_question, asked_in_order
from simverse.llm.dialogue.requesting import plain_verb

_VOCATIVE = r"(?:[a-z'.]+(?: [a-z'.]+)?,\s+)?"
"""A name or title said first ("Father Aldo, ...")."""
_SOFTENER = r"(?:(?:ok|okay|so|now|right|well|please|just|go on|come on)[,!]?\s+)*"

_DEMONSTRATED = r"[^.?!]*\bby (?:doing|showing|making|actually doing)\b"
"""Work shown, not told: "walk me through filling one by doing one now"."""
_TELL_ME = (r"(?:(?:tell|remind|show|teach) me|let me know|(?:fill|clue|catch) me in(?: on)?"
            r"|(?:walk|talk|run|take) me through(?! to\b)(?!" + _DEMONSTRATED + r")"
            r"|explain(?: to me)?|spell out|break down"
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
_WH = re.compile(r"^(?P<wh>(?:(?:by|at|from|for|with|in|on|to|until|till|since|about) )?(?:whether|if|when|where|who"
                 r"|whom|whose|what|how|why|which))\b\s*(?P<rest>.*)$", re.IGNORECASE)
"""The question word that opens an embedded question, with a preposition before it ("by what time")."""
_ABOUT = re.compile(r"^(?:(?:all|a bit|a little|something|more) )?(?:about|on|of|regarding) (?P<what>.+)$",
                    re.IGNORECASE)
_DETAIL = re.compile(r"^(?P<det>the|your|his|her|their) (?P<detail>name|names|price|prices|cost|way|route|time|times"
                     r"|date|day|hour|hours|age|job|trade|number|size|title|reason|plan|plans)"
                     r"(?P<rest>(?: .+)?)$", re.IGNORECASE)
"""One detail of something ("the name of your friend", "the way to the square", "the name the
class gave its hamster", "your plans")."""
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
_DETAILS_WANTED = re.compile(r"^" + _VOCATIVE + r"(?P<topic>(?:your|the|his|her|their|that|this) [^—–:;,]+?)"
                             r"\s*[—–:;,-]+\s*(?:i want|i'd like|i would like|i need|give me|tell me|let me have"
                             r"|let's have)"
                             r"(?: all)? (?:the |some )?(?:details|detail|facts|particulars|full story|whole story"
                             r"|lowdown|specifics)(?:[,:]? (?:of|on|about|such as|like|including|especially|down to"
                             r"|starting with|namely) (?P<rest>.+))?$", re.IGNORECASE)
""""Your cough — I want the details, such as how long it has troubled you": the thing named
first, then what of it is asked."""
_WHO_SOUGHT = re.compile(r"^" + _VOCATIVE + _SOFTENER + r"(?:point me (?:to|towards|at)|(?:i(?:'m| am) )?looking for"
                         r"|i need|tell me|name)\s+(?P<who>the (?:person|one|man|woman|lady|fellow|member|colleague"
                         r"|friend|teacher|kid|child|boy|girl|pupil|student)\b.+)$", re.IGNORECASE)
""""Point me to the person on the staff you'd most like to learn from": who that is."""
_BID = re.compile(r"^" + _VOCATIVE + _SOFTENER + r"(?:i(?:'d| would) (?:like|love|want)(?: for)? you to|i (?:want|need)"
                  r" you to|go ahead and|(?:it )?(?:'d|would) be (?:great|lovely|nice|good|brilliant|wonderful|perfect"
                  r"|ideal|helpful|handy|super|grand) if you(?: could| would|'d)?)\s+(?P<verb>[a-z]+)\b(?P<rest>.*)$",
                  re.IGNORECASE)
""""I'd like you to walk me to the square", "go ahead and mark those papers", "it would be great
if you baked more": an order said as a wish."""
_NOT_DEEDS = word_set("know understand realise realize remember think believe see hear be feel meet not")
"""Verbs after a wish that ask nothing done ("I want you to know...")."""
_SENT_TO_ASK = re.compile(r"^" + _VOCATIVE + r"(?:[a-z']+ ){1,3}(?:said|says|told me|suggested|reckoned|sent me)"
                          r"(?: i should| to)? ask (?:you|u)(?: about| regarding)? (?P<what>[a-z].*)$", re.IGNORECASE)
""""Someone said to ask you about the fund": what is asked about, by another's word."""
_TO_VERB = re.compile(r"^to (?P<verb>[a-z]+)\b(?P<rest>.*)$", re.IGNORECASE)


_ACCOUNT = (r"(?:(?:a|an|the|some|your) )?(?:(?:quick|brief|short|rough|full|high[- ]level|top[- ]line|proper"
            r"|little|fresh|latest|current) )*(?:status )?(?:update|rundown|run[- ]down|summary|overview|briefing"
            r"|debrief|recap|breakdown|run[- ]through|readout|read[- ]out|heads[- ]up|lowdown|low[- ]down|snapshot"
            r"|visibility|insight|context|intel|info|information|picture|steer)")
_TOLD_ON = re.compile(r"\b(?:(?:de)?brief me|update me|loop me in|bring me up to speed|get me up to speed"
                      r"|keep me posted|give me " + _ACCOUNT + r") (?:on|of|about|regarding|into|around|re)\b"
                      r"|\b(?:walk|talk|run) me through\b(?! to\b)(?!" + _DEMONSTRATED + r")"
                      r"|\b(?P<asker>(?:can|could|may|might) i (?:get|have|grab)) " + _ACCOUNT
                      + r" (?:on|of|about|regarding|into|around|re)\b", re.IGNORECASE)
"""Being told something, asked in the words of work ("debrief me on", "loop me in on", "give me
a quick status update on", "can I get visibility into", "can you walk me through"): said as "tell
me about" ("walk me through to the back" is a walk)."""


_THROUGH_THE_WAY = re.compile(r"\b(?:(?:can|could|would) you )?(?:walk|talk|run|take) me through (?:getting|going"
                              r"|finding my way|how (?:i|to) (?:get|go))\b", re.IGNORECASE)
"""The way asked as an account of it ("walk me through getting from your chapel to the tavern")."""


_REQUESTED = (
    (re.compile(r"\brequesting (?P<thing>(?:a|an|the|your|this|that|some) [a-z' ]+?) (?P<done>[a-z]+ed)\b(?P<rest>.*?)"
                r",? by you\b", re.IGNORECASE), lambda m: f"please {_plain_past(m['done'].lower())} "
                                                         f"{m['thing']}{m['rest']}"),
    (re.compile(r"\b(?:i(?:'m| am) )?requesting (?:that )?you (?:to )?(?=[a-z])", re.IGNORECASE), "please "),
    (re.compile(r"\b(?:i(?:'m| am) )?requesting (?=(?:the|your|his|her|their) (?:[a-z]+ )?(?:name|names|price|prices"
                r"|cost|way|route|time|times|date|day|age|job|number|title|reason)\b)", re.IGNORECASE),
     "tell me "),
    (re.compile(r"\bplease advise,? (?=(?:how|what|where|when|who|whom|whose|which|why|whether|if)\b)", re.IGNORECASE),
     "tell me "),
    (re.compile(r"\bwhat(?:'s| is) your status\b", re.IGNORECASE), "what are you doing"),
    (re.compile(r"(?:^|(?<=, ))name (?:me )?(?=(?:the|all the|every|each|your) [a-z])", re.IGNORECASE),
     "tell me "),
    (re.compile(r"(\btell me\b.*?),? for me(?=[,.?!]|$)", re.IGNORECASE), r"\1"),
    (re.compile(r"\bwhat number of\b", re.IGNORECASE), "how many"),
)
"""Asks in the formal words of a request or a report: "requesting you mend a net" -> "please mend a
net", "requesting a leaflet passed to Leah by you" -> "please pass a leaflet to Leah", "requesting the
name of ..." -> "tell me the name of ...", "please advise how long ..." -> "tell me how long ...",
"what's your status?" -> "what are you doing?", "name the things in the wing" -> "tell me the things in
the wing"; and a count asked formally, "what number of" -> "how many"."""


def _plain_past(done: str) -> str:
    """"Passed" -> "pass", "trimmed" -> "trim", "tidied" -> "tidy": the verb a past participle is of."""
    plain = plain_verb(done, ("ed",))
    if plain != done:
        return plain
    if done.endswith("ied"):
        return done[:-3] + "y"
    return done[:-3] if len(done) > 5 and done[-3] == done[-4] else done[:-2]


@lru_cache(maxsize=1 << 14)  # a line heard by several NPCs, and NPCs' own lines repeat
def briefed_plainly(line: str) -> str:
    """``line`` with any ask to be briefed said as "tell me about" ("can you debrief me on the
    deal" -> "can you tell me about the deal", "can I get an update on" -> "can you tell me
    about"), the way asked as an account said as "how do I get", so that no reader takes
    either for an order to act, and formal asks said plainly (:data:`_REQUESTED`)."""
    line = _THROUGH_THE_WAY.sub("how do i get", line)
    for pattern, plainly in _REQUESTED:
        line = pattern.sub(plainly, line)
    return _TOLD_ON.sub(lambda m: "can you tell me about" if m["asker"] else "tell me about", line)


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
    body = SENTENCE_END.split(line.strip())[-1].rstrip(" .!")
    return _asked(body) if body else None


def _asked(body: str) -> str | None:
    """What one sentence asks as a question or need, tried form by form (most specific first)."""
    if match := _SENT_TO_ASK.match(body):
        return f"what about {match['what']}?"
    if (match := _BID.match(body)) and match["verb"].lower() not in _NOT_DEEDS:
        return f"could you {plain_verb(match['verb'].lower(), ('ed',))}{match['rest']}?"  # "...if you baked more"
    if match := _WHO_SOUGHT.match(body):
        return f"who is {match['who']}?"
    if match := _DETAILS_WANTED.match(body):
        asked = _clause_asked("", match["rest"]) if match["rest"] and _WH.match(match["rest"]) else None
        return f"{match['topic']}, {asked}" if asked else f"what about {match['topic']}?"
    if match := _LEAD.match(body):
        return _clause_asked(body[:match.start("rest")], match["rest"])
    if (match := _NEED_DETAIL.match(body)) and (detail := _DETAIL.match(match["rest"])):
        return _detail_asked(detail)
    if match := _SOUGHT.match(body):
        what = match["what"]
        if _NAMED.search(what):
            return f"what is {what}?"  # "I'm looking for your favourite painter's name"
        return f"where is {what}?" if what.split()[0].lower() in _THE or what[0].isupper() else f"i need {what}"
    return None


_OWN_STATE = re.compile(r"^to (?:say|do|think|feel)\b", re.IGNORECASE)
"""What the speaker does not know of itself ("not sure what to say"): no question to the one spoken to."""
_OFFER = re.compile(r"\blet me know\b", re.IGNORECASE)
"""An offer's ending ("let me know if you need anything"): no question."""
_NAMED = re.compile(r"(?:'s|s') (?:name|names|price|age|address|number)$", re.IGNORECASE)
"""A detail sought by its holder's name ("your painter's name")."""
_POINTING_BACK = frozenset({"it", "that", "this", "them", "him", "her", "those", "these", "you", "yourself",
                            "yourselves", "me", "us"})
"""What "tell me about" may point at that is no thing asked ("tell me about it!", "... about yourself")."""
_THE = frozenset({"the", "your", "his", "her", "their"})
"""Words that make what is sought one place or person (where it is), not any of a kind (a ware wanted)."""


def _detail_asked(detail: re.Match[str]) -> str:
    """The question that asks one detail ("what is the name of ...", "what are your plans")."""
    noun = detail["detail"].lower()
    if noun == "number" and detail["rest"].startswith(" of "):
        return f"how many {in_question_order(detail['rest'][4:])}?"  # "the number of years you've worked here"
    return f"what {'are' if noun.endswith('s') else 'is'} {detail['det'].lower()} {noun}{detail['rest']}?"


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
        return _detail_asked(detail)
    if (match := _ABOUT.match(rest)) and match["what"].lower() not in _POINTING_BACK:
        return f"what about {match['what']}?"  # not "tell me about it!", which agrees
    if rest.split()[0].lower() in ("your", "the", "his", "her", "their", "my", "our"):
        return f"what about {rest}?"  # "walk me through your plans"
    return None
