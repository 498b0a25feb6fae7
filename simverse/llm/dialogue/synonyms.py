"""Words a line and a belief say differently: "any tests today?" for "a pop quiz after
lunch", "your new medication" for "the new pills".

The offline embedder compares single words, and two words of the line side by side ("your
money back" for "a refund"), with the belief's words (their vectors cached by the intent model):
a word of the line and a word of the belief are *bridged* when close in meaning (cosine
>= :data:`WORD_SYNONYM`) without sharing a root, both of the shape of a verb form or
neither (a thief is no "stolen"). Names are left to the world's name
index, and times and numbers are never bridged (they are what a question asks: "morning"
is not "afternoon"). The line with the belief's words put in its place is then compared
with the belief again, so the usual tests of relevance (:mod:`.knowing`) see one topic
said in two ways as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from simverse.core.decisions import DecisionRequest
from simverse.core.names import FUNCTION_WORDS, name_words, same_root, word_forms
from simverse.llm.dialogue.intents import IntentModel
from simverse.llm.dialogue.knowing import ASKING_WORDS, TIME_WORDS
from simverse.llm.dialogue.reading import Reading

WORD_SYNONYM = 0.6
"""Cosine of two single words (MiniLM) from which they say the same thing ("test" and
"quiz" 0.60, "medication" and "pills" 0.71; "bell" and "festival" 0.18)."""
_MIN_LETTERS = 3


def content_words(text: str, names: frozenset[str]) -> list[str]:
    """The words of ``text`` that carry its topic: no function, asking or time words, no
    numbers, none of the world's names."""
    out = []
    for word in word_forms(text):
        if (len(word) >= _MIN_LETTERS and word.isalpha() and word not in FUNCTION_WORDS and word not in ASKING_WORDS
                and word not in TIME_WORDS and word not in names and word not in out):
            out.append(word)
    return out


def bridge(model: IntentModel, r: Reading, req: DecisionRequest, similarity: list[float]
           ) -> tuple[list[float], list[frozenset[str]]]:
    """For each belief: the line's cosine to it, raised where the line said its words in
    other words (the line with the belief's words put in), and the line's words so
    bridged. Without an embedder, or nothing to bridge, the cosines as they were."""
    bridged: list[frozenset[str]] = [frozenset()] * len(req.facts)
    if model.encoder is None or not req.facts:
        return similarity, bridged
    names = name_words(req.names)
    line = content_words(r.text, names)
    line += [p for p in phrases(r.text, names) if p not in line]
    facts = [content_words(f.text, frozenset()) for f in req.facts]  # "quiz" may be a name of the world
    words = list(dict.fromkeys([*line, *(w for ws in facts for w in ws)]))
    if not line or len(words) == len(line):
        return similarity, bridged
    vectors = dict(zip(words, model.vectors(words), strict=True))
    rewrites: list[tuple[int, str]] = []
    for i, fact_words in enumerate(facts):
        pairs = _pairs(line, fact_words, vectors)
        if pairs:
            bridged[i] = frozenset(w for unit in pairs for w in unit.split())
            rewrites.append((i, _rewritten(r.text, pairs)))
    if not rewrites:
        return similarity, bridged
    texts = [t for _, t in rewrites] + [req.facts[i].text for i, _ in rewrites]
    embedded = model.vectors(texts)
    raised = list(similarity)
    for n, (i, _) in enumerate(rewrites):
        raised[i] = max(raised[i], float(embedded[n] @ embedded[len(rewrites) + n]))
    return raised, bridged


def phrases(text: str, names: frozenset[str]) -> list[str]:
    """Two content words side by side ("money back", "day off"): one thing said in two
    words that a belief may say in one ("refund")."""
    words = word_forms(text)
    keep = set(content_words(text, names)) | _PARTICLES
    return [f"{a} {b}" for a, b in pairwise(words)
            if a in keep and b in keep and a not in _PARTICLES and a != b]


_PARTICLES = frozenset({"back", "off", "out", "up", "down", "away", "over"})
"""Words that make a phrase with the word before them ("money back", "time off")."""


def _verbal(word: str) -> bool:
    """Whether a word has the shape of a verb form ("caught" aside): "-ing", "-ed", or a
    participle in "-en" ("stolen", "broken"; not "kitchen", "garden", "women")."""
    return word.endswith(("ing", "ed")) or (len(word) >= 6 and word.endswith("en")
                                            and not word.endswith(("den", "hen", "men")))


def _pairs(line: Sequence[str], fact_words: Sequence[str], vectors: dict[str, np.ndarray]) -> dict[str, str]:
    """``line word -> belief word`` for the closest bridged belief word of each line word."""
    pairs: dict[str, str] = {}
    for word in line:
        if any(same_root(w, f) for w in word.split() for f in fact_words):
            continue
        scored = [(float(vectors[word] @ vectors[f]), f) for f in fact_words
                  if _verbal(f) == _verbal(word)]  # "thief" is not "stolen": synonyms share a word class
        best = max(scored, default=(0.0, ""))
        if best[0] >= WORD_SYNONYM:
            pairs[word] = best[1]
    return pairs


def _rewritten(text: str, pairs: dict[str, str]) -> str:
    """``text`` with each bridged word (or its plural) replaced by the belief's word."""
    for word, other in sorted(pairs.items(), key=lambda t: -len(t[0])):  # phrases before their words
        text = re.sub(rf"\b{re.escape(word)}(?:s|es)?\b", other, text)
    return text

