"""How much a memory matters (1..10): a documented rule, and a tolerant LLM-rating parser.

The scripted rule (:func:`rule_importance`) reads only the memory's kind and words:

=================  ====  ==========================================================
kind               base  adjustments
=================  ====  ==========================================================
observation        2     routine presence/movement ("is at", "arrived", "walks") -> 1
dialogue           3     passes on news ("heard", "news", "did you know", ...) +3
action             3
reflection         7
plan               4
summary            2
any kind                 a world event word ("fire", "storm", "died", "stolen", ...) +5
=================  ====  ==========================================================

The result is clamped to 1..10. So "Mara is at the bakery" is 1, "Tom said he heard the
mill burned" is 3+3+5 -> 10, a reflection is 7.

LLM ratings (:class:`ImportanceParser`) are data, never evaluated: the first number (or
number word) in the text is taken; "7/10" and "70/100" are read as 7; out-of-range numbers
are clamped, unreadable answers get a default; each outcome is counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from simverse.core.llm_protocol import Backend, LLMRequest, Message, SamplingParams
from simverse.core.number_words import number_words
from simverse.core.seeds import derive_seed

KIND_BASE: dict[str, int] = {
    "observation": 2,
    "dialogue": 3,
    "action": 3,
    "reflection": 7,
    "plan": 4,
    "summary": 2,
}
ROUTINE_WORDS = ("is at", "is here", "arrived", "arrives", "walks", "walked", "left for", "sits")
NEWS_WORDS = ("heard", "news", "did you know", "told me", "rumour", "rumor", "apparently", "secret")
EVENT_WORDS = (
    "fire",
    "burn",
    "storm",
    "flood",
    "died",
    "dead",
    "death",
    "murder",
    "stolen",
    "stole",
    "thief",
    "attack",
    "injured",
    "arrest",
    "wedding",
    "married",
    "born",
    "festival",
    "shipwreck",
    "missing",
    "war",
    "plague",
    "collapsed",
)


def _starts_of(words: Sequence[str]) -> re.Pattern[str]:
    """One pattern matching any of ``words`` at the start of a word (``storm`` in ``storms``)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")")


_ROUTINE = _starts_of(ROUTINE_WORDS)
_NEWS = _starts_of(NEWS_WORDS)
_EVENT = _starts_of(EVENT_WORDS)


def rule_importance(kind: str, text: str) -> int:
    """Rate a memory 1..10 by the table in the module docstring (deterministic)."""
    t = text.lower()
    score = KIND_BASE.get(kind, 2)
    if kind == "observation" and _ROUTINE.search(t):
        score = 1
    if kind == "dialogue" and _NEWS.search(t):
        score += 3
    if _EVENT.search(t):
        score += 5
    return max(1, min(10, score))


_NUMBER_WORDS = number_words(0, 10)
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)(?:\s*/\s*(\d+))?")
_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")


@dataclass
class ImportanceParser:
    """Parse LLM importance ratings, counting how each answer was read.

    ``parsed``: a number in 1..10 was found; ``clamped``: a number outside 1..10 was
    clamped; ``defaulted``: nothing usable, ``default`` used.
    """

    default: int = 3
    counts: dict[str, int] = field(
        default_factory=lambda: {"parsed": 0, "clamped": 0, "defaulted": 0}
    )

    def parse(self, raw: object) -> int:
        """Read a rating from ``raw`` (text, number or anything else)."""
        value = _read_number(raw)
        if value is None:
            self.counts["defaulted"] += 1
            return self.default
        rounded = int(value + 0.5) if value >= 0 else -int(-value + 0.5)
        if 1 <= rounded <= 10:
            self.counts["parsed"] += 1
            return rounded
        self.counts["clamped"] += 1
        return max(1, min(10, rounded))


def _read_number(raw: object) -> float | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return float(raw) if raw == raw else None  # NaN is unreadable
    if not isinstance(raw, str):
        return None
    text = raw.strip().lower()
    m, w = _NUMBER.search(text), _WORD.search(text)
    if w and (m is None or w.start() < m.start()):  # whichever comes first: "seven/10"
        return float(_NUMBER_WORDS[w.group(1)])
    if m is None:
        return None
    value = float(m.group(1))
    denom = m.group(2)
    if denom and float(denom) > 0 and float(denom) != 10:
        value = value * 10.0 / float(denom)
    return value


class ImportanceRater(Protocol):
    """Rates a batch of new memories at once."""

    def rate_batch(self, items: Sequence[tuple[str, str, str]]) -> list[int]:
        """Ratings 1..10 for ``(npc, kind, text)`` items, in order."""
        ...


class RuleImportanceRater:
    """The scripted brain's rater: :func:`rule_importance`."""

    def rate_batch(self, items: Sequence[tuple[str, str, str]]) -> list[int]:
        return [rule_importance(kind, text) for _npc, kind, text in items]


IMPORTANCE_PROMPT = (
    "On the scale of 1 to 10, where 1 is purely mundane (e.g., brushing teeth, making bed) "
    "and 10 is extremely poignant (e.g., a break up, college acceptance), rate the likely "
    "poignancy of the following memory for {npc}.\nMemory: {text}\n"
    "Answer with a single number."
)


class LLMImportanceRater:
    """Asks a :class:`Backend` to rate every item in one ``generate_batch``; failed or
    unreadable answers fall back to ``parser.default`` (counted by the parser)."""

    def __init__(self, backend: Backend, seed: int = 0, parser: ImportanceParser | None = None):
        self.backend = backend
        self.seed = seed
        self.parser = parser or ImportanceParser()

    def rate_batch(self, items: Sequence[tuple[str, str, str]]) -> list[int]:
        if not items:
            return []
        requests = [
            LLMRequest(
                messages=(Message("user", IMPORTANCE_PROMPT.format(npc=npc, text=text)),),
                seed=derive_seed(self.seed, "memory", "importance", npc, text),
                params=SamplingParams(max_new_tokens=8),
                tag=f"npc {npc} importance",
            )
            for npc, _kind, text in items
        ]
        responses = self.backend.generate_batch(requests)
        return [self.parser.parse(None if r.error else r.text) for r in responses]
