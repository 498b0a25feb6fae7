"""Who does something, asked by what they do rather than by a role's word: "who examines
the patients?", "who makes up the prescriptions?" answered by the embedder's closeness of
what is done ("examines the patients") to each person's role ("the doctor").

Only a "who" question about someone else (no "you", no person named, about now, not in
the past tense: "who stole the painting?" asks about an event; a verb of what someone does,
"examines" or "keeping") counts,
and only one role clearly closest (:data:`DOER_CLOSE`, :data:`DOER_MARGIN`) answers: a
near tie or nothing close is left to "I don't know".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, same_root, verb_forms, word_forms, word_set
from simverse.llm.dialogue.closest import clearly_closest
from simverse.llm.dialogue.parts import question_at_end
from simverse.llm.dialogue.per_world import from_names
from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.roles import other_time, roles_of, that_is

DOER_CLOSE = 0.4
"""Cosine of what is done to a role from which the role may be meant ("examines patients"
and "the doctor" 0.51, "makes up the prescriptions" and "the pharmacy assistant" 0.42;
"stole the money" at most 0.31 from any role of the clinic or harbour)."""
DOER_MARGIN = 0.05
"""How much closer than the next person's role the best must be."""
_LEAD = word_set("is s was the one person people that who here around actually really usually guy man woman "
                 "lady chap fellow bloke someone somebody anyone anybody exactly")
"""Words before what is done ("who's the one that actually examines...")."""
PAST = word_set("was were did had stole broke took gave made left lost found saw ate drank wrote sold bought brought "
                "caught fought taught thought told said sent spent stood struck swore threw tore wore won woke "
                "began came ran sang rang hid bit shot shut set put cut hit let paid laid led met fled fell felt "
                "kept slept swept knew grew drew flew blew forgot got rode rose drove froze chose spoke stuck")
"""Common irregular past forms: "who stole the painting?" asks about an event, not a role."""
_YOU = frozenset({"you", "your", "yours", "yourself", "i", "me", "my"})
_ABLE = tuple(tuple(p.split()) for p in (
    "allowed to", "able to", "meant to", "supposed to", "permitted to", "qualified to", "licensed to", "trained to",
    "paid to", "there to", "can", "could", "will", "would", "may", "gets to", "get to"))
"""What may stand between "who" and what is done, saying who may or will do it ("who's
allowed to diagnose folk?", "who can sign off a refund?"): a role's work, not an event."""


_WHOSE_JOB = re.compile(r"\bwhose (?:job|task|role|duty|responsibility|work) (?:is it|would it be|is that) "
                        r"to ((?:[a-z]+ )*?[a-z]+)(?: (?:round |around )?here)?$")
""""Whose job is it to mend the nets?": who mends the nets, as a role's work."""


def deed_asked(r: Reading, people_named: bool) -> str:
    """What a "who" question asks someone to do ("examines patients"), or "" when it is
    no such question (about you or me, a person named, another time, someone's relation)."""
    if (job := _WHOSE_JOB.search(r.text)) and not people_named and not _YOU & set(job[1].split()):
        return job[1]
    words = list(r.body or r.words)
    asker = _asker(words, r.wh)
    if asker is None or people_named or other_time(r) or r.owned or _about_you(words, asker):
        return ""
    rest = _past_where(words[asker:])
    copula = bool(rest) and rest[0] in ("is", "s", "are")
    stripped = set()
    while rest and rest[0] in _LEAD:
        stripped.add(rest.pop(0))
    able = next((len(m) for m in _ABLE if tuple(rest[:len(m)]) == m), 0)  # "who's allowed to diagnose folk?"
    rest = rest[able:]
    if able and rest[:1] in (["have"], ["be"], ["not"]):
        return ""  # "who could have taken it?": an event
    if not able and any(w in PAST or (w.endswith("ed") and len(w) > 4) for w in [*stripped, *rest[:1]]):
        return ""  # "who stole the painting?", "who was the painter of it?": something done once
    if copula and not able and not (stripped & {"that", "who"} or any(w.endswith("ing") for w in rest)):
        return ""  # "who is the manager here?" asks who holds a role, not who does something
    habitual = bool(rest) and (bool(able) or (rest[0].endswith("s") and not rest[0].endswith("ss"))
                               or any(w.endswith("ing") for w in rest))
    if not habitual:
        return ""  # "who cast the bell?": no verb of what someone does ("examines", "keeping")
    return " ".join(rest) if len(rest) >= 2 else ""


_PERSON_NOUNS = word_set("one person adult grownup man woman lady guy chap fellow bloke member staffer")
"""What may follow "which" in a question about someone ("which adult teaches this lot?")."""
_GROUPS = word_set("you them us staff people folk lot team adults grownups")
"""What "which of" may ask among ("which of you restores the paintings?")."""


