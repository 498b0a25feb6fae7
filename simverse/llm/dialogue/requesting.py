"""Requests in a line: the verb a line asks to be done, said plainly ("could you bake...",
"sell me..."), softly ("would you mind playing...", "fancy a game?"), as advice ("why not
sell it to her?", "you'd best sign in"), or not at all (a question about what may be done:
"are you allowed to...?"). Pure English cues over a :class:`~.reading.Reading`, never a
world's words (its action words come in as ``verbs``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, verb_forms, word_forms, word_set
from simverse.core.spelling import is_common
from simverse.llm.dialogue.imperatives import (
    FEELINGS,
    ORDER_VERBS,
    PARTICLES,
    led_in,
    plain_order,
    tag_question,
    untagged,
)
from simverse.llm.dialogue.reading import (
    ASKING,
    AUX,
    CARRY_ON,
    GREETINGS,
    OBJECT_START,
    SPEECH_VERBS,
    WH,
    Reading,
    read,
)
from simverse.llm.dialogue.typed import plainly


def action_verbs(req: DecisionRequest) -> frozenset[str]:
    """The world's action words a line is read against (the actions' names and the first
    words of their descriptions)."""
    return _action_verbs(tuple((a.name, a.description) for a in req.actions))


@lru_cache(maxsize=64)
def _action_verbs(actions: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """:func:`action_verbs`, kept per world's actions: each line heard asks for them. A
    function word gives no verb, from a description's opening ("As manager, approve ...") or
    a name ("turn_in"): "as the newest agent, which ...?", "in which part of the valley
    ...?" order nothing."""
    return frozenset(v for name, description in actions if name not in ("talk", "wait", "improvise")
                     for v in (*word_forms(name), *word_forms(description)[:1]) if v not in FUNCTION_WORDS)


_SOFTLY = re.compile(
    r"^(?:would you mind|do you mind|mind(?= [a-z]+ing\b)|would you be so kind as to|any chance you could|"
    r"any chance of you|i was wondering if you could|i wonder if you could|do you think you could|"
    r"(?:i )?do not suppose you (?:could|would)|is it possible for you to|would you be able to|could you possibly|"
    r"might you|shall we|how about we|what about we|"
    r"why (?:do not|don't) we|(?:how|what) about you(?= (?!(?:what|where|who|when|why|how|which|then|and|though|too|"
    r"guys|lot|two|both|all|yourself)\b))|"
    r"fancy|do you fancy|do you want to|(?:you (?:all |two |guys )?)?want to|would you like to|care to|how about a)"
    r"\s+(?:a |an |some |going |to )?(?P<verb>[a-z]+)")
"""Requests and invitations asked softly ("would you mind playing...", "fancy a game?",
"shall we walk to...", "why don't we go next door?", "how about you get a line out?"): the
word after the lead-in says what is asked."""


_POSSIBLE = re.compile(r"^(?:(?:is|would|will) it (?:be )?|it (?:is|would be) |is )possible (?:for you )?to "
                       r"(?P<verb>[a-z]+)")
"""Asking whether something can be done, where what is to be done is one of the world's actions."""


def _asked_softly(text: str) -> str | None:
    """The word asked for after a soft lead-in ("playing" -> play); "" when what is asked
    is to be told something ("would you like to tell me..."); ``None`` without a lead-in."""
    match = _SOFTLY.search(text)
    if match is None:
        return None
    verb = match.group("verb")
    verb = plain_verb(verb)
    return "" if verb in SPEECH_VERBS or verb in ("hear", "learn", "talk", "chat") else verb


FAVOUR = re.compile(r"^(?:do (?:me|us) a (?:favour|favor|kindness|solid)|be (?:a )?(?:dear|love|pal|sport|star|"
                     r"sweetheart|darling|angel|good lad|good girl|good boy)) and (?P<verb>[a-z]+)\b")
