"""Answers about people: who someone is (their role, what they are to the NPC, how it
feels about them) and the NPC's own relationships, asked by their word ("who is your
mentor?") or in other words close in meaning ("who do you sit next to?").
"""

from __future__ import annotations

import re
from itertools import pairwise

from simverse.core.names import singular, word_forms, word_set
from simverse.llm.dialogue.bonds import disliked_asked, liked_asked, liked_least, liked_most
from simverse.llm.dialogue.heard import Heard, capital
from simverse.llm.dialogue.reading import THEIR_NAME, YOU_WORDS, Reading, asks_identity
from simverse.llm.dialogue.roles import other_time

RELATION_CLOSE = 0.4
"""Cosine from which a "who ... you" question asks for one of the NPC's relationships ("who
do you sit next to?" is 0.41 from "who is your deskmate?", "who is training you?" 0.44 from
"who is your mentor?"; "who do you owe money to?" at most 0.23 from either)."""
RELATION_MARGIN = 0.08
"""How much closer than the next relationship the one asked for must be."""

_STRANDED = frozenset({"to", "with", "for", "by", "from", "about", "of"})
"""Prepositions a question may end on."""
_CLAUSE_SUBJECTS = frozenset({"you", "i", "we", "they", "he", "she", "everyone", "everybody", "people", "folk",
                              "that", "whom", "someone", "somebody", "nobody"})
"""Who may say something of a person in a clause after their name ("this Aldo you keep
talking about", "that Nell everyone speaks of"): then the question is about the person."""


_SOMEONE = word_set("person one man woman lady guy boy girl kid lad lass worker colleague employee member staff pupil "
                    "student fellow folk people villager local neighbour workmate coworker mate friend "
                    "fisherman fishermen trader merchant teacher classmate elder patient customer visitor guest "
                    "child adult regular caller volunteer")
"""Words that make "which ..." ask for a person ("which boy...", "which colleagues...")."""
_AMONG = frozenset({"hands", "regulars"})
"""Words for people only in the plural ("which of the old hands...", not "which hand...")."""
_WHICH_REACH = 4
"""How far after "which" its person may come ("which of the old hands", "which of your workmates")."""
_ANYONE = word_set("anyone anybody someone somebody")
_CONVERSES = (
    (word_set("boss manager employer supervisor superior chief foreman"),
     word_set("employee worker staff subordinate report hire trainee underling assistant")),
    (word_set("teacher mentor master tutor instructor trainer coach"),
     word_set("pupil student apprentice trainee mentee protege learner")),
    (word_set("parent mother father mum dad"), word_set("child son daughter kid")),
    (word_set("creditor lender"), word_set("debtor borrower")),
    (word_set("doctor nurse carer"), word_set("patient")),
    (word_set("shopkeeper seller vendor merchant supplier landlord"), word_set("customer buyer client tenant")),
)
"""Relationships seen from either end: a question that asks for one ("who is your boss?")
is never answered by its converse ("Sam is my employee"), however close in meaning."""


def asks_for_person(r: Reading) -> bool:
    """Whether the line asks who someone is: "who...", "which boy...", "which colleagues...",
    or "anyone ... you ..." ("anyone here you know from your street?")."""
    if r.wh == "who":
        return True
    words = r.words
    if any(w in ("which", "what") and singular(n) in _SOMEONE for w, n in pairwise(words)):
        return True
    if any(w == "which" and words[i + 1:i + 2] == ("of",) and any(
            n in _AMONG or singular(n) in _SOMEONE for n in words[i + 2:i + 2 + _WHICH_REACH])
            for i, w in enumerate(words)):
        return True
    return bool(_ANYONE.intersection(words)) and bool(YOU_WORDS.intersection(words))


def asks_someone_tied(r: Reading, who: str) -> bool:
    """Whether a "who" question names ``who`` but asks about someone tied to them: it ends
    on a preposition whose object is the one asked for ("who is Tomas married to?", "who
    does Ines sit with?"), not in a clause that says something of the person ("who is this
    Aldo you keep talking about?"); a preposition with its object ("who is Aldo, of all
    people?") asks nothing of the kind."""
    words = list(r.words)
    if not words or words[-1] not in _STRANDED:
        return False
    own = set(word_forms(who))
    at = max((i for i, w in enumerate(words) if w in own or singular(w) in own), default=-1)
    return not set(words[at + 1:-1]) & _CLAUSE_SUBJECTS