def _asker(words: list[str], wh: str | None) -> int | None:
    """Where what a question about someone asks done begins: after its "who" or its "which"
    and a word for a person, among its first words or after a lead-in that asks it ("could
    you remind me which adult...", "I was wondering who..."); ``None`` when it asks no such
    thing."""
    for at, word in enumerate(words[:_INDIRECT_REACH]):
        if word not in ("who", "which") or (at >= 4 and not set(words[max(at - 2, 0):at]) & _ASKING_LEADS):
            continue
        if word == "who" and wh in ("who", None):
            return at + 1
        if word == "which" and wh in ("which", None):
            after = at + 1 + (words[at + 1:at + 2] == ["one"])
            if words[after:after + 1] == ["of"]:  # "which (one) of the staff restores..."
                after += 1 + (words[after + 1:after + 2] in (["the"], ["these"], ["those"]))
                return after + 1 if after < len(words) and words[after] in _GROUPS else None
            if after >= len(words) or words[after] not in _PERSON_NOUNS:
                return None
            group = words[after + 1:after + 4]  # "which member of staff...", "which member of the team..."
            if group[:1] == ["of"] and (kin := [w for w in group[1:] if w not in ("the", "our", "your")]):
                return after + 2 + group[1:].index(kin[0]) + 1 if kin[0] in _GROUPS else None
            return after + 1
    return None


_INDIRECT_REACH = 8
_ASKING_LEADS = word_set("know tell remind wondering wonder wondered ask asking idea sure recall remember forget "
                         "forgotten guess")
"""Words of a lead-in that asks a question of its own ("could you remind me which...",
"I was wondering who..."): what follows is the question."""
_OWNING_YOU = frozenset({"my", "your", "our"})


def _about_you(words: list[str], asker: int) -> bool:
    """Whether what is asked done is done by or to the one asked or the asker ("who taught
    you?", "who do I see?"); "my boat" or "your class" only say whose thing it is done to."""
    rest = words[asker:]
    if any(w in _YOU and not (w in _OWNING_YOU and i + 1 < len(rest) and rest[i + 1] not in FUNCTION_WORDS)
           for i, w in enumerate(rest)):
        return True
    return bool(set(words[:asker]) & _YOU) and not set(words[:asker]) & _ASKING_LEADS


_WHERE_FIRST = word_set("in at around round on across")
_THIS = word_set("this the our these")


def _past_where(rest: list[str]) -> list[str]:
    """What is asked done, past where the asker means ("who in this valley hands out...")."""
    if len(rest) > 3 and rest[0] in _WHERE_FIRST and rest[1] in _THIS:
        return rest[3:]
    return rest


_POINTING = word_set("that this it them those these")
"""Words by which a question points back at what the line said before ("who sorts that out?")."""


def deed_in_line(r: Reading, people_named: bool, npc: str = "") -> str:
    """What a "who" question asks done, also when it follows what the speaker needs ("I've
    got a prescription to pick up, who sorts that out?"): the question's deed, with the
    clause before it when the deed points back at it ("that", "it"); not the name of the
    one asked or the speaker's "I"."""
    deed = deed_asked(r, people_named)
    statement, question = question_at_end(r.raw)
    if deed or not question:
        return deed
    deed = deed_asked(read(question), people_named)
    if not deed or not set(deed.split()) & _POINTING:
        return deed
    done = [w for w in deed.split() if w not in _POINTING]  # "sorts that out": "sorts out" what was said
    lead = [w for w in read(statement).words if w not in _YOU | FUNCTION_WORDS and w != npc.lower()]
    return " ".join(done + lead)


class KnownFor(NamedTuple):
    """One thing a person is known for, as compared with a deed asked."""

    text: str
    needs_word: bool
    """Whether the deed must say one of its words for it to count."""
    floor: float
    """The cosine below which it does not count."""
    work: bool = False
    """What they are seen doing: no answer to who lives or owns ("who lives in the cave?")."""


def deed_texts(req: DecisionRequest) -> dict[str, list[KnownFor]]:
    """What each person is known for, as compared with a deed (:class:`KnownFor`): their
    role ("the priest"), and how everyone knows them ("Father Aldo, the gentle priest of the
    Chapel of the Tides, who blesses the boats"), so a person is found by what they do when
    no role word says it ("who does the blessing of the boats?"). That longer text is close
    in meaning to many deeds ("An art student sketching the Dutch masters" to "fixing up old
    paintings"), so it counts only with a word of the deed in it (:func:`says_the_deed`);
    its "who ..." clause alone ("blesses the boats") counts only when very close
    (:data:`CLAUSE_CLOSE`): one shared verb is not the same deed ("lives in the wood"). What
    they alone are seen doing (``works``: "Clean and retouch the original painting in the
    studio") counts with a word of the deed, and not for where someone lives or what they
    own ("who lives in the cave at the pass?" is not the scout who climbs to it).
    Worked out once per world's names and shared, so not to be changed by the caller."""
    return from_names(req.names, "deeds", lambda: _deed_texts(req))


