"""Prices compared: the cheapest or dearest ware of a place ("what's the least I'd pay for
something to eat in the cafeteria?", "what's the priciest thing you sell?"), and two wares
weighed where the line was not read as asking a price ("which is cheaper, the rope or the
stew?": :func:`.wares.answer_price` tells both and which costs less). Every villager knows the
wares and their prices (:class:`~simverse.core.decisions.NameView`), so the answer is the
world's list compared, never a guess. Plain English words.
"""

from __future__ import annotations

import re

from simverse.core.decisions import NameView
from simverse.llm.dialogue.heard import Heard, Said, name_of
from simverse.llm.dialogue.voice import a_name, coins_text
from simverse.llm.dialogue.wares import answer_price

_LEAST = re.compile(r"\b(?:cheapest|least expensive|lowest (?:price|cost)|costs? (?:the )?least|for the least"
                    r"|least (?:[a-z']+ ){0,3}(?:pay|spend|part with|hand over|fork out|shell out))\b")
""""The cheapest", "the least I'd pay", "the least I can spend": the lowest price asked."""
_MOST = re.compile(r"\b(?:priciest|most expensive|costliest|dearest (?:thing|item|ware)|costs? (?:the )?most"
                   r"|highest (?:price|cost)|fetch(?:es)? the (?:highest|most|best|top) price)\b")
""""The priciest", "what fetches the highest price": the highest price asked."""
_FOOD = re.compile(r"\b(?:eat|eating|food|meal|bite|snack|drink|drinking|hungry|thirsty|lunch|breakfast|supper)\b")
_YOURS = re.compile(r"\b(?:you sell|you stock|your (?:stall|shop|counter|wares|stock|goods))\b")
_ELSEWHERE = re.compile(r"\b(?:at|in|on|from) (?:the|that|their|his|her) [a-z]+")
_WEIGHED = re.compile(r"\b(?:cheaper|dearer|pricier|costlier|(?:more|less) expensive|costs? (?:more|less)"
                      r"|better value|(?:more|less) money)\b")
""""Which is cheaper, the rope or the stew?": two prices weighed."""


def prices_compared(h: Heard, intent: str) -> Said | None:
    """The answer to a line that asks for the cheapest or dearest ware, or weighs two
    wares' prices though it was not read as asking a price ("which is cheaper, the rope
    or the stew?"); None for any other line."""
    if extreme := extreme_price(h):
        return Said(extreme)
    return answer_price(h) if intent in ("ask_about", "ask_self") and prices_weighed(h) else None


def extreme_price(h: Heard) -> str:
    """"The cheapest at Cafeteria is an apple, 1 coin.": the lowest (or highest) priced ware
    of the place the line names, the NPC's own wares, or what is sold here, food only when it
    asks for something to eat, none the NPC keeps secret (``secret`` among an item's
    properties: it is not named at all); "" when the line asks no such thing or nothing there
    has a price."""
    text = h.reading.text
    lowest = bool(_LEAST.search(text))
    if not lowest and not _MOST.search(text):
        return ""
    wares = [v for v in _wares_meant(h) if h.req.item_info.get(v.id, {}).get("secret") is not True]
    if _FOOD.search(text):
        wares = [v for v in wares if v.edible] or wares
    if not wares:
        return ""
    prices = [v.price for v in wares]
    best = min(prices) if lowest else max(prices)
    found = [v for v in wares if v.price == best]
    word = "cheapest" if lowest else "dearest"
    things = " and ".join(a_name(v.name) for v in found)
    return f"The {word} {_where(h, found[0])}is {things}, {coins_text(best)}."


def _wares_meant(h: Heard) -> list[NameView]:
    """The priced wares the line asks about: of the place it names, the NPC's own, or here."""
    names = h.req.names
    priced = [v for v in names.values() if v.kind == "item" and v.price and (v.place or v.seller)]
    places = [t for t in h.topics if t in names and names[t].kind == "place"]
    if places:
        return [v for v in priced if v.place == places[0]]
    me = names.get(h.req.npc)
    own = {h.req.place, *(me.works_at if me is not None else ())}
    if _YOURS.search(h.reading.text):  # what it sells itself or where it works
        return [v for v in priced if v.seller == h.req.npc or (v.seller is None and v.place in own)]
    if _ELSEWHERE.search(h.reading.text) and "here" not in h.reading.words:
        return []  # "the cheapest at the tavern", a place the world does not call so: not here
    return [v for v in priced if v.id in h.req.items_here]


def _where(h: Heard, ware: NameView) -> str:
    return "here " if ware.id in h.req.items_here else f"at {name_of(h, ware.place)} " if ware.place else ""


def prices_weighed(h: Heard) -> bool:
    """Whether the line weighs the prices of two priced wares it names."""
    priced = [t for t in h.topics if (v := h.req.names.get(t)) is not None and v.kind == "item" and v.price]
    return len(priced) >= 2 and bool(_WEIGHED.search(h.reading.text))