""""Do me a favour and...", "be a love and...": whatever follows is asked of the NPC."""
_GOING_ON = word_set("there here to from through into out back in home across over past around round away lost by")
_TOLD_OF = frozenset({"about", *WH})
"""Words after a verb of saying that make a request to be told ("tell me about...",
"explain how..."), a question, whatever the world's actions share words with it."""
_ADVISED = re.compile(
    r"^(?:why not|you(?: would| had)? (?:best|better)|(?:you(?:'ll| will| might| may)|might|may) (?:want|need) to"
    r"|you(?: are| will| would)? (?:going to|gonna) (?:want|need|have) to|you (?:have )?got to|you need to"
    r"|you(?: are| would be) (?:mad|crazy|daft|nuts|silly|a fool) not to"
    r"|(?:it )?(?:might|may|would|could) be worth|you should|you ought to|make sure you|go ahead and)"
    r"\s+(?P<verb>[a-z]+)\s+\w")
"""Orders said as advice or a suggestion ("why not sell it to her?", "you'd best sign in",
"you'll want to take a number", "might wanna see to it", "you're going to want to clear it",
"might be worth writing that down"): the word after the lead-in says what is asked, and
something follows it ("why not Tomas?" asks about a person)."""
_BARE_ADVICE = re.compile(r"^(?:best|better|why do not you(?!.*\byourself\b))\s+(?P<verb>[a-z]+)\s+\w")
""""Best sign yourself in", "why don't you read a puzzle book?": an order only when its verb is
one of the world's actions ("why don't you trust the new pills?" asks why, "why don't you
weigh the grain yourself?" reproaches)."""
_NOT_DEEDS = word_set("know see seen have be been think hear believe remember mind like wonder try understand admit "
                      "agree realise realize knowing seeing hearing thinking asking") | SPEECH_VERBS
"""Verbs of knowing and saying: "you should know...", "you'd better believe it" ask nothing done."""


def _advised(text: str, verbs: frozenset[str]) -> str | None:
    """The verb an order said as advice asks to be done, or ``None``."""
    match = _ADVISED.search(text)
    bare = _BARE_ADVICE.search(text) if match is None else None
    verb = (match or bare).group("verb") if (match or bare) else ""
    if not verb or verb in _NOT_DEEDS or verb in FUNCTION_WORDS or (bare and not verb_forms(verb) & verbs
                                                                   and verb not in ORDER_VERBS):
        return None
    return plain_verb(verb)


def plain_verb(verb: str, endings: tuple[str, ...] = ("ing",)) -> str:
    """"Writing" -> "write" (with ``endings`` "ed" too, "signed" -> "sign"): the plain verb
    of a form, where a common one fits."""
    if not verb.endswith(endings):
        return verb
    return max((f for f in verb_forms(verb) - {verb} if is_common(f)), key=lambda f: (len(f), f), default=verb)


_UNDONE = re.compile(r"\b(?:will not|won't|ain't going to|is not going to|are not going to|not going to|cannot|can't) "
                     r"(?P<verb>[a-z]+) (?:themselves|itself)\b"
                     r"|\byou (?:still )?have not (?P<yet>[a-z]+)(?: [a-z]+){0,3} yet\b"
                     r"|(?<!not )\b(?:needs|need|wants|want) (?P<needed>(?!(?:some|any|every|no)thing\b)[a-z]{2,}ing)\b"
                     r"(?! (?:to|for|from|of)\b)")
"""Hints at work left undone: "those dishes won't wash themselves", "you haven't signed in
yet", "Walter needs booking in with the doctor": the verb is what is asked."""


def hinted(r: Reading) -> str | None:
    """The verb a hint at work left undone asks to be done (:data:`_UNDONE`), or ``None``."""
    found = _UNDONE.search(r.text)
    if found is None:
        return None
    if found["needed"]:
        if r.wh:
            return None  # "what's the one thing you don't want happening?" asks
        verb = plain_verb(found["needed"])
        return verb if verb != found["needed"] else None  # "needs a morning" names no deed
    return plain_verb(found["verb"] or found["yet"], ("ed",))


_LEAVE = ("on your own", "by yourself", "all by yourself", "without the", "without a", "without asking",
          "are you allowed", "allowed to", "are you able", "permitted to", "is it allowed", "is it permitted",
          "have the authority", "have the power", "need permission", "need approval")
"""What asks whether something may be done (a rule), not that it be done."""


def asks_leave(r: Reading) -> bool:
    """"Can you agents sign off a big refund on your own?", "are you allowed to...?": a
    question about what may be done, not a request (an order with "yourself" is one:
    "buy yourself a guidebook")."""
    return r.raw.rstrip().endswith("?") and r.has(*_LEAVE)


