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
from simverse.core.names import FUNCTION_WORDS, HANDING_WORDS, name_words, verb_forms, word_forms, word_set
from simverse.llm.dialogue.actions_meant import BUILTIN_ACTIONS, deed_with_thing, meant, only_doable
from simverse.llm.dialogue.answers import Heard, Said, name_of
from simverse.llm.dialogue.heard import capital
from simverse.llm.dialogue.order_words import DETERMINERS, described_words, line_verbs, line_words
from simverse.llm.dialogue.parts import request_clause
from simverse.llm.dialogue.reading import CARRY_ON, SPEECH_VERBS, read
from simverse.llm.dialogue.refusals import LIGHT_VERBS, rule_behind
from simverse.llm.dialogue.requesting import FAVOUR, action_verbs, bidden, polite_request
from simverse.llm.dialogue.voice import coins_text
from simverse.llm.dialogue.walks import go, owner_place_said, place_described, wants_to_go
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
    named = _named_actions(h, meaning=False)
    here_only = places == {h.req.place} and bool(named)  # "take notes here in the lobby": no walk
    if wants_to_go(h) and not here_only and (places or place_described(h) is not None or owner_place_said(h)):
        here = places <= {h.req.place} and (bool(places) or place_described(h) in (None, h.req.place))
        if here and any(_bindings(h, a) for a in _named_actions(h)):
            return _do(h)  # "do a lap with me, race ya to the climbing frame!" in the playground: play there
        return go(h)
    if named:
        return _do(h)
    if wants_to_go(h):  # "come have a go on the climbing frame with me" where it is: what is done there
        return _do(h) if any(_bindings(h, a) for a in _named_actions(h)) else go(h)
    if h.reading.has("help", "assist", "a favour", "a favor") and not FAVOUR.match(" ".join(h.reading.body)) \
            and not _HELP_WITH_WHOM.search(h.reading.text):
        return Said("Of course. What do you need?" if h.voice.warmth > -0.2 else "Depends. What is it?")
    return _do(h)


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
    you sign it off?")."""
    names = name_words(h.req.names)
    clause = request_clause(h.reading.raw, action_verbs(h.req), names)
    if clause is None:
        return h
    order = read(clause, names=names)
    words = h.reading.words
    said_before = {form for i, word in enumerate(words) if word not in order.words
                   and not (i and words[i - 1] in DETERMINERS) for form in verb_forms(word)}  # "my refund": no verb
    return replace(h, reading=order) if said_before & {v for a in h.req.actions for v in _action_verbs(a)} else h


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
    done = [s for a, s in h.action_similarity.items() if a not in BUILTIN_ACTIONS and not _words(a) & HANDING_WORDS]
    return None if max(done, default=-1.0) > h.ware_similarity[ware] else ware  # "give us a song" at the inn


def _handing(h: Heard) -> bool:
    """Whether the line asks for something to be handed over ("sell me", "give us")."""
    verb = polite_request(h.reading, action_verbs(h.req)) or ""
    dative = _FOR_ME.search(" ".join(h.reading.body or h.reading.words))
    return (verb in HANDING_WORDS or h.reading.has(*WANTS_ITEM)
            or (dative is not None and dative.group("verb") not in SPEECH_VERBS))


_FOR_ME = re.compile(r"^(?:please )?(?!do (?:me|us) a (?:favour|favor|kindness)\b)(?P<verb>[a-z]+) (?:me|us) "
                     r"(?:a|an|one|some|another)\b")
"""An order to get the speaker something ("pull me a pint", "pour us another"): handing over."""


def _hand_over(h: Heard, item: str) -> Said:
    req = h.req
    view = req.names[item]
    for spec in sorted(req.actions, key=lambda a: a.name):
        if spec.name == "move" or not _words(spec.name) & HANDING_WORDS:
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


def _named_actions(h: Heard, meaning: bool = True) -> list[ActionSpec]:
    """The world's actions the line names: by their name or the first word of their
    description ("take notes" -> take_notes, "gather herbs" -> forage: "Gather healing
    herbs..."); with ``meaning``, when no word but a light verb names one ("give us a
    tune"), also the NPC's own work that the line speaks of (:func:`_scheduled`) and those
    close in meaning by the embedder (else by the other words of the description: "some
    herbs for me"). Words of the places and things the line names do not count ("the
    returns room")."""
    line = line_words(h)
    actions = [a for a in h.req.actions if a.name not in BUILTIN_ACTIONS]
    own = [a for a in actions if _action_words(a) & line]
    if not meaning:
        return own
    whole = [a for a in own if len(_words(a.name)) > 1 and _words(a.name) <= line]
    if whole:  # "give us the tour": give_tour by every word of its name, then what its words name, not the work here
        return whole + [a for a in own if a not in whole]
    first = [a for a in _scheduled(h, line) if a in actions]
    if first and _GO_ON_DOING.search(h.reading.text):
        return first  # "carry on picking" to one gathering herbs: that work, not picking something up
    verbs = line_verbs(h)
    strong = [a for a in own if (_action_verbs(a) & verbs) - LIGHT_VERBS]
    if strong:
        return strong
    last = [a for a in _at_work(h, line) if a in actions]
    if h.action_similarity:  # and those it means ("sing for us" -> perform: "Play a song...")
        by_meaning = meant(h, actions)
        found = first + [a for a in by_meaning if a not in first]
        found += [a for a in own if a not in found]
        return found + [a for a in last if a not in found]
    if first or own or last:
        found = first + [a for a in own if a not in first]
        return found + [a for a in last if a not in found]
    scored = sorted(((len(set(word_forms(a.description)) & line), i, a) for i, a in enumerate(actions)),
                    key=lambda t: (-t[0], t[1]))
    return [a for n, _, a in scored if n and n == scored[0][0]][:1]