def person_answer(h: Heard, who: str, opinion: bool = False) -> str:
    """Who a person is to whoever asks: their role, what they are to the NPC and how it
    feels about them (``opinion``: only the last two), or "" when the line asks none of it."""
    req, r = h.req, h.reading
    if not opinion and (r.wh == "where" or r.has("seen", "find", "where")):
        return f"{who} is right here." if who in req.people_here else ""
    job = r.has("do for a living", "does for a living", "job", "work as", "line of work", "line of business",
                "his trade", "her trade", "do for work", "does for work", "profession", "occupation") or (
        "what" in r.words and (r.words[-1] == "does" or r.words[-2:] == ("does", who.lower()) or (
            r.words[-1] == "do" and "does" in r.words))) or _DOES_FOR_A_LIVING.search(
        r.text.replace(who.lower(), "X")) is not None  # "what does Greta do?", "... actually do in this town?"
    if who in _owners(h) and not opinion and not (r.owned and r.owned[0] in _JOB_WORDS):
        return ""  # "who is Finn's father?" asks about the father, "what is Greta's job?" about Greta
    if not opinion and asks_someone_tied(r, who):
        return ""  # "who is Tomas married to?" asks about someone else than Tomas
    named = r.has("name of", *THEIR_NAME, "called", "which of")  # "the name of the lady...?"
    if not (opinion or job or named or asks_identity(r) or r.has("tell me about", "know about", "what about",
                                                                 "heard of", "who is")):
        return ""
    aliases = req.names[who].aliases if who in req.names else ()
    role = next((a for a in aliases if " " not in a), aliases[0] if aliases else "")  # "the lighthouse keeper"
    kind = req.relation_kinds.get(who)
    feeling = req.relationships.get(who)
    parts = []
    if role and (r.wh in ("who", None) or job or named) and not opinion:
        parts.append(f"{who}? The {role}.")
    if kind:
        parts.append(relation_sentence(who, kind) + (f", and {opinion_of(feeling)}." if feeling is not None else "."))
    elif feeling is not None:
        parts.append(f"{capital(opinion_of(feeling))}.")
    elif opinion:
        parts.append(f"I don't know {who} well enough to say.")
    if who in req.people_here and not opinion:
        parts.append("You can ask for yourself; they're right here.")
    return " ".join(parts)


_DOES_FOR_A_LIVING = re.compile(r"\bwhat does X (?:\w+ )?do(?: (?:here|in|around|at|all day|these days|for a)\b.*)?$")
""""What does Pieter actually do in this town?": the person's work, where or when it is done."""
_SELLING = re.compile(r"\b(?:does|do|did|is|are|can|could|will|would)\b(?: [a-z']+){1,3} "
                      r"(?:sell|sells|selling|stock|stocks|stocking|offer|offers|offering)\b")
""""What does Greta sell?", "is Jonas selling today?": a person's wares asked for, not "what
dealings do you have with the merchant who sells charms?"."""


def wares_asked(r: Reading) -> bool:
    """Whether the line asks what someone sells (not the one asked: "what do you sell?")."""
    return bool(_SELLING.search(r.text)) and not set(r.words) & YOU_WORDS


_JOB_WORDS = frozenset({"job", "profession", "occupation", "trade", "work", "role", "line"})


def _owners(h: Heard) -> set[str]:
    """The world's entities the line names as owners ("Finn's father" -> Finn)."""
    find = getattr(h.req.names, "find", None)
    return {e for o in h.reading.owners for e in (find(o) if find else [])}


