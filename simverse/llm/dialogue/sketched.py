"""People asked about by how they are described, not by name: "the woman behind the
medicines counter", "that young lad who trails round after you", "the rope lady at the
stalls". Everyone knows how everyone else is known (the opening of their persona), their
role and the work they alone are seen doing, where the description says a word of it other
than a place's ("the lad who mends the nets"); the description is compared with those by
the offline embedder, and the one
person clearly closest, of the sex the description says where their persona says theirs,
is the one meant. A description of what someone did once ("the man who stole the
painting") names no one: that is news, not how a person is known.
"""

from __future__ import annotations

import functools
import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, NameIndex, same_root, word_forms, word_set
from simverse.llm.dialogue.charge import person_in_charge
from simverse.llm.dialogue.clausal import PART_BREAK
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.described import places_of, places_showing
from simverse.llm.dialogue.doers import PAST, deed_without_place
from simverse.llm.dialogue.imperatives import PARTICLES
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.per_world import from_names, place_words
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.roles import other_time, roles_of

_WOMAN = word_set("woman lady girl lass gal mum mom mother")
_MAN = word_set("man fella fellow boy lad guy bloke chap gentleman gent feller geezer dad")
_PERSON = _WOMAN | _MAN | word_set("kid person youngster youth child teenager nipper seller vendor keeper dealer")
_WORKER = word_set("teacher schoolteacher doctor nurse advisor adviser storyteller swordsman fisherman trader merchant "
                   "guard priest baker student pupil patient manager clerk volunteer assistant apprentice knight "
                   "soldier sailor cook farmer shepherd smith shopkeeper pharmacist receptionist artist painter guide "
                   "visitor customer agent officer elder")
"""Everyday words for people by what they do, which a description may hang on ("the
schoolteacher with the cough"); alone ("the teacher") they ask for a role (:mod:`.roles`)."""
_THING_PERSON = re.compile(r"\b(?P<thing>[a-z]+)[ -](?:" + "|".join(sorted(_PERSON)) + r")\b")
""""The herb-woman", "the bread lady": a thing's word that only says who a person is."""


def things_describing_people(text: str, names: NameIndex, topics: list[str]) -> set[str]:
    """The items among ``topics`` named only to say who a person is ("I'm looking for the
    herb-woman in the wood": not the bundle of herbs)."""
    said = [set(names.find(m["thing"])) for m in _THING_PERSON.finditer(text.lower())]
    items = {t for t in topics if t in names and names[t].kind == "item"}
    rest = names.find(_THING_PERSON.sub(" , ", text.lower()))
    return {t for t in items if any(t in found for found in said) and t not in rest}


_AFTER = (r"(?P<after>\s+(?:who|whose|that|at|behind|in|on|with|from|by|near|next|beside|over|out|outside|up|down|round"
          r"|forever|always|sat|(?!during\b|morning\b|evening\b|thing\b)[a-z]{3,}ing)\b[^,.?!;—]*)?")
_DEED = re.compile(r"\b(?:who|that)\s+(?:[a-z]+ly\s+|always\s+|just\s+|once\s+|had\s+)?(?P<verb>[a-z]+)\b")
""""The man who stole...", "the woman that painted...": the verb of what a person described did."""


_MAIN_VERB = re.compile(r"\b(?:is|was|are|has|had|needs|wants|said|says|keeps|looks|seems|can|could|will|would|"
                        r"did|does|[a-z]{3,}ed (?:in|up|off|out|on|over|to|for))\b")
"""Where the sentence goes on after a person described by where or with what they are (also
"get the lad with the bad knee | booked in")."""


_THEIR_PLACE = (r"(?:[a-z]+ )?(?:office|room|desk|house|home|shop|stall|place|study|workroom|studio|quarters|cottage"
                r"|hut|kitchen|field|pasture|yard|garden|counter|bar|door|walls?|window|floor|corner|table|chair)\b")
"""What is someone's place ("the manager's office"): the place is meant, not the person
("the rope seller's always ..." is the seller)."""