def _action_words(action: ActionSpec) -> set[str]:
    """The words that name an action: its name's words and its verbs (:func:`_action_verbs`)."""
    return _words(action.name) | _action_verbs(action)


def _action_verbs(action: ActionSpec) -> set[str]:
    """The verbs of an action: its name's and its description's first word, and such a
    word without "re" ("rehang" is asked for as "hang the painting back up")."""
    words = set(word_forms(action.name)[:1]) | set(word_forms(action.description)[:1])
    return words | {w[2:] for w in words if w.startswith("re") and len(w) >= 6}


def _scheduled(h: Heard, line: set[str]) -> list[ActionSpec]:
    """The action of the NPC's work now when the line speaks of that work ("take the next
    call" to someone "taking calls", "keep working on the varnish" to someone "cleaning the
    varnish") or asks it to carry on."""
    req = h.req
    if not req.schedule_action or not req.schedule_activity:
        return []
    work = {f for w in word_forms(req.schedule_activity) for f in verb_forms(w)} - FUNCTION_WORDS - LIGHT_VERBS
    if not (work & (line - LIGHT_VERBS)) and (not h.reading.has(*CARRY_ON) or _other_named(h)):
        return []
    return [a for a in req.actions if a.name == req.schedule_action]


def _other_named(h: Heard) -> bool:
    """Whether what the line asks to get on with says a word of the name of the action it
    means most, when that is not the NPC's work now ("get cracking on the quiz paper" to one
    taking notes: take_quiz)."""
    found = _GET_ON_WITH.search(h.reading.text)
    own = set(word_forms((h.req.schedule_action or "").replace("_", " ")))
    said = set(word_forms(found["what"])) - own - LIGHT_VERBS - FUNCTION_WORDS if found else set()
    sims = h.action_similarity
    top = max(sims, key=lambda a: sims[a], default=None)  # "crack on with the red pen on those books": not read_book
    return top is not None and top != h.req.schedule_action and bool(said & set(word_forms(top.replace("_", " "))))


_GET_ON_WITH = re.compile(r"\b(?:get cracking|crack on|get on|carry on|go on|press on|keep going|keep working"
                          r"|on you go) (?:on|with) (?P<what>.+)")


_GO_ON_DOING = re.compile(r"\b(?:carry on|keep on|go on|press on|get on) [a-z]{3,}ing"
                          r"(?: (?:then|please|now|love|mate))?$")
""""Carry on picking": the work the NPC is at, said by a verb alone."""


_ANY_WORK = LIGHT_VERBS | word_set("deal handle see sort tackle attend pick grab")
"""Verbs that ask for work on something without saying which ("deal with", "see to")."""


def _at_work(h: Heard, line: set[str]) -> list[ActionSpec]:
    """The action of the NPC's work now when the line speaks of what its workplace shows or
    is called, or of what it is busy with ("deal with those waiting calls" at a bay whose
    wallboard shows calls waiting, "phones are ringing, deal with them" in the Phone Bay): last
    among the actions meant, as a thing there may be the object of other actions too."""
    req = h.req
    if not req.schedule_action or req.schedule_place != req.place:
        return []
    verbs = action_verbs(req)
    clause = request_clause(h.reading.raw, verbs, name_words(req.names))  # "the board's flashing red, pick one up"
    verb = polite_request(h.reading, verbs) or (polite_request(read(clause), verbs) if clause else None)
    if (verb or "") not in _ANY_WORK:
        return []  # "swap your kettle" asks for a deed of its own, not the work there
    place = req.names[req.place].name if req.place in req.names else ""  # "phones ringing" in the Phone Bay
    shown = set(word_forms(f"{req.place_description} {place} {req.schedule_activity or ''}"))
    shown -= FUNCTION_WORDS | LIGHT_VERBS
    if not shown & (line - LIGHT_VERBS):
        return []
    return [a for a in req.actions if a.name == req.schedule_action]


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
    named = _named_actions(h)
    doable = [a for a in named if _bindings(h, a)]
    if not [a for a in named if (_action_verbs(a) & line_verbs(h)) - LIGHT_VERBS]:  # no verb of its own
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
    if _action_words(best) & described_words(h) and not _action_words(best) & line_words(h):
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


def _words(action: str) -> set[str]:
    return set(word_forms(action))


def _phrase(description: str) -> str:
    """An action's description as the NPC says it does it: "Put your hand up" -> "put my
    hand up" (a description speaks to the one who acts)."""
    text = _PARENS.sub("", description).strip().rstrip(".")
    text = _YOUR.sub(lambda m: _MINE[m[0].lower()], text)
    return text[:1].lower() + text[1:]


_MINE = {"your": "my", "yours": "mine", "yourself": "myself"}
_YOUR = re.compile(r"\b(?:your|yours|yourself)\b", re.IGNORECASE)
