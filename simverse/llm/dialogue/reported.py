"""Questions said as statements: what the speaker was told, gathers or is looking for,
with the unknown left open ("I was told somebody round here bakes the bread", "I gather
you know when the festival starts", "I hear there's somewhere to get a drink", "I'm
looking for whoever mends the nets"), or a fragment ("hot food nearby?"). Said again as
the question they ask, so the rest of the reading answers them as any question; a report
that says who or what ("I heard the mayor spent the fund") is news and stays as it is, but
one about how the one asked stands with someone or what it is after ("I understand the
loud boy is one of yours") is theirs to confirm. "Which of you handles the phones?" asks who.
Plain English, no world's words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from simverse.core.decisions import NameView
from simverse.core.names import FUNCTION_WORDS, word_forms, word_set
from simverse.llm.dialogue.aims import goal_asked
from simverse.llm.dialogue.bonds import bond_asked
from simverse.llm.dialogue.name_asked import name_of_described
from simverse.llm.dialogue.question_order import in_question_order
from simverse.llm.dialogue.reading import AUX, WH, read

_TOLD = (r"(?:i (?:was|have been|'ve been|got) told|i(?:'ve| have)? heard|i hear|i gather|i understand|i believe"
         r"|i(?:'m| am) told|apparently|they say|someone (?:said|says|told me|mentioned)|word is|rumour is)")
_OPENING = r"(?:(?:well|so|now|ok|okay|right|hi|hello|hey|excuse me|sorry)[,!.]?\s+)*"
_HEARD = _OPENING + _TOLD + r"(?: that)?\s+"
_SOMEONE = re.compile(r"^" + _HEARD + r"(?:there(?:'s| is) )?(?:somebody|someone|some one|one of you|a person|a fella|"
                      r"a lady|a bloke|a guy|a woman|a man)(?: (?:round|around|in|over|out) (?:here|there)| here"
                      r"| in this [a-z]+)?(?: who)? (?P<rest>(?!said\b|says\b|told\b|is coming\b)[a-z].*)$",
                      re.IGNORECASE)
_YOU_KNOW = re.compile(r"^" + _HEARD + r"you(?:'d| would| might)? know (?P<wh>when|where|who|what|how|why|which)\b"
                       r"(?P<rest>.*)$", re.IGNORECASE)
_BET_YOU_KNOW = re.compile(r"^(?:[a-z]+,\s+)?" + _OPENING + r"(?:i )?(?:bet|(?:i'm|i am|im) sure|surely|no doubt|reckon"
                           r"|i'd say|i expect)\s+(?:ya|you|u|ye)(?:'d| would| will| can| could| must| might| do)?\s+"
                           r"(?:know|tell me|say)\s+(?P<wh>when|where|who|what|how|why|which)\b(?P<rest>.*)$",
                           re.IGNORECASE)
""""Bet ya know who patches up the canvases", "surely you'd know who's handing out quests":
the speaker's guess that the one asked knows, which asks it."""
_A_PLACE = re.compile(r"^" + _HEARD + r"there(?:'s| is) (?:a|some|one) (?:place|spot|shop|stall|room|where|somewhere)"
                      r"(?: (?:round|around|near|close to) here| nearby| here)? (?:to|where|that|for|you can|i can)"
                      r"(?: you can| i can)? (?P<rest>[a-z].*)$", re.IGNORECASE)
_SEEKER = r"(?:i(?:'m| am) |i was |i )?"
_SEEKING = r"looking for|after|trying to find|hunting for|searching for|hoping to find"
"""How the speaker says it seeks something ("I'm looking for", "I was hoping to find")."""
_LOOKING = re.compile(r"^(?:.*?\bbut |.*?[,;:.]\s+)?" + _SEEKER + r"(?:" + _SEEKING + r"|wanting|seek|seeking)\s+"
                      r"(?:whoever|the (?:person|one|fella|lady|bloke) who|someone who|somebody who|anyone who"
                      r"|anybody who)\s+(?P<rest>[a-z].*)$", re.IGNORECASE)

