"""The run's between-steps record: what waits for the next step, kept with each step row.

:class:`StepRuntime` owns the ``runtime`` JSON of a stored step (``steps.runtime``):

* ``inbox`` — observations each NPC has not yet perceived (perceived at its next decision);
* ``pending`` — :class:`Injection` events queued by a person, fired at the next step;
* ``ids`` — the id counters of events, decisions, dialogue lines and conversations, so
  ids continue exactly after a resume;
* ``triggers`` — the last truth of each edge-triggered event condition (``when``);
* ``done`` — the schedule slot each NPC has completed (``"day:entry"``), so a
  ``until_done`` or ``once`` entry is not repeated in its slot.

It is the only encoder and decoder of that JSON (``to_json`` / ``from_json``); the world's
step, the player's exchange and ``simverse inject`` all go through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from simverse.core.sanitize import check_person_text

ID_KINDS = ("event", "decision", "dialogue", "conversation")
INBOX_KEPT = 12
"""The observations an NPC's inbox keeps, its most recent: all a decision is shown. At a
crowded place every action is seen by everyone there, and keeping every one of them made
the inbox most of each step's stored runtime."""
MAX_INJECTED_CHARS = 4000
"""The longest event text a person may inject (or give as a scene command): a paragraph
or two. The text goes into every observer's inbox and into the events model's prompt, so
a pasted book would fill each prompt's context and the stored runtime of every step. It is
checked where a person injects (:func:`check_injected_text`), never when a stored run's
injections are replayed or resumed, so runs made before the limit still replay."""


def check_injected_text(text: str, what: str = "inject") -> None:
    """Raise ``ValueError`` naming ``what`` (the command or field) when a person's event text
    is empty, longer than :data:`MAX_INJECTED_CHARS` (and the limit), or not plain text
    (:func:`~simverse.core.sanitize.check_person_text`)."""
    check_person_text(text, what, "event text", MAX_INJECTED_CHARS)


@dataclass
class Injection:
    """An event a person asked for (or a scheduled one); fires at the start of the next step.

    ``facts is None`` with no ``effects`` means text only: what it does is inferred.
    """

    description: str
    effects: list[list[Any]]
    place: str | None = None
    facts: list[dict[str, Any]] | None = None
    importance: int = 6
    kind: str = "injected"


@dataclass
class StepRuntime:
    """Observations waiting to be perceived, queued injections and id counters."""

    inbox: dict[str, list[str]] = field(default_factory=dict)
    pending: list[Injection] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ID_KINDS, 0))
    triggers: dict[str, bool] = field(default_factory=dict)
    done: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StepRuntime:
        """Read a stored step's ``runtime`` (as written by :meth:`to_json`)."""
        return cls(
            inbox={k: list(v) for k, v in data.get("inbox", {}).items()},
            pending=[Injection(**p) for p in data.get("pending", [])],
            ids=dict(data["ids"]) if "ids" in data else dict.fromkeys(ID_KINDS, 0),
            triggers=dict(data.get("triggers", {})), done=dict(data.get("done", {})),
        )

    def to_json(self) -> dict[str, Any]:
        """The record stored with a step (the live containers, not copies: JSON columns
        serialise them at once)."""
        data = {"inbox": self.inbox, "pending": [vars(p) for p in self.pending], "ids": self.ids}
        if self.triggers:
            data["triggers"] = self.triggers
        if self.done:
            data["done"] = self.done
        return data

    def copy(self) -> StepRuntime:
        """A draft to change inside a transaction and :meth:`adopt` once it commits."""
        return StepRuntime({k: list(v) for k, v in self.inbox.items()}, list(self.pending), dict(self.ids),
                           dict(self.triggers), dict(self.done))

    def adopt(self, draft: StepRuntime) -> None:
        """Take over a committed draft's inbox, pending list and ids."""
        self.inbox, self.pending, self.ids = draft.inbox, draft.pending, draft.ids
        self.triggers, self.done = draft.triggers, draft.done

    def next_id(self, kind: str) -> int:
        """The next id of ``kind`` (ids follow creation order, so they replay exactly)."""
        self.ids[kind] += 1
        return self.ids[kind]

    def observe(self, npc: str, text: str) -> None:
        """``npc`` will perceive ``text`` at its next decision (the oldest is let go past
        :data:`INBOX_KEPT`)."""
        self.observe_all((npc,), text)

    def observe_all(self, npcs: Iterable[str], text: str, but: str | None = None) -> None:
        """Each of ``npcs`` (but ``but``) will perceive ``text``: :meth:`observe` for a whole
        crowd in one call, as every action at a place is seen by everyone there."""
        inbox = self.inbox
        for npc in npcs:
            if npc == but:
                continue
            box = inbox.get(npc)
            if box is None:
                inbox[npc] = [text]
                continue
            box.append(text)
            if len(box) > INBOX_KEPT:
                del box[0]

    def perceived(self) -> None:
        """Every NPC has perceived its inbox: start a new one."""
        self.inbox = {}

    def complete(self, npc: str, slot: str) -> None:
        """``npc`` has done its schedule entry for ``slot`` (``"day:entry"``)."""
        self.done[npc] = slot

    def queue(self, injection: Injection) -> None:
        """Fire ``injection`` at the start of the next step."""
        self.pending.append(injection)

    def take_pending(self) -> list[Injection]:
        """The queued injections, leaving the queue empty."""
        pending, self.pending = self.pending, []
        return pending


__all__ = ["ID_KINDS", "Injection", "StepRuntime"]
