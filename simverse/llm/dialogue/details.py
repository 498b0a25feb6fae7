"""What a world file says that no belief states, as texts the nearest-answer reader
(:mod:`.nearest_answer`) can rank: the NPC's own persona ("a keen amateur runner who
twisted his knee": "why the limp?") and what the places' descriptions hold ("a ship model
hanging from the ceiling": "what's the wee boat in the chapel?"). Everyone who knows the
map knows the descriptions; the persona is the NPC's own, less any part of it that shares
a word with a secret it holds ("hiding an empty festival fund")."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, word_form_set, word_forms, word_set
from simverse.llm.dialogue.aims import in_first_person

_PERSONA_PIECE = re.compile(r"\s*[:;,.]\s*")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_ITEM = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def persona_pieces(req: DecisionRequest) -> list[str]:
    """The persona's phrases the NPC may tell anyone: none that shares a word (other than
    its own name and words like "the") with a secret it holds."""
    hidden = set()
    for fact in req.facts:
        if fact.secret:
            hidden |= word_form_set(fact.text)
    hidden -= FUNCTION_WORDS | word_form_set(req.names[req.npc].name if req.npc in req.names else req.npc)
    pieces = [p for p in _PERSONA_PIECE.split(req.persona) if p.strip()]
    return [p for p in pieces if not (word_form_set(p) & hidden)]


def persona_told(pieces: list[str]) -> str:
    """The persona's phrases said in the first person: "Me? A keen amateur runner who
    twisted my knee and wants to race on Sunday." """
    said = ", ".join(in_first_person(p) for p in pieces)
    return f"Me? {said[:1].upper()}{said[1:]}." if said else ""


def place_details(description: str) -> list[tuple[str, str]]:
    """Each thing a place's description says, with the sentence that says it: the sentence
    itself, and each item of a list in it ("a class hamster called Pi"), since a question
    about one item is far closer to the item than to the whole list."""
    out = []
    for sentence in (s.strip() for s in _SENTENCE.split(description) if s.strip()):
        sentence = f"{sentence[:-1]}." if sentence.endswith(";") else sentence  # "A stone tower on the point;"
        out.append((sentence, sentence))
        if "," in sentence:
            items = [i.strip(" .") for i in _ITEM.split(sentence)]
            out += [(i, sentence) for i in items if len(i.split()) >= 2 and i != sentence]
    return out


_DESCRIPTION_ASKED = re.compile(
    r"\bwhat (?:is|are|was|were) (?:it|that|the [a-z ]+?|[a-z]+(?: [a-z]+){0,3}?) like\b"
    r"|\bwhat does (?:it|that|the [a-z ]+?|[a-z]+(?: [a-z]+){0,3}?) look like\b"
    r"|(?:^what|\btell me(?: all| a bit| a little| more)?) about (?!.*\b(?:who|whose|what|which|where|when|why|how"
    r"|whether|if)\b)(?:\S+ ){0,7}\S+$"
    r"|\bwhat (?:(?:is|are|was|were|will|would|can|could|might|do|does) )?(?:(?:i|you|we|one|people|visitors) )?"
    r"(?:(?:there|kept|displayed|shown|stored|held|housed|on show|on display|to see|to be seen|find|see|spot|found"
    r"|lies|lie|sitting|sits|standing|stands|lying) )*(?:in|inside|within) (?:the|this|that|your|its)\b"
    r"|\bwhat (?:they|you|we|people) (?:have |had )?(?:actually |really )?(?:got |keep |put )?"
    r"(?:on show|on display) (?:in|inside|within) (?:the|this|that|your|its)\b"
    r"|^(?:please )?describe\b")
""""What's the Ancient Wing like?", "what is displayed in the glass cases of the Ancient Wing?",
"what can one see in the Sculpture Hall?", "what've they got on show in the Ancient Wing?", "tell me
about Market Street" (read "what about Market Street?"): what a place's description says ("what
are you doing in the library?" asks the NPC's deed, "tell me about whose praise ... at the
harbour" asks no place)."""


def description_asked(text: str) -> bool:
    """Whether a line (its reading's text) asks what a place is like or holds."""
    return _DESCRIPTION_ASKED.search(text) is not None


_MADE_OF = re.compile(r"\bwhat (?:is|are|was|were) (?:it|that|they|the (?P<thing>[a-z ]+?))"
                      r" (?:made|built) (?:of|from|out of)\b")
_MATERIALS = word_set("iron stone wood wooden oak pine brick glass steel bronze marble gold golden silver copper clay "
                      "straw thatch thatched timber canvas leather tin brass granite slate concrete plaster wicker "
                      "driftwood cobbled cobblestone")
"""Everyday words of what things are made of ("an iron door", "a stone tower")."""
_OF_PLACE = word_set("of in on at into inside by near from")


def made_of_told(text: str, description: str) -> bool:
    """Whether a line asks what something is made of ("what is the door of the watchtower made
    of?") that the place's description says ("a stone tower with an iron door"): a material said
    before the thing's own word, or any material where the line says only "it"."""
    match = _MADE_OF.search(text)
    if match is None:
        return False
    said = word_forms(description)
    if not match["thing"]:
        return bool(set(said) & _MATERIALS)
    words = match["thing"].split()
    head = word_forms(" ".join(words[:next((i for i, w in enumerate(words) if w in _OF_PLACE), len(words))]))[-1:]
    return any(w in _MATERIALS and head and head[0] in said[i + 1:i + 3] for i, w in enumerate(said))


def described(name: str, description: str) -> str:
    """A place's description told as an answer: "Ancient Wing? Dim rooms of glass cases: ..." """
    return f"{name}? {description}" if description else ""