_PLACE_WANTED = re.compile(r"^(?:.*?[,;:.]\s+)?" + _SEEKER + r"(?:" + _SEEKING
                           + r"|need|could do with|could use|would like)\s+"
                           r"(?:somewhere|someplace|a place|a spot|anywhere)(?: (?:round|around|near) here| nearby)?"
                           r" (?:(?P<which>that|which|where) |to |(?:i|we) can )(?P<rest>[a-z].*)$", re.IGNORECASE)
""""I was hoping to find somewhere to sit", "I need somewhere that does hot drinks": where such
a place is, asked as a need."""
_ABOUT_YOU = re.compile(r"^(?:.*?[,;:.]\s+)?" + _OPENING + r"(?:" + _TOLD + r"|i(?:'m| am|m) guessing|i guess"
                        r"|i reckon|i bet|i take it|i suppose|i imagine|i presume|i assume)(?: that)?\s+"
                        r"(?P<rest>.*\b(?:you|your|yours|yourself|ur|u)\b.*)$", re.IGNORECASE)
"""A report or guess about the one spoken to ("I understand the boy with the gossip is one
of yours", "I'm guessing you're saving for something big"): theirs to confirm, not news."""

_NOT_THEM = r"(?!(?:i|we|you|u|ya|ye|me)\b)"
"""A word that is not the speaker or the one spoken to: "bram u keep asking me what..." passes nothing on."""
_NOT_YOU = r"(?!(?:i|we|you|u|ya|ye)\b)"
"""A word that is not the speaker or the one spoken to as a subject ("the lady behind me" may pass a question on)."""
_PASSED_ON = (r"(?:(?:(?:wants|wanted|would like|'d like|needs|needed|is keen|is dying|is desperate) to know"
              r"|asking|wondering|wondered|asked|curious|puzzled|(?:(?:keeps?|kept) )?(?:on at|asking|nagging|pestering"
              r"|bugging|badgering|quizzing))(?: (?:me|us))?"
              r"|(?:sent|told|begged|made|got|wants|wanted|would like|'d like|needs) (?:me|us)"
              r"(?: (?:over|down|along|round|up|here))?(?= (?:to|and|promise) ))"
              r"(?: (?:(?:to|and)(?: come and)?|promise (?:i'd|i would|to)) (?:check|find out|see|ask(?: you)?|confirm"
              r"|make sure|work out|learn|hear)(?: with you)?)?(?: about)?")
"""How a question is passed on: "is asking whether", "sent me to ask what", "keeps on at me
to find out what", "made me promise I'd ask who", "is curious which"."""
_RELAYED = re.compile(r"^" + _OPENING + r"(?:[a-z'.]+(?: [a-z'.]+)?,\s+)?"  # "Greta, my uncle's asking who..."
                      rf"{_NOT_THEM}(?:[a-z']+ {_NOT_YOU}){{0,6}}[a-z']+?(?:'s)? "  # "the lady behind me wants to..."
                      r"(?:(?:is|was|are|were|has been|have been|been|keeps|kept) )?" + _PASSED_ON + r"\s+"
                      r"(?P<wh>whether|if|when|where|who|what|how|why|which)\b\s*(?P<rest>.+)$", re.IGNORECASE)
""""A patient is asking whether the doctor has a slot", "my friend wants to know where the
chapel is": a question passed on from someone else, asked as the speaker's own; not one that
asks the NPC to do something ("she's asking if you could...")."""
_WONDERING = re.compile(r"^" + _OPENING + r"(?:[a-z'.]+(?: [a-z'.]+)?,\s+)?(?:"
                        r"i(?:'m| am| was|m)(?: (?:so|really|just|a bit|rather|quite))? (?:curious|puzzled|intrigued)"
                        r"(?: (?:to know|about))?"
                        r"|(?:i(?:'d| would)(?: (?:really|so|just))? (?:like|love)"
                        r"|i(?:'ve| have) been (?:trying|meaning|wanting|dying)"
                        r"|it(?:'d| would) be (?:nice|good|great|lovely|interesting|useful)) to"
                        r" (?:know|hear|understand|learn|find out|work out|figure out)"
                        r"|i(?:'ve| have)? (?:quite |completely |clean )?(?:forgotten|forgot|forget)"
                        r"|i (?:can't|cannot|can not|don't|do not) (?:quite )?(?:remember|recall)"
                        r"|(?:i (?:don't|do not|dont) (?:really )?know|i dunno)"
                        r"(?=\s+(?:what|where|who|when|which|whether|if)\b))"
                        r"\s+(?P<wh>whether|if|when|where|who|what|how|why|which)\b\s*(?P<rest>.+)$", re.IGNORECASE)
