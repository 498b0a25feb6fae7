"""Wares asked for in other words: "how much is a cuppa?" for the cup of tea, "what does a
lamp go for?" for the paper lantern, "what do they charge for lunch?" for the sandwich.

Every villager knows the wares on sale and their prices (the world's priced items). When a
price question names none of them, each of its own words (not the price words, not the
world's names) is compared by the offline embedder with each ware's name, among the wares of
a place the line names if it names one; the ware whose name is closest, if close enough and
clearly closer than the next, is the one asked about.
"""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest, FactView
from simverse.core.names import FUNCTION_WORDS, name_words, word_forms, word_set
from simverse.core.spelling import noun_of
from simverse.llm.dialogue import knowing
from simverse.llm.dialogue.answers import (
    Heard,
    Said,
    answer_about,
    capital,
    dont_know,
    fact_sentence,
    name_of,
    wares_at,
)
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.described import content_pairs
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.lead_ins import AUX
from simverse.llm.dialogue.priced import OWN_DEAL, PRICE_JUDGING
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.voice import a_name, coins_text

_PRICE_WORDS = word_set("how much is are it this that these those the a an for cost costs price prices what "
                        "do does charge one each")
WARE_CLOSE = 0.42
"""Cosine of a word to a ware's name from which it may name it ("cuppa" and "cup of tea"
0.52, "lamp" and "paper lantern" 0.44, "pint" and "rye loaf" 0.22)."""
PAIR_FLOOR = 0.35
"""Cosine of a ware word alone to a ware from which two words said together may name it:
"almond pastries" names the almond croissant ("pastry" 0.55 from it), "dragon hoard" no
dragon-ward charm ("hoard" 0.19 from it)."""
WARE_MARGIN = 0.1
"""How much closer than the next ware the one meant must be."""
PRICE_WORDS = word_set("how much is are it this that these those the a an for cost costs price prices what do does "
                       "charge charges one each pay set back go goes going want wants asking ask worth buy sell "
                       "sold get coin coins money here there they you today nowadays day days lately like things "
                       "stuff goods wares usually normally typically roughly about around piece wise damage"
                       ) | PRICE_JUDGING


_MUST_DO = re.compile(r"\bwhat (?:have|has) you got to (?!(?:sell|offer|eat|drink|trade|spare|buy|show)\b)"
                      r"|\bwhat (?:have|has|do|does) (?:you|ya) (?:got |have )?(?:planned|on|lined up|in mind|booked"
                      r"|arranged|coming up)\b"
                      r"|\bwhat (?:would|will|'d|could|might) (?:you|ya) (?:buy|get|spend)\b(?: [a-z]+){0,3}"
                      r" (?:with|on)\b"
                      r"|\b(?:are|were) you (?:[a-z]+ ){1,3}to buy\b|\bsav(?:e|es|ed|ing) (?:up )?(?:to|for)\b")
""""What have you got to get through before...", "what have you got planned for Sunday?",
"what would you buy with your savings?", "what are you saving up to buy?", "did you buy it
yourself?": what the NPC must do, plans, wants or did, not what it has to sell."""


def wares_asked_here(r: Reading) -> bool:
    """Whether the line asks what is sold where the NPC is ("what have you got?", "anything for sale?")."""
    return r.has("sell", "for sale", "buy", "wares", "what do you have", "what have you got") and not (
        _MUST_DO.search(r.text) or OWN_DEAL.search(r.text))


def wares_in_view(req: DecisionRequest, topics: list[str]) -> list[str]:
    """The priced items a price question may mean: those of a place it names, else all."""
    priced = [v.id for v in req.names.values() if v.kind == "item" and v.price]
    places = [t for t in topics if t in req.names and req.names[t].kind == "place"]
    at = [i for i in priced if req.names[i].place in places]
    return at if places else priced


def ware_words(r: Reading, req: DecisionRequest) -> list[str]:
    """The line's own words that may name a ware: no price, function or world's name words
    (but a ware's own word said as a noun alone: "the rye"), nor a word the name index reads
    as a place; an adjective in -y brings its noun ("cheesy": cheese)."""
    wares = _ware_name_words(req)
    others = name_words(req.names) - wares
    words = word_forms(r.text)
    said = [w for w in dict.fromkeys(words) if len(w) >= 3 and w.isalpha() and w not in PRICE_WORDS
            and w not in FUNCTION_WORDS and w not in others and not _names_a_place(req, w)]
    heads = {w for i, w in enumerate(words) if w in wares and (i == 0 or words[i - 1] in _DETERMINERS)
             and (i + 1 == len(words) or words[i + 1] in FUNCTION_WORDS | _ANY_THING)}
    out: list[str] = []
    for word in (w for w in said if w not in wares or w in heads):  # "a single rye at...": the rye loaf
        out += [word] + ([noun] if (noun := noun_of(word)) and noun not in out else [])  # "cheesy": cheese
    return out