@functools.lru_cache(maxsize=32)
def _sketch(kinds: frozenset[str]) -> re.Pattern[str]:
    """A person described: "the (old) (rope) lady (at the stalls)", "that young lad (who...)",
    or by a word the world knows people as (``kinds``: "the half-giant at the trading post");
    not one whose thing is named ("the walls of the manager's office")."""
    nouns = "|".join(re.escape(n) for n in sorted(_PERSON | _WORKER | kinds, key=lambda n: (-len(n), n)))
    return re.compile(r"\b(?:the|that|this|your|yon|a|an)\s+(?P<before>(?:[a-z'-]+\s+){0,3}?)(?P<noun>" + nouns + r")\b"
                      r"(?!['\u2019]s " + _THEIR_PLACE + r")" + _AFTER, re.IGNORECASE)  # "the manager's office"
SKETCH_CLOSE = 0.33
"""Cosine of a description to how a person is known from which it may mean them ("the
rope lady at the stalls" and "A market vendor of rope and vegetables" 0.37, "the lady who
takes our class" and "Ms Arden, the class teacher" 0.62; "the man in the red cloak" at
most 0.28 from anyone in the valley)."""
PLACE_SAYS = 0.05
"""How much where a described person is may add to how close the description is: what
they do or are must fit them without it."""
SHARED_WORD = 0.05
"""How much each word a description shares with how a person is known adds (at most two;
a word no one else's texts have counts twice): MiniLM puts "the lad with the sore knee" as
close to the doctor (0.44) as to the runner who twisted his knee (0.44); the word itself
tells them apart."""
WORK_SAYS_LESS = 0.1
"""How much less the work someone is seen doing says who they are than how they are known:
"the old woman ... who's offering the reward" is the quest giver, not the rogue whose work
is to claim it."""
SKETCH_MARGIN = 0.05
"""How much closer than the next person the one meant must be."""


def sketch_in(text: str, kinds: frozenset[str] = frozenset()) -> str:
    """The description of a person in a line, with something that tells them apart (a
    word before the noun or a clause after it), or "" ("the man" alone tells no one)."""
    text = unhyphened(text)
    for match in _sketch(kinds).finditer(text):
        before = [w for w in match.group("before").split() if w not in FUNCTION_WORDS]
        after = (match.group("after") or "").split()
        if not before and len(after) < 2 and not _bare_kind(match, text, kinds):
            continue  # "the man" alone tells no one
        if _ANY_ONE.search(text, 0, match.start()) and match[0][:2].lower() in ("a ", "an"):
            continue  # "what would a person on top of the lighthouse see?": anyone there
        deed = _DEED.search(match.group(0).lower())
        if deed and (deed["verb"] in PAST or (deed["verb"].endswith("ed") and len(deed["verb"]) > 4)):
            continue  # "the man who stole the painting": something done once
        said = _DASH.split(match.group(0), maxsplit=1)[0]  # "the lady by the door - is she new?"
        verb = _MAIN_VERB.search(said, match.start("after") - match.start()) if after else None
        if verb and after[0].lower() not in ("who", "whose", "that") and not _RELATIVE_END.search(said[:verb.start()]):
            said = said[:verb.start()]  # "the lad with the bad knee | needs a slot"
        return said.strip()
    return ""


_HYPHENED = re.compile(r"(?<=[a-z])-(?=(?:" + "|".join(sorted(_PERSON | _WORKER)) + r")\b)", re.IGNORECASE)


def unhyphened(text: str) -> str:
    """``text`` with a word for a person joined to the word before it by a hyphen written
    apart ("the stall-keeper" -> "the stall keeper"), so that it is read as such a word."""
    return _HYPHENED.sub(" ", text)


_ANY_ONE = re.compile(r"\b(?:would|could|might|can|should|will|does|do)\s+$", re.IGNORECASE)
"""A modal before "a person ...": whoever it may be, not someone met."""
_RELATIVE = re.compile(r"\b(?:who|that|whose)\b")
_NEXT_WORD = re.compile(r"\s*([a-z'-]+)")