""""I'm curious who you're keen to keep smiling", "I'd like to understand what you saw",
"I've been trying to work out what you're digging for", "I've forgotten what he's called", "I
dunno what it's for": the speaker's own question, said as a wish to know, as something
forgotten or as something not known ("I don't know how you stay so calm" admires, not asks)."""
_CLAIMED = re.compile(r"^" + _OPENING + r"(?:[a-z'.]+(?: [a-z'.]+)?,\s+)?(?:"
                      r"(?:the )?(?:word|rumour|rumor|talk)(?: [a-z']+){0,4} is|rumou?r has it|" + _TOLD + r"|"
                      rf"{_NOT_THEM}(?:[a-z']+ {_NOT_YOU}){{0,6}}[a-z']+ (?:says|said|swears|swore|reckons|claims"
                      r"|claimed|insists|insisted|thinks|tells me|told me|mentioned|bet me|bets me|is saying"
                      r"|keeps saying))"
                      r"(?: that)?\s+(?P<claim>[a-z].+)$", re.IGNORECASE)
""""A boy at the gate swears you overheard...", "word in the lobby is that...": a claim
heard from someone, which a follow-up ("Is that true?") asks the one spoken to to confirm."""
_CHECKING = re.compile(r",? (?:and|so) (?:[a-z']+ ){0,5}(?:check|ask|confirm)(?: (?:it|that))?(?: with)? you\b.*$",
                       re.IGNORECASE)
""""..., and she's made me come and check with you": a claim brought to be checked."""
_FOLLOW_UP = word_set("true right correct so really help out answer report back say tell think reckon idea ideas yet "
                      "between one then just sure know thoughts well eh explain break down clarify")
"""Words of a short question that points back at what was said before it ("Is that true?",
"Will you?", "Just between us?", "How should I answer?", "Can you break it down?") and asks
nothing of its own."""
_LAST_SENTENCE = re.compile(r"(?<=[a-z][.!;])\s+(?=[A-Za-z])")
"""Where a sentence ends and the next begins ("My dad works mornings. He asked me to check...")."""
_ASKS_TO_ACT = re.compile(r"^(?:you|u) (?:could|would|can|will|might|mind)\b"
                          r"(?! (?:get|buy|find|have) (?!me\b|us\b|him\b|her\b|them\b|one\b))", re.IGNORECASE)
""""She's asking if you could fetch her a coffee": a request passed on, not a question ("...
whether you can get anything to eat in here" asks where one can)."""


def people_in(said: str, topics: list[str], names: Mapping[str, NameView], strict: bool = False) -> list[str]:
    """The ``topics`` less the people ``said`` (a line as the question it asks) does not name,
    by name or as the world's index finds them ("the doctor"): "Miss Arden wants to know
    what you're doing" asks nothing of Miss Arden. ``strict``: less anything else it does
    not name too ("the stall-keeper who sells rope, what's she called?": not the market)."""
    find = getattr(names, "find", None)
    found = set(find(said)) if find is not None else set()
    words = set(word_forms(said))
    return [m for m in topics if m not in names or (names[m].kind != "npc" and not strict) or m in found
            or set(word_forms(names[m].name)) & words]


