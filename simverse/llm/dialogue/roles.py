"""Who does what, and when a question asks about: "who bakes the bread?", "who works at the
lighthouse?" answered from the roles every villager knows (the role nouns of personas, as
the world's names give them: "baker", "lighthouse keeper"), and whether a line asks about
another time than now ("your teacher last year"), which what everyone knows of the world
today (roles, the map, prices) does not answer.

The cues are English word shapes, never a world's own words: a verb after "who" names the
role made from it (bake -> baker, keep -> keeper, teach -> teacher, guard -> guard); working
at a place names the role qualified by the place ("lighthouse keeper").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from simverse.core.decisions import DecisionRequest, NameView
from simverse.core.names import FUNCTION_WORDS, ROLE_NOUNS, singular, verb_forms, word_forms, word_set
from simverse.llm.dialogue.parts import asking_text, clauses_of
from simverse.llm.dialogue.per_world import from_names
from simverse.llm.dialogue.reading import Reading, read

OTHER_TIME = re.compile(
    r"\b(?:last|next|previous|coming) (?:year|week|month|summer|winter|spring|autumn|fall|season|time|night)\b"
    r"|\byesterday(?:'?s)?\b|\btomorrow(?:'?s)?\b|\bago\b|\bused to\b|\bin the past\b|\bformer(?:ly)?\b|\bone day\b"
    r"|\bas a (?:kid|child|boy|girl|lad|lass|youngster)\b|\bgrowing up\b|\b(?:did|have) you always\b"
    r"|\bwhen (?:you|i|we|he|she|they) (?:was|were) (?:young|younger|little|small|a kid|a child|a boy|a girl)\b"
    r"|\bwhen (?:you|he|she|they)(?:'re| are| is|'s) (?:off|away|on holiday|on leave|sick|ill)\b")
"""Phrases that move a question away from the present."""
WORKING = word_set("work works working run runs running keep keeps keeping mind minds look looks manage manages "
                    "staff staffs tend tends")
"""Verbs of doing one's job at a place ("who works at the lighthouse?")."""
_RUN = word_set("run runs running")
"""Running a place is managing it, not the runner's sport."""
_ADVERBS = word_set("actually really usually normally still always now here around")


def other_time(r: Reading) -> bool:
    """Whether the line asks about another time than now ("last year", "tomorrow"), in the
    part that asks: "who does the baking, I want to order for tomorrow" asks about now."""
    return bool(OTHER_TIME.search(r.text)) and bool(OTHER_TIME.search(read(asking_text(r.raw or r.text)).text))


def roles_of(req: DecisionRequest) -> dict[str, list[str]]:
    """``npc -> role names`` every villager knows ("baker", "lighthouse keeper",
    "harbourmaster"): the aliases of the world's people, which are their roles. Worked out
    once per world's names and shared, so not to be changed by the caller."""
    return from_names(req.names, "roles", lambda: _roles_in(req.names))


