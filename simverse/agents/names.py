"""What the villagers call things: a world's names, as a :class:`~simverse.core.names.NameIndex`.

Every NPC of a world knows its map and wares, so one index serves all of them. Besides
ids and names (and ``aliases`` where the world file gives them), people say the head
word of a name ("the bakery" for "Mara's Bakery", "the ale" for "mug of ale"), a concept's
words ("the festival fund" for ``festival_fund``) and a person's role ("the mayor"),
found in the persona from a list of role nouns. A head word or role that two things share
names neither (it would be a guess).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from simverse.core.decisions import NameView
from simverse.core.names import NAME_STOP, ROLE_NOUNS, NameIndex, word_forms, word_set
from simverse.core.schema import NPCSpec, WorldSpec
from simverse.knowledge.entities import world_entities

_PARENS = re.compile(r"\s*\([^)]*\)")
_ARTICLES = word_set("the a an")
_QUALIFIERS = word_set("free one half very not no all only just more less most full")


def world_names(spec: WorldSpec) -> NameIndex:
    """The index of a world's NPCs, places, items and concepts."""
    near: dict[str, set[str]] = {p.id: set() for p in spec.places}
    for place in spec.places:
        for other in place.connections:
            near[place.id].add(other)
            near.setdefault(other, set()).add(place.id)
    places = {p.id for p in spec.places}
    people = {n.name for n in spec.npcs}
    views: list[NameView] = []
    roles = _role_names([(n.name, _roles(n.persona, n.name) or _opening_role(n.persona, n.name)) for n in spec.npcs])
    place_names = _place_phrases(spec)
    heads = _unique([(p.id, h) for p in spec.places for h in _heads(p.name)]
                    + [(i.id, h) for i in spec.items for h in _heads(i.name)])
    work = _own_work(spec)
    for npc in spec.npcs:
        works_at = _places_named(place_names, npc.persona) or _home_by_head(npc.persona, heads, places)
        views.append(NameView(npc.name, "npc", npc.name, tuple(roles.get(npc.name, ())),
                              works_at=works_at, known_as=known_as(npc.persona), works=work.get(npc.name, ()),
                              pronoun=pronoun_of(npc.persona) or pronoun_of(_own_words(npc, people))))
    for place in spec.places:
        aliases = (*getattr(place, "aliases", ()), *heads.get(place.id, ()))
        views.append(NameView(place.id, "place", place.name, tuple(aliases), near=tuple(sorted(near[place.id])),
                              holds=_on_view(spec, place.id, place.description or ""),
                              description=place.description or "", heads=tuple(heads.get(place.id, ()))))
    for item in spec.items:
        aliases = (*getattr(item, "aliases", ()), *heads.get(item.id, ()))
        at = item.place if item.place in places and item.price else None  # shops are known; hiding places not
        views.append(NameView(item.id, "item", _PARENS.sub("", item.name), tuple(aliases), place=at,
                              price=float(item.price) if item.price else None, seller=_seller(item, people),
                              edible=(item.properties or {}).get("edible") is True,
                              heads=tuple(heads.get(item.id, ()))))
    concepts = world_entities(spec)["concept"]
    tails = _unique((c, c.split("_")[-1]) for c in concepts if _noun_phrase(c))
    for concept in concepts:
        views.append(NameView(concept, "concept", concept.replace("_", " "), tuple(tails.get(concept, ()))))
    return NameIndex(_without_clashes(views))


def _own_work(spec: WorldSpec) -> dict[str, tuple[str, ...]]:
    """``npc -> descriptions`` of the actions its schedule alone names: what it is seen
    doing that no one else does (buying lunch is no one's work)."""
    doers: dict[str, set[str]] = {}
    for npc in spec.npcs:
        for entry in npc.schedule:
            if entry.action:
                doers.setdefault(entry.action, set()).add(npc.name)
    described = {a.name: _PARENS.sub("", a.description).strip() for a in spec.actions}
    work: dict[str, tuple[str, ...]] = {}
    for action, who in sorted(doers.items()):
        if len(who) == 1 and described.get(action):
            [npc] = who
            work[npc] = (*work.get(npc, ()), described[action])
    return work


def _seller(item: object, people: set[str]) -> str | None:
    """Who sells a priced item: its owner, or the NPC who carries it."""
    if not getattr(item, "price", None):
        return None
    owner = (getattr(item, "properties", None) or {}).get("owner")
    if owner in people:
        return str(owner)
    place = getattr(item, "place", None)
    return place if place in people else None


def _on_view(spec: WorldSpec, place: str, description: str) -> tuple[str, ...]:
    """Items at ``place`` that its description names (what anyone there sees: "a painted
    sarcophagus"), and the items that share their names (a copy and its original); a key
    lost in a wood the description does not mention stays unknown."""
    seen = f" {' '.join(word_forms(description))} "
    named = {_PARENS.sub("", i.name).strip().lower() for i in spec.items if i.place == place
             and f" {' '.join(word_forms(_PARENS.sub('', i.name)))} " in seen}
    return tuple(sorted(i.id for i in spec.items if _PARENS.sub("", i.name).strip().lower() in named))