def _bare_kind(match: re.Match[str], text: str, kinds: frozenset[str]) -> bool:
    """Whether a word the world knows people as stands alone as the noun ("the half-giant
    waved at you"), not as a word before another ("the Dutch paintings")."""
    after = _NEXT_WORD.match(text.lower(), match.end("noun"))
    return match["noun"].lower() in kinds and (after is None or after[1] in FUNCTION_WORDS or after[1].endswith("ed"))


def named_within(text: str, req: DecisionRequest, people: list[str]) -> bool:
    """Whether every one of ``people`` is named (by name or role) in what the person
    described does ("the woman who sends everyone to the doctor": not the doctor)."""
    sketch = sketch_in(text, people_kinds(req))
    return bool(sketch) and all(_named_in(_deed_part(text, sketch), req, p) for p in people)


def _deed_part(text: str, sketch: str) -> str:
    """What the person described does: the clause after "who" or "that" from the
    description on ("the lady by you who keeps sending folk to the doctor"), to the end of
    its part of the line (a description is cut where the sentence may go on)."""
    text = unhyphened(text)
    start = text.lower().find(sketch.lower())
    clause = PART_BREAK.split(text[max(start, 0):], maxsplit=1)[0]
    found = _RELATIVE.search(clause.lower())
    return "" if found is None else clause[found.end():]


def _named_in(text: str, req: DecisionRequest, person: str) -> bool:
    """Whether ``text`` names ``person`` by name or role ("the doctor")."""
    return bool(text) and isinstance(req.names, NameIndex) and person in req.names.find(text)


_DASH = re.compile(r"\s+-+\s+")
_RELATIVE_END = re.compile(r"\b(?:who|that|whose \w+)(?:\s+(?:\w+ly|always|never|just|still))?\s*$")
"""A verb right after these is the description's own ("the lady by you who | keeps sending
folk to the doctor"), not where the sentence goes on."""


def sexes_fit(noun: str, pronoun: str) -> bool:
    """Whether a person whose persona says ``pronoun`` may be the ``noun`` described."""
    if not pronoun:
        return True
    return not (noun in _WOMAN and pronoun == "he") and not (noun in _MAN and pronoun == "she")


def person_noun(words: tuple[str, ...] | list[str]) -> str:
    """The first word of a line that says a person's sex ("the man who rows..." -> man), or ""."""
    return next((w for w in words if w in _WOMAN or w in _MAN), "")


