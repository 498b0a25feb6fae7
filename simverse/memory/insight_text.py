"""Offline reflection in words: who and what recurs in an NPC's memories, and a sentence
about it built from what it saw and heard.

Used by :class:`~simverse.memory.reflection.RuleReflector`. Memories are plain text, so
names are found the way a reader finds them: capitalised words (or runs such as "Town
Square", "Chapel of the Tides") that occur at least once inside a sentence, not only at
its start ("Hm", "Between", "Have" start sentences; "Tomas" in "Mara said to Tomas" does
not), titles dropped ("Mayor Pieter" is Pieter).

An insight is a sentence of the NPC's own, never a quote of a memory:

* a person: what they told it ("Nell told me that ..."), what it saw them do, most often
  first ("Tomas sells goods at the stall, again and again"), how often they talked;
* a place: what happens there;
* anything else: what people say about it.

Earlier reflections are evidence but never words of a new one, so insights do not nest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from simverse.core.spelling import is_common
from simverse.memory.types import MemoryRecord

_TITLE_WORDS = "Mayor Father Mother Brother Sister Ms Mr Mrs Miss Dr Doctor Elder Sir Lady Lord Captain Master Madam"
_TITLES = frozenset(_TITLE_WORDS.split())
_NOT_NAME_WORDS = (
    "The A An I He She It They We You My His Her Their Our Its This That These Those There Here Today Tomorrow "
    "Yesterday Summary And But Or So Then When What Who Why How Where Yes No Oh Hm Hmm Well Really Good Fine "
    "Also Did Have Has Is Are Was Were Do Does Let Take Busy Between Word Any Nothing Only One Some"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_RUN = re.compile(r"\b[A-Z][a-zA-Z'-]+(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][a-zA-Z'-]+)*")
_SAID = re.compile(r'^(?P<speaker>[^"]+?) said to (?P<listener>[^":]+): "(?P<line>.*)"\s*$', re.S)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_OPENERS = re.compile(
    r"^(?:and |also,? |that reminds me:? |between you and me,? |did you know that |have you heard\?? |"
    r"i heard(?: from \w+)? that |i know that |word around [\w' ]+ is that |they say |rumour is |"
    r"[A-Z]\w+ (?:told me|says)(?: that)? |as you told me,? |"
    r"oh,? |well,? |yes,? |so,? |hm+,? )+",
    re.IGNORECASE,
)
_SMALL = re.compile(r"\b(?:good day|take care|talk later|must get on|must dash|welcome|hello|goodbye|no idea|"
                    r"don't know|not sure|what can i do|keep that in mind|had no idea|is that so|i'd heard that|"
                    r"told me already|old news|never mind|couldn't say|can't say|haven't heard|wish i knew|"
                    r"do not know|rather not|not mine to|my lips are sealed)\b", re.IGNORECASE)
_ACTOR = re.compile(r"^([A-Z][a-z]+) [a-z]+s\b")
"""A narration's actor: "Tomas sells goods at the stall." (a name, then a verb in -s)."""
_PREPOSITION = re.compile(r"\b(?:at|to|from|in|into|near|by|over|around|towards)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class Subject:
    """Something that recurs in memories: its name and whether it reads as a place."""

    name: str
    place: bool = False


def subjects(npc: str, memories: Sequence[MemoryRecord]) -> list[Subject]:
    """Names that recur in ``memories``, weighted by importance (then by name), people and
    places alike; the NPC itself left out."""
    weights: Counter[str] = Counter()
    inside: set[str] = set()
    people: set[str] = set()
    placed: Counter[str] = Counter()
    for memory in memories:
        read = _names_in(memory.text)
        people.update(read.people)
        if read.said:
            inside.update(people)
        seen: set[str] = set()
        for name, named_inside, after_preposition in read.runs:
            if name == npc:
                continue
            if named_inside:
                inside.add(name)
            if after_preposition:
                placed[name] += 1
            seen.add(name)
        for name in seen:
            weights[name] += memory.importance
    ranked = sorted((n for n in weights if n in inside), key=lambda n: (-weights[n], n))
    return [Subject(n, n not in people and placed[n] > 0 and placed[n] * 2 > sum(n in m.text for m in memories))
            for n in ranked]


@dataclass(frozen=True)
class _Names:
    """What one memory's text says of names, read once per text (memories recur in every
    reflection of every NPC that holds them)."""

    said: bool
    """It is a line said (``A said to B: "..."``)."""
    people: tuple[str, ...]
    """The speaker and listener of a line, or a narration's actor."""
    runs: tuple[tuple[str, bool, bool], ...]
    """Each name run: the name, whether it is named inside a sentence (or is no everyday
    word), whether it follows a preposition ("at the Harbour")."""


@lru_cache(maxsize=1 << 16)
def _names_in(text: str) -> _Names:
    said = _SAID.match(text)
    actor = _ACTOR.match(text) if not said else None
    people = (said["speaker"].strip(), said["listener"].strip()) if said else (actor.group(1),) if actor else ()
    runs = []
    for match in _RUN.finditer(text):
        name = _strip_titles(match.group(0).removesuffix("'s"))
        if not name or name in _NOT_NAMES or name.startswith("I'"):
            continue
        named_inside = not _starts_sentence(text, match.start()) or not is_common(name.split()[0].lower())
        runs.append((name, named_inside, bool(_PREPOSITION.search(text[:match.start()]))))
    return _Names(bool(said), people, tuple(runs))


def _strip_titles(run: str) -> str:
    words = run.split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    if words and words[0] == "The" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in '.!?:"'


def insight(npc: str, subject: Subject, evidence: Sequence[MemoryRecord]) -> str:
    """One or two sentences about ``subject`` from the evidence (reflections left out)."""
    own = [m for m in evidence if m.kind not in ("reflection", "plan") and subject.name in m.text]
    if not own:
        return f"{subject.name} has been on my mind."
    if subject.place:
        return _place(npc, subject.name, own)
    told, done, talks = _about_person(npc, subject.name, own)
    parts = []
    if told:
        parts.append(f"{subject.name} told me that {told}.")
    if done:
        parts.append(done)
    if talks >= 3 and len(parts) < 2:
        parts.append(f"{subject.name} and I have talked {talks} times.")
    if not parts:
        clause = _news(own)
        parts.append(f"People keep talking about {subject.name}: {clause}." if clause
                     else f"{subject.name} keeps coming up in what I see and hear.")
    return " ".join(parts[:2])


def _about_person(npc: str, name: str, memories: Sequence[MemoryRecord]) -> tuple[str, str, int]:
    """What ``name`` told (the most important news), what they were seen doing, and how
    many conversations the memories hold with them."""
    told, talks, deeds = "", 0, Counter()
    for memory in sorted(memories, key=lambda m: (-m.importance, -m.id)):
        said = _SAID.match(memory.text)
        if said:
            if name in (said["speaker"].strip(), said["listener"].strip()):
                talks += 1
            if said["speaker"].strip() == name and not told:
                told = _clause_of(said["line"])
        elif memory.text.startswith(name + " "):
            deeds[_sentence(memory.text[len(name) + 1:])] += 1
    done = ""
    if deeds:
        (first, count), *rest = deeds.most_common(2)
        done = f"{name} {first}" + (", again and again." if count >= 2 else ".")
        if rest and count < 2:
            done = f"{name} {first}, and {rest[0][0]}."
    return told, done, talks


def _place(npc: str, name: str, memories: Sequence[MemoryRecord]) -> str:
    """What others do at a place (the most important first), else that the NPC is often there."""
    events = [_sentence(m.text) for m in sorted(memories, key=lambda m: (-m.importance, -m.id))
              if not _SAID.match(m.text) and not m.text.startswith(npc + " ")]
    if events:
        return f"A lot happens at {name}: {_lower_first(events[0])}."
    return f"I often find myself at {name}."


def _news(memories: Sequence[MemoryRecord]) -> str:
    for memory in sorted(memories, key=lambda m: (-m.importance, -m.id)):
        said = _SAID.match(memory.text)
        clause = _clause_of(said["line"]) if said else _sentence(memory.text)
        if clause:
            return clause
    return ""


def _clause_of(line: str) -> str:
    """The news in a spoken line: its first statement of five words or more, openers
    and quotes removed ("Between you and me, a storm is coming." -> "a storm is coming")."""
    for sentence in _SENTENCE.split(line.replace('"', "").strip()):
        text = _OPENERS.sub("", sentence.strip()).strip()
        if text.endswith("?") and not sentence.lower().startswith("did you know"):
            continue
        text = text.rstrip(".!?").strip()
        if len(text.split()) >= 5 and not _SMALL.search(text):
            return _lower_first(text)
    return ""


def _lower_first(text: str) -> str:
    """A sentence as a clause: its first word in lower case unless it is a name or "I"."""
    first = text.split()[0] if text.split() else ""
    if first == "I" or first.startswith("I'") or (first[:1].isupper() and first not in _NOT_NAMES):
        return text
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    """A memory as a clause: no quotes, no interjection in front, no final stop."""
    plain = _OPENERS.sub("", text.replace('"', "").strip())
    return plain.strip().rstrip(".!?").strip()
