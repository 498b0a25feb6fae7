"""Reading a line: its words (misspellings of ordinary words corrected), whether it asks, what it
asks (who, where, when, how much...), and the cues of greetings, thanks, farewells, news and requests.

Pure and cheap: it runs on every line of every conversation. The cues are ordinary English function
words and phrases, never a world's own words; names come from the request's ``mentioned``.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from simverse.core.memo import AskedMemo
from simverse.core.names import singular, word_forms, word_set
from simverse.core.spelling import misspelt_one_of, spelled
from simverse.llm.dialogue.lead_ins import AUX, FILLERS, lead_in
from simverse.llm.dialogue.nicknames import nickname_of
from simverse.llm.dialogue.possessives import possessives
from simverse.llm.dialogue.priced import price_asked
from simverse.llm.dialogue.question_words import after_when_clause, suggests
from simverse.llm.dialogue.typed import WH, as_read, opened_up
from simverse.llm.dialogue.unmarked import asks_unmarked

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
GREETINGS = word_set("hello hi hey hiya howdy greetings morning evening afternoon yo ahoy hallo")
NEWS = ("news", "gossip", "rumour", "rumor", "rumours", "rumors", "heard any", "hear any", "happening",
        "going on", "new around", "anything new", "what is new", "latest", "heard anything", "hear anything",
        "been up to", "tidings", "word around")
ASKING = ("tell me", "do you know", "you know anything", "have you heard", "any idea", "i wonder",
          "what about", "know anything", "heard about", "heard of", "any word", "can you explain",
          "fill me in", "what do you make of", "what do you think", "how about", "explain", "curious about",
          "remind me", "wondering", "am curious", "was curious")
REACTIONS = ("really", "is that so", "no idea", "well well", "i see", "hm", "hmm", "oh", "indeed", "fancy that",
             "i had no idea", "keep that in mind", "you do not say", "how about that", "interesting", "ok",
             "okay", "right", "sure", "yes", "no", "alright", "fine", "good", "great", "wow", "ah", "aha")
CALLED_YOU = ("what do they call you", "what do people call you", "what do folk call you", "what should i call you",
              "what can i call you", "what do i call you", "what are you called", "what name do you go by")
"""The NPC's own name asked in other words than "your name"."""
SELF = ("what brings you", "brings you here", "what is up", "how is it hanging", "how are you keeping",
        "how are you", "how do you do", "who are you", "your name", *CALLED_YOU, "what do you do", "what are you doing",
        "you up to", "your job", "your work", "for a living", "are you busy", "busy morning", "busy day",
        "busy afternoon", "busy evening", "busy shift", "busy night", "keeping busy", "keeping you busy",
        "what do you sell", "what have you got", "what do you have", "how is business", "how is work", "how goes",
        "where do you live", "where do you work",
        "are you well", "how have you been", "how is your", "what do you want", "what are you", "how is the day",
        "how are things", "how is it going", "you feeling", "what is for sale", "what can i buy", "you selling",
        "where are you going", "where are you off to", "about yourself", "your plans", "your day")
OPINION = ("think of", "think about", "feel about", "opinion", "make of", "do you like", "do you trust",
           "get along", "get on with", "what is he like", "what is she like", "friend of yours", "your friend",
           "to you", "related to", "close to", "how do you know", "trust him", "trust her", "like him", "like her",
           "how well do you know", "you know him", "you know her", "know them well")
TAGS = ("eh", "right", "huh", "is not it", "is it not", "do not you think", "do you not think", "is not he",
        "is not she", "are not they", "innit", "yeah", "no", "yes", "ok", "okay", "do not you", "will not it")
ORDER_TAGS = ("would you", "will you", "could you", "can you", "would you please", "will you please")
"""Question tags that make an order polite ("deal with the queue, would you?"): no question."""
_TAG_ENDINGS = tuple(" " + t for t in (*TAGS, *ORDER_TAGS))
_ASKING_TAGS = tuple(" " + t for t in TAGS)


def ends_tagged(r: Reading) -> bool:
    """Whether a statement ends with a tag that asks to have it confirmed ("..., yeah?",
    "..., don't you?"), not one that makes an order polite ("..., would you?")."""
    return r.padded.rstrip().endswith(_ASKING_TAGS)
_OWNING = frozenset({"his", "her", "their", "its", "the", "your", "my", "our"})
TITLES = word_set("miss sir madam maam mister mr mrs ms dr doc doctor father elder officer master mistress dame lady "
                  "mate matey pal buddy dude bro hun babe darling sweetheart petal chief guv guvnor sunshine")