def person_sketched(model: IntentModel, text: str, req: DecisionRequest, known: bool = False,
                    named: bool = False) -> str | None:
    """The one person (not the NPC asked, nor the speaker) a line describes, or ``None``;
    ``known``: the line asks how the NPC stands with them, so among those about as close
    the one it has a relationship with is meant; ``named``: the line asks their name, so
    what they are said to do it to must be something the person is known by (a wrong name
    is worse than none: "the woman who sells hats at the fair" is not the fish merchant,
    though he sells)."""
    kinds = people_kinds(req)
    sketch = sketch_in(text, kinds)
    if not sketch or model.encoder is None or other_time_said(text):
        return None
    noun = next((w for w in word_forms(sketch) if w in _PERSON), "")
    kind = "" if noun else next((w for w in sketch.split() if w in kinds), "")  # only those known so
    sex = noun if noun in _WOMAN or noun in _MAN else _sex_after(text, sketch)
    if isinstance(req.names, NameIndex) and any(  # "the Girl with a Lantern" is a painting's name
            noun in word_forms(req.names[e].name) for e in req.names.find(sketch) if req.names[e].kind != "npc"):
        return None
    deed = _deed_part(text, sketch)  # "the woman who sends everyone to the doctor" is not the doctor
    head = person_in_charge(read(f"who {deed}"), req, ()) if deed else None  # by role, not by who works there
    if head not in (None, req.npc, req.partner) and sexes_fit(sex, req.names[head].pronoun):
        return head  # "the smart fella in the suit who runs this whole place": the director
    if keeper := _keeper_of_place_said(sketch, req, sex):
        return keeper  # "the bloke in the glass office": the one whose place that is
    words = set(word_forms(sketch)) - FUNCTION_WORDS - _PERSON
    texts, first_work = _known_as(req, words, sex, kind, deed)
    if not texts:
        return None
    texts += [(e, v.name) for e, v in req.names.items() if v.kind != "npc" and noun in word_forms(v.name)]  # a painting
    bare = deed_without_place(sketch)  # "the girl who sings at the tavern": the tavern's keeper need not sing
    vectors = model.vectors([sketch, bare, *(t for _, t in texts)])
    scores: dict[str, float] = {}
    # the description's words each text shares: "the lad with the sore knee": "...his knee"; "jokes": "the joker"
    akin = [{w for w in words if any(_akin(w, x) for x in word_forms(text))} for _, text in texts]
    holders = {w: {e for (e, _), mine in zip(texts, akin, strict=True) if w in mine} for w in words}
    for at, ((entity, _), mine, score, without) in enumerate(zip(texts, akin, vectors[2:] @ vectors[0],
                                                                 vectors[2:] @ vectors[1], strict=True)):
        shared = min(sum(1 + (holders[w] == {entity}) for w in mine), 2)  # a word no one else has counts twice
        seen_at_work = WORK_SAYS_LESS if first_work <= at else 0.0
        scores[entity] = max(scores.get(entity, -1.0), min(float(score), float(without) + PLACE_SAYS)
                             + shared * SHARED_WORD - seen_at_work)
    best = clearly_closest(scores, SKETCH_CLOSE, SKETCH_MARGIN)
    if known and (best is None or best not in req.relationships):
        best = _known_among(scores, req) or best
    if named and best is not None and not _done_to_what_they_know(deed, [t for e, t in texts if e == best],
                                                                  place_words(req.names)):
        return None
    return best if best is None or req.names[best].kind == "npc" else None  # "the girl with the lamp": a painting


def _known_as(req: DecisionRequest, words: set[str], sex: str, kind: str,
              deed: str) -> tuple[list[tuple[str, str]], int]:
    """How each person who may be the one described is known (persona, roles), then the work
    they alone are seen doing where the description says a word of it other than a place's
    ("mends your nets"), with where that work begins."""
    roles = roles_of(req)
    deeds = words - _WORKER - place_words(req.names)  # "a visitor", "on the quay": who and where, not what is done
    texts: list[tuple[str, str]] = []
    works: list[tuple[str, str]] = []
    for entity, view in req.names.items():
        if view.kind != "npc" or entity in (req.npc, req.partner) or not sexes_fit(sex, view.pronoun) or (
                kind and kind not in view.known_as.lower().replace(",", " ").split()) or _named_in(deed, req, entity):
            continue
        texts += [(entity, t) for t in (view.known_as, *("the " + r for r in roles.get(entity, []))) if t]
        works += [(entity, w) for w in view.works if any(_akin(a, b) for a in deeds for b in word_forms(w))]
    return texts + works, len(texts)


def _done_to_what_they_know(deed: str, known: list[str], places: frozenset[str]) -> bool:
    """Whether what a description says is done ("sells hats at the fair") is done to nothing
    but where (``places``: the words of the world's places, "runs about on the quay"), or to
    something the person's texts say (``known``)."""
    done = [w for w in word_forms(deed) if w not in _LEADING]  # "'s always mending the nets": the nets
    objects = set(done[1:]) - FUNCTION_WORDS - PARTICLES - _PERSON - _WORKER - _ANY_OBJECT - places
    return not objects or any(_akin(w, x) for text in known for x in word_forms(text) for w in objects)


_ANY_OBJECT = word_set("you your yours yourself me my mine us our people folk folks everyone everybody anyone anybody "
                       "someone somebody things stuff")
"""What a deed may be done to that says nothing of whom it describes ("who rows people over")."""
_LEADING = word_set("s is are was were has have had does do did will would can could always just still often never")
"""Words before the verb of what someone described does ("who's always mending ...")."""