_BE_ASKED = word_set("able willing so kind good a an happy ready prepared free up around there here")
"""After "would you be" these ask something done ("would you be able to...", "would you be
a dear and..."); other words ask how the NPC would be ("would you be glad to see him?")."""


GREETED = word_set("hello hi hallo welcome")
"""Greetings said to others on the NPC's behalf ("say hello to them")."""
_HELD = word_set("trust believe prefer rather forgive hate")
"""After "would you" these ask what the NPC thinks or feels, not for something done."""
SEEN_AS = re.compile(r"\b(?:call|consider|count|class|rate|describe) (?!(?:out|up|down|in|off|on|over|back|round)\b)"
                     r"[a-z]+(?: [a-z]+)? (?:a|an|as|one of|your|my)\b")
""""Would you call Theo a friend?", "do you count her as one of yours?": how the NPC sees
someone, not something to be done ("could you call the nurse?", "can you count out my
tablets?")."""


_NOT_BIDDEN = re.compile(r"(?<!\bwhy )\b(?:there'?s |there is )?(?:no need to|no need for|don'?t|do not|never|without|"
                         r"need not|needn'?t|"
                         r"instead of|rather than)\b(?! forget\b| fail\b)[^,.;:!?]*")
""""No need to queue", "don't bother with a ticket": what a line says not to do is not asked
("why don't you..." and "don't forget to..." still ask)."""


def bidden(r: Reading) -> str:
    """The line's text without what it says not to do (the reading's own text when it says
    nothing so)."""
    said = plainly(r.raw.lower())  # "dinnae stand there": "do not stand there"
    cut = _NOT_BIDDEN.sub(" ", said)
    return r.text if cut == said else cut


_NOT_VERBS = PARTICLES | word_set("half most lots loads plenty heaps tons couple bunch dozens none several")
""""Off the record", "half the room": a line that opens with these and an article orders nothing."""
_WANT_YOU = re.compile(r"\bi (?:would like|want|need|would love) (?:you|your)\b")
""""I want your eye on it", "I need you to look": something the NPC is to do, not to sell."""
_NOT_SOMEONE = word_set("i we you they he she it this that there these those what which who")


COME_ALONG = ("follow me", "come with me", "let us go", "come along", "walk with me", "join me", "join us")
"""Asking the NPC to come where the speaker goes."""
_GOING = r"(?:go|pop|head|wander|walk|nip|stroll|move|hop|step|scoot|mosey|amble|toddle|run|dash)"
_TOGETHER = re.compile(rf"\b(?:shall|should|can|could) we(?: both| all| two)? {_GOING}\b"
                       rf"|\b(?:let us|lets)(?: both| all)? {_GOING}\b"
                       r"|\bfancy (?:going|heading|popping|walking|wandering|nipping|strolling|coming)\b"
                       r"|(?:^|[,.!] ?|\b(?:you|u|ya) )coming(?: along| with (?:me|us))?\??$"
                       r"|\b(?:love|like|want|enjoy|fancy) (?:your|some) company (?:[a-z]+ )?"
                       r"(?:at|to|in|on|down|over)\b"
                       rf"|(?:^| )we (?:both |all |two )?{_GOING} together (?:to|into|over|down|up|as far as|until)\b"
                       r"|\brace (?:you|ya|u) (?:(?:out|outside|inside|back|over|down|up|across|round) )?"
                       r"(?:to|down to|over to|up to)\b|\blast one (?:to|at|into) .* rotten egg\b"
                       r"|\b(?:what if|how about if|suppose|supposing|say) (?:we|the two of us|you and i|us two)"
                       r"(?: both| all| two)? (?:went|popped|headed|wandered|walked|nipped|strolled|moved|hopped"
                       r"|stepped|scooted|moseyed|ambled|toddled|ran|dashed|made our way)"
                       r"(?: (?:out|over|up|down|along|across|round|back|off))? (?:to|into|as far as)\b")
""""Shall we pop along to...", "let's scoot out", "fancy heading through to...", "the café,
coming?", "I'd love your company up at the square", "we walk together to the room", "race
you to the pitch!", "what if the two of us strolled up to the market?": a walk
together suggested, not ordered."""


