"""Orders said the everyday way: with a tag ("say hello to them, would you"), after a
lead-in ("go and feed the hens", "be a dear and fetch it", "don't forget to sign in"), with
a particle or a pronoun after the verb ("pick up one", "grab yourself a cup", "give them a
hello"). Pure English shapes over a line's words, never a world's words.
"""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, verb_forms, word_set

QUESTION_TAGS = (("would", "you"), ("will", "you"), ("could", "you"), ("can", "you"), ("wont", "you"), ("yeah",),
                 ("eh",), ("ok",), ("okay",))
"""Tags that make an order a question in form ("hang it up, would you?")."""
TAGS = (*QUESTION_TAGS, ("go", "on"), ("please",), ("for", "me"), ("for", "us"), ("then",), ("now",))
"""Words an order may end with that ask nothing more ("give us a tune, would you")."""
FILLERS = (("go", "on", "and"), ("come", "on", "and"), ("go", "ahead", "and"), ("go", "on"), ("come", "on"),
           ("right",), ("listen",), ("oi",), ("quick",), ("quickly",), ("maybe",), ("perhaps",))
"""Words an order may open with before its verb ("go on, pick one up", "go on and sign in")."""
PARTICLES = word_set("up on off down in into out through round around along away over back by about")
"""Words that make a verb of two ("pick up", "see to" is not one: "to" leads to a place)."""
PRONOUNS = word_set("yourself yourselves them him her it those these this another more something one")
"""Objects an order's verb may take first ("grab yourself a cup", "give them a hello", "get
another batch going", "grab one of those")."""
_POINTING = word_set("that those this these")
"""Words that point at what an order's verb is done to ("flog that lute"), when a word that is
no function word follows ("reckon that it..." says what is thought)."""
FEELINGS = word_set("love like hate adore miss enjoy prefer reckon bet guess imagine suppose wish hope know think "
                    "believe mind wonder fancy")
"""Words of feeling and thinking: "love the new loaves", "like a morgue in here" ask nothing done."""
NOT_ORDERS = FEELINGS | word_set("see look watch listen hear say tell ask thank bless trust forget remember "
                                 "grown given taken written known seen gone broken chosen eaten fallen hidden "
                                 "stolen spoken worn torn driven shown")
"""Words of feeling, knowing or saying: "love that place", "bless them", "thank her for me" ask
nothing done; nor does a past participle ("grown-up job, dream one?")."""
ORDER_VERBS = word_set(
    "get grab pick put take give bring fetch carry hand pass send keep hold leave let make set turn open close "
    "shut lock unlock clean wash sweep mop tidy dust scrub wipe fix mend repair patch check find help "
    "show read write copy jot note sign fill pay buy sell order book call ring phone text sing play dance cook "
    "bake brew boil fry roast stir chop cut slice serve pour clear sort stack load unload pack unpack wrap tie "
    "untie hang hoist move push pull lift drop throw toss kick run walk hurry wait stop start finish try feed "
    "water plant dig saw build paint draw teach study grade mark test examine treat heal stitch bandage welcome "
    "greet meet introduce guide lead follow join escort drive ride sail row fish catch hunt tend herd milk shear "
    "guard patrol search scout explore visit inspect count weigh measure collect gather fold iron sew knit empty "
    "light blow knock sit stand lie rest sleep wake eat drink taste wear dress change swap trade lend borrow "
    "return deliver post file stamp scan print type log record tally register queue board warm cool heat chill "
    "burn crack flick leaf flip thumb skim squeeze fit slot pop nip stick shove chuck sling bung top refill "
    "restock stock shelve polish sharpen oil grease tune strum whistle hum pray douse flog hawk peddle lug haul "
    "scribble sketch nab snag shift whip strike")
"""Everyday verbs of deeds: a word said first with a particle or pronoun after it ("pick up",
"grab yourself") is an order when it is one of these or one of the world's action words;
"word around the square is..." starts with a noun, not an order."""
_LEAD_IN = re.compile(
    r"^(?:(?:do not|dont) forget to|remember to|make sure to|make sure you|be sure to|try to"
    r"|be (?:a|an) \w+(?: \w+)? and|(?:go|come|run|nip|pop|hurry) (?:and |on )?(?=[a-z])"
    r"|(?:quit|stop|enough|less) [a-z]+ing,? (?:and|then|&)? ?(?=[a-z])|get (?=[a-z]{3,}ing\b)"
    r"|(?:stay|sit|stand|wait|remain)(?: [a-z']+){0,6}? and (?=[a-z]))\s*")
"""What leads into an order's verb: a reminder, a "be a dear and", a "go and", a "quit
yapping and", the "get" of "get serving", a "stay put by the piles and" (where to be while
doing it)."""
_MOVING_ON = word_set("to with home there here inside outside back over in out up down along away round around "
                      "by across through now then")
"""Words after "go" or "come" that make it a walk ("go to...", "come with me"), not a lead-in."""


def tag_question(words: list[str]) -> bool:
    """Whether the words end with a tag that makes an order a question in form."""
    return any(len(words) > len(tag) and tuple(words[-len(tag):]) == tag for tag in QUESTION_TAGS)


_TAG_ENDS = frozenset(tag[-1] for tag in TAGS)
_FILLER_STARTS = frozenset(filler[0] for filler in FILLERS)


def untagged(words: list[str]) -> list[str]:
    """The words of an order without the fillers it opens with and the tags it ends with."""
    w = list(words)
    changed = bool(w) and (w[-1] in _TAG_ENDS or w[0] in _FILLER_STARTS)
    while changed and w:
        changed = False
        for tag in TAGS:
            if len(w) > len(tag) + 1 and tuple(w[-len(tag):]) == tag:
                w, changed = w[:-len(tag)], True
        for filler in FILLERS:
            if len(w) > len(filler) + 1 and tuple(w[:len(filler)]) == filler:
                w, changed = w[len(filler):], True
    return w


def led_in(words: list[str]) -> list[str]:
    """The order's words from its verb on, past a lead-in ("go and feed the hens" -> "feed
    the hens"); the words as they are without one, or when "go"/"come" is itself the walk."""
    text = " ".join(words)
    match = _LEAD_IN.match(text)
    if match is None:
        return words
    rest = text[match.end():].split()
    if not rest or rest[0] in FUNCTION_WORDS or rest[0] in _MOVING_ON:
        return words
    return rest


def plain_order(words: list[str], verbs: frozenset[str] = frozenset()) -> str | None:
    """The verb of an order whose verb (an everyday deed's or one of ``verbs``, the world's
    action words) is followed by a particle or a pronoun ("pick up one of those", "grab
    yourself a cup"), or that a lead-in opens ("go and feed the hens"); ``None`` otherwise."""
    plain = untagged(words)
    w = led_in(plain)
    if len(w) < 2 or w[0] in FUNCTION_WORDS or w[0] in NOT_ORDERS or w[0].endswith("ly"):
        return None
    if w != plain and w[0] not in _MOVING_ON:
        return w[0]
    if len(w) >= 3 and w[1] in ("something", "it", "them", "him", "her", "me", "us") and w[2] in PARTICLES:
        return w[0]  # "strike something up", "pencil her in": a verb of two, whatever the verb
    deed = w[0] in ORDER_VERBS or bool(verb_forms(w[0]) & verbs)
    pointed = w[1] in _POINTING and len(w) >= 3 and w[2] not in FUNCTION_WORDS  # "flog that lute", not "that it"
    return w[0] if deed and (w[1] in PARTICLES or w[1] in PRONOUNS or pointed) else None