_KIN = {"mate": "friend", "pal": "friend", "buddy": "friend", "chum": "friend", "bff": "friend",
        "enemy": "rival", "foe": "rival", "boss": "boss", "teacher": "teacher", "partner": "partner",
        "sweetheart": "partner", "girlfriend": "partner", "boyfriend": "partner", "wife": "partner",
        "husband": "partner", "spouse": "partner", "lover": "partner", "fiance": "partner", "fiancee": "partner",
        "workmate": "colleague", "workmates": "colleague", "coworker": "colleague", "coworkers": "colleague"}


_KIN_PHRASES = (("partner in crime", "friend"), ("best mate", "friend"), ("best pal", "friend"),
                ("you the ropes", "mentor"), ("teaching you", "mentor"), ("taught you", "mentor"),
                ("training you", "mentor"), ("on the inside", "source"), ("inside man", "source"),
                ("tips you off", "source"), ("tip you off", "source"), ("tipped you off", "source"),
                ("get wind of", "source"), ("got wind of", "source"), ("look up to", "admires"),
                ("other half", "partner"), ("next to you", "deskmate"), ("next to yours", "deskmate"),
                ("beside you", "deskmate"), ("next to you", "neighbour"), ("next door to you", "neighbour"),
                ("you report to", "boss"), ("you answer to", "boss"), ("you work for", "boss"),
                ("signs your wages", "boss"), ("pays your wages", "boss"))
"""English idioms for a relationship ("your partner in crime" is your friend)."""


def _head(kind: str) -> str:
    """The word of a relationship that names it ("old friend": friend, "wary of": wary)."""
    words = kind.lower().split()
    return words[0] if words[-1] in ("of", "to", "with") else words[-1]  # "old friend" is no answer to "how old"


def relation_named(h: Heard) -> str:
    """"Who is your mentor?": the person the NPC has that relationship with, named by the
    relationship's word, or a "who ... you" question close in meaning to asking for it
    ("who's your biggest competitor?" for a rival)."""
    if other_time(h.reading):
        return ""
    asked = {*h.reading.words, *(_KIN[w] for w in h.reading.words if w in _KIN)}  # "wife" asks a wife or a partner
    if set(h.reading.words) & YOU_WORDS:  # "who's your partner in crime?", "who's been teaching you the ropes?"
        asked |= {kind for phrase, kind in _KIN_PHRASES if h.reading.has(phrase)}
    kinds = h.req.relation_kinds
    of_kind = [who for who, kind in sorted(kinds.items()) if _head(kind) in asked]
    if disliked_asked(h.reading) and (disliked := liked_least(h.req, frozenset(of_kind) or None)):
        return " ".join(f"{relation_sentence(p, kinds[p])}." if p in kinds else f"I can't stand {p}."
                        for p in disliked)
    if liked_asked(h.reading) and (liked := liked_most(h.req, frozenset(of_kind) or None)):
        return " ".join(f"{relation_sentence(p, kinds[p])}." if p in kinds else f"I get on well with {p}."
                        for p in liked)  # "of your two mentors, who are you closest to?": the warmer
    if of_kind:
        return f"{relation_sentence(of_kind[0], kinds[of_kind[0]])}."
    if not asks_for_person(h.reading) or not set(h.reading.words) & YOU_WORDS or not h.relation_similarity:
        return ""
    ranked = sorted(h.relation_similarity.items(), key=lambda t: (-t[1], t[0]))
    who, score = ranked[0]
    near = [p for p, s in ranked if s >= score - RELATION_MARGIN]
    if score < RELATION_CLOSE or any(kinds[p] != kinds[who] for p in near) or _converse_asked(h.reading, kinds[who]):
        return ""  # two relationships fit as well, or the line asks the other end of this one: no guess
    if len(near) > 1:  # "who do you travel with?": all the companions
        return f"{relation_sentence(' and '.join(sorted(near)), kinds[who], many=True)}."
    return f"{relation_sentence(who, kinds[who])}."


def _converse_asked(r: Reading, kind: str) -> bool:
    """Whether the line names the other end of a relationship of ``kind`` and not its own
    ("who is your boss?" of an NPC whose relationship is "employee")."""
    said, own = {*r.words, *map(singular, r.words)}, set(kind.lower().split())
    return any(own & side and said & other and not said & side
               for pair in _CONVERSES for side, other in (pair, pair[::-1]))