_LET_HAVE = re.compile(r"let (?!us\b|me\b|it\b|that\b|this\b|them\b|go\b)[a-z]+ (?:have|take|keep|borrow) "
                       r"(?:the|a|an|that|this|your|those|these|some|one)\b")
"""An order to hand something to someone else, said as letting them have it."""


def walk_together(r: Reading) -> bool:
    """Whether the line suggests going somewhere together (read, or as typed: ", coming?")."""
    return bool(_TOGETHER.search(r.text) or _TOGETHER.search(r.raw.lower().strip()))


_WITH_ME = re.compile(r"\b(?:walk|wander|stroll|amble|mosey|come|go|head|pop|nip|hop|step|tag|run|hurry)"
                      r"(?: (?:over|across|along|down|up|round|around|back|out|through|in|on))+"
                      r"(?: (?:to|onto|into) (?:the|a) [a-z]+)? (?:with|alongside) (?:me|us)\b")
""""Wander across with me", "pop over with us": a walk together, wherever the line says it goes."""


def _participle(word: str, verbs: frozenset[str]) -> bool:
    """Whether ``word``, said first, is only an "-ing" form of one of ``verbs``: it names a
    thing ("climbing cord, what's the price?"), where an order says the verb itself ("climb
    the tower")."""
    return word not in verbs and word.endswith("ing") and len(word) > 5


SHOW_WAY = ("point me", "point us", "show me the way", "show us the way", "direct me", "direct us", "steer me",
             "steer us")
"""Orders that only ask the way ("point me to the nearest ale", "steer me towards the well")."""


def polite_request(r: Reading, verbs: frozenset[str] = frozenset()) -> str | None:
    """The verb a line asks to be done ("could you bake...", "please follow...", "sell me
    ..."), or ``None``. Asking to be told something is a question, not a request; a line
    that starts with one of ``verbs`` (the world's action words) is an order. Kept per
    reading and verbs: the actions a line names, its intent and its answer each ask."""
    return _polite_request(r, verbs)


@lru_cache(maxsize=1 << 16)
def _polite_request(r: Reading, verbs: frozenset[str]) -> str | None:
    """:func:`polite_request`, computed."""
    if r.has("to know", "to ask", "to hear", "to talk", "to learn", "to find out", *SHOW_WAY) or asks_leave(r):
        return None  # "point me to the nearest ale": the way asked, not the ale
    w = list(r.body or r.words)
    while w and (w[0] in ("please", "kindly", "hey", "oi", "now", "then", "ok", "okay", "so", "and", "just", "there")
                 or w[0] in GREETINGS or (w[0] == "pray" and w[1:2] and w[1] in SPEECH_VERBS)):  # "pray tell, ..."
        w = w[1:]
    if favour := FAVOUR.match(" ".join(w)):
        return favour["verb"]  # "do me a favour and try the first puzzle"
    asked = _asked_softly(" ".join(w))
    if asked is not None:
        return asked or None
    if (possible := _POSSIBLE.match(" ".join(w))) and verb_forms(possible["verb"]) & verbs:
        return possible["verb"]  # "is it possible to bake some more?"; not "is it possible to get there?"
    if (hint := hinted(r)) is not None:
        return hint
    if (advised := _advised(" ".join(w), verbs)) is not None:
        return advised
    if w[:3] == ["you", "going", "to"] and len(w) >= 4 and w[3] not in FUNCTION_WORDS:
        w = ["will", "you", *w[3:]]  # "you gonna say hi to 'em?": a nudge to do it, said casually
    if len(w) >= 3 and w[0] in ("can", "could", "would", "will") and w[1] == "you":
        return _asked_of_you([x for x in w[2:] if x not in ("please", "kindly", "just", "maybe")], verbs)
    if len(w) >= 3 and w[0] in ("can", "could", "may") and w[1] == "i" and w[2] in ("have", "get", "buy", "take",
                                                                                     "order", "grab") \
            and not set(w[3:4]) & _GOING_ON:  # "can I get there from here?" asks the way
        return "buy"
    if len(w) >= 4 and w[0] in ("can", "could", "may") and w[1] not in _NOT_SOMEONE and w[2] == "have" \
            and w[3] in ("a", "an", "some", "another"):
        return "have"  # "could Walter have a slot with the doctor?": something done for someone else
    if r.has("i would like", "i want", "i will take", "i will have", "i need", "i would love") and not asks_within(r) \
            and not _WANT_YOU.search(r.text) \
            and not ((r.opens or r.question) and r.wh):  # "where's the cash machine, I need money": why it asks
        return "buy"
    if r.has("let us", *COME_ALONG) or _WITH_ME.search(r.text):
        return "go"
    if _LET_HAVE.match(" ".join(w)):
        return "give"  # "let Sable have the lute for six": hand it over to her
    if r.has(*CARRY_ON) and not r.opens and not (r.question and r.wh):  # "if I carry on, where do I end up"
        return "continue"
    order = led_in(untagged(w))  # "go and bake some more, would you" -> "bake some more"
    if order[:1] == ["do"] and order[1:2] != ["not"] and not r.opens and not r.raw.rstrip().endswith("?"):
        return "do"  # "do a few laps", "do some stretches": a deed said with "do" (see :func:`.reading.read`)
    if order[:1] == ["say"] and set(order[1:3]) & GREETED:
        return "greet"  # "go say hello to the new visitors": greeting others is something done
    if order and order[0] not in WH and order[0] not in AUX and order[0] not in SPEECH_VERBS:
        if verb_forms(order[0]) & verbs and not (order[0] == w[0] and _participle(order[0], verbs)):  # "go fishing"
            return order[0]
        if len(order) < 2:
            return None
        if r.question and not tag_question(w):
            return plain_order(w, verbs)  # "pick out one of those and read it to me?": an order, typed as asked
        plain = order[0] not in FUNCTION_WORDS and order[0] not in FEELINGS and order[0] not in _NOT_VERBS
        return order[0] if order[1] in OBJECT_START and plain else plain_order(w, verbs)
    return None