_ANY_THING = word_set("thing stuff one bit item kind sort type lot")
"""Nouns that name no particular thing ("the paper things")."""
_DETERMINERS = word_set("a an the one single this that these those some any your them two three few couple")
"""Words before a noun said alone ("the rye", "a single rye"; not "how much honey", "horse shoe nails")."""


def _ware_name_words(req: DecisionRequest) -> frozenset[str]:
    """The words of the priced items' names that no other name has."""
    wares = {w for v in req.names.values() if v.kind == "item" and v.price for w in word_forms(v.name)}
    others = {w for v in req.names.values() if v.kind != "item" for w in word_forms(v.name)}
    return frozenset(wares - others)


def _names_a_place(req: DecisionRequest, word: str) -> bool:
    """Whether the name index reads ``word`` alone as a place ("caff" for the Museum Café): a
    place's word says where, not what ("the caff" is no cup of coffee)."""
    find = getattr(req.names, "find", None)
    return find is not None and any(req.names[e].kind == "place" for e in find(word) if e in req.names)


def ware_similarities(model: IntentModel, r: Reading, req: DecisionRequest, topics: list[str]) -> dict[str, float]:
    """For a price question naming no ware: each ware in view and the best cosine of one of
    the line's words to its name (one embedder batch, cached)."""
    if model.encoder is None or any(t in req.names and req.names[t].kind == "item" for t in topics):
        return {}
    wares = wares_in_view(req, topics)
    if req.conversation and r.raw != req.conversation[-1].text.lower().strip():  # "I want a lamp, what do I owe?"
        r = read(req.conversation[-1].text, name_words(req.names))
    if (one := _said_as_one(r, req, wares)) is not None:
        return {one: 1.0}
    words = ware_words(r, req)
    if not wares or not words:
        return {}
    pairs = ware_pairs(r, words)
    names = [req.names[w].name.lower() for w in wares]
    vectors = model.vectors([*words, *pairs, *names])
    n = len(words) + len(pairs)
    scores = vectors[n:] @ vectors[:n].T
    alone = {w: i for i, w in enumerate(words)}
    out = {}
    for ware, row in zip(wares, scores, strict=True):
        best = float(row[:len(words)].max())
        for j, pair in enumerate(pairs, start=len(words)):  # a pair only picks among wares a word of it fits
            if max(float(row[alone[w]]) for w in pair.split() if w in alone) >= PAIR_FLOOR:
                best = max(best, float(row[j]))
        out[ware] = best
    return out


def ware_pairs(r: Reading, words: list[str]) -> list[str]:
    """Two words said together, one of them a ware word ("almond pastries", "paper
    lights"): the other, even a word of the world's names, says which of several like
    wares is meant ("almond croissant", not "coffee")."""
    kept = set(words)
    return [f"{a} {b}" for a, b in content_pairs(r, PRICE_WORDS) if a in kept or b in kept]


def _said_as_one(r: Reading, req: DecisionRequest, wares: list[str]) -> str | None:
    """The one ware a word before "one" or "ones" is a word of ("the paper ones": the paper
    lantern), or None."""
    said = {r.words[i - 1] for i, w in enumerate(r.words) if i and w in ("one", "ones")} - FUNCTION_WORDS
    named = [w for w in wares if said & set(word_forms(req.names[w].name))]
    return named[0] if len(named) == 1 else None


def ware_meant(similarity: dict[str, float], close: float = WARE_CLOSE) -> str | None:
    """The ware the line means by other words: the closest in meaning, if at least ``close``
    and clearly closer than the next, else ``None``."""
    return clearly_closest(similarity, close, WARE_MARGIN)


_PRICE_TOLD = re.compile(r"\b(?:free|for nothing|costs?|priced at"
                         r"|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) coins?)\b")
"""Words that say what something costs, not how its price is judged ("below the fair price")."""


def _price_believed(h: Heard, item: str) -> FactView | None:
    """A belief the NPC may tell that says what ``item`` costs ("the cafeteria hands out free
    apples before the bell"): what it believes, told after the price the world lists."""
    words = set(word_forms(h.req.names[item].name)) - FUNCTION_WORDS
    return next((f for f in h.req.facts if _PRICE_TOLD.search(f.text.lower()) and words <= set(word_forms(f.text))
                 and knowing.shareable(f, h.req)), None)


def _price_said(h: Heard, item: str) -> str:
    """"A mug of ale costs 1 coin at The Salty Gull.", or "" for an item with no price."""
    view = h.req.names[item]
    price = h.req.item_info.get(item, {}).get("price") or view.price
    if not price:
        return ""
    where = "" if item in h.req.items_here else f" at {name_of(h, view.place)}" if view.place else ""
    return f"{capital(a_name(view.name))} costs {coins_text(price)}{where}."


_LOWER = re.compile(r"\b(?:less|cheaper|lower|cheapest)\b")
_HIGHER = re.compile(r"\b(?:more|dearer|pricier|costlier|higher|more expensive)\b")


