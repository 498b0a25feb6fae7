"""Being asked to do something: "follow me to the square", "sell me a herring", "could you
bake some bread?".

The NPC agrees only to what the world's rules allow it now: the request's ``doable`` lists,
for a line that uses an action's words, the actions whose preconditions hold with the
arguments that work. Agreeing makes the reply's decision that action (a promise: the
world has the NPC do it next step); otherwise it says why not (the item is sold elsewhere,
the place is here already, it cannot do that here), or, disliking the asker, refuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from simverse.core.decisions import ActionSpec
from simverse.core.names import HANDING_WORDS, name_words, verb_forms, word_form_set, word_forms
from simverse.llm.dialogue.actions_meant import BUILTIN_ACTIONS, deed_with_thing, only_doable
from simverse.llm.dialogue.answers import Heard, Said, name_of
from simverse.llm.dialogue.heard import capital
from simverse.llm.dialogue.imperatives import PARTICLES
from simverse.llm.dialogue.named_actions import named_actions, verbs_of, words_of
from simverse.llm.dialogue.order_words import DETERMINERS, described_words, line_verbs, line_words
from simverse.llm.dialogue.parts import request_clause
from simverse.llm.dialogue.reading import CARRY_ON, SPEECH_VERBS, TITLES, read
from simverse.llm.dialogue.refusals import LIGHT_VERBS, rule_behind
from simverse.llm.dialogue.requesting import FAVOUR, action_verbs, bidden, polite_request
from simverse.llm.dialogue.voice import coins_text
from simverse.llm.dialogue.walks import MOVE_WORDS, go, owner_place_said, place_described, wants_to_go
from simverse.llm.dialogue.wares import ware_meant

WANTS_ITEM = ("sell me", "give me", "get me", "pour me", "hand me", "bring me", "fetch me", "serve me",
              "i would like", "i want", "can i have", "can i get", "can i buy", "could i have", "could i get",
              "could i buy", "may i have", "may i buy", "i will take", "i will have", "i need", "i would love")
DISLIKE = -0.5
_PARENS = re.compile(r"\s*\([^)]*\)")


def answer_request(h: Heard) -> Said:
    """Agree (with the action as the decision) or say why not."""
    h = _ordered(h)
    if (refused := _not_for_you(h)) is not None:
        return refused
    item = next((t for t in h.topics if h.req.names.get(t) and h.req.names[t].kind == "item"), None)
    if item is None and set(h.reading.words) & {"one", "it", "some", "that", "those"}:
        item = _item_said_before(h)  # "Sell me one": the loaf asked about a line ago
    if item is None and _handing(h) and {"me", "us"} & set(h.reading.words):  # not "give them a hello"
        item = ware_meant(h.ware_similarity) or _ware_here(h)  # "pour me a pint": the ale, in other words
    if item is not None and (h.reading.has(*WANTS_ITEM) or _handing(h)):
        return _hand_over(h, item)
    places = _places_bidden(h)
    named = named_actions(h, meaning=False)
    here_only = places == {h.req.place} and bool(named) and not _only_a_walk(h)  # "take notes here in the lobby"
    if wants_to_go(h) and not here_only and (places or place_described(h) is not None or owner_place_said(h)):
        here = places <= {h.req.place} and (bool(places) or place_described(h) in (None, h.req.place))
        if here and not _only_a_walk(h) and any(_bindings(h, a) for a in named_actions(h)):
            return _do(h)  # "do a lap with me, race ya to the climbing frame!" in the playground: play there
        return go(h)  # "walk with me to the staff room" in the staff room: "we're already at the Staff Room"
    if named:
        return _do(h)
    if wants_to_go(h):  # "come have a go on the climbing frame with me" where it is: what is done there
        return _do(h) if any(_bindings(h, a) for a in named_actions(h)) else go(h)
    if h.reading.has("help", "assist", "a favour", "a favor") and not FAVOUR.match(" ".join(h.reading.body)) \
            and not _HELP_WITH_WHOM.search(h.reading.text):
        return Said("Of course. What do you need?" if h.voice.warmth > -0.2 else "Depends. What is it?")
    return _do(h)


def _only_a_walk(h: Heard) -> bool:
    """Whether the line says nothing but a walk and where to ("walk with me to the staff
    room"): then an action is not meant by the place's words in its description. A move
    across or around the place it stands in is done there ("dash across the playground")."""
    return not line_words(h) - _WALK_FORMS - TITLES  # "Ms Arden, walk with me to the staff room"


_WITHIN = frozenset({"across", "around", "round", "about"})
_WALK_FORMS = frozenset({f for w in MOVE_WORDS | PARTICLES for f in verb_forms(w)}) - _WITHIN
"""A walk's words: its verbs and their particles, but for those of a move within a place."""


_HELP_WITH_WHOM = re.compile(r"\b(?:help|assist) (?:the|that|this|those|these) (?:[a-z]+ ){0,2}?"
                             r"(?:person|man|woman|lady|one|caller|customer|patient|visitor|guest|child|kid|people)\b")
"""Help asked for someone the NPC's work serves ("help the next person waiting on the
phone"): that work, not "what do you need?"."""


def _places_bidden(h: Heard) -> set[str]:
    """The places the line names, less those named only in what it says not to do ("you
    needn't traipse off to the tavern" bids no walk there)."""
    kept = set(word_forms(bidden(h.reading)))
    gone = set(word_forms(h.reading.text)) - kept
    places = {t: h.req.names[t] for t in h.topics if h.req.names.get(t) and h.req.names[t].kind == "place"}
    return {place for place, view in places.items()
            if not any(set(words) & gone and not set(words) & kept
                       for words in (word_forms(phrase) for phrase in (view.name, *view.aliases)))}


def _ordered(h: Heard) -> Heard:
    """The line read as far as it orders, where what leads into the order says a verb of
    another action ("you'll sell out by noon, get a few more loaves going" asks no sale);
    the whole line where it only names what the order is about ("my refund is 120, can
    you sign it off?"), but not where it only says where the NPC is ("right here among the
    library shelves, put your hand up": no book is asked read)."""
    names = name_words(h.req.names)
    clause = request_clause(h.reading.raw, action_verbs(h.req), names)
    if clause is None:
        return h
    order = read(clause, names=names)
    if _only_where(h.reading.raw.lower()):
        return replace(h, reading=order)
    words = h.reading.words
    said_before = {form for i, word in enumerate(words) if word not in order.words
                   and not (i and words[i - 1] in DETERMINERS) for form in verb_forms(word)}  # "my refund": no verb
    return replace(h, reading=order) if said_before & {v for a in h.req.actions for v in verbs_of(a)} else h


_HERE_ONLY = re.compile(r"(?:right |just |out |in |back )?(?:here|there)"
                        r"(?: (?:in|at|on|by|among|amid|beside|near|inside|between|behind|under|over)"
                        r"(?: [a-z']+){1,4})?, ")
"""A lead-in that only says where: "right here among the library shelves, ..."."""


def _only_where(line: str) -> bool:
    """Whether ``line`` opens, after any name it is said to, with a lead-in that only says where."""
    comma = line.find(", ")
    return bool(_HERE_ONLY.match(line) or (comma >= 0 and _HERE_ONLY.match(line, comma + 2)))


def _item_said_before(h: Heard) -> str | None:
    """The item the conversation last named, before this line."""
    find = getattr(h.req.names, "find", None)
    for turn in reversed(h.req.conversation[:-1]):
        items = [n for n in (find(turn.text) if find else []) if h.req.names[n].kind == "item"]
        if items:
            return items[0]
    return None


WARE_HERE_CLOSE = 0.25
"""Cosine from which a word of a request for something names a ware sold right here: among
the few wares of the NPC's own place a looser match is enough ("a pint" at the tavern)."""


def _ware_here(h: Heard) -> str | None:
    """The ware of the NPC's place that a request for something unnamed means: the closest
    in meaning, if close enough, clearly closer than the next ware here, and closer than
    anything the NPC does other than handing things over."""
    ware = ware_meant({i: s for i, s in h.ware_similarity.items() if i in h.req.items_here}, WARE_HERE_CLOSE)
    if ware is None:
        return None
    done = [s for a, s in h.action_similarity.items()
            if a not in BUILTIN_ACTIONS and not word_form_set(a) & HANDING_WORDS]
    return None if max(done, default=-1.0) > h.ware_similarity[ware] else ware  # "give us a song" at the inn


def _handing(h: Heard) -> bool:
    """Whether the line asks for something to be handed over ("sell me", "give us"); not the
    world's own action of that name, asked for others ("could you serve them now?" where
    "serve" is serving at the bar)."""
    verb = polite_request(h.reading, action_verbs(h.req)) or ""
    dative = _FOR_ME.search(" ".join(h.reading.body or h.reading.words))
    others = rf"\b{re.escape(verb)} (?:them|him|her|everyone|everybody|people|folk|those|these)\b"
    own_deed = any(a.name == verb and not a.args for a in h.req.actions) and bool(re.search(others, h.reading.text))
    return ((verb in HANDING_WORDS and not own_deed) or h.reading.has(*WANTS_ITEM)
            or (dative is not None and dative.group("verb") not in SPEECH_VERBS))


_FOR_ME = re.compile(r"^(?:please )?(?!do (?:me|us) a (?:favour|favor|kindness)\b)(?P<verb>[a-z]+) (?:me|us) "
                     r"(?:a|an|one|some|another)\b")
"""An order to get the speaker something ("pull me a pint", "pour us another"): handing over."""


def _hand_over(h: Heard, item: str) -> Said:
    req = h.req
    view = req.names[item]
    for spec in sorted(req.actions, key=lambda a: a.name):
        if spec.name == "move" or not word_form_set(spec.name) & HANDING_WORDS:
            continue
        for binding in _bindings(h, spec):  # "sell the lute to Sable": to her, if she is here
            if (not binding and (item in req.items_here or item in req.inventory)) or item in binding.values():
                price = req.item_info.get(item, {}).get("price") or view.price
                what = f"one {view.name} for you" + (f", that's {coins_text(price)}" if price else "")
                return Said(h.voice.say("agree", h.rng, what=what), action=spec.name, args=dict(binding))
    if item not in req.items_here and item not in req.inventory:
        price = req.item_info.get(item, {}).get("price") or view.price  # "can I get a sandwich with one coin?"
        where = f"; try {name_of(h, view.place)}" if view.place and view.place != req.place else ""
        where += f" ({coins_text(price)})" if where and price else ""
        return Said(h.voice.say("refuse", h.rng, why=f"I've no {view.name} here{where}"))
    return Said(h.voice.say("refuse", h.rng, why=f"I can't sell you {view.name} here"))


def _not_for_you(h: Heard) -> Said | None:
    """The refusal of anything asked by someone the NPC dislikes, else None."""
    return Said(h.voice.say("refuse", h.rng, why="not for you")) if h.voice.warmth <= DISLIKE else None


def do_hinted(h: Heard, spec: ActionSpec) -> Said:
    """Agree to the work a remark hints at (:mod:`.hints`), as it can be done here now, unless
    the NPC dislikes the one who hints, as with any request."""
    if (refused := _not_for_you(h)) is not None:
        return refused
    return _agree(h, spec, h.req.doable[spec.name][0])


def _agree(h: Heard, spec: ActionSpec, binding: Mapping[str, str]) -> Said:
    """Agree to do ``spec`` with ``binding``, naming the thing it is done with ("I'll buy the
    museum guidebook", not "...one of an item sold here")."""
    what = _phrase(spec.description)
    item = binding.get("item")
    if item in h.req.names:
        what = _SOME_ITEM.sub(name_of(h, item, article=True), what, count=1)
    return Said(h.voice.say("agree", h.rng, what=f"I'll {what}"), action=spec.name, args=dict(binding))


_SOME_ITEM = re.compile(r"\b(?:one of )?(?:an item|a recalled item|something)\b")


def _do(h: Heard) -> Said:
    """Any other action the line names (by the action's words), if its rules hold now."""
    named = named_actions(h)
    doable = [a for a in named if _bindings(h, a)]
    if not [a for a in named if (verbs_of(a) & line_verbs(h)) - LIGHT_VERBS]:  # no verb of its own
        with_named = _done_to_named(h)  # "grab yourself a guidebook": what can be done with it here
        doable = ([a for a in with_named if a in doable] + [a for a in doable if a not in with_named]) or with_named
    if doable and (passed := _passed_over(h, named, doable[0])) is not None:
        named, doable = [passed], []  # "check Yuki's answers" from the desk: not the ticket work instead
    if doable:
        spec = doable[0]
        bindings = _bindings(h, spec)
        binding = next((b for b in bindings if set(b.values()) & set(h.topics)), bindings[0])
        return _agree(h, spec, binding)
    if named:  # and the rule it knows of it: "refunds over 50 coins need the manager's approval"
        refused = h.voice.say("refuse", h.rng, why=f"I can't {_phrase(named[0].description)} here, not now")
        rule = rule_behind(h.req, named[0])
        return Said(f"{refused} {capital(rule.text)}." if rule else refused, told=[rule.key] if rule else [])
    if (only := only_doable(h)) is not None:  # "could you pick that one up?" to the one who answers the phones
        return _agree(h, only, h.req.doable[only.name][0])
    return Said(h.voice.say("refuse", h.rng, why="that's not something I can do"))


def _passed_over(h: Heard, named: list[ActionSpec], chosen: ActionSpec) -> ActionSpec | None:
    """The action the line means far more than ``chosen`` (closer by :data:`PASSED_OVER`
    or more), which the NPC cannot do now: asked for that, it says why not, rather than
    doing something else it can."""
    sims = h.action_similarity
    if (thing := deed_with_thing(h, named, chosen)) and not _bindings(h, thing) and not _own_work_said(h, chosen):
        return thing  # "let's sink an ale together on the quay" by the quay: not fishing there
    best = max(named, key=lambda a: sims.get(a.name, -1.0), default=None)
    if best is None or best is chosen or _bindings(h, best) or _own_work_said(h, chosen):
        return None
    if words_of(best) & described_words(h) and not words_of(best) & line_words(h):
        return None  # "pick up one of those books that explain every exhibit": said only of the books
    return best if sims.get(best.name, -1.0) - sims.get(chosen.name, -1.0) >= PASSED_OVER else None


def _own_work_said(h: Heard, action: ActionSpec) -> bool:
    """Whether ``action`` is the NPC's work now and the line asks it to carry on or says
    that work's verb ("take the next call" to one taking calls): that work is meant."""
    work = word_forms(h.req.schedule_activity or "")[:1]
    if action.name != h.req.schedule_action or not work:
        return False
    return h.reading.has(*CARRY_ON) or bool(set(verb_forms(work[0])) & line_verbs(h))


PASSED_OVER = 0.3
"""How much closer in meaning (cosine) than the deed the NPC could do the deed asked must
be to be refused instead: "hang a lantern over the stall" is 0.31 closer to hanging a
lantern than to selling at the stall, while "take the next call" is mostly less than 0.3
closer to taking a queue ticket than to answering one, which the agent is there to do."""


def _done_to_named(h: Heard) -> list[ActionSpec]:
    """The actions the NPC can do now with a person or thing the line names as an argument
    ("squeeze Sunita in with the doctor" -> booking Sunita, "flick through the puzzle book"
    -> reading it), closest to the line in meaning first, where no action is named by its
    own verb."""
    named = set(h.topics) - {h.req.partner or ""}
    found = [a for a in h.req.actions if a.name not in BUILTIN_ACTIONS
             and any(named & set(b.values()) for b in _bindings(h, a))]
    return sorted(found, key=lambda a: -h.action_similarity.get(a.name, 0.0))


def _bindings(h: Heard, action: ActionSpec) -> list[dict[str, str]]:
    """The arguments ``action`` may be done with now, less those on another item or person
    than the line names ("buy yourself a coffee" where only guidebooks are sold is not doable)."""
    bindings = h.req.doable.get(action.name, [])
    for kind in ("item", "npc"):  # "sell that lute to Brakka" where Brakka is not: no sale to another
        named = {t for t in h.topics if t in h.req.names and h.req.names[t].kind == kind} - {h.req.npc, h.req.partner}
        if named and kind in action.args.values():
            bindings = [b for b in bindings if named & set(b.values())]
    return bindings


def _phrase(description: str) -> str:
    """An action's description as the NPC says it does it: "Put your hand up" -> "put my
    hand up" (a description speaks to the one who acts)."""
    text = _PARENS.sub("", description).strip().rstrip(".")
    text = _YOUR.sub(lambda m: _MINE[m[0].lower()], text)
    return text[:1].lower() + text[1:]


_MINE = {"your": "my", "yours": "mine", "yourself": "myself"}
_YOUR = re.compile(r"\b(?:your|yours|yourself)\b", re.IGNORECASE)
