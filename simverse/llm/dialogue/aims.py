"""What the NPC is after: a question about its own goals, hopes or reasons, asked in any
words ("what are you hoping for today?", "what brings you out here?", "what's got you so
keen?", "what would make it worth it for you?"), answered from its goals.

The cues are plain English words of wanting, aiming and motive (:data:`AIM_WORDS`,
:data:`AIM_PHRASES`), never a world's own words, and only in a question put to the NPC
("you"), about now (not "what did you want last year?"). With the embedder, the goal
closest to the line is said first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, singular, verb_forms, word_forms, word_set
from simverse.llm.dialogue.parts import SENTENCE_BREAK, clauses_of
from simverse.llm.dialogue.reading import YOU_WORDS, Reading, read
from simverse.llm.dialogue.roles import other_time

AIM_WORDS = word_set("hope hopes hoping hoped want wants wanting wish wishes wishing aim aims aiming goal goals "
                     "target targets keen eager plan plans planning dream dreams dreaming ambition ambitions "
                     "purpose motive reason mission determined saving praying intend intends intending intention "
                     "intentions objective objectives milestone milestones")
"""Words of wanting, aiming and motive (plain English; "what are you praying the doc says?"
hopes)."""
AIM_PHRASES = ("what brings", "what brought", "brings you", "brought you", "bring you", "worth it", "worthwhile",
               "trying to", "are you after", "you are after", "looking forward", "out to achieve", "set on",
               "what for", "in it for", "drives you", "keeps you going", "saving up for", "saving for",
               "holding out for", "keeping you up", "keeps you up", "somewhere to be", "go your way", "satisfy you",
               "settle for", "what is got you", "what has got you", "what is brought", "what has brought", "late for",
               "you are going for", "are you going for", "your game", "your angle", "you playing at",
               "are you chasing", "you are chasing", "are you gunning for", "you are gunning for",
               "are you angling for", "you are angling for", "trying your hardest to", "trying hard to",
               "trying so hard to", "doing your best to", "saving up to", "saving to buy", "your business here",
               "your business in", "business brings you", "got you down to", "got you in here", "got you out here",
               "got you over here", "your rule", "your rules", "your golden rule", "your principle",
               "your principles", "putting yourself forward", "put yourself forward", "building towards",
               "building toward", "working towards", "working toward", "you insist on", "you hold out for")
"""Phrases that ask what someone is after or why they came, or the rules they keep ("what's your rule
about ...?": a goal like "never discuss ...")."""
_PUT_BY = re.compile(r"\b(?:put|putting|puts|set|setting|tuck|tucking|stash|stashing|squirrel|squirrelling)\b"
                     r"(?: [a-z]+){0,3} (?:away|aside|by) (?:(?:is |are )?(?:meant|intended|earmarked) )?for\b")
""""Putting every coin away for something big?", "the money you're putting by meant for?":
saving, asked in other words."""
_SPENT_ON = re.compile(r"\bwhat (?:would|will|could|might) (?:you|ya) (?:buy|get|spend)\b(?: [a-z]+){0,4} (?:with|on)"
                       r"(?:$| (?:it|them|that|those|all|your|the money|the coins|the cash|the savings)\b)")
""""What would you buy with your savings?": what one would spend on is what one is after."""
_HURRY = re.compile(r"\b(?:the|such a) (?:[a-z]+ )?(?:hurry|rush)\b(?! hour)")
""""What's the massive hurry?": a reason asked of the one spoken to, without a "you"."""
_PLEASED = re.compile(r"\b(?:make|keep|leave) (?:you|yourself)\b(?: [a-z]+){0,5} (?:happy|glad|content|satisfied"
                      r"|proud|prouder|proudest)\b"
                      r"|\bwhat (?:would|will|could) make (?:[a-z]+ ){0,5}(?:for you|you)\b"
                      r"|\b(?:are|were) you (?:[a-z]+ )?after\b"
                      r"|\b(?:would|will|could) you be (?:[a-z]+ )?(?:happy|glad|content|satisfied|pleased) with\b"
                      r"|\b(?:let|help|make) you (?:sleep|rest) (?:easy|easier|better|sound|soundly|at night)\b")
""""What would make you walk out of here happy?", "what'd make today a win for you?", "what
are you actually after?", "which of them would make you proudest?", "what would let you
rest easy?": what would please one is what one is after."""
_WISHED = re.compile(r"^(?:if|say|suppose|supposing|imagine) (?:you|i) (?!had to\b|were to\b)(?:[a-z]+ ){0,2}?"
                     r"(?:could|had|came|won|got|were|found|struck|hit|made)\b"
                     r"(?: [a-z]+)*? (?:what|which|where)\b(?: [a-z]+){0,4}? (?:(?:would|will) (?:you|it|that)"
                     r"|you (?:would|will))\b"
                     r"|^(?:if|say|suppose|supposing|imagine) (?:[a-z]+ ){1,8}?(?:for|to) you\b(?: [a-z]+)*? "
                     r"(?:what|which)\b(?: [a-z]+){0,3}? (?:should|would|will|could) (?:it|that) be\b")
""""If you could pull off one brave thing today, what would it be?", "say you struck it rich,
what's the first thing you'd get?", "if the doctor does one thing for you today, what should it
be?": a wish asked as a supposition is what one is after ("if you had to guess, what
would...?" asks a guess)."""
_IDEAL_DAY = re.compile(r"\b(?:if|say|suppose|imagine) (?:today|tomorrow|the day|this week|things|everything|it all"
                        r"|work) (?:went|goes|turned out|worked out|ran) (?:[a-z]+ ){0,2}?(?:perfectly|perfect|well"
                        r"|right|smoothly|to plan|your way|brilliantly)\b(?: [a-z]+){0,3}? (?:what|how) (?:would|will"
                        r"|could) (?:that|it|things|the day|today) (?:look|be|go)\b")
""""If today went perfectly, what would that look like?": the day the one asked hopes for."""
_WHY_YOU = re.compile(r"^you (?:have been|had been|are|were|keep|kept|been) (?:[a-z]+ )?[a-z]+ing\b"
                      r".*\b(?:why|how come)$")
""""You've been eyeballing Pieter since sunrise, why?": the reason for what the one asked
is doing, asked after it."""
_WHAT_FOR = re.compile(r"^what (?:is it |is that )?(?:are )?you(?: are)? [a-z]+ing\b(?: [a-z]+){0,3} for\b")
""""What is it you're working so hard for?": what one does a thing for is what one is after."""
_CAME_FOR = re.compile(r"\bwhat (?:did|do|have) you (?:come|came)\b(?: [a-z]+){0,4} for\b"
                       r"|\bwhy (?:did|do|have|would) you (?:come|came)\b|\bwhy are you (?:here|around)\b"
                       r"|\bwhat are you (?:doing )?(?:here|around here|round here) for\b"
                       r"|\b(?:are you|you are) (?:here|in here|in|around) (?:about|for) "
                       r"(?!long\b|good\b|a while\b|the (?:day|night)\b)"
                       r"|\b(?:what|which)(?: [a-z]+){0,2} (?:has |have )?"
                       r"(?:brought|brings|got|gets|dragged|drags|drew|draws|sent|sends) you "
                       r"(?:in|here|out|round|down|up|over|along|this way)\b")
""""What did you come here for?", "why did you come to the market?", "are you here about the
kettle too?": why the NPC is where it is now is what it is after, though the coming is past."""
_SUPPOSING = word_set("if say suppose supposing imagine")
_PLANNED = re.compile(r"\b(?:what|which)\b(?: [a-z]+){0,4} (?:are|were) you (?:going to|gonna) "
                      r"(?!the\b|a\b|an\b)[a-z]+"
                      r"|\b(?:what|which|where)\b(?: [a-z]+){0,4} (?:are|were) you (?:[a-z]+ )?"
                      r"(?:itching|dying|desperate|longing|raring|aching) to\b|\byou would (?:like|love|rather) to\b"
                      r"|\b(?:what|which)\b(?: [a-z]+){0,4} would you (?:most |really |rather |just )?"
                      r"(?:like|love) (?!me\b|us\b)(?:[a-z]+ ){0,3}?to\b"
                      r"|\b(?:what|which)\b(?: [a-z]+){0,4} you (?:came|come|have come) (?:[a-z]+ ){0,3}?to [a-z]+"
                      r"|\b(?:what|which)\b(?: [a-z]+){0,4} (?:are you|you are)(?: really| actually| truly| even)?"
                      r" (?:here|in here|out here|around here|round here) to [a-z]+"
                      r"|\b(?:are you|you are)(?: only| just| really| actually| simply)? (?:here|in here|out here)"
                      r" to [a-z]+"
                      r"|\b(?:number one|top|main|biggest|first) (?:job|task|priority|concern|aim)\b"
                      r"|\b(?:on|top of) your (?:list|plate|to do list|agenda)\b"
                      r"|\byou (?:will|would|are)(?: not)? (?:be [a-z]+ing|going to [a-z]+)\b"
                      r"(?=.*\b(?:will|would|are)(?: not)? you\b)")
""""Which thing are you going to tell the grandkids about?", "what are you dying to see?",
"a story you'd like to kill off?", "which bit of gossip would you most like to stop?", "which
job would you love them to pick you for?", "what's the painting you came to draw?", "which one
are you here to draw?", "what are you really out here to do?", "are you only here to look?",
"your number one job?", "anything else on your list?", "you'll be putting your name down, won't you?", "you're not
going to pay full price, are you?": what the NPC means to do."""
_DUE = re.compile(r"\bwhere (?:is it |do |did )?(?:you|ya) (?:have|need|ought|must|got)(?: got)?(?: to)? "
                  r"(?:get|be|go|head|rush|dash|run)\b"
                  r"|\bwhere (?:are|were) (?:you|ya) (?:meant|supposed|due|expected|needed|wanted) (?:to )?(?:be|go)\b"
                  r"|\bwhere (?:are|were) (?:you|ya) (?:due|expected)\W*$"
                  r"|\bwhere should (?:you|ya) (?:be|go)\b"
                  r"|\bwhen (?:are|were) (?:you|ya) (?:due|expected|needed|meant|supposed)(?: to be)?(?: back)?\b"
                  r"|\b(?:when|what time) (?:do|must|should) (?:you|ya) (?:want|need|have|hope|mean|plan) to "
                  r"(?:be|get|go|head)\b")
""""Where is it you have to get back to?", "where are you meant to be?", "when are you due
back?", "when do you want to be home?": where or when the NPC is due is what it is after, not a
place or time it knows of."""
_NOT_ASKED = ("who", "whom", "whose", "where", "when", "how much")
"""Question words whose answer is no goal ("who do you want to see?" asks for a person)."""
AIMED_SUM = ("holding out for", "saving up for", "saving for")
"""Phrases that make even a "how much" question one about a goal ("how much are you
holding out for?"), unlike "how much do you want for the herring?"."""
_ASKED_OF = re.compile(r"\b(?:are|is) (?:you|she|he)(?: [a-z]+)? asking (?:them|him|her|us|the [a-z]+) for\b")
""""How much are you asking them for?": a sum wanted from someone, not a price to pay."""


@lru_cache(maxsize=1 << 16)  # a line heard by several NPCs is asked once
def goal_asked(r: Reading) -> bool:
    """Whether the line asks the NPC what it is after: a question to "you" with a word or
    phrase of wanting, aiming or motive, about now."""
    ideal = _IDEAL_DAY.search(r.text) is not None  # "if today went perfectly, what would that look like?"
    wished = wish_supposed(r)  # a wish is a wish whenever it would come true
    if _bare_aim(r):
        return True
    if (not set(r.words) & YOU_WORDS and not _HURRY.search(r.text) and not ideal) or (other_time(r) and not wished):
        return False
    due = _DUE.search(r.text) is not None or _PLANNED.search(r.text) is not None  # "when you get home, which..."
    summed = r.wh == "how much" and (r.has(*AIMED_SUM) or _ASKED_OF.search(r.text) is not None)
    if r.wh in _NOT_ASKED and not summed and not due and not (wished and r.wh == "where") and not _eager_asked(r):
        return False  # "if you could be anywhere, where would it be?" asks a wish; "who are you set on seeing?" too
    if not (r.question or r.opens or r.wh):
        return False
    asked = _not_of_the_speaker(r)  # "I'm trying to work out who's who. Which ...": the speaker's aim
    return (due or summed or bool(_own_words(r) & AIM_WORDS - _by_the_way(r)) or asked.has(*AIM_PHRASES)
            or _aim_phrased(asked.padded)
            or bool(_WHY_YOU.search(" ".join(r.body or r.words)))
            or bool(_HURRY.search(r.text)) or bool(_PLEASED.search(r.text))
            or bool(_WHAT_FOR.search(" ".join(r.body or r.words))) or wished
            or bool(_CAME_FOR.search(r.text)) or bool(_PUT_BY.search(r.text)) or bool(_SPENT_ON.search(r.text))
            or _eager_asked(r))


def _eager_asked(r: Reading) -> bool:
    """Whether a sentence that asks says the NPC is itching, dying, keen or set on doing
    something ("which exhibit are you itching to see?", "who are you so set on seeing?"); said
    in a remark beside another question ("what do you do for work? you look like you're
    itching to get back") it asks no aim."""
    if not _EAGER_WORDS & set(r.words):  # nearly every line: no sentence to read again
        return False
    return any(s.rstrip().endswith("?") and _EAGER.search(read(s).text) for s in SENTENCE_BREAK.split(r.raw))


_EAGER_WORDS = frozenset({"itching", "dying", "longing", "aching", "desperate", "keen", "eager", "determined",
                          "raring", "set", "bent", "intent"})
_EAGER = re.compile(r"\b(?:you (?:are )?|are you )(?:(?:so|really|very|just|dead|mad|that|all|most) )?"
                    r"(?:(?:itching|dying|longing|aching|desperate|keen|eager|determined|raring) to"
                    r"|(?:set|bent|intent) on)\b")


_AIM_NOUNS = word_set("aim goal target plan dream ambition mission purpose hope priority")


def _bare_aim(r: Reading) -> bool:
    """Whether a clipped question asks the one spoken to its aim with no "you" ("big aim
    today, then?", "main goal?"): a few words, an aim noun, nobody else's."""
    body = set(r.body)
    return r.question and 0 < len(r.body) <= _BARE_WORDS and bool(body & _AIM_NOUNS) \
        and body - _AIM_NOUNS <= _AIM_MODIFIERS and not r.owners and not other_time(r)


_BARE_WORDS = 5
_AIM_MODIFIERS = word_set("main big biggest real true chief top first one the your today tonight now then so this "
                          "for of day week morning here still")
"""Words a bare aim question may have besides its aim noun ("big aim today, then?"); any other
says what kind of aim ("grown-up job, dream one?" asks for a job)."""


def hoped_for(r: Reading) -> bool:
    """Whether a question asks whom or what the NPC hopes, wants or plans to reach ("who is it
    you're hoping to tell all about today?"): its goals say, not what it knows of people."""
    return _HOPED_TO.search(r.text) is not None


_HOPED_TO = re.compile(r"\b(?:you (?:are |were )?|(?:are|were) you )(?:hoping|hope|wanting|want|wishing|wish"
                       r"|planning|plan|meaning|mean|intending|intend|aiming|aim) to\b")
_HOPED_OR_KEEN = re.compile(_HOPED_TO.pattern.replace("|aim)", "|aim|keen|eager|itching|desperate)"))
"""Hoping or keen to do something ("what are you keen to sell?")."""


def hoped_deed(r: Reading) -> str | None:
    """The deed a question asks the NPC hopes to do ("what are you keen to sell?" -> "sell")."""
    m = _HOPED_OR_KEEN.search(r.text)
    return next(iter(r.text[m.end():].split()), None) if m else None


def hour_asked(r: Reading) -> bool:
    """Whether a reason is asked for being about at this hour ("why are you playing at the Wyvern
    so early?", "what's got you in here so early?", "what's all that with the lute this early?"):
    what the NPC is doing now answers it, then what it is after."""
    why = (((r.wh == "why" or r.has("what has you", "what is keeping you")) and bool(set(r.words) & YOU_WORDS))
           or r.has("what is all that", "what is all this")) and not other_time(r)
    return _AT_THIS_HOUR.search(r.text) is not None and (why or goal_asked(r))


_AT_THIS_HOUR = re.compile(r"\b(?:so|this|that|too) (?:early|late)\b|\bat this (?:[a-z]+ )?(?:hour|time)\b")


def saving_asked(r: Reading) -> bool:
    """Whether the line asks what the NPC's savings are for ("the money you're putting by,
    meant for?"): an aim, whatever it sees the NPC doing."""
    return _PUT_BY.search(r.text) is not None or r.has("saving up for", "saving for")


def _aim_phrased(padded: str) -> bool:
    """Whether an aim phrase is said with an adverb inside it ("what is it you're really
    chasing?", "what are you actually after?")."""
    bare = _ADVERB.sub(" ", padded)
    return bare != padded and any(f" {p} " in bare for p in AIM_PHRASES)


_ADVERB = re.compile(r" (?:really|actually|truly|honestly|exactly|even|still|just|finally|so) ")
_NO_DEED = word_set("get be keep make find see give put go do have know tell stop sell buy never not")
"""Goals' first words that say no deed of their own ("get", "keep") or that a question asks
for something else with ("what do you sell?" asks for wares, "what do you know?" for news)."""


def goal_deed_asked(r: Reading, req: DecisionRequest) -> bool:
    """Whether a question to the NPC asks whom or what with the verb one of its goals opens
    with ("who are you meant to be teaching?" to one who means to "teach Bea the tricks of
    the trade"), a verb that is not its work now: that goal says whom or what."""
    asked = _DEED_ASKED.search(r.text)
    if asked is None or other_time(r):
        return False
    deeds = {word_forms(g)[0] for g in req.goals if word_forms(g)} - _NO_DEED
    said = {f for w in asked["deed"].split() for f in (verb_forms(w) if w.endswith("ing") else {w})}
    return bool(deeds & said - set(word_forms(req.schedule_activity or "")))


_DEED_ASKED = re.compile(r"\b(?:who|whom|what|which [a-z]+) (?:are|do|will|would|should|must|have) (?:you|ya|u) "
                         r"(?P<deed>(?:[a-z]+ ){0,3}[a-z]+)")
""""Who are you meant to be teaching", "what do you hope to sketch": whom or what, asked
first, with the deed after "you" (not "what's the ballad called, the one you're writing?")."""


def _not_of_the_speaker(r: Reading) -> Reading:
    """The line without the statements the speaker makes of itself ("I'm new in town and
    trying to work out who's who."), which say what the speaker is after, not the NPC."""
    clauses = clauses_of(r.raw)
    kept = [c for c in clauses if not ((said := read(c)).body[:1] in (("i",), ("we",)) and not said.question)]
    return read(", ".join(kept)) if kept and len(kept) < len(clauses) else r


def _by_the_way(r: Reading) -> set[str]:
    """Aim words said in an idiom that asks no aim ("is he undercutting you on purpose?")."""
    return {"purpose"} if r.has("on purpose", "by design") else set()


_OF_ANOTHER = re.compile(r"\b(?:who|that)\b[^,.?!;:\u2013\u2014]*")


def _own_words(r: Reading) -> set[str]:
    """The line's words less those of a clause that describes someone else ("the girl at
    your desk who wants to be class rep, what's her name?": her wanting, not the NPC's)."""
    kept = _OF_ANOTHER.sub(lambda m: m[0] if set(read(m[0]).words) & YOU_WORDS else " ", r.raw)
    return set(read(kept).words)


def wish_supposed(r: Reading) -> bool:
    """Whether the line asks a wish, or the day hoped for, through a supposition ("if you
    could pull off one brave thing today, what would it be?")."""
    return bool(_IDEAL_DAY.search(r.text) or _WISHED.search(_unaddressed(r)))


def _unaddressed(r: Reading) -> str:
    """The line from an "if" (or "say", "suppose") among its first three words, after a
    name or greeting ("theo, if you..."); "" without one."""
    start = next((i for i, w in enumerate(r.words[:3]) if w in _SUPPOSING), None)
    return " ".join(r.words[start:]) if start is not None else ""


def kind_asked(r: Reading) -> str:
    """The kind of thing a "which" question asks one of ("which secondary school have you
    got your heart set on?" -> school), or "" ("which of you...?")."""
    if "which" not in r.words:
        return ""
    after = r.words[r.words.index("which") + 1:]
    kind = list(itertools.takewhile(lambda w: w not in FUNCTION_WORDS, after))
    return singular(kind[-1]) if kind and singular(kind[-1]) not in _ANY_KIND else ""


_ANY_KIND = word_set("thing one bit part item piece member job task goal objective milestone target aim outcome "
                     "position role post")
""""Which thing in here...?", "which member of staff...?", "which milestone...?" name no kind a goal must name."""


def goal_answer(req: DecisionRequest, closeness: Sequence[float] | None = None, asked: Reading | None = None) -> str:
    """"I mean to slay the dragon, and to earn the elder's reward.": its goals, the one
    closest to the line (``closeness``: cosine per goal) first; "" without goals. A
    "which" question (``asked``) is answered only by goals that name the kind it asks one
    of: "which school are you set on?" is no question about full marks."""
    goals = [as_own(_ADVERB_FIRST.sub(r"\2, \1", g.strip().rstrip(".")), req) for g in req.goals if g.strip()]
    kind = kind_asked(asked) if asked is not None else ""
    if kind and not any(kind in word_forms(read(g).text) or _names_a_thing(g, req, kind) for g in goals):  # "rumour"
        return ""
    if not goals:
        return ""
    if closeness is not None and len(closeness) == len(goals):
        order = sorted(range(len(goals)), key=lambda i: (-closeness[i], i))
        goals = [goals[i] for i in order]
    said = goals[:2]
    return "I mean to " + ", and to ".join(said) + "."


_ADVERB_FIRST = re.compile(r"^([a-z]+ly),? to (.+)$")
""""Secretly, to answer one question in class": said after "I mean to" as "answer one
question in class, secretly"."""


def _names_a_thing(goal: str, req: DecisionRequest, kind: str) -> bool:
    """Whether a goal names one of the world's things ("tell his grandchildren about the
    sarcophagus"), which may be of the kind a "which" question asks ("which exhibit...?"):
    the world file says what kind a thing is in properties the NPC need not see; or a person
    who is that ``kind`` to the NPC ("help Theo speak up": "which pupil...?" of his teacher)."""
    names = getattr(req, "names", None) or {}
    find = getattr(names, "find", None)  # the world's name index: no scan of every name per goal
    return find is not None and any(names[n].kind == "item" or (
        names[n].kind == "npc" and kind in word_forms(req.relation_kinds.get(n, ""))) for n in find(goal))


_OWN = {"he": "I", "she": "I", "his": "my", "her": "my", "him": "me", "himself": "myself", "herself": "myself",
        "hers": "mine"}
_THIRD = re.compile(r"\b(" + "|".join(_OWN) + r")\b")
_FIRST_PERSON = {"is": "am", "has": "have", "does": "do"}
_AGREES = re.compile(r"\bI (is|has|does)\b")
"""The verb after "I" made to agree ("while she is here" said "while I am here")."""


def as_own(text: str, req: DecisionRequest) -> str:
    """A goal or activity written of the NPC ("swap his kettle", "be told he can run") as it
    says it ("swap my kettle", "be told I can run"); left as written when it names another
    person, whom its pronouns may mean."""
    names = getattr(req, "names", None) or {}
    people = {v.name.lower() for v in names.values() if v.kind == "npc" and v.id != getattr(req, "npc", "")}
    if any(w.lower() in people for w in re.findall(r"[A-Za-z]+", text)):
        return text
    return in_first_person(text)


def in_first_person(text: str) -> str:
    """Text written of the NPC in the third person as it says it ("twisted his knee" ->
    "twisted my knee", "before he retires" -> "before I retire"), for text whose every
    pronoun is the NPC's."""
    text = _HE_DOES.sub(lambda m: f"{m.group(1)} {_plain_verb(m.group(2))}", text)
    return _AGREES.sub(lambda m: f"I {_FIRST_PERSON[m.group(1)]}", _THIRD.sub(lambda m: _OWN[m.group(1)], text))


_HE_DOES = re.compile(r"\b(he|she) (?!(?:was|has|is|does|thus|yes|this)\b)([a-z]*[^s'\W]s)\b")
"""A verb after "he" or "she" in the third person ("he retires"); "is", "was" and "has"
are left to :data:`_AGREES` or stay as they are."""


def _plain_verb(verb: str) -> str:
    """"retires" -> "retire", "tries" -> "try", "watches" -> "watch"."""
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


def goal_first(r: Reading, goal_closeness: Sequence[float], fact_closeness: Sequence[float]) -> bool:
    """Whether the goals answer before the beliefs that fit the line: always for a "what"
    or "why" question; for a yes/no question ("are you planning any tests today?") only
    when a goal is closer to the line than every fitting belief (the embedder's cosines)."""
    if r.wh is not None or not fact_closeness:
        return True
    return bool(goal_closeness) and max(goal_closeness) > max(fact_closeness)