def compared(h: Heard, items: list[str]) -> str:
    """"So the coil of rope costs more.": which of two priced wares the line weighs costs
    less or more, where it asks which; "" when it does not compare or a price is missing."""
    views = [h.req.names[i] for i in items[:2]]
    if len(views) < 2 or not all(v.price for v in views) or views[0].price == views[1].price:
        return ""
    text = h.reading.text
    lower = bool(_LOWER.search(text))
    if not lower and not _HIGHER.search(text):
        return ""
    cheap, dear = sorted(views, key=lambda v: v.price or 0.0)
    return f"So {name_of(h, (cheap if lower else dear).id, article=True)} costs {'less' if lower else 'more'}."


_COMPARED = ("than", "compared", "the same as", "as much as")
"""Words of a price compared with another's."""


def answer_price(h: Heard) -> Said:
    """A price: of a named item here or where it is sold, or of the ware the line names in
    other words, else of what is sold at the place it names or here; a question naming no
    item is about what it names ("Jonas's prices")."""
    if _dealer_asked(h) and (about := answer_about(h)).told:
        return about  # "is Jonas selling his herring at a fair price?": what it believes of his dealing
    items = [t for t in h.topics if h.req.names.get(t) and h.req.names[t].kind == "item"]
    ware = None if items else (knowing.ware_named_in_part(h.req, h.reading, _PRICE_WORDS)
                               or ware_meant(h.ware_similarity))
    if ware is not None:  # "the museum guide" for the museum guidebook, though Ada is the tour guide
        h = Heard(h.req, h.reading, h.intent, [ware], h.voice, h.rng)
    places = [t for t in h.topics if h.req.names.get(t) and h.req.names[t].kind == "place"]
    if places and places == h.topics and not ware_words(h.reading, h.req) and (sold := wares_at(h, places[0])):
        return Said(sold)  # "what are prices like at the bakery?"
    asked = [t for t in h.topics if h.req.names.get(t) and h.req.names[t].kind == "item"]
    if h.topics and not asked:
        return answer_about(h)
    if not h.topics and set(h.reading.words) - _PRICE_WORDS:
        return answer_about(h)  # "how much is the collection insured for?": not goods here
    weighed = h.reading.has(*_COMPARED) or (h.reading.has("which") and h.reading.has("or"))
    asked = asked[:2 if weighed else 1]  # "is the ale dearer than the bread?", "which costs more, X or Y?"
    told = [said for t in asked if (said := _price_said(h, t))]
    believed = _price_believed(h, asked[0]) if len(asked) == 1 else None  # "...free apples before the bell"
    if told or believed:
        also = [fact_sentence(h, believed)] if believed else []
        return Said(" ".join(filter(None, [*told, compared(h, asked), *also])), [believed.key] if believed else [])
    if asked:
        return Said(dont_know(h, asked[:1]), unsure=True)
    here = [(i, h.req.item_info[i].get("price")) for i in h.req.items_here if h.req.item_info.get(i, {}).get("price")]
    if not here:
        return Said(dont_know(h), unsure=True)
    return Said("Here: " + ", ".join(f"{name_of(h, i)} {coins_text(p)}" for i, p in here) + ".")


def _dealer_asked(h: Heard) -> bool:
    """Whether a yes/no question asks how someone the line names deals ("does Jonas sell
    his herring cheap?"), not a price."""
    body = h.reading.body or h.reading.words
    return bool(body) and body[0] in AUX and any(
        h.req.names.get(t) and h.req.names[t].kind == "npc" and t != h.req.npc for t in h.topics)


_SOLD_ASKED = re.compile(r"\b(?:do|does|can|could) (?:you|they|i) (?:sell|stock|carry|have|get) (?:any |some )?"
                         r"(?P<thing>[a-z][a-z -]*?)(?: here| from you| off you| today| please)?$"
                         r"|^(?:you|u) (?:sell|stock|carry|got|have) (?:any |some )?(?P<bare>[a-z][a-z -]*?)"
                         r"(?: here| today| please)?$")
""""Do you sell potions?", "u got any lamp oil?": a ware asked for by the word for it."""
_ANY_WARE = word_set("anything something stuff things goods wares much everything food drink it that them those these "
                     "one some any here there today now")
"""Words that name no ware, opening what is asked for ("do you sell anything?", "do you sell here?")."""


def not_sold_here(r: Reading, req: DecisionRequest, topics: list[str]) -> str:
    """"I don't know of any potions for sale here.": for a ware asked for that the world
    names nowhere (no topic found for it) and neither the place nor the NPC's persona
    speaks of, so the wares listed after are no guess at it; "" when the line asks for none."""
    match = _SOLD_ASKED.search(r.text)
    thing = (match["thing"] or match["bare"] or "").removesuffix(" for sale").strip() if match else ""
    if not thing or topics or thing.split()[0] in _ANY_WARE or len(thing.split()) > 3:
        return ""
    here = req.names.get(req.place)
    seen = set(word_forms(" ".join((req.persona, here.description if here is not None else ""))))
    return "" if set(word_forms(thing)) & seen else f"I don't know of any {thing} for sale here."
