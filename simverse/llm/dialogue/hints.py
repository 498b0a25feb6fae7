"""Work asked for by saying what needs it, as a remark: "the prescription pile on your
counter is getting taller", "that wallboard's lit up behind you", "three thirsty lads at
the bar waving empty mugs at ya". No verb of the work is said; the remark names something
of it.

The NPC reads such a remark as a hint only when exactly one piece of its own work can be
done where it stands now (a world action its rules allow here, not buying, eating or
drinking) and the remark shares a word's root with that work's description or with what is
seen at its place ("a wallboard showing calls waiting"). Only a remark of one sentence about
now is read so: a question (anywhere in the line), a remark about what was, or a story told
over sentences is no hint, nor is a line that says the verb of another of the world's
actions ("stay by the marking piles and teach us from there" asks for teaching, not marking).
The words are the world's own; no list of hints is involved.
"""

from __future__ import annotations

import re

from simverse.core.decisions import ActionSpec, DecisionRequest
from simverse.core.names import FUNCTION_WORDS, same_root, verb_forms, word_forms, word_set
from simverse.llm.dialogue.actions_meant import BUILTIN_ACTIONS
from simverse.llm.dialogue.per_world import people_words
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.refusals import LIGHT_VERBS
from simverse.llm.dialogue.roles import other_time

_SPENDING = word_set("buy eat drink")
"""Verbs an action's description opens with when it spends, not works ("Buy tea or soup at
the kiosk")."""
_PAST = word_set("was were did had yesterday last")
"""A remark about what was ("the lamp was bright last night") asks nothing done now."""
_SENTENCES = re.compile(r"[.!;]\s+\S")
_MIN_LETTERS = 4


def work_hinted(r: Reading, req: DecisionRequest) -> ActionSpec | None:
    """The one piece of work the NPC can do here now that the remark points at, or None."""
    if r.question or r.wh or "?" in r.raw or other_time(r) or set(r.words) & _PAST or _SENTENCES.search(r.raw.strip()):
        return None  # one remark about now, not a question, a story or hearsay told over sentences
    work = [a for a in req.actions if a.name not in BUILTIN_ACTIONS and req.doable.get(a.name)
            and not set(word_forms(a.description)[:1]) & _SPENDING]
    if len(work) != 1:
        return None
    here = req.names.get(req.place)
    seen = f"{work[0].description} {here.description if here is not None else ''}"
    people = people_words(req.names)
    said = _content(r.text, people)
    if not any(same_root(a, b) for a in said for b in _content(seen, people)):
        return None
    return None if _other_deed_said(r, req, work[0]) else work[0]


def _other_deed_said(r: Reading, req: DecisionRequest, work: ActionSpec) -> bool:
    """Whether the line says the verb (a name's or description's first word) of a world
    action other than ``work``: it asks for that deed, even where it cannot be done."""
    said = {form for w in r.words for form in verb_forms(w)} - LIGHT_VERBS - FUNCTION_WORDS
    return any(said & {*word_forms(a.name)[:1], *word_forms(a.description)[:1]}
               for a in req.actions if a.name not in BUILTIN_ACTIONS and a is not work)


def _content(text: str, people: frozenset[str]) -> set[str]:
    """Words of ``text`` that say what a thing is: not function words, nor the words of
    ``people``'s names."""
    return {w for w in word_forms(text) if len(w) >= _MIN_LETTERS and w.isalpha()
            and w not in FUNCTION_WORDS and w not in people}