def _akin(a: str, b: str) -> bool:
    """Whether two words share a root, a doer's noun counting with its deed ("joke" /
    "joker", "bake" / "baker")."""
    return same_root(a, b) or any(x.endswith("er") and y in (x[:-1], x[:-2]) for x, y in ((a, b), (b, a)))


KNOWN_MARGIN = 0.1
"""How far below the closest a person the NPC has a relationship with may be and still be
the one a question about that relationship means ("that kid who never stops cracking
jokes, what is he to you?" to the joker's best friend)."""


def _known_among(scores: dict[str, float], req: DecisionRequest) -> str | None:
    """The one person the NPC has a relationship with among those close to the description."""
    top = max(scores.values(), default=0.0)
    near = [e for e, s in scores.items() if s >= top - KNOWN_MARGIN]
    mine = [e for e in near if e in req.relationships]
    return mine[0] if top >= SKETCH_CLOSE and len(mine) == 1 else None


_WHERE_SEEN = re.compile(r"\b(?:in|at|behind|inside) (?:the|that|this|yon) (?P<place>[a-z'-]+(?: [a-z'-]+){0,2}?)"
                         r"(?= with\b| who\b| that\b| whose\b|$)")
""""The bloke in the glass office (with the sad plant)": where the person described is."""


def _keeper_of_place_said(sketch: str, req: DecisionRequest, sex: str) -> str | None:
    """The one person (not the NPC asked, nor the speaker) whose place the description says
    they are in, by the place's name or a word of its description only it has ("the glass
    office" -> "Manager's Office: glass-walled..." -> the manager)."""
    match = _WHERE_SEEN.search(sketch.lower())
    if match is None or not isinstance(req.names, NameIndex):
        return None
    places = [p for p in req.names.find(match["place"]) if req.names[p].kind == "place"]
    if len(places) != 1:
        places = places_showing(req, set(word_forms(match["place"])) - FUNCTION_WORDS)
    if len(places) != 1:
        return None
    people = [e for e, v in req.names.items() if v.kind == "npc" and e not in (req.npc, req.partner)
              and sexes_fit(sex, v.pronoun) and places_of(req, e) == places]
    return people[0] if len(people) == 1 else None


_PRONOUN = re.compile(r"^[^.?!;]{0,30}?\b(?P<pronoun>he|she|him|her|his)\b")


def _sex_after(text: str, sketch: str) -> str:
    """"man" or "woman" when a pronoun soon after a description that does not say it
    does ("the youngster at your elbow, is he kin of yours?"), else ""."""
    after = unhyphened(text).lower().split(sketch.lower(), 1)[-1]
    said = _PRONOUN.search(after)
    return "" if said is None else "man" if said["pronoun"] in ("he", "him", "his") else "woman"


def other_time_said(text: str) -> bool:
    """Whether the line is about another time ("the lad who worked here last year")."""
    return other_time(read(text))


_KIND_END = re.compile(r"\s*(?:[,:;(]|\b(?:who|that|which|of|with|from|at|in|on)\b)")


def people_kinds(req: DecisionRequest) -> frozenset[str]:
    """The nouns the world knows people as, each the word before the first clause of a
    person's public description ("A half-giant trader who sells..." -> trader, half-giant: the
    last two words of its opening), not a word of a place's or thing's name, nor a role's
    ("the old carter" is asked of as a role). Worked out once per world's names."""
    return from_names(req.names, "people kinds", lambda: _people_kinds(req))


def _people_kinds(req: DecisionRequest) -> frozenset[str]:
    taken = {w for v in req.names.values() if v.kind != "npc" for w in word_forms(v.name)}
    taken |= {w for roles in roles_of(req).values() for role in roles for w in word_forms(role)}  # read as roles
    kinds: set[str] = set()
    for view in req.names.values():
        if view.kind == "npc" and view.known_as:
            opening = _KIND_END.split(view.known_as.lower(), maxsplit=1)[0].split()
            kinds |= {w for w in opening[-2:] if len(w) > 3 and w not in FUNCTION_WORDS and w not in taken}
    return frozenset(kinds)
