"""Whether a line asks a price: by its words ("how much", "what does it go for"), in other
words ("what would that set me back", "per lantern"), by judging it ("pricey?") or by what
is asked for a thing; read by :func:`.reading.read` for its question word."""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.core.names import word_set

PRICE = ("how much", "cost", "costs", "price", "prices", "pay for", "charge for", "do i owe", "owe you",
         "what will that be", "what is that going to be", "what will it be", "what is it going to be", "that come to",
         "what is the damage", "fee for", "how dear", "how expensive", "how costly", "how pricey",
         "does it come to", "go for", "goes for", "going for", "set me back", "sets me back", "set you back",
         "sets you back", "set us back", "want for", "hand over for", "fork out for", "shell out for", "cough up for",
         "need to hand over", "have to hand over", "need to pay", "have to pay",
         "going to run me", "that run me", "it run me", "that runs me", "it runs me",
         "asking for", "going rate", "the rate for", "rates", "charging for", "they charge", "you charge",
         "you charging", "charges for", "they charging", "he charging", "she charging")
_ASKED_FOR = re.compile(r" what (?:sum |amount |money )?(?:(?:do|does|did|would|will|might) (?:[a-z]+ ){1,3}"
                        r"|you |he |she |they )(?:ask|want|take|charge|require|demand|expect)s? for"
                        r" (?:a|an|one|the|it|them|that|this|those|these|each)\b"
                        r"| what (?:would|will|do|should|might|am|are) (?:i|we|one) (?:be )?pay(?:ing)?\b")
""""What does the café ask for a cup?", "what sum do you require for one?", "I would know what you
ask for it", "if I got a herring, what would I be paying?": what is asked for a thing is its
price ("what did she ask for?" is no price: nothing is named after it)."""


_HOW_MANY_COINS = re.compile(r" how many (?:[a-z]+ )?(?:coins?|gold|silver|coppers?|pennies|pence|pounds|dollars|"
                             r"credits|quid|bucks|crowns|shillings|marks) ")
""""How many coins is one of them?": a price asked in money."""


def _asked_unmarked(padded: str, priced: list[str]) -> bool:
    """"If I grab an apple what's that gonna set me back": no question mark, still a price."""
    return any(re.search(rf" (?:what|how) (?!a |an )(?:\S+ ){{0,7}}{re.escape(p)} ", padded) for p in priced)


_PRICED = re.compile(r"(?= ((?:set|sets|setting) (?:\S+ ){1,3}back|how (?:cheap|affordable)|charged? (?:you|me|us) for"
                     r"|per (?!day|week|hour|night|month|year|cent)[a-z]+) )")
""""What would a guidebook set a student back", "how cheap are...", "per lantern": a price in other words."""
_DEAR_ANYWHERE = ("pricey", "pricy", "apiece")
_DEAR_LAST = ("expensive", "costly", "cheap", "affordable")
PRICE_JUDGING = word_set(" ".join((*_DEAR_ANYWHERE, *_DEAR_LAST)))
"""Words that judge a price ("pricey?"): a line may ask a price with them alone."""
_PRICE_JUDGED = re.compile(r"(?<= )(" + "|".join(_DEAR_ANYWHERE)
                           + r"|(?:coin|price|cost|money) wise|in coins|in coin)(?= )")
""""That nutty pastry, pricey?", "them paper things, coins apiece?", "the stew, coin-wise?": a
price asked by what it is like."""
_JUDGED_LAST = re.compile(r" (" + "|".join(_DEAR_LAST) + r") $")
""""The lanterns, expensive?": a price, where "why is his fish so cheap?" asks a reason."""
_GOING = frozenset({"go for", "goes for", "going for"})
"""Price phrases that are also a way to somewhere ("where do I go for a jab?")."""
_AIMING = re.compile(r" (?:(?:you are|you were|i am|we are|she is|he is|they are) going for"
                     r"|(?:go|goes|going) for (?:a|an|some) (?!few |couple |bit |lot |pretty |fair |good |tidy )"
                     r"\S+ with"
                     r"|(?:go|goes|going) for (?:a|an) (?:walk|swim|drink|coffee|pint|meal|run|ride|stroll|wander|bite"
                     r"|jog|dip|paddle|cuppa|beer|picnic|spin|sail|hike))\b")
""""You're going for class rep": aiming at something, not a price; "who'd you go for a coffee
with?", "fancy going for a walk": an outing ("what does a coil go for?", "goes for a few coins"
stay prices)."""


_COMPARED = re.compile(r" (?:below|under|above|over|beneath|undercutting|undercuts) "
                       r"(?:the |his |her |their |my |your )?(?:fair |going |usual |normal |market |proper |asking )?"
                       r"(?:price|prices|rate) "
                       r"| (?:charges?|charging|charged|asks?|asking|asked|sells? at|selling at) (?:a |an )?"
                       r"(?:fair|honest|decent|proper|reasonable|fair enough) (?:price|prices|rate) "
                       r"| (?:do|does|did|doing|done) (?:with|to) (?:his|her|their|its|the) (?:[a-z]+ )?"
                       r"(?:price|prices|rates?) ")
""""Sells his herring below the fair price", "does he ever charge a fair price?", "what does
Jonas do with his herring prices?": a price that measures a deed, not one asked."""


OWN_DEAL = re.compile(r"\b(?:did|have|had) you (?:[a-z]+ ){0,2}(?:buy|bought|sell|sold)\b")
""""Did you buy it yourself?", "have you sold many?": the NPC's own past dealing, not its wares."""
_ASKING_AFTER = re.compile(r" (?:asking|asked|asks|ask) for (?:you|me|him|her|them|us|help|directions|advice|trouble"
                           r"|[a-z]+ by name)\b")
""""Folk are asking for you", "asking for help": a person or help asked after, not a price."""


def prices_said(padded: str, first: str | None) -> list[str]:
    """The price phrases of a line (``padded`` with spaces; ``first`` its question word)."""
    padded = _ASKING_AFTER.sub(" ", _COMPARED.sub(" ", padded))
    said = [p for p in PRICE if p in padded and f" {p} " in padded and not (p in _GOING and _AIMING.search(padded))]
    said += [m[1] for m in _PRICED.finditer(padded)] + _PRICE_JUDGED.findall(padded)
    return said + ([m[1] for m in _JUDGED_LAST.finditer(padded)] if first is None else [])  # "the lanterns, expensive?"


@lru_cache(maxsize=1 << 16)
def price_asked(padded: str, first: str | None, asking: bool) -> bool:
    """Whether the line (``padded``; ``asking``: it asks something) asks a price (kept per
    arguments: a line is read again for each listener whose own words may change its reading)."""
    priced = prices_said(padded, first)
    if not (asking or _asked_unmarked(padded, priced)):
        return False
    return bool(_ASKED_FOR.search(padded) or _HOW_MANY_COINS.search(padded)
                or (priced and not (first == "where" and set(priced) <= _GOING)))  # "where do I go for the flu?"
