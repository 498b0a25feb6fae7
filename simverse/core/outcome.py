"""The structured result of resolving an action, event or scene command.

Nothing changes the world except an :class:`Outcome`'s ``effects`` and ``kg_changes``,
and both are validated before they apply. Outcomes are stored (``events`` table) with
their observers, so the dashboard can show cause and effect.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from simverse.core.state import Effect

OutcomeSource = Literal["rule", "model", "event", "scene", "builtin", "plugin"]


@dataclass(frozen=True)
class FactChange:
    """A fact of world truth made true (``holds=True``) or closed (``holds=False``)."""

    subject: str
    predicate: str
    object: str
    holds: bool = True
    text: str = ""
    tracked: bool = False


@dataclass(frozen=True)
class SocialInference:
    """ATOMIC-style inferences: effect on, reaction of, and wants of actor and others."""

    actor_effect: str = ""
    others_effect: str = ""
    actor_reaction: str = ""
    others_reaction: str = ""
    actor_wants: str = ""
    others_want: str = ""


@dataclass
class Outcome:
    """What an action or event did (or why it did not happen)."""

    kind: str
    actor: str | None
    action: str
    args: dict[str, str]
    success: bool
    reason: str
    narration: str
    place: str | None
    effects: list[Effect] = field(default_factory=list)
    kg_changes: list[FactChange] = field(default_factory=list)
    observers: list[str] = field(default_factory=list)
    social: SocialInference | None = None
    confidence: float = 1.0
    source: OutcomeSource = "rule"
    importance: int = 3
    notes: list[str] = field(default_factory=list)
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-able form for the store (effects as 4-element lists)."""
        return {
            "id": self.id, "kind": self.kind, "actor": self.actor, "action": self.action,
            "args": self.args, "success": self.success, "reason": self.reason,
            "narration": self.narration, "place": self.place,
            "effects": [e.as_list() for e in self.effects],
            "kg_changes": [asdict(c) for c in self.kg_changes], "observers": self.observers,
            "social": asdict(self.social) if self.social else None, "confidence": self.confidence,
            "source": self.source, "importance": self.importance, "notes": self.notes,
        }