def relation_question(kind: str) -> str:
    """The question that asks for a relationship: "who is your rival?", "who do you
    admire?", "who are you wary of?"."""
    if kind.endswith((" of", " to", " with")):
        return f"who are you {kind}?"
    if " " not in kind and kind.endswith("s") and not kind.endswith("ss"):
        return f"who do you {kind[:-1]}?"
    return f"who is your {kind}?"


GLOSSES: dict[str, tuple[str, ...]] = {
    "friend": ("a person you like and spend your time with, your friend",),
    "best friend": ("the person you are always with, your closest friend",),
    "old friend": ("a person you have known and liked for many years",),
    "mentor": ("the person who teaches you and trains you in your work",
               "the person who shows you the ropes and the tricks of the trade",
               "the person you learn your trade from, who took you under their wing",
               "the experienced person who looks after you at work"),
    "teacher": ("the person who teaches you your lessons",),
    "master": ("the person you serve and learn your craft under",),
    "apprentice": ("the young person learning your trade from you",),
    "trainee": ("the new person you are training in the work",),
    "pupil": ("a child you teach in your class",),
    "student": ("a person you teach",),
    "boss": ("the person you work for, who is in charge of you",),
    "employer": ("the person you work for, who pays your wages",),
    "employee": ("the person who works for you",),
    "colleague": ("a person you work alongside",),
    "rival": ("the person you compete against for the same customers or prize",),
    "adversary": ("the person you oppose and struggle against",),
    "enemy": ("the person you hate and fight against",),
    "partner": ("the person you share your life or your business with",),
    "neighbour": ("the person who lives next door or on your street",),
    "customer": ("a person who buys from you or comes to you to be served",),
    "patient": ("a person you treat for an illness",),
    "source": ("the person who secretly passes you information", "the insider who tips you off and tells you secrets"),
    "fence": ("the person who buys and sells stolen goods for you",),
    "creditor": ("the person you owe money to",),
    "debtor": ("the person who owes you money",),
    "admirer": ("the person you look up to and admire",),  # worlds write it of whom the NPC admires
    "admires": ("the person you look up to and admire",),
    "confidant": ("the person you trust with your secrets",),
    "companion": ("the person who travels with you",),
    "deskmate": ("the person who sits next to you in class",),
    "classmate": ("a person in your class at school",),
    "acquaintance": ("a person you know a little",),
    "wary of": ("the person you distrust and keep an eye on",),
}
"""What common relationships are, in other words, for a question that does not use the
relationship's word ("which boy are you always with?" asks for a best friend)."""


def relation_texts(kind: str) -> list[str]:
    """How a question may ask for a relationship of ``kind``: its own question ("who is your
    mentor?"), and what the relationship is in other words where it is a common one."""
    return [relation_question(kind).lower(), *GLOSSES.get(kind.lower(), ())]


def relation_sentence(who: str, kind: str, many: bool = False) -> str:
    """"Jonas is my rival", "I'm wary of Lena", "I admire Ines", "Hugo is a stranger to me";
    ``many``: "Pip and Sable are my companions"."""
    if kind.endswith((" of", " to", " with")):
        return f"I'm {kind} {who}"
    if " " not in kind and kind.endswith("s") and not kind.endswith("ss"):
        return f"I {kind[:-1]} {who}"
    if kind == "stranger":
        return f"{who} are strangers to me" if many else f"{who} is a stranger to me"
    return f"{who} are my {kind}s" if many else f"{who} is my {kind}"


def opinion_of(feeling: float, whom: str = "them") -> str:
    """"I think the world of them" ... "I can't stand them": how the NPC feels about someone
    (``whom``: "you" to the one it speaks to)."""
    if feeling >= 0.5:
        return f"I think the world of {whom}"
    if feeling >= 0.2:
        return f"I like {whom} well enough"
    if feeling > -0.2:
        return f"I've nothing against {whom}"
    if feeling > -0.5:
        return f"I don't much care for {whom}"
    return f"I can't stand {whom}"