def _deed_texts(req: DecisionRequest) -> dict[str, list[KnownFor]]:
    out = {npc: [KnownFor("the " + max(aliases, key=len), False, 0.0)] for npc, aliases in roles_of(req).items()}
    for entity, view in req.names.items():
        said = [k.text.lower() for k in out.get(entity, [])]
        if view.kind == "npc" and view.known_as and view.known_as.lower() not in said:  # "The mayor" said once
            out.setdefault(entity, []).append(KnownFor(view.known_as, True, 0.0))
            out[entity] += [KnownFor(deed, True, CLAUSE_CLOSE) for deed in _WHO_DOES.findall(view.known_as)]
        if view.kind == "npc":
            out.setdefault(entity, []).extend(KnownFor(work, True, 0.0, work=True) for work in view.works)
    return out


CLAUSE_CLOSE = 0.6
"""Cosine from which what a person's description says they do is the deed asked ("bless the
boats" and "blesses the boats" 0.97, "diagnose folk here" and "diagnoses" 0.72; "lives in the
cave at the pass" and "lives in the wood and has seen everything..." 0.49)."""
_WHO_DOES = re.compile(r"\bwho ([a-z][^,;:]*)")
"""What a person's description says they do, alone ("..., who blesses the boats"): compared
with the deed asked, it is not drowned by the rest of the description."""


_NOT_WORK = word_set("live lives living own owns owning stay stays staying sleep sleeps sleeping dwell dwells hide "
                     "hides hiding belong belongs")
"""Verbs of where someone is or what is theirs: asked with them, a deed is no work."""


def counts_for(known: KnownFor, deed: str) -> bool:
    """Whether what a person is known for may answer who does ``deed`` (before closeness)."""
    if known.work and deed.split()[:1] and deed.split()[0] in _NOT_WORK:
        return False
    return not known.needs_word or says_the_deed(deed, known.text)


def says_the_deed(deed: str, text: str) -> bool:
    """Whether ``text`` has a word of ``deed`` in some form ("blessing" / "blesses",
    "living" / "lives", "woods" / "wood")."""
    said = {w for w in word_forms(deed) if w not in FUNCTION_WORDS and len(w) >= 3}
    known = {w for w in word_forms(text) if w not in FUNCTION_WORDS and len(w) >= 3}
    return any(a == b or same_root(a, b) or verb_forms(a) & verb_forms(b) for a in said for b in known)


_WHERE_DONE = re.compile(r"\s+(?:(?:at|in|round|around|near|inside|across) (?:the|this|that|our|these|those)\b"
                         r"|(?:round |around |over |in |out )?here\b).*$")
"""Where a deed is done, at its end ("... at the counter here", "... in this village")."""


def deed_without_place(deed: str) -> str:
    """A deed without where it is done ("makes up the prescriptions at the counter here" ->
    "makes up the prescriptions"): a place says little of who does it."""
    trimmed = _WHERE_DONE.sub("", deed)
    return trimmed if len(trimmed.split()) >= 2 else deed  # "works in the kitchen": the place is the deed


_NEXT_DEED = re.compile(r" and (?=[a-z]{3,}s (?:the|a|an|his|her|their|your|my|our|its|of|to|you|him|them|me|us"
                        r"|about|for|with|at|in|on|over|up|out)\b)")
"""Where a second deed begins ("mends your nets | and dreams of a boat"), not a second thing
("sells rope and vegetables")."""


def deed_parts(deed: str) -> list[str]:
    """The deed, then each deed it joins with "and" when it joins several ("mends your nets
    and dreams of a boat of his own" -> also "mends your nets", "dreams of a boat of his
    own"): one of them may say what a person is known for, which the whole says less closely."""
    parts = _NEXT_DEED.split(deed)
    return [deed, *parts] if len(parts) > 1 else [deed]


def who_by_deed(req: DecisionRequest, closeness: Mapping[str, float]) -> str:
    """"That's Okoye, the doctor." for the one person whose role is clearly closest to what
    the line asks done; "" when none is close or two are near."""
    who = clearly_closest(closeness, DOER_CLOSE, DOER_MARGIN)
    if who is None:
        return ""
    roles = roles_of(req).get(who, [])
    if who == req.npc:
        return f"I do; I'm the {max(roles, key=len, default='')}."
    return that_is(who, roles)