"""Forms of address a line may open with ("Miss, is there a test?", "mate, how much..."): not its body."""
_WHAT_YOU_KNOW = re.compile(r"^what (?:do|did|have) you (?:know|hear|heard|overhear|overheard|see|seen|notice|noticed|"
                            r"learn|learned|learnt|find out|found out|catch|caught|pick up|picked up|glean"
                            r"|gleaned)\b(?! about| of| on)")
""""What do you know that the rest of us don't?", "what did you overhear?", "what did you catch
through the door?": news asked for."""
_HAPPEN = re.compile(r"\b(?:anything|something|anyone|anybody)\b(?:\s+\w+){0,2}\s+happen(?:ed|ing|s)?\b")
OBJECT_START = word_set("me us to the a an some your my for with over back home out up")
CARRY_ON = ("carry on", "keep going", "keep at it", "keep working", "go on with", "get back to work", "back to work",
            "get on with", "crack on", "press on", "get cracking", "on you go",
            "keep it up", "continue", "do not let me stop you", "do not mind me", "work through it",
            "work through them", "work through that", "get through it", "get through them", "plough through it",
            "chip away at it")
"""Asking the NPC to go on with what it is doing."""
GOING_ALONG = ("with me", "me company", "accompany me", "along with me", "alongside me", "come along",
               "come through to", "come over to", "come down to", "come up to", "come round to", "come across to",
               "come out to")
"""Asking the NPC to go somewhere together, or to come where the speaker is going ("pop
over to the inn with me", "keep me company on the way to the mill", "come through to the
front desk"): with a place named, a request to walk there."""
SPEECH_VERBS = word_set("tell say explain describe show remind ask know think guess recommend suggest")


@dataclass(frozen=True)
class Reading:
    """What a line is, read word by word."""

    text: str
    """The line lower-cased, contractions opened, misspelt ordinary words corrected."""
    words: tuple[str, ...]
    question: bool
    opens: bool
    """It opens with a question word or an auxiliary ("where...", "did you...")."""
    wh: str | None
    """The question word it asks with (``what`` ... ``which``), ``how much``, or ``None``."""
    body: tuple[str, ...] = ()
    """The words after any greeting or name it opens with ("Father, could you..." -> could...)."""
    raw: str = ""
    """The line as written, lower-cased."""
    owners: tuple[str, ...] = ()
    """Words it uses as owners ("Finn's father" -> finn)."""
    owned: tuple[str, ...] = ()
    """Words it says are someone's or something's ("Finn's father", "the dragon's
    favourite food" -> father, favourite, food): what a question about an owner asks."""
    padded: str = ""  # the text between two spaces: a phrase found in it with spaces around is whole words

    def has(self, *phrases: str) -> bool:
        """Whether any phrase occurs as whole words."""
        padded = self.padded
        for phrase in phrases:  # noqa: SIM110 - a loop, not any(): ~10,000 calls a step at 1,000 NPCs
            if phrase in padded and f" {phrase} " in padded:  # most phrases are not in it at all: no new string
                return True
        return False

    def starts(self, *phrases: str) -> bool:
        return any(self.text.startswith(p + " ") or self.text == p for p in phrases)


