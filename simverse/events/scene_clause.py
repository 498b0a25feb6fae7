"""A clause of a scene command as the readers see it, and what a reader proposes.

:class:`Clause` holds the clause with entity names masked (``§N``) and the mentions
found by :class:`~simverse.events.scene_names.SceneIndex`; readers consume the words they
use. :class:`Reading` is what they propose: effects (none when it already is so), words
for the narration, or the problem that makes the command refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from simverse.core.properties import Catalogue
from simverse.core.state import Effect, WorldState
from simverse.events.scene_names import Mention, SceneIndex, normalise


@dataclass
class Clause:
    """A clause being read: the masked text (names replaced by ``§§§``) and its mentions."""

    raw: str
    text: str
    mentions: list[Mention]
    state: WorldState
    index: SceneIndex
    places: nx.Graph
    given: str | None = None
    catalogue: Catalogue | None = None

    def of_kind(self, kind: str) -> list[str]:
        out = []
        for m in self.mentions:
            if len(m.entities) == 1 and self.index.kinds.get(m.entity) == kind and m.entity not in out:
                out.append(m.entity)
        return out

    def consume(self, match: re.Match[str] | None) -> None:
        if match is not None:
            self.text = self.text[:match.start()] + " " * (match.end() - match.start()) + self.text[match.end():]

    def after(self, word_pattern: str, kind: str) -> str | None:
        """The first entity of ``kind`` named right after one of the words."""
        for m in self.mentions:
            if len(m.entities) == 1 and self.index.kinds.get(m.entity) == kind:
                before = self.text[:m.start].rstrip()
                if re.search(rf"(?:{word_pattern})(?:\s+the)?$", before):
                    return m.entity
        return None


@dataclass
class Reading:
    """What a clause proposes: effects (possibly none: already so), narration, or a problem."""

    effects: list[Effect] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    problem: str = ""
    matched: bool = False

    def add(self, other: Reading) -> None:
        self.effects += other.effects
        self.said += other.said
        self.problem = self.problem or other.problem
        self.matched = self.matched or other.matched


def make_clause(text: str, state: WorldState, index: SceneIndex, places: nx.Graph, given: str | None,
                catalogue: Catalogue | None) -> Clause:
    lowered = normalise(text)
    mentions = index.find(lowered)
    masked = lowered
    for m in mentions:  # same length, so mention offsets hold in the masked text too
        masked = masked[:m.start] + "§" * (m.end - m.start) + masked[m.end:]
    return Clause(text, masked, mentions, state, index, places, given, catalogue)


