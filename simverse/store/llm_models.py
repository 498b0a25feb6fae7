"""The table of recorded LLM calls: every request a backend answered during a run.

``llm_switches`` records each change of brain in a run (``--switch-llm`` on resume): the
step after which it happened, the role, and the specs before and after, so replay can
switch at the same step and ``inspect`` can tell which brain made which steps.

One row per call, keyed by a hash of everything that determines the answer (backend,
model, messages, sampling params, seed, JSON schema). Replays answer from these rows
without a model, and the dashboard shows what each NPC was asked and answered.

Ids are per run (primary key ``(run_id, id)``), assigned in call order by
:class:`simverse.llm.recording.RecordingBackend`, so decisions can cite their calls
(``Decision.llm_call_ids``) before the step's transaction is flushed, and a fork can copy
a run's calls under a new ``run_id`` unchanged.
"""

from __future__ import annotations

import re

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from simverse.store.base import Base


class LLMCall(Base):
    """One recorded request/response pair of a run."""

    __tablename__ = "llm_calls"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    step: Mapped[int] = mapped_column(Integer, default=-1)
    tag: Mapped[str] = mapped_column(String(200), default="")
    key: Mapped[str] = mapped_column(String(64), index=True)
    backend: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(300))
    request_json: Mapped[str] = mapped_column(Text)
    response_text: Mapped[str] = mapped_column(Text, default="")
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    latency_s: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)

    def error_kind(self) -> str | None:
        """The kind of this call's error (see :func:`error_kind`)."""
        return error_kind(self.error)


class LLMSwitch(Base):
    """A change of brain within a run: from ``step + 1`` on, ``role`` used ``to_llm``.
    ``after_talk`` is how many player-talk records the run had then (talk after a step
    can come before or after a switch at that step; replay keeps the order)."""

    __tablename__ = "llm_switches"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    step: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    from_llm: Mapped[str] = mapped_column(String(500))
    to_llm: Mapped[str] = mapped_column(String(500))
    after_talk: Mapped[int] = mapped_column(Integer, default=0)


_KIND = re.compile(r"^\[([a-z_]+)\] ")


def error_kind(error: str | None) -> str | None:
    """The kind of a recorded error: its ``[kind]`` prefix (``unreachable``, ``timeout``,
    ``transport``, ``http``, ``malformed``, ``generation``), ``other`` when untagged."""
    if error is None:
        return None
    match = _KIND.match(error)
    return match.group(1) if match else "other"
