"""How close a question is to what the NPC believes and to its relationships: cosines of
the line to each belief and to each relationship's words, all lines of a batch in one
embedder call."""

from __future__ import annotations

import numpy as np

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.intents import Encoder
from simverse.llm.dialogue.parts import asked_clause
from simverse.llm.dialogue.people import relation_texts
from simverse.llm.dialogue.reading import Reading


def similarities(encoder: Encoder | None, asks: list[tuple[Reading, DecisionRequest]]
                 ) -> list[tuple[list[float] | None, dict[str, float]]]:
    """Cosine of each line (or of its question alone, :func:`.parts.asked_clause`, when
    closer) to each of its request's beliefs, and of the line to each of its relationships,
    asked for by their word or told in other words (:func:`.people.relation_texts`), in one
    embedder batch."""
    if encoder is None or not any(req.facts or req.relation_kinds for _, req in asks):
        return [(None, {})] * len(asks)
    texts: list[str] = []
    said_as: list[dict[str, int]] = []  # per line, how many texts each relationship has
    for r, req in asks:
        kinds = {who: relation_texts(kind) for who, kind in req.relation_kinds.items()}
        texts += [r.text, asked_clause(r.raw), *(f.text for f in req.facts), *(t for ts in kinds.values() for t in ts)]
        said_as.append({who: len(ts) for who, ts in kinds.items()})
    vectors = np.asarray(encoder.embed(texts), dtype=np.float32)
    out: list[tuple[list[float] | None, dict[str, float]]] = []
    row = 0
    for (_, req), counts in zip(asks, said_as, strict=True):
        line, asked = vectors[row], vectors[row + 1]
        facts = vectors[row + 2:row + 2 + len(req.facts)]
        row += 2 + len(req.facts)
        closest = np.maximum(facts @ line, facts @ asked)  # the question without what leads into it
        relations = {}
        for who, n in counts.items():  # its question or gloss, to the line or its question
            relations[who] = float(max((vectors[row:row + n] @ line).max(), (vectors[row:row + n] @ asked).max()))
            row += n
        out.append(([float(v) for v in closest], relations))
    return out
