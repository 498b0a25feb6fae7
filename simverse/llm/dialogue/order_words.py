"""The words of a line heard as a request that may name one of the world's actions: its
words and the verbs they may inflect, less the names it uses, the plural nouns in "-ings"
("the paintings"), words right after an article ("give us a hand") and verbs that only
describe something it names ("the painting you are cleaning"). :mod:`.orders` matches them
with each action's name and the first word of its description.
"""

from __future__ import annotations

import re

from simverse.core.names import FUNCTION_WORDS, verb_forms, word_forms, word_set
from simverse.llm.dialogue.answers import Heard
from simverse.llm.dialogue.requesting import GREETED, bidden

DETERMINERS = word_set("a an the my your his her our their its this that some any every each")


def line_words(h: Heard) -> set[str]:
    """The line's words and the verbs they may inflect, less the names it uses (the NPC's
    own too: "cobb, stroll down..." says nothing of Cobb's Pasture)."""
    named = {w for t in [*h.topics, h.req.npc] if t in h.req.names for w in word_forms(h.req.names[t].name)}
    nouns = _plural_ings(h.reading.raw)
    line = {form for word in word_forms(_bid(h)) if word not in named
            for form in ({word} if word in nouns else verb_forms(word))}
    return (line | _greeting_sent(h)) - FUNCTION_WORDS


_DESCRIBING = re.compile(r"\b(?<!be )(?:the|that|this|those|these|your|my|his|her|their) (?:[a-z'-]+ ){0,3}?[a-z'-]+ "
                         r"(?:who|that|which|whom|(?:you|we|they|i) (?:are|am|were|have been|had been)) "
                         r"(?:(?:is|are|was|were|has|have|had|does|do|did|will|would|can|could|always|just|still) )?"
                         r"(?P<verb>[a-z]+)\b(?: (?:every|each|all|the|a|an|its|their|your|my|our|his|her|some|any)"
                         r" [a-z'-]+\b)?")
"""A thing or person named by what is done by or to them ("the painting you are cleaning",
"the lad who mends your nets", "those books that explain every exhibit"): that verb and its
object are no order ("carry the painting you are cleaning back"); "be the one who greets
them" is."""


def _bid(h: Heard) -> str:
    """The line's text as bidden (:func:`.requesting.bidden`), without the verbs that only
    describe something it names (:data:`_DESCRIBING`)."""
    text = bidden(h.reading)
    return _DESCRIBING.sub(lambda m: m[0][:m.start("verb") - m.start()].rstrip(), text)


def described_words(h: Heard) -> set[str]:
    """The words of what only describes something the line names ("explain every exhibit"
    of "those books that explain every exhibit")."""
    return {w for m in _DESCRIBING.finditer(bidden(h.reading)) for w in word_forms(m[0][m.start("verb") - m.start():])}


_PLURAL_INGS = re.compile(r"\b([a-z]{3,}ing)s\b")


def _plural_ings(raw: str) -> set[str]:
    """Words of the line said as plural nouns in "-ings" ("the football markings", "the
    paintings"), in their singular: they name no action ("mark")."""
    return set(_PLURAL_INGS.findall(raw))


_SAYS_HELLO = re.compile(rf"\bsay (?:{'|'.join(sorted(GREETED))})\b")


def _greeting_sent(h: Heard) -> set[str]:
    """"Say hello to the new visitors": the verbs of greeting them, which the line does not say."""
    return {"greet", "welcome"} if _SAYS_HELLO.search(h.reading.text) else set()


def line_verbs(h: Heard) -> set[str]:
    """The line's words that may be verbs: not right after an article or possessive ("give
    us a hand" asks for help, not to hand something over)."""
    words, nouns = word_forms(_bid(h)), _plural_ings(h.reading.raw)
    return ({form for i, word in enumerate(words) if not (i and words[i - 1] in DETERMINERS) and word not in nouns
             for form in verb_forms(word)} | _greeting_sent(h)) - FUNCTION_WORDS