def _place_phrases(spec: WorldSpec) -> dict[str, list[tuple[int, str, str]]]:
    """Each place's full name as compared words (``(order, place id, " w1 w2 ")``), by its
    first word: made once per world, so naming the places of every persona is not
    NPCs x places."""
    phrases: dict[str, list[tuple[int, str, str]]] = {}
    for order, place in enumerate(spec.places):
        name = [w for w in word_forms(_PARENS.sub("", place.name)) if w not in _ARTICLES]
        if name:
            phrases.setdefault(name[0], []).append((order, place.id, f" {' '.join(name)} "))
    return phrases


def _places_named(phrases: dict[str, list[tuple[int, str, str]]], persona: str) -> tuple[str, ...]:
    """Places a persona names by their full name ("priest of the Chapel of the Tides",
    "Keeper of the Salty Gull tavern"): where everyone knows the person belongs (in the
    world file's order)."""
    words = [w for w in word_forms(persona) if w not in _ARTICLES]
    said = f" {' '.join(words)} "
    found = {(order, place) for word in set(words) for order, place, phrase in phrases.get(word, ())
             if phrase in said}
    return tuple(place for _, place in sorted(found))


_LIVES_IN = re.compile(r"\b(?:lives|living|works|working|dwells|stays)\s+(?:in|at|on|by|beside|near)\s+(?:the|a)\s+"
                       r"(?P<place>[a-z]+(?:\s+[a-z]+)?)")
""""A hermit who lives in the wood": where the persona says the person lives or works, by
a place's head word."""


def _home_by_head(persona: str, heads: dict[str, tuple[str, ...]], places: set[str]) -> tuple[str, ...]:
    """The one place a persona says the person lives or works at by the place's head word
    alone ("lives in the wood" -> Whispering Wood), where no place's full name is said."""
    found = []
    for match in _LIVES_IN.finditer(persona.lower()):
        said = set(word_forms(match["place"]))
        found += [p for p, words in heads.items() if p in places and said & set(words) and p not in found]
    return tuple(found) if len(found) == 1 else ()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_CLAUSES = re.compile(r"([,;:])")
_APPOSITION = ("the ", "a ", "an ", "who ", "whose ", "which ", "that ")
_SHORT = 3
"""An opening shorter than this many words is an adjective before a comma ("A bright,
restless boy"), not yet the phrase that names the person."""


_SHE = word_set("she her hers herself woman girl lady ms mrs miss madam mother mum grandmother aunt sister wife "
                "daughter queen widow lass")
_HE = word_set("he him his himself man boy gentleman mr sir father dad grandfather uncle brother husband son king "
               "widower lad")


def pronoun_of(persona: str) -> str:
    """"she" or "he" when the persona's words say only one of them, else ""."""
    words = set(re.findall(r"[a-z]+", persona.lower()))
    she, he = bool(words & _SHE), bool(words & _HE)
    return "she" if she and not he else "he" if he and not she else ""


def _own_words(npc: NPCSpec, people: set[str]) -> str:
    """The NPC's goals and activities that name no one else, whose pronouns are its own
    ("tell his grandchildren about the sarcophagus")."""
    texts = [*npc.goals, *(entry.activity for entry in npc.schedule)]
    return " ".join(t for t in texts if not any(w in people and w != npc.name for w in re.findall(r"[A-Z][a-z]+", t)))


def known_as(persona: str) -> str:
    """How everyone knows a person: the persona's first sentence up to a semicolon,
    keeping only the clauses after a comma or colon that go on naming them ("Father Aldo,
    the gentle priest of the Chapel of the Tides, who blesses the boats"; "Elder Maud: the
    village's quest giver"); traits and worries ("The mayor: jovial in public, anxious in
    private...") are no one else's to know."""
    sentence = _SENTENCE_END.split(persona.strip(), maxsplit=1)[0].rstrip(".!? ")
    parts = _CLAUSES.split(sentence)
    kept = [parts[0].strip()]
    naming = True
    for sep, clause in zip(parts[1::2], parts[2::2], strict=False):
        clause = clause.strip()
        short = sep == "," and len(" ".join(kept).split()) < _SHORT
        if sep == ";":
            break
        if naming and (short or clause.lower().startswith(_APPOSITION)):
            kept.append(clause)  # "Elder Maud: the village's quest giver" goes on naming her
        elif _ONE_WHO.match(clause):
            kept.append(clause)  # "...: unhurried, thorough, the only one here who diagnoses": what they do
        else:
            naming = False  # "The mayor: jovial" does not
    return ", ".join(k for k in kept if k)


_ONE_WHO = re.compile(r"(?:the|a|an) (?:only |one |person |[a-z]+ ){0,3}?(?:one|person) (?:[a-z]+ )?who [a-z]", re.I)
"""A clause among the traits that says what the person does for others ("the only one here
who diagnoses"); a trait or worry ("a little guilty about...") names no one who does."""


