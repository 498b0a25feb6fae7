"""How close what a "who" question asks done is to what each person is known for ("who
examines the patients?" to "the doctor"), by the offline embedder: the scores that
:func:`.doers.who_by_deed` picks the one person from. Worked out for all lines of a batch
in :mod:`.replying`, which embeds each text once.
"""

from __future__ import annotations

import numpy as np

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.charge import charge_asked
from simverse.llm.dialogue.doers import counts_for, deed_in_line, deed_parts, deed_texts, deed_without_place
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.reading import Reading
from simverse.llm.dialogue.sketched import person_noun, sexes_fit


def deed_similarities(model: IntentModel, r: Reading, topics: list[str], req: DecisionRequest) -> dict[str, float]:
    """For "who examines the patients?": cosine of what is done to what each person is
    known for, the closest of its deeds where it asks several ("mends your nets and dreams
    of a boat"); 0 for one of the wrong sex, and for the one asked where it is done to
    theirs ("who mends your nets?" asks for someone else)."""
    named = any(t in req.names and req.names[t].kind == "npc" for t in topics)
    deed = deed_in_line(r, named, req.npc) if charge_asked(r) is None else ""  # "in charge of X?": stricter
    known = deed_texts(req)
    if model.encoder is None or not deed or not known:
        return {}
    texts = [text for ts in known.values() for text in ts]
    parts = deed_parts(deed)
    n = len(parts)
    vectors = model.vectors([*parts, *map(deed_without_place, parts), *(k.text for k in texts)])
    closeness = np.maximum(vectors[2 * n:] @ vectors[:n].T, vectors[2 * n:] @ vectors[n:2 * n].T)  # texts x parts
    scores = [max(float(v) if v >= k.floor and counts_for(k, part) else 0.0 for part, v in zip(parts, row, strict=True))
              for k, row in zip(texts, closeness, strict=True)]
    out, row = {}, 0
    noun = person_noun(r.words)  # "the woman who rows the boats" is no ferryman
    for npc, ts in known.items():
        fits = (npc not in req.names or sexes_fit(noun, req.names[npc].pronoun)) and not (
            npc == req.npc and "your" in deed.split())
        out[npc] = max(scores[row:row + len(ts)]) if fits else 0.0
        row += len(ts)
    return out