def as_question(line: str) -> str:
    """``line`` said as the question it asks when it is a report with the unknown left open
    ("I was told somebody here bakes the bread" -> "who bakes the bread?"), else unchanged."""
    said = line.strip()
    body = said.rstrip(" .!?")
    if (match := _NEARBY.match(said.lower())) and not set(read(match["what"]).words) & _ASKING_WORDS:
        return f"where is {match['what']} nearby?"
    if match := _WHICH_OF_YOU.search(said):
        return f"{said[:match.start()]}who{said[match.end():]}"  # "which of you handles the phones?"
    if (match := _MAY_I_ASK.search(said)) and "?" not in said[:match.start()] and not _ASKS_TO_ACT.match(match["rest"]):
        return asked_in_order(match["wh"].lower(), match["rest"].rstrip(" ?.!"))  # "may I ask what you think of me?"
    if match := _TELL_ME_THE.search(body):
        return f"which {match['noun']} is it {match['rel']}{match['rest']}?"  # "tell me the batch that's been recalled"
    if match := _NAME_ME.match(body):
        return f"which is {match['rest']}?"  # "name me one true friend you have"
    colon = said.rfind(": ")
    if colon > 0 and said.endswith("?") and "?" not in said[:colon] and (
            read(asked := said[colon + 2:]).opens or _CHECKING_LEAD.search(said[:colon])):
        return asked  # "Question from my other half: are you after...?", "Let me check: the cafe's upstairs?"
    if asked := name_of_described(said):
        return asked  # "the lad who mends your nets, what's he called?"
    if said.endswith("?"):
        return _followed_up(said) or line  # already asks in its own words, or points back
    if match := _SOMEONE.match(body):
        return f"who {match['rest']}?"
    if match := _YOU_KNOW.match(body) or _BET_YOU_KNOW.match(body):
        return f"{match['wh']}{match['rest']}?"
    if match := _A_PLACE.match(body):
        return f"where can i {match['rest']}?"
    if match := _LOOKING.match(body):
        return f"who {match['rest']}?"
    if match := _PLACE_WANTED.match(body):
        return f"where is somewhere {match['which']} {match['rest']}?" if match["which"] else (
            f"where can i {match['rest']}?")
    if asked := _passed_on(body):
        return asked
    if (checked := _CHECKING.search(body)) and (match := _CLAIMED.match(body[:checked.start()])):
        return f"is it true {match['claim']}?"
    if (match := _ABOUT_YOU.match(body)) and _only_yours(asked := f"is it true {match['rest']}?"):
        return asked
    return line


_WHICH_OF_YOU = re.compile(r"\bwhich (?:one )?of (?:you|u|ya|ye)(?: lot| all| two| guys| folks)?\b(?= [a-z]+s\b)",
                           re.IGNORECASE)
""""Which of you handles the phones?": who, among those spoken to, does it (not "which of you
do I pay?", where the verb that follows is not the one asked about's)."""
_NEARBY = re.compile(r"^(?:(?:any|some|a|an)\s+)?(?P<what>(?!(?:(?:any|some)\s+)?(?:news|gossip|trouble|rumou?rs?|word"
                     r"|going on|happening)\b|(?:any|some|no|every)(?:thing|one|body)\b)[a-z][a-z' -]*?)"
                     r"\s+(?:nearby|near here|close by|around here|round here|about here)\?")
""""Hot food nearby? starving", "any chemist round here?": what is looked for near here, said
as a fragment that ends in a question mark (news asked for, "anything happening round
here?", is no place)."""
_ASKING_WORDS = frozenset({*AUX, *WH, "you", "i"})
"""Words that make what comes before "round here?" a question of its own, not a thing looked for."""


def _passed_on(body: str) -> str | None:
    """The question a statement passes on or wishes answered ("my wife sent me to ask what
    a coil of rope goes for" -> "what a coil of rope goes for?"), or ``None``."""
    last = _LAST_SENTENCE.split(body)[-1]
    match = _RELAYED.match(body) or _RELAYED.match(last) or _WONDERING.match(body) or _WONDERING.match(last)
    if match is None or (_ASKS_TO_ACT.match(match["rest"]) and not _EITHER_OR.search(match["rest"])):
        return None
    wh, rest = match["wh"].lower(), _OWN_AFTERTHOUGHT.sub("", SENTENCE_END.split(match["rest"])[0]).rstrip(" .!;")
    return asked_in_order(wh, rest)


def asked_in_order(wh: str, rest: str) -> str:
    """An embedded question put in question order (:func:`.question_order.in_question_order`):
    "what you're up to" -> "what are you up to?", "whether ..." -> "is it true ...?"."""
    if wh in ("whether", "if"):
        return f"is it true {rest}?"
    rest = in_question_order(rest)
    return f"{wh}{rest}?" if rest.startswith("'") else f"{wh} {rest}?"  # "what's happening", not "what 's"