def _opening_role(persona: str, name: str) -> list[str]:
    """For a persona with no known role noun, the last word of its opening phrase when the
    persona opens "The harbourmaster: ..." or "Ines, the class high-flyer: ..." (a short
    noun phrase before a colon): the role it is known by."""
    head, colon, _ = persona.partition(":")
    phrase = head.split(",")[-1].strip()
    words = phrase.split()
    if not colon or not 1 <= len(words) <= 4:
        return []
    last = words[-1].lower().strip(".'")
    if (not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", last) or len(last) < 4 or last in NAME_STOP
            or last in word_forms(name)):
        return []
    return [last]


def _roles(persona: str, name: str = "") -> list[str]:
    """Role nouns (:data:`~simverse.core.names.ROLE_NOUNS`) of a persona, first one first
    ("The village baker: ..." -> baker), then each with the word before it ("village
    baker", "lighthouse keeper"): that names one person where the role alone names two.
    A role noun right before the person's own name is a title ("Father Aldo, the priest"),
    said after the roles the persona gives."""
    words = word_forms(persona)
    own = set(word_forms(name))
    titles = {w for i, w in enumerate(words[:-1]) if w in ROLE_NOUNS and words[i + 1] in own}
    roles = sorted([w for w in words if w in ROLE_NOUNS][:2], key=lambda w: w in titles)
    qualified = [f"{words[i - 1]} {w}" for i, w in enumerate(words) if w in roles and i
                 and words[i - 1] not in NAME_STOP and words[i - 1] not in ROLE_NOUNS and len(words[i - 1]) >= 3]
    qualified += [f"{head} {m['role']}" for m in _ROLE_OF.finditer(persona.lower()) if m["role"] in roles
                  and (head := m["what"].split(" of ")[0].split()[-1]) not in NAME_STOP and len(head) >= 3]
    return roles + qualified[:2]


_ROLE_OF = re.compile(r"\b(?P<role>[a-z]+) of (?:the |a |an )?(?P<what>[a-z'-]+(?: [a-z'-]+){0,3})(?=[;,.:!?]|$)")
""""Keeper of the Salty Gull tavern": the role with what it is of ("tavern keeper"), as "lighthouse
keeper" names one keeper where "keeper" alone names two."""


def _role_names(roles: list[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """``npc -> roles``: a persona's first role noun names its NPC when no other persona
    starts with it (Dr Okoye is "the doctor" though the advisor's persona says she refers
    to the doctor); any role noun does when no other persona has it at all."""
    first = _unique((npc, words[0]) for npc, words in roles if words)
    out = _unique((npc, w) for npc, words in roles for w in words)
    for npc, words in first.items():
        out.setdefault(npc, [])
        out[npc] = words + [w for w in out[npc] if w not in words]
    return out


_MEASURES = word_set("cup mug glass bowl plate slice loaf pot jar bottle flask bag box sack coil bunch pint jug "
                     "basket tin can packet pack bar piece portion serving dish tray crate barrel keg handful pair "
                     "set roll sheet ball skein bundle stick wedge round kind sort spoonful bucket pail")
"""Words of a measure or a container: in "cup of tea" the tea is what is meant, in "map of the
valley" the map is."""


def _heads(name: str) -> list[str]:
    """Head words of a place or item name (before any ``:``): its last word (after "of",
    only when a measure or container comes before: "mug of ale" -> ale, mug; "lost map of
    the valley" -> map; "Chapel of the Tides" -> chapel) and the word before ``of`` or ``and``."""
    words = word_forms(_PARENS.sub("", name).split(":")[0])
    of = max((i for i, w in enumerate(words) if w == "of"), default=-1)
    heads = [words[-1]] if words and (of < 1 or words[of - 1] in _MEASURES) else []
    for i, word in enumerate(words[1:], start=1):
        if word in ("of", "and"):
            heads.append(words[i - 1])
    return [h for h in heads if (len(h) >= 3 or _code(h)) and h not in NAME_STOP]


def _code(word: str) -> bool:
    """A word of letters and digits ("4b" of "Room 4B"): short, but it tells a name apart."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _noun_phrase(concept: str) -> bool:
    """Whether a concept id reads as a thing named by its last word ("festival_fund"), not
    a state ("nearly_spent", "free_today")."""
    words = concept.lower().split("_")
    return len(words) > 1 and len(words[-1]) >= 4 and not words[0].endswith("ly") and words[0] not in _QUALIFIERS


def _unique(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``owner -> words`` keeping only words that one owner alone has."""
    pairs = list(pairs)
    owners = Counter(word for _, word in {(o, w) for o, w in pairs})
    out: dict[str, list[str]] = {}
    for owner, word in pairs:
        if owners[word] == 1 and word not in out.get(owner, []):
            out.setdefault(owner, []).append(word)
    return out


def _without_clashes(views: list[NameView]) -> list[NameView]:
    """Drop a derived alias that is another thing's own id or name (Mara the baker keeps
    "Mara"; the bakery does not get it)."""
    own = {tuple(word_forms(p)): v.id for v in views for p in (v.id, v.name)}
    cleaned = []
    for view in views:
        keep = tuple(a for a in view.aliases if own.get(tuple(word_forms(a)), view.id) == view.id)
        cleaned.append(replace(view, aliases=keep) if keep != view.aliases else view)
    return cleaned