def _asked_of_you(rest: list[str], verbs: frozenset[str]) -> str | None:
    """The verb of "can/could/would/will you ..." (``rest``: the words after it), or ``None``
    where it asks a feeling, a view or to be told."""
    if (rest[:1] == ["be"] and (len(rest) < 2 or rest[1] not in _BE_ASKED)) or set(rest[:1]) & _HELD \
            or SEEN_AS.match(" ".join(rest)):
        return None  # "would you be glad to see him?", "would you trust him?", "would you call him a friend?"
    if rest and (rest[0] not in SPEECH_VERBS or set(rest[1:3]) & GREETED):  # "would you say hello to them?"
        return rest[0] if rest[0] not in SPEECH_VERBS else "greet"
    if set(rest[1:4]) & _TOLD_OF:  # "could you tell me about the painting?" asks to be told
        return None
    acting = [x for x in rest if verb_forms(x) & verbs]  # "could you say a prayer" asks to pray
    return acting[0] if acting else None


def asks_within(r: Reading) -> bool:
    """Whether a line that states a need also asks something ("I need to get in - any idea
    where its key is?"): then it is a question, not an order."""
    return r.raw.rstrip().endswith("?") and (r.has(*ASKING) or any(w in WH for w in r.words[1:]))


_LEAD_ON = re.compile(r"(?:^|[.!,;:\u2013\u2014-]\s*)(?P<on>lead on|lead the way|after you|you first|you lead"
                      r"|show the way|off we go|onwards?|let'?s go|let us go)(?:[ ,]+(?:please|then|now|mate|love))*"
                      r"[.! ]*$")
""""The green. Lead on.", "Sculpture hall. After you.": a walk bid after the place it goes to,
in a sentence or clause of its own ("I'm after you" bids nothing)."""


def led_on(r: Reading) -> bool:
    """Whether the line ends bidding the NPC lead the way to what it named before."""
    return _LEAD_ON.search(r.raw) is not None


def led_to(r: Reading) -> str:
    """What a line names before it bids "lead on" ("the green. lead on." -> "green"): the
    last word of what it says before the bid, or "" for none."""
    match = _LEAD_ON.search(r.raw)
    before = read(r.raw[:match.start()]).words if match else ()
    return next((w for w in reversed(before[1:] if len(before) > 1 else before) if w not in FUNCTION_WORDS), "")