def _followed_up(said: str) -> str | None:
    """A statement that passes a question on or reports a claim, then a question of its
    own ("Bea wants to know if she can keep sending refunds. Is there money left?") or one
    pointing back at it ("Tomas says you're saving for something. Will you?"): the question
    passed on, with the follow-up when it asks something of its own; the claim asked to be
    confirmed; ``None`` for any other line."""
    sentences = SENTENCE_END.split(said)
    if len(sentences) < 2 or any(s.endswith("?") for s in sentences[:-1]):
        return None
    head, tail = " ".join(sentences[:-1]).rstrip(" .!;"), sentences[-1]
    words = word_forms(_VOCATIVE_END.sub("", tail))
    points_back = set(words) <= FUNCTION_WORDS | _FOLLOW_UP and (
        not words or words[0] not in WH or bool(set(words) & _FOLLOW_UP))  # "Which one...?", not "Where was it?"
    if asked := _passed_on(head):
        return asked if points_back else f"{asked} {tail}"
    if points_back and (match := _CLAIMED.match(_CHECKING.sub("", head))):
        return f"is it true {match['claim']}?"
    return None


_CHECKING_LEAD = re.compile(r"\b(?:check|confirm|clear|straight|correct me|am i right|make sure|got this right)\b",
                            re.IGNORECASE)
"""A lead-in that says the speaker checks what follows ("Let me check I've got this right: ...")."""
_MAY_I_ASK = re.compile(r"\b(?:(?:do|would) you mind if i|mind if i|may i|can i|could i|might i)(?: just| please)?"
                        r"(?: [a-z]+ly)? (?:ask|enquire|inquire)(?: (?:of )?you)?"
                        r"(?: (?:something|a question|one thing))?[,:]?\s+"
                        r"(?P<wh>whether|if|when|where|who|what|how|why|which)\b\s*(?P<rest>[^?]+)", re.IGNORECASE)
""""Do you mind if I ask what you think of me?", "may I ask where you're from?": leave to ask
is no order; the question asked is the one after it."""
_TELL_ME_THE = re.compile(r"(?:^|[,;:.]\s+)(?:(?:please|so|now|ok|okay|just)\s+)?(?:tell|remind) me,?"
                          r" (?:please,? )?the (?P<noun>[a-z]+) (?P<rel>that|which|who|whose)\b(?P<rest>.+)$",
                          re.IGNORECASE)
""""In case my kettle is affected, tell me the batch that's been recalled": which one, asked."""
_NAME_ME = re.compile(r"^(?:[a-z'.]+(?: [a-z'.]+)?,\s+)?(?:(?:go on|come on|please|so|now|ok|okay)[,!]?\s+)?"
                      r"(?:name|list) (?:me |for me )?(?P<rest>(?:one|a|an|any|some|the|your) .+)$", re.IGNORECASE)
""""Name me one true friend you have": which one is, asked."""
_EITHER_OR = re.compile(r"\bor (?:need|needs|have|has|must|do|does|is|are|will|would|should|not)\b", re.IGNORECASE)
"""Whether "you can hand back 120 coins yourself or need somebody to OK it" asks which, not
for a deed."""
_OWN_AFTERTHOUGHT = re.compile(r",? (?:and|but|so) (?:i|i'm|i've)\b.*$", re.IGNORECASE)
""""..., and I couldn't remember": what the speaker adds of itself after the question it passes on."""
SENTENCE_END = re.compile(r"(?<=[a-z0-9'][.!?;])\s+(?=[A-Za-z])")
"""Where a sentence ends and the next begins ("... by heart. Tell me ...")."""
_VOCATIVE_END = re.compile(r",\s*[A-Za-z]+\W*$")
"""A name said last ("..., Brakka?"), left out when what a follow-up asks is weighed."""


def _only_yours(question: str) -> bool:
    """Whether a question asks what only the one asked can confirm: how it stands with
    someone, or what it is after (a report of anything else may be news to it)."""
    said = read(question)
    return bond_asked(said) or goal_asked(said)