class _Either(Container[str]):
    """A word in either of two sets, without building their union."""

    __slots__ = ("first", "second")

    def __init__(self, first: Container[str], second: Container[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, word: object) -> bool:
        return word in self.first or word in self.second


def read(line: str, keep: frozenset[str] = frozenset(), names: frozenset[str] | None = None) -> Reading:
    """Read ``line``; words in ``keep`` (the world's names, by default also ``names``) are
    never "corrected"; a greeting or ``names`` word it opens with is not its body.

    Kept per arguments: one line's clauses are read by several readers (its question, its
    order, the actions it names), and a reading depends on nothing else. With ``names``
    apart, kept per the few words asked of ``keep``: each listener's own words differ."""
    line = as_read(line)
    if names is None or names is keep:
        return _read_kept(line, keep, names)
    return _READ_KEEPING((line, names), keep)


def _read(line: str, keep: Container[str], names: frozenset[str] | None) -> Reading:
    names = keep if names is None else names  # type: ignore[assignment]
    kept = keep if names is keep else _Either(keep, names)  # no union: a big world's names are 20,000 words
    raw = as_read(line)
    words: list[str] = []
    tokens = _WORD.findall(raw)
    for at, token in enumerate(tokens):
        if (opened := opened_up(tokens, at, kept)) is not None:
            words += [w if (fix := spelled(w)) == w or w in kept else fix for w in opened[:-1]] + opened[-1:]
            continue
        token = token.removesuffix("'s") if token.endswith("'s") else token.replace("'", "")
        if at == 0 and token not in names and (name := misspelt_one_of(token, names) or nickname_of(token, names)) \
                and token not in kept:  # ``keep`` asked last: a listener's own words are asked about little
            words.append(name)  # "ilza, ...", "nads, ...": the one spoken to, misspelt or shortened
            continue
        if token == "whereabouts" and (not words or words[-1] not in _OWNING):  # "whereabouts do I go?" asks where
            words.append("where")
            continue
        words.append(token if (fix := spelled(token)) == token or token in kept or singular(token) in kept else fix)
    text = " ".join(words)
    start = asked_from = 0  # where the question word is looked for: past what leads in ("it's me, Mara. Tell...")
    while start < len(words) and (led := lead_in(words, start, names)):
        start = asked_from = start + led  # "one more thing, Bram, how many coins is a guidebook", "thanks love, and"
    while start < len(words) and _opening(words, start, names):
        start += 1
    while start < len(words) and (led := lead_in(words, start, names)):
        start = asked_from = start + led  # "Sable, another question: ...", "Ilsa, it's me, Mara. Tell me..."
    body = words[start:]
    opens = bool(body) and (body[0] in WH or body[0] in AUX) and not _imperative(body, raw) and not _wished(
        body, raw) and not (body[:2] in (["what", "a"], ["what", "an"]) and not raw.endswith("?"))  # "what a grim day"
    tagged = text.endswith(_TAG_ENDINGS) and not opens
    wonders = _WONDERS.search(text)
    question = opens or (raw.endswith("?") and not tagged) or bool(wonders) or (
        not tagged and asks_unmarked(text, raw)) or bool(_SUPPOSED.search(text)) or bool(
        _DOUBTED.search(text) or _PRESUMED.search(text))
    late = None if question else _LATE_WH.search(text)  # "... lol whats ur game": typed with no mark
    question = question or late is not None
    owners, owned = possessives(raw)
    wh = _wh(words[asked_from:], question or opens) or (late["wh"] if late else None) or (
        wonders["wh"] if wonders and wonders["wh"] in WH else None)
    return Reading(text, tuple(words), question, opens, wh, tuple(body), raw, owners, owned, f" {text} ")


_read_kept = lru_cache(maxsize=1 << 16)(_read)
_READ_KEEPING = AskedMemo(lambda line_names, keep: _read(line_names[0], keep, line_names[1]))


def _opening(words: list[str], at: int, names: Container[str]) -> bool:
    """Whether the word at ``at`` opens the line before its body (a greeting, filler, name or
    title of the one spoken to, "love", an adverb before the question; "The gulls..." no name)."""
    word = words[at]
    if (at == 0 and word in ("the", "a", "an")) or (at and word in names and (
            words[at - 1] in names or words[at - 1] == "please") and words[at + 1:at + 2] in (["to"], ["through"])):
        return False  # "Bea, head to the break room": an order's verb after the name, though "head office" is one
    return (word in GREETINGS or word in FILLERS or word in names or word in TITLES
            or (word == "me" and at > 0 and words[at - 1] == "excuse")
            or (word == "love" and at + 1 < len(words) and (words[at + 1] in WH or words[at + 1] in AUX
                                                             or (at > 0 and words[at - 1] in names)))  # "Milo, love,"
            or singular(word) in names  # "Ines" is "ine" to the name index
            or word in ("hey", "oi", "good", "well", "so", "ok", "okay")
            or (word == "there" and at > 0 and words[at - 1] in GREETINGS)
            or _adverb_before_asking(words, at))


def _adverb_before_asking(words: list[str], at: int) -> bool:
    """"Roughly how many...", "honestly, do you...": an adverb before the question word."""
    return words[at].endswith("ly") and at + 1 < len(words) and (words[at + 1] in WH or words[at + 1] in AUX)


def _imperative(body: list[str], raw: str) -> bool:
    """"Don't worry, they'll sort it out", "do a few laps", "do your job and trim the lamp,
    please": an order, not a question ("don't you think...?", "do a lot of people...?", "do
    your parents know?" still ask)."""
    if len(body) > 2 and body[0] == "do" and body[1] in ("a", "an", "some", "us", "me") and body[2] != "lot":
        return True
    if body[:2] == ["do", "your"] and not raw.rstrip().endswith("?") and (
            "please" in body or raw.rstrip().endswith("!")):
        return True
    if len(body) > 3 and body[0] in ("might", "may") and body[1] in ("want", "need") and body[2] == "to":
        return True  # "might wanna see to it": advice with its "you" left out
    return len(body) > 2 and body[0] == "do" and body[1] == "not" and body[2] not in ("you", "we", "they", "i", "he",
                                                                                       "she", "it", "your")


def _wished(body: list[str], raw: str) -> bool:
    """"May your hearth stay warm.", "may the tide be kind": a wish, asking nothing."""
    return len(body) > 2 and body[0] == "may" and body[1] in _WISHED_ON and not raw.rstrip().endswith("?")


_WISHED_ON = word_set("you your the god fortune luck all good this it he she they")
_RELATIVE_AFTER = word_set("anyone anybody someone somebody everyone everybody people person one those thing "
                           "things something anything place man woman lad lass fella fellow bloke guy chap girl "
                           "boy lady gentleman gent kid child folk")
"""After these a question word starts a relative clause ("anyone who got a refund"): the
line does not ask who."""


_WHERE_TO_GO = word_set("to into towards toward through")
"""After these "where" says where to go ("come through to where the screen is"), asking nothing."""


_WONDERS = re.compile(r"\b(?:(?:(?:love|like|wants?|wanted|dying|keen|needs?|happen|happens|curious|desperate|eager"
                      r"|itching|longing|interested) to|fain) (?:know|hear|learn|find out)|(?:i|we|and) would know"
                      r"|i wonder|i was wondering)"
                      r" (?P<wh>where|what|who|whose|how|why|when|which|if|whether)\b")
""""I would love to know where you grew up.", "you wouldn't happen to know who painted it?", "my
boy's desperate to know how...", "I would fain hear who...": a question said as a wish to know,
asked with the word after "know"."""
_DOUBTED = re.compile(r"\byou (?:would|do|did|might) not (?:[a-z]+ ){0,3}?(?:know|have)\b"
                      r".* (?:would|do|did|might) you\b")
""""You wouldn't know offhand the year it was done, would you?", "you don't have a spare net,
do you?": a doubt that the one asked knows or has a thing, which asks it."""


_PRESUMED = re.compile(r"\byou (?:will|would|are)(?: not)? (?:be [a-z]+ing|going to [a-z]+)\b"
                       r".* (?:will|would|are)(?: not)? you$")
""""You won't be wanting a quiet night, will you?": what the one asked means to do, guessed
for it to confirm."""


def doubts_asked(r: Reading) -> bool:
    """Whether the line doubts that the one asked knows or has something ("you wouldn't
    know ..., would you?"): a question, never a request, whatever its tag."""
    return _DOUBTED.search(r.text) is not None


_LATE_WH = re.compile(r"\b(?:lol|lmao|haha|so|but|anyway|anyways|ok|okay|then|between you and me|honestly) "
                      r"(?P<wh>what|where|who|how|when|why|which) (?:(?!you\b|i\b|we\b|they\b)[a-z]+ )?"
                      r"(?:is|are|was|were|do|does|did|has|have|can|could|would|will|should)\b(?!.*\b(?:lol|so|but)\b)")
""""I've watched you charm three staff lol whats ur game", "... so whats going on over there": a
question typed after the rest with no mark, set off by a word that opens a new thought."""
_SUPPOSED = re.compile(r"\bi (?:take it|presume|assume|gather|imagine|suppose|expect)$")
""""She's on your team, I take it": a statement the speaker asks to have confirmed."""
def _wh(words: list[str], asking: bool) -> str | None:
    padded = f" {' '.join(words)} "
    first = next((w for i, w in enumerate(words[:6]) if w in WH and not (i and words[i - 1] in _RELATIVE_AFTER)
                  and not (w == "where" and i and words[i - 1] in _WHERE_TO_GO) and not suggests(words[i:i + 4])), None)
    if first == "when" and (later := after_when_clause(words)):
        first = later  # "when you do a test, what score are you aiming for?": "what" asks
    if price_asked(padded, first, asking):
        return "how much"
    if any(f" {p} " in padded for p in ("what time", "what day", "what hour", "how soon", "how long until")):
        return "when"
    if first == "where" and _HEARD_WHERE.search(padded):
        return "how"  # "where did you hear that?" asks how it knows, not a place
    if first == "what" and _NAME_ASKED.search(padded):
        return "who"  # "the fella who shut the map away, what was his name": a person
    if first is None and _ANYWHERE.search(padded):
        return "where"  # "is there anywhere nearby that does hot drinks?"
    return first


_ANYWHERE = re.compile(r" (?:is there|are there|you know(?: of)?) (?:any ?where|some ?where|(?:any|some|a) ?place)\b")
""""Is there anywhere to sit?", "know of somewhere that does tea?": where, asked without "where"."""


_HEARD_WHERE = re.compile(r" where (?:did|do|have|had) you (?:\w+ )?(?:hear|read|learn|find out|pick up) ")
""""Where did you hear it's the tablets?": the source of a belief, not a place."""
THEIR_NAME = ("his name", "her name", "their name")
"""Someone's name asked by a pronoun ("the manager, what's his name?")."""
_NAME_ASKED = re.compile(r" what (?:is|was) (?:his|her|their) (?:name|real name|full name) ")
""""What was his name?": who someone is."""


def goes_along(r: Reading) -> bool:
    """Whether the line asks the NPC to come along (not "where did you go with me?", "did
    you come over to the desk?", nor "down an ale with me here and now": done where it is)."""
    return r.wh is None and r.has(*GOING_ALONG) and not set((r.body or r.words)[:1]) & _ASKED_DONE \
        and not r.has(*DONE_HERE)


DONE_HERE = ("here and now", "right here", "just here", "where we are", "where we stand", "where you are",
             "where you stand", "where you sit", "where i am", "where i stand", "on the spot")
""""Down an ale with me right here", "... where we're standing": done where the NPC is, no walk."""
_ASKED_DONE = word_set("did do does have has had was were is are")
"""How a line opens that asks whether something is or was done, not for it to be done."""


def is_reaction(r: Reading) -> bool:
    """A short answer that only reacts ("Really? I had no idea.", "Well, well.")."""
    return len(r.words) <= 7 and not r.opens and (r.has(*REACTIONS) or not r.words)


def asks_self(r: Reading) -> bool:
    """A question about the NPC itself: how it is, what it does, sells, wants."""
    return r.has(*SELF)


_THINK_OF = re.compile(r"\b(?:think|thinks|feel|feels|thought)\b(?:\s+\w+){0,2}\s+(?:of|about)\b")
CONFIDE = ("you can tell me", "what is wrong", "what is bothering you", "what is troubling you", "on your mind",
           "weighing on you", "off your chest", "what is the matter", "something wrong", "something troubling you",
           "something bothering you", "you look worried", "you look troubled", "you seem worried",
           "you seem troubled", "you can trust me", "tell me the truth", "be honest with me")


_BE = word_set("is are was were")


def asks_identity(r: Reading) -> bool:
    """"Who is the mayor?", "who's Greta?": who someone *is*, not who did something
    ("who saw the mayor?")."""
    words = list(r.body or r.words)
    if "who" not in words[:3] or words.index("who") + 1 >= len(words) or words[words.index("who") + 1] not in _BE:
        return False
    return not r.owned  # "who is Finn's father?" asks who the father is, not who Finn is


_WHAT_LIKE = re.compile(r"\bwhat is (?:\w+ ){1,2}like\b(?! to (?:eat|drink|buy|have|get)\b)")
"""'What is Okafor like (to work for)?': how someone is, asked of whoever knows them."""


def asks_opinion(r: Reading) -> bool:
    return r.has(*OPINION) or bool(_THINK_OF.search(r.text)) or bool(_WHAT_LIKE.search(r.text))


def invites_confidence(r: Reading) -> bool:
    """"You can tell me", "what's troubling you?": an invitation to share what weighs on it."""
    return r.has(*CONFIDE) and not _WRONG_ELSEWHERE.search(r.text)


_WRONG_ELSEWHERE = re.compile(r"\b(?:wrong|the matter) with (?:me|my|us|our|him|her|his|them|their|it|this|that|the)\b")
""""What is wrong with me?": a trouble of the speaker's or another's, not the NPC's."""


def asks_news(r: Reading) -> bool:
    """"Any news?", "anything strange happen lately?"."""
    return r.has(*NEWS) or bool(_HAPPEN.search(r.text)) or bool(_WHAT_YOU_KNOW.search(" ".join(r.body)))


YOU_WORDS = frozenset({"you", "your", "yours", "yourself"})
"""The words by which a line speaks to the one it is said to."""




def asks_price(r: Reading) -> bool:
    return r.wh == "how much"


def asks_about(r: Reading) -> bool:
    return r.question or r.has(*ASKING)


def addressed(r: Reading, npc: str) -> str:
    """The line without the name of the one it is said to ("give us a tune, Pip!" -> "give
    us a tune"): a name says nothing of what is asked."""
    own = set(word_forms(npc))
    words = [w for w in (r.body or r.words) if w not in own and singular(w) not in own]
    return " ".join(words) or r.text
