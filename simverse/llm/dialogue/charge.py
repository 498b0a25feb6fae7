"""Who is in charge, and whom to see about something: "who runs this museum?", "who's in
charge of the lighthouse lamp?", "who looks after restoring the paintings?", "who do I see
about a refund?", answered from the roles every villager knows (the role nouns of
personas, with the word before them: "museum director", "lighthouse keeper") and the
places named after their people ("Mara's Bakery" is Mara's).

The line's *charge* (what someone is asked to be in charge of: "this museum", "the
lighthouse lamp") is the text after an English phrase of running or looking after
(:data:`_CHARGE_OF`). Each person's roles are scored against it: a role that shares a root
with its words ("restoring" / "restorer", "lighthouse"), a place of theirs it names, the
embedder's cosine of the charge to the role, and, for a charge of the place as a whole
("this place", "here", "the museum"), a role that heads things (:data:`HEADS`, plain
English nouns). One clear best answers; none or a tie is "I don't know".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, same_root, word_forms, word_set
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.parts import question_at_end
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.roles import other_time, roles_of, that_is

_CHARGE_OF = re.compile(
    r"\b(?:in charge(?: of)?|charge of|responsible for"
    r"|(?:the )?(?:boss|head|chief|leader) (?:of|here|around|round|at|in)"
    r"|(?:the )?(?:boss|head|chief)$|runs?|running|manages?|managing|oversees?|overseeing|leads?|leading"
    r"|looks? after|looking after|takes? care of|taking care of|deals? with|dealing with|handles?|handling"
    r"|sees? to|sorts? out|is over|heads?(?= \w)|(?:see|talk to|speak to|speak with|talk with|go to|ask|contact|"
    r"complain to|turn to|report to|call) (?:about|for|regarding|concerning|if|with|when)"
    r"|(?:see|ask|talk to|speak to|go to|contact|turn to)$)\b(?P<rest>.*)$")
"""Phrases of being in charge or of whom to see, and what follows them (the charge)."""
HEADS = word_set("director manager mayor principal headmaster headmistress head chief captain elder boss owner "
                 "abbot abbess warden superintendent supervisor foreman commander president chairman governor "
                 "matron proprietor landlord landlady dean chieftain sheriff king queen ruler master mistress")
"""Role nouns of people who head a place or its people (plain English, no world's words)."""
_GENERIC = word_set("place here around round whole thing lot everything everyone everybody people show outfit "
                    "operation joint establishment today now these parts idea anyway reckon")
"""Words of a charge that name no particular thing ("this place", "around here")."""
WHOLE_PLACES = word_set("town village city school museum clinic office shop store building company valley ship "
                        "station hospital camp castle farm inn hotel department desk centre center hall")
"""Kinds of place a charge may name as a whole ("who runs this museum?"): nothing in particular in it."""
ROLE_CLOSE = 0.45
"""Cosine of a charge to a role from which it counts for the role."""
ROLE_SURE = 0.54
"""Cosine from which the role is meant by meaning alone ("the sheep" and "the shepherd" 0.60,
"herbs" and "the hermit herbalist" 0.55; "head office" and "the desk agent" 0.53, "a damaged painting" and
"the restorer" 0.19)."""
_MARGIN = 0.3


_BOSS = re.compile(r"\b(?:head honcho|honcho|top dog|big cheese|big boss|top man|top woman|top brass|head man|"
                   r"bigwig|big shot|gaffer|guvnor|governor|head cheese|numero uno|kingpin|big chief)\b")
"""Slang for the one in charge ("who's the top dog?"): read as "the boss"."""
_SENTENCE_END = re.compile(r"[.?!;]+(?:\s+|$)")


def charge_asked(r: Reading) -> str | None:
    """The charge a "who is in charge / whom do I see" question asks about (possibly
    empty: "who's the boss?"), or ``None`` when the line asks no such thing. The charge
    ends with the sentence that asks ("who runs this town? I ought to pay my respects")."""
    if r.wh not in ("who", "whom") or other_time(r) or r.owned:
        return None
    words = list(r.body or r.words)
    if "who" not in words[:3] and "whom" not in words[:3]:
        question = question_at_end(r.raw)[1]  # "just sailed in. who's top dog in this village?"
        charge = charge_asked(read(question)) if question else None
        named = bool(charge) and (bool(charge_words(charge)) or "you" in charge.split())  # "...? who's over you"
        return charge if named else None  # "..., who deals with that?", "..., who should we ask?": not a charge
    start = words.index("who") if "who" in words[:3] else words.index("whom")
    words = words[:_sentence_end(r, len(r.words) - len(words) + start) - (len(r.words) - len(words))]
    match = _CHARGE_OF.search(_BOSS.sub("boss", " ".join(words[start + 1:])))
    return None if match is None else _ASIDE.sub("", _CONDITION.sub("", match.group("rest"))).strip()


_ASIDE = re.compile(r"(?:\s+(?:do you know|you know|any idea|do you reckon|would you say|would you know|then|eh"
                    r"|right|mate|please|by any chance))+$")
""""Who's the boss round here, d'you know?": what is said after the question asks nothing of it."""


def _only_in_condition(r: Reading, req: DecisionRequest, topic: str) -> bool:
    """Whether a place or thing is named only in the condition of the question ("... if the
    desk can't help"): whose it is does not say who is in charge."""
    view = req.names.get(topic)
    condition = _CONDITION.search(r.text)
    if view is None or condition is None:
        return False
    said = word_forms(condition.group())
    before = word_forms(r.text[:condition.start()])
    name = [w for w in word_forms(view.name) if w not in FUNCTION_WORDS]
    return any(w in said for w in name) and not any(w in before for w in name)


_CONDITION = re.compile(r"\b(?:if|unless|when|whenever|in case|supposing|because|since)\b.*$")
""""Who's in charge round here if the desk can't help?": the condition says when the one in
charge is wanted, not what of."""


def _sentence_end(r: Reading, at: int) -> int:
    """Where the sentence holding word ``at`` of the line ends (a word index): a line may
    say more after its question. Reading a part gives as many words as it gives in the
    whole line, whatever names it keeps."""
    total = 0
    for part in _SENTENCE_END.split(r.raw):
        total += len(read(part).words)
        if total > at:
            return total
    return len(r.words)


def charge_words(charge: str) -> list[str]:
    """The words of a charge that say what it is ("the lighthouse lamp" -> lighthouse, lamp)."""
    return [w for w in word_forms(charge) if w not in FUNCTION_WORDS and w not in _GENERIC and len(w) >= 3]


def who_is_in_charge(r: Reading, req: DecisionRequest, topics: Sequence[str],
                     closeness: Mapping[str, float] | None = None) -> str:
    """"That's Hale, the museum director." for the one person whose role best fits the
    charge asked about; ``closeness``: the embedder's cosine of the charge to each person's
    role (:func:`role_texts`). "" when the line asks no such thing or no one stands out."""
    who = person_in_charge(r, req, topics, closeness)
    if who is None:
        return ""
    roles = roles_of(req)
    if who == req.npc and _YOURS.search(r.text):
        return ""  # "who's your contact at head office?": someone else, whom the NPC's role does not tell
    if who == req.npc:
        role = max(roles.get(who, [""]), key=len)
        return f"I am; I'm the {role}." if role else "I am."
    return that_is(who, roles.get(who, []))


_YOURS = re.compile(r"\bwho (?:is|are|was|would be|will be) your\b")
"""A person asked as the NPC's own ("who is your contact ...?"): never the NPC itself."""


def person_in_charge(r: Reading, req: DecisionRequest, topics: Sequence[str],
                     closeness: Mapping[str, float] | None = None) -> str | None:
    """The one person whose role best fits the charge a line asks about ("who runs this
    whole place?" -> the museum director), or ``None`` (no charge asked, or no one stands out)."""
    charge = charge_asked(r)
    if charge is None:
        return None
    wanted = charge_words(charge)
    scores = {npc: _score(aliases, wanted, (closeness or {}).get(npc, 0.0)) for npc, aliases in roles_of(req).items()}
    topics = [t for t in topics if not _only_in_condition(r, req, t)]
    for npc in _owners_of_places(req, topics) + _sellers(req, topics):
        scores[npc] = scores.get(npc, 0.0) + 3.0
    return clearly_closest(scores, 1.0, _MARGIN)


def _score(aliases: Sequence[str], wanted: Sequence[str], close: float) -> float:
    """How well a person's roles fit the charge: shared roots (the role noun counts most),
    a role that heads things when the charge names nothing in particular or a word of the
    role's qualifier, and closeness in meaning."""
    score = 0.0
    heads = False
    for alias in aliases:
        words = word_forms(alias)
        if not words:
            continue
        noun, qualifiers = words[-1], words[:-1]
        hits = [w for w in wanted if same_root(w, noun) or w == noun]
        named = [w for w in wanted if w not in WHOLE_PLACES  # "the village baker" heads no village
                 and any(same_root(w, q) or w == q for q in qualifiers)]
        score = max(score, 2.0 * bool(hits) + 1.5 * bool(named))
        heads = heads or noun in HEADS
    specific = [w for w in wanted if w not in WHOLE_PLACES]
    if heads and (not specific or score > 0):
        score += 1.0
    if wanted and not specific:
        return score  # "this village": the whole of it, which no role is close to by meaning ("village baker")
    if close >= ROLE_SURE:
        score += 1.0 + close  # "the sheep" and "the shepherd": a match by meaning alone
    elif close >= ROLE_CLOSE:
        score += close
    return score


def _owners_of_places(req: DecisionRequest, topics: Sequence[str]) -> list[str]:
    """People whose name a named place carries ("Mara's Bakery" -> Mara), or whose persona
    names it ("the priest of the Chapel of the Tides")."""
    people = {v.id: v for v in req.names.values() if v.kind == "npc"}
    out = []
    for topic in topics:
        view = req.names.get(topic)
        if view is None or view.kind != "place":
            continue
        owners = [w for w in re.findall(r"[A-Za-z][\w-]*(?=['\u2019]s\b)", view.name) if w in people]
        owners += [p for p, v in people.items() if topic in v.works_at]
        out += [o for o in owners if o not in out]
    return out


def _sellers(req: DecisionRequest, topics: Sequence[str]) -> list[str]:
    """Who sells the wares the line names ("who do I talk to about charms?"), or keeps the
    place they are sold at."""
    out: list[str] = []
    for topic in topics:
        view = req.names.get(topic)
        if view is None or view.kind != "item" or not view.price:
            continue
        found = [view.seller] if view.seller else _owners_of_places(req, [view.place] if view.place else [])
        out += [p for p in found if p and p not in out]
    return out


def role_texts(req: DecisionRequest) -> dict[str, str]:
    """Each person's role as the embedder compares it with a charge ("the museum director")."""
    return {npc: "the " + max(aliases, key=len) for npc, aliases in roles_of(req).items()}
