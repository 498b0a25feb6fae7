"""Questions about the NPC's own private life that its world file does not answer: "got any
kids?", "how long have you been teaching?", "where are you from originally?", "how old
might you be?".

An NPC knows only what its persona, beliefs, goals and relationships say. Asked about its
family, pets, age, origins, home, pay or years at its work when none of these says a word of
it, the honest answer is that it cannot say (turned aside in its own voice), not a guess, and
not whatever else the line's words happen to match (an order to "teach", the way "home"). The topics are plain English,
no world's words; a line about someone else the world names is not about the NPC.
"""

from __future__ import annotations

import re

from simverse.core.names import word_forms, word_set
from simverse.llm.dialogue.heard import Heard
from simverse.llm.dialogue.people import relation_named
from simverse.llm.dialogue.reading import YOU_WORDS

_KIN = word_set("wife husband missus hubby spouse married marry kids kiddies kid children child son sons daughter "
                "daughters mum mom mam dad father mother parents grandparents grandad grandma granny gran brother "
                "brothers sister sisters siblings family pet pets dog dogs cat cats puppy kitten birthday hobby "
                "hobbies salary wages")
"""Words of a private life: family, pets, a birthday, pastimes, pay."""
_ASKED = re.compile(r"\b(?:how old|your age|years old|where are you from|where do you come from|originally"
                    r"|grew up|grow up|were you born|where do you live|how long have you been|how long you been"
                    r"|how many (?:years|yrs)|how much do you (?:earn|make|get paid)|spare time|free time"
                    r"|first name|donkey s years|since when have you)\b")
"""Phrases that ask about the NPC's own past, age, home, pay or time off."""
_OTHERS = word_set("he she they him her them his hers their theirs")


def private_life_asked(h: Heard) -> bool:
    """Whether the line asks about the NPC's own private life, which nothing it knows
    covers: a question, to the NPC (it says "you", or says no one else), not for a person
    ("who's top dog?"), with a word or
    phrase of family, age, origins, home, pay or time off that no belief, goal,
    relationship or line of its persona has."""
    r = h.reading
    if r.wh == "who" or any(t in h.req.names and h.req.names[t].kind == "npc" and t != h.req.npc for t in h.topics):
        return False
    words = set(r.words)
    if words & _OTHERS and not words & YOU_WORDS:
        return False  # "is she married?": someone else
    phrases = {m.group() for m in _ASKED.finditer(r.text)}  # questions however typed ("how many yrs u been...")
    kin = {w for w in words if w in _KIN} if r.question or r.opens or "?" in r.raw else set()
    return bool(phrases | kin) and not _known(h, phrases | kin)


def _known(h: Heard, asked: set[str]) -> bool:
    """Whether what the NPC knows says a word of what is asked ("twenty years on the job"
    answers how long it has been here), or a relationship answers it ("your wife?" to one
    with a partner)."""
    if relation_named(h):
        return True
    req = h.req
    texts = [req.persona, *req.goals, *(f.text for f in req.facts), *req.relation_kinds.values()]
    known = {w for t in texts for w in word_forms(t)}
    return any((_TIME if _TIMED.search(a) else set(word_forms(a)) - _FILLER) & known for a in asked)


_FILLER = word_set("how are you do were have been much many get made the your since when where is s old from up")
_TIMED = re.compile(r"\b(?:long|years|yrs|donkey|since|old|age)\b")
_TIME = word_set("year month week decade age born since")
"""What says how long or how old: "how long have you been..." is answered by "twenty years"."""


def cannot_say(h: Heard) -> str:
    """The NPC's answer to a question about its private life: it cannot say, and it turns
    the question aside in its own voice ("Can't say. That's my own business.")."""
    return f"Can't say. {h.voice.say('deflect', h.rng)}"
