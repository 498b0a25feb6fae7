"""What an NPC knows that bears on a question: its beliefs (with who told it and how sure
it is), its memories, and what everyone knows of the world's map and wares.

Nothing here is invented: every clause comes from the request's ``facts``, ``memories``,
``names``, people, items and relationships. A belief is *relevant* when it is about what the
line names, or (with no names) close to the line's meaning; it *fits* the question when it
can answer its question word (a "when" question needs a time, a "who" question a person,
a "where" question a place). A secret is *shareable* only with someone the NPC trusts
(affinity >= :data:`SECRET_AFFINITY`), and never when it is about the NPC itself.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from simverse.core.decisions import DecisionRequest, FactView, MemoryView
from simverse.core.names import (
    FUNCTION_WORDS,
    ROLE_NOUNS,
    NameIndex,
    is_common,
    name_words,
    same_root,
    verb_forms,
    word_forms,
    word_set,
)
from simverse.llm.dialogue.possessives import yours
from simverse.llm.dialogue.reading import Reading

SECRET_AFFINITY = 0.3
ASKING_WORDS = frozenset({"know", "tell", "heard", "hear", "think", "idea", "say", "said", "ask", "wonder"})
SIMILAR = 0.5
SIMILAR_YES_NO = 0.45
CLOSE = 0.65
"""Cosine from which a belief counts as about an unnamed topic: ``SIMILAR`` when they share
a content word (``SIMILAR_YES_NO`` for a yes/no question, which any belief on its topic
answers), ``CLOSE`` when they share none."""
TIME_WORDS = word_set(
    "sunset sunrise dawn dusk noon midnight tonight today tomorrow yesterday morning evening night "
    "afternoon week month year hour minute lunch dinner breakfast o'clock clock monday tuesday wednesday "
    "thursday friday saturday sunday last after before since until soon later ago")
_TIME_PREDICATE = re.compile(r"(^|_)(at|on|after|before|since|until|in|when|starts|ends|time|date|painted|cast)(_|$)")
_PLACE_PREDICATE = re.compile(r"(^|_)(in|at|is_in|located|lives|went|gone|near|hidden|kept|from)(_|$)")
_SAID = re.compile(r'^(?P<speaker>[^"]+?) said to (?P<listener>[^":]+): "(?P<line>.*)"$')
_DIGITS = re.compile(r"\d")


@dataclass
class Known:
    """What bears on one question."""

    facts: list[FactView] = field(default_factory=list)
    """Relevant beliefs the NPC may share with this speaker, best first."""
    kept: list[FactView] = field(default_factory=list)
    """Relevant beliefs it keeps from this speaker (secrets)."""
    memories: list[str] = field(default_factory=list)
    """Relevant things it saw or heard, as sentences of its own."""


def shareable(fact: FactView, req: DecisionRequest, partner: str | None = None) -> bool:
    """Secrets only with the trusted (``partner``, by default the request's), and never
    one's own."""
    if not fact.secret:
        return True
    if req.npc in (fact.subject, fact.object):
        return False
    return req.relationships.get(partner or req.partner or "", 0.0) >= SECRET_AFFINITY


def fits(fact: FactView, wh: str | None, req: DecisionRequest, asked: frozenset[str] = frozenset()) -> bool:
    """Whether the belief can answer a question asked with ``wh`` (``asked``: the line's
    words; a role the line itself names is what it asks about, not its answer)."""
    if wh not in ("who", "whom", "whose", "where", "when"):
        return True
    words = set(word_forms(f"{fact.text} {fact.object}"))
    if wh == "when":
        return bool(words & TIME_WORDS) or bool(_NUMBER.search(fact.text)) or bool(
            _TIME_PREDICATE.search(fact.predicate))
    kinds = {req.names[e].kind for e in (fact.subject, fact.object) if e in req.names}
    if wh == "where":
        named = req.names.find(fact.text) if isinstance(req.names, NameIndex) else []
        return ("place" in kinds or bool(_PLACE_PREDICATE.search(fact.predicate))
                or any(req.names[n].kind == "place" for n in named))
    things = {w for e in (fact.subject, fact.object) if e in req.names and req.names[e].kind != "npc"
              for w in word_forms(req.names[e].name)  # "the Girl with a Lantern" is no girl,
              if not (req.names[e].kind == "concept" and w in ROLE_NOUNS and w not in asked)}  # "the manager" is one
    return "npc" in kinds or bool((words - things) & (ROLE_NOUNS | _PEOPLE)) or bool(_named_people(fact.text, req)) \
        or _doer_of_asked(fact, req, asked)


def _doer_of_asked(fact: FactView, req: DecisionRequest, asked: frozenset[str]) -> bool:
    """"Who took the sheep?" is answered by "the dragon took five of my sheep": a belief
    whose deed is the verb asked, done by something that is no place."""
    doer = req.names.get(fact.subject)
    return doer is not None and doer.kind != "place" and bool(verb_forms(fact.predicate.lower()) & asked)


def _named_people(text: str, req: DecisionRequest) -> list[str]:
    """Capitalised words of a belief that may name a person: an NPC's name, or a word the
    world does not name, not after "in", "at", "from"... ("painted in Delft" names a town;
    "the Girl with a Lantern" a painting; "a musician named Ankh-hor" a person)."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    names = name_words(req.names)
    out = []
    for i, word in enumerate(words[1:], start=1):
        if not word[:1].isupper() or word in ("I", "I'm", "I've"):
            continue
        view = req.names.get(word)
        if (view is not None and view.kind == "npc") or (
                word_forms(word)[0] not in names and words[i - 1].lower() not in _PLACE_BEFORE):
            out.append(word)
    return out


_PLACE_BEFORE = frozenset({"in", "at", "from", "to", "near", "into", "of", "the", "a", "an", "by"})
_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?![A-Za-z])")
"""A number standing alone ("in 1665", "at 10"), not part of a code ("batch K7")."""


def answers_asked(fact: FactView, r: Reading, req: DecisionRequest) -> bool:
    """Whether the belief can answer the question as asked: its question word
    (:func:`fits`), a measure it asks for (:func:`measures`), and what it asks of an owner
    ("the dragon's favourite food" needs a belief that speaks of food)."""
    return (fits(fact, r.wh, req, frozenset(r.words)) and measures(fact, r) and _says_owned(fact, r)
            and _says_identifier(fact, r) and _says_name(fact, r, req) and not _someone_elses(fact, r, req))


def _someone_elses(fact: FactView, r: Reading, req: DecisionRequest) -> bool:
    """Whether the line asks about the NPC's own thing ("what about your refund?") and the
    belief says that thing of another person ("my neighbour got a full refund"): not its
    answer ("your complaint" may be answered by what Jonas did)."""
    owned = yours(r.words)
    if not owned or fact.subject == req.npc:
        return False
    person = fact.subject in _PEOPLE or (fact.subject in req.names and req.names[fact.subject].kind == "npc")
    said = set(word_forms(f"{fact.text} {fact.object.replace('_', ' ')}"))
    return person and bool(said & owned) and not set(word_forms(fact.subject.replace("_", " "))) & owned


_NAME_ASKED = re.compile(r"^(?:what|which) (?:is|was|are|were) (?:[a-z']+ ){1,4}(?:called|named)\b"
                         r"|^what (?:is|was|are|were) (?:the |his |her |their |your |its )?names?\b"
                         r"|^what (?:do|does|did) (?:you|they|people|we|folk|he|she) call\b")
_NAMING = re.compile(r"\b(?:named|called|name|names)\b")


def _says_name(fact: FactView, r: Reading, req: DecisionRequest) -> bool:
    """A question for a name ("what was your grandad called?") is answered only by a belief
    that names someone or says what something is called, not one about the same thing."""
    if not _NAME_ASKED.search(" ".join(r.body or r.words)):
        return True
    return bool(_NAMING.search(fact.text)) or bool(_named_people(fact.text, req))


IDENTIFIERS = word_set("number serial code address password pin phone email postcode zip username login")
"""Words that ask for one exact identifier ("the serial number on my kettle", "the door
code"): only a belief that speaks of it answers, not one that merely shares the topic."""


ATTRIBUTES = word_set("colour color shade size shape breed flavour flavor smell height weight length width")
"""Words that ask for one property of a thing ("what colour was the dragon?"): a belief that
does not speak of it (or, for a colour, name one) does not answer, whatever it says of the thing."""
COLOURS = word_set("red green blue black white yellow grey gray brown orange purple pink gold golden silver "
                   "scarlet crimson bronze copper")


def _says_identifier(fact: FactView, r: Reading) -> bool:
    asked = [w for w in (r.body or r.words)[:7] if w in IDENTIFIERS or w in ATTRIBUTES]
    if r.wh not in ("what", "which") or not asked:
        return True
    said = set(word_forms(f"{fact.text} {fact.predicate} {fact.object}"))
    colour = bool(set(asked) & {"colour", "color", "shade"}) and bool(said & COLOURS)
    return colour or any(same_root(a, b) for a in asked for b in said)


def _says_owned(fact: FactView, r: Reading) -> bool:
    asked = [w for w in word_forms(" ".join(r.owned)) if w not in FUNCTION_WORDS]
    if not asked:
        return True
    said = set(word_forms(f"{fact.text} {fact.predicate} {fact.object}"))
    return any(same_root(a, b) for a in asked for b in said)


_PEOPLE = word_set("neighbour neighbor friend wife husband son daughter mother father brother sister cousin uncle "
                   "aunt grandfather grandmother boss colleague someone somebody everyone man woman people")
"""Words for a person that answer a "who" question ("my neighbour got a refund")."""
_MEASURES = word_set("big old tall long many much far large heavy deep high wide small short young often")
_NUMBERS = word_set("one two three four five six seven eight nine ten eleven twelve twenty thirty hundred "
                    "thousand dozen half quarter few several")


def measures(fact: FactView, r: Reading) -> bool:
    """Whether the belief can answer a "how big / how old / how many..." question: it
    holds a number ("in 1665", "five of my sheep"). Other questions: always."""
    words = list(r.body or r.words)
    asked = any(w == "how" and i + 1 < len(words) and words[i + 1] in _MEASURES for i, w in enumerate(words[:4]))
    return not asked or bool(_NUMBER.search(fact.text)) or bool(set(word_forms(fact.text)) & _NUMBERS)


def relevant_facts(req: DecisionRequest, topics: Sequence[str], r: Reading,
                   similarity: Sequence[float] | None,
                   bridged: Sequence[frozenset[str]] | None = None) -> list[FactView]:
    """Beliefs about the topics (more topics named first), else beliefs close in meaning;
    ``bridged``: per belief, the line's words it says in other words (:mod:`.synonyms`)."""
    wanted = set(topics)
    line_words = set(word_forms(r.text)) - FUNCTION_WORDS - ASKING_WORDS
    topic_words = {w for t in topics if t in req.names for w in word_forms(req.names[t].name)} - FUNCTION_WORDS
    similar = SIMILAR_YES_NO if r.wh is None else SIMILAR
    scored = []
    for i, fact in enumerate(req.facts):
        fact_words = set(word_forms(f"{fact.text} {fact.predicate}")) - FUNCTION_WORDS
        sim = similarity[i] if similarity is not None and i < len(similarity) else 0.0
        shared = [w for w in line_words if any(same_root(w, f) for f in fact_words)
                  or (bridged is not None and i < len(bridged) and w in bridged[i])]
        overlap = sum(_weight(w) for w in shared)
        in_words = topic_words & fact_words and (len(shared) >= 2 or sim >= similar)  # "the lantern festival"
        hits = len(wanted & {fact.subject, fact.object}) + (0.5 if in_words else 0.0)
        close = sim >= similar and (overlap >= 1 or sim >= CLOSE)
        if hits or close or (not wanted and overlap >= 2):
            scored.append((-(hits * 2 + sim + 0.25 * overlap), i, fact))
    return [f for _, _, f in sorted(scored, key=lambda t: t[:2])]


def _weight(word: str) -> int:
    """A shared word counts twice when it is telling: long or uncommon ("denominator")."""
    return 2 if len(word) >= 8 or not is_common(word) else 1


def named(fact: FactView, topics: Sequence[str]) -> bool:
    """Whether the belief is about one of the topics itself (its subject or object)."""
    return fact.subject in topics or fact.object in topics


def gather(req: DecisionRequest, topics: Sequence[str], r: Reading,
           similarity: Sequence[float] | None, bridged: Sequence[frozenset[str]] | None = None) -> Known:
    """Relevant beliefs split into shareable and kept, and relevant memories."""
    known = Known()
    for fact in relevant_facts(req, topics, r, similarity, bridged):
        (known.facts if shareable(fact, req) else known.kept).append(fact)
    known.memories = relevant_memories(req, topics)
    return known


def relevant_memories(req: DecisionRequest, topics: Sequence[str]) -> list[str]:
    """Things it saw that name a topic, as sentences of its own."""
    if not topics:
        return []
    names = [req.names[t].name for t in topics if t in req.names] + [t for t in topics if t not in req.names]
    out: list[str] = []
    for memory in req.memories:
        if memory.kind in ("plan", "reflection", "summary"):
            continue
        sentence = _as_own(memory, req, [n.lower() for n in names])
        if sentence and sentence not in out:
            out.append(sentence)
    return out[:2]


def _as_own(memory: MemoryView, req: DecisionRequest, names: Sequence[str]) -> str | None:
    """Something the NPC saw that names a topic, as it would tell it. What others said is
    left out: what it took from talk is in its beliefs, with who told it."""
    if _SAID.match(memory.text) or memory.kind == "dialogue":
        return None
    text = memory.text.strip().rstrip(".")
    if not any(n in text.lower() for n in names):
        return None
    return f"I saw it myself: {text[:1].lower() + text[1:] if not text[:2].istitle() else text}"


def route(req: DecisionRequest, target: str, start: str | None = None, avoid: frozenset[str] = frozenset()
          ) -> list[str]:
    """Places to walk through from ``start`` (here when None) to ``target`` (``target``
    last), by the world map every villager knows, not through ``avoid``; empty when there
    or unreachable."""
    start = start or req.place
    if target == start or target not in req.names:
        return []
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        place = queue.popleft()
        view = req.names.get(place)
        for nxt in view.near if view else ():
            if nxt not in previous and (nxt not in avoid or nxt == target):
                previous[nxt] = place
                queue.append(nxt)
    if target not in previous:
        return []
    path = [target]
    while previous[path[-1]] not in (None, start):
        path.append(previous[path[-1]])  # type: ignore[arg-type]
    return path[::-1]


@lru_cache(maxsize=1 << 15)
def clause(text: str, teller: str | None = None) -> str:
    """A belief's text as a clause inside a sentence: no final stop, first letter lower
    unless it starts a name; a teller's "I" becomes the teller ("I took..." from Camille
    is "Camille took...")."""
    text = text.strip().rstrip(".!")
    if not text:
        return text
    if teller and text.startswith(("I am ", "I'm ")):
        text = f"{teller} is {text.split(' ', 2)[-1] if text.startswith('I am ') else text[4:]}"
    elif teller and text.startswith("I "):
        text = f"{teller} {text[2:]}"
    first = text.split()[0]
    keep = first[:1].isupper() and (first[1:2].islower() and first not in ("The", "A", "An", "It", "I", "My",
                                                                             "Only", "One", "Some", "Every"))
    return text if keep or first == "I" else text[0].lower() + text[1:]


_AT = ("in", "at", "on", "inside", "by")


def things_at(req: DecisionRequest, topics: Sequence[str], r: Reading) -> list[str]:
    """"The mummy case in the Ancient Wing": the things anyone sees at a place the line
    names as where something is (after "in", "at"...), when it names no thing itself and
    asks neither the way nor a count."""
    if r.wh in ("where", "how much") or r.has("how many", "how do i get", "way to"):
        return []
    if any(t in req.names and req.names[t].kind != "place" for t in topics):
        return []
    out: list[str] = []
    for topic in topics:
        view = req.names.get(topic)
        if view is None or not view.holds or not _named_as_location(r, view):
            continue
        out += [t for t in view.holds if t not in out and t not in topics]
    return out


def _named_as_location(r: Reading, view: object) -> bool:
    words = f" {' '.join(word_forms(r.text))} "
    for phrase in (getattr(view, "name", ""), *getattr(view, "aliases", ())):
        name = " ".join(w for w in word_forms(phrase) if w not in ("the", "a", "an"))
        if name and any(f" {at} {name} " in words or f" {at} the {name} " in words for at in _AT):
            return True
    return False


def ware_named_in_part(req: DecisionRequest, r: Reading, skip: frozenset[str] = frozenset()) -> str | None:
    """The one priced item a line names by part of a word of its name ("the museum guide"
    for the museum guidebook) or by the first word of a longer name and a last word of its
    own ("a cheese sarnie at lunch" for the cheese sandwich; not "how much honey is there",
    "vending machine sarnies" for the vending machine coffee, nor "horse shoe nails" for a
    horse brush), if exactly one fits; words in ``skip`` and of the world's other names do
    not count."""
    said = word_forms(r.text)
    others = {n for v in req.names.values() if v.kind != "item" for n in word_forms(v.name)}
    words = {w for w in said if len(w) >= 4} - skip
    ends = [*said[2:], ""]  # the word after the pair: the pair is a noun phrase's end ("a cheese sarnie at...")
    pairs = [(w, after) for (w, after), end in zip(pairwise(said), ends, strict=False)
             if after not in FUNCTION_WORDS and (not end or end in FUNCTION_WORDS) and w not in others | skip]
    found = set()
    for v in req.names.values():
        name = word_forms(v.name)
        if v.kind != "item" or not v.price:
            continue
        if any(len(n) > 4 and n != w and n.startswith(w) for n in name for w in words) or (
                len(name) > 1 and len(name[0]) > 4 and any(w == name[0] and after not in name for w, after in pairs)):
            found.add(v.id)
    return found.pop() if len(found) == 1 else None


ASIDE_CLOSE, ASIDE_MARGIN = 0.35, 0.05
"""How close the one belief nearest a question must be, and how much nearer than the next,
to be told after "I don't know" when it names nothing the question names: too far from the
question to be its answer (:data:`CLOSE`), near enough that the NPC would think of
it. Measured on the seen dialogue sets: at 0.35 none of the beliefs so told to questions the
NPC cannot answer says what a guess would."""


def nearest_belief(req: DecisionRequest, similarity: Sequence[float] | None) -> FactView | None:
    """The belief the NPC may share that is clearly nearest the question (``similarity``:
    cosine per belief), if near enough."""
    scored = sorted(((s, f) for f, s in zip(req.facts, similarity or [], strict=False) if shareable(f, req)),
                    key=lambda t: -t[0])
    if not scored or scored[0][0] < ASIDE_CLOSE:
        return None
    return scored[0][1] if len(scored) < 2 or scored[0][0] - scored[1][0] >= ASIDE_MARGIN else None