def _roles_in(names: Mapping[str, NameView]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entity, view in names.items():
        if view.kind != "npc":
            continue
        roles = [a for a in view.aliases if a and word_forms(a)]  # a person's aliases are its roles
        if roles:
            out[entity] = roles
    return out


def _asked_verbs(r: Reading) -> list[str]:
    """The words right after "who" ("who bakes the bread" -> bakes), skipping adverbs; the
    deed named after "does" ("who does the baking" -> baking)."""
    words = list(r.body or r.words)
    if "who" not in words[:3]:
        return []
    if _PERSON_AT.match(" ".join(words[words.index("who"):])):
        return ["works"]  # "who's the lady behind the pills counter?": who works there
    after = [w for w in words[words.index("who") + 1:] if w not in _ADVERBS]
    if after[:1] in (["is"], ["are"]) and after[1:2] and after[1].endswith("ing"):
        after = after[1:]  # "who is selling them?": who sells
    if after[:1] in (["does"], ["do"], ["did"]):
        deed = next((w for w in after[1:4] if w.endswith("ing") and len(w) > 5), None)
        return [deed] if deed else []
    return [w for w in after[:1] if w not in FUNCTION_WORDS]


_PERSON_AT = re.compile(r"who (?:is|was) (?:the|that) (?:person|one|woman|man|lady|guy|bloke|chap|fella|girl|lad|lass)"
                        r"(?: (?:over|up|down|out|back|right))? (?:at|behind|on|in)\b")


def _agents(verb: str) -> set[str]:
    """Role nouns a verb makes: bake -> baker, keep -> keeper, guard -> guard."""
    stems = verb_forms(verb) | {singular(verb), verb[:-2] if verb.endswith("es") else verb}
    return {f for s in stems if len(s) >= 3 for f in (s, s + "er", s + "r", s + "or")}


def who_does(r: Reading, req: DecisionRequest, topics: list[str]) -> str:
    """"Who bakes the bread?" -> "That's Mara, the baker." when exactly one person's role
    fits the verb (or, for working at a named place, a role qualified by the place); "" when
    none or several fit, or the line asks about another time or someone's relation."""
    if (asked := asking_text(r.raw)) != r.raw:
        r = read(asked)  # "my kids are begging for paper lights for tonight, who's selling?"
    if r.wh != "who" or other_time(r) or r.owned:
        return ""
    verbs = _asked_verbs(r)
    if not verbs:
        return ""
    sold = _seller_of(req, topics, verbs[0])
    if sold:
        return sold
    roles = roles_of(req)
    agents = _agents(verbs[0])
    found = {npc: [a for a in aliases if word_forms(a)[-1] in agents] for npc, aliases in roles.items()}
    found = {npc: aliases for npc, aliases in found.items() if aliases}
    places = [t for t in topics if t in req.names and req.names[t].kind == "place"]
    place_words = {w for p in places for phrase in (req.names[p].name, *req.names[p].aliases, p)
                   for w in word_forms(phrase)} - FUNCTION_WORDS
    if verbs[0] in WORKING and place_words and (not found or verbs[0] in _RUN):  # "running the pharmacy": no runner
        at_place = {npc: [a for a in aliases if set(word_forms(a)[:-1]) & place_words]
                    for npc, aliases in roles.items()}
        found = {npc: aliases for npc, aliases in at_place.items() if aliases} or found
    if not found and verbs[0] in WORKING:  # "who works at the stable?": whose persona names the place
        found = {npc: roles.get(npc, []) for npc, view in req.names.items()
                 if view.kind == "npc" and set(view.works_at) & set(places)}
    if f" {verbs[0]} you " in f" {r.text} ":  # "who knighted you?": someone who did it to the NPC, not itself
        found.pop(req.npc, None)
    if len(found) > 1:  # several bakers: the one whose role names what the line names
        line = set(word_forms(r.text))
        found = {npc: [a for a in aliases if set(word_forms(a)[:-1]) & line] for npc, aliases in found.items()}
        found = {npc: aliases for npc, aliases in found.items() if aliases}
    if len(found) != 1:
        return _seller_of(req, topics, verbs[0], _SERVING)  # "who pours the ale?": whoever sells it
    [(who, aliases)] = found.items()
    return f"I do; I'm the {max(aliases, key=len)}." if who == req.npc else that_is(who, aliases)


_SERVING = word_set("serve serves serving pour pours pouring hand hands handing dish dishes dishing")
"""Verbs of handing a ware over that name no role of their own ("who pours the ale?"); not of
making it ("who brews your ale?" asks for its maker, whom the seller need not be)."""
_SELLING = word_set("sell sells selling sold trade trades deal deals stock stocks")


_ROLE_ASKED = re.compile(r"^(?:who is|who are|which one is|which one of (?:them|you|those|these) is) "
                         r"(?:the|this|that|our|your|[a-z]*\d[a-z\d]*)(?: [a-z]+)? (?P<noun>[a-z]+)"
                         r"(?: (?:here|around here|round here|then|now|again|today|tonight|this morning))?$")
""""Who is the manager?", "which one of them is the manager?", "who's 4B's form teacher": the
person whose role is that noun."""


_CLIPPED = {"doc": "doctor", "prof": "professor", "sarge": "sergeant", "cap": "captain", "ref": "referee",
            "rep": "representative", "admin": "administrator", "vet": "veterinarian"}
"""Everyday clipped forms of role nouns ("who's the doc?")."""


def who_is_role(r: Reading, req: DecisionRequest) -> str:
    """"That's Okafor, the service manager.": the one person whose role ends in the noun a
    "who is the X?" asks (the head of "service manager"); "" when none or several have it."""
    clauses = [read(c).body for c in clauses_of(r.raw)]
    asked = next((m for words in (r.body or r.words, *clauses) if (m := _ROLE_ASKED.search(" ".join(words)))), None)
    if asked is None:  # "just moved here. who's 4B's form teacher, what do we call her?" asks it in a clause
        return ""
    noun = singular(asked.group("noun"))
    noun = _CLIPPED.get(noun, noun)
    found = {npc: [a for a in aliases if word_forms(a)[-1:] == [noun]] for npc, aliases in roles_of(req).items()}
    found = {npc: aliases for npc, aliases in found.items() if aliases}
    if len(found) != 1:
        return ""
    [(who, aliases)] = found.items()
    return f"I am; I'm the {max(aliases, key=len)}." if who == req.npc else that_is(who, aliases)


def that_is(who: str, roles: Sequence[str]) -> str:
    """"That's Hale, the museum director.": someone named with the longest of their roles."""
    role = max(roles, key=len, default="")
    return f"That's {who}, the {role}." if role else f"That's {who}."


def _seller_of(req: DecisionRequest, topics: list[str], verb: str, verbs: frozenset[str] = _SELLING) -> str:
    """"Who sells charms?": the one who sells the item the line names, and its price."""
    if verb not in verbs:
        return ""
    for topic in topics:
        view = req.names.get(topic)
        if view is not None and view.kind == "item" and view.seller and view.price:
            price = int(view.price) if float(view.price).is_integer() else view.price
            cost = f"{price} coin" + ("" if price == 1 else "s")
            if view.seller == req.npc:
                return f"I do: {view.name}, {cost}."
            return f"That's {view.seller}: {view.name}, {cost}."
    return ""


_THERE_IS = re.compile(r"\b(?:is|are) there (?:a|an|any|some) (?P<kind>[a-z]+)(?: (?P<more>[a-z]+))?")
""""Is there a trainee on today?", "is there a priest in this town?": someone asked for by
the role word, the word after it when the role has two ("a night nurse")."""


def who_is_there(r: Reading, req: DecisionRequest) -> str:
    """"That's Bea, the trainee agent." when exactly one person's role has the word asked
    for as its noun ("is there a trainee on today?"); "" when no one's or several people's
    role does, or the line asks of another time."""
    match = _THERE_IS.search(r.text)
    if match is None or other_time(r):
        return ""
    asked = {singular(w) for w in (match.group("kind"), match.group("more") or "") if w and w not in FUNCTION_WORDS}
    roles = roles_of(req)
    found = [npc for npc, aliases in roles.items() if any(_role_says(a, asked) for a in aliases)]
    if len(found) != 1 or found[0] == req.npc:
        return ""
    return that_is(found[0], roles[found[0]])


def _role_says(role: str, asked: set[str]) -> bool:
    """Whether a role's noun is a word asked for, or its first word is one that names a kind
    of person ("trainee" in "trainee agent"; not "museum" in "museum director")."""
    words = word_forms(role)
    first = words[0]
    return words[-1] in asked or (len(words) > 1 and first in asked
                                  and (first in ROLE_NOUNS or first.endswith(_AGENT_ENDINGS)))


_AGENT_ENDINGS = ("er", "or", "ist", "ee", "ian")
"""Endings of English nouns for people by what they do ("trainee", "florist")."""


def person_by_role(r: Reading, req: DecisionRequest) -> str | None:
    """The one other person the line calls by their role ("the manager", "your trainee"):
    whose role a word after "the" or "your" says (:func:`_role_says`)."""
    said = {m.group(1) for m in re.finditer(r"\b(?:the|your|that|this|our) ([a-z]+)\b", " ".join(r.body or r.words))}
    meant = {e for e, roles in roles_of(req).items() if any(_role_says(role, said) for role in roles)}
    meant -= {req.npc, req.partner}
    return meant.pop() if len(meant) == 1 else None
