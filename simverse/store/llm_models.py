"""The table of recorded LLM calls: every request a backend answered during a run.

One row per call, keyed by a hash of everything that determines the answer (backend,
model, messages, sampling params, seed, JSON schema). Replays answer from these rows
without a model, and the dashboard shows what each NPC was asked and answered.

Ids are per run (primary key ``(run_id, id)``), assigned in call order by
:class:`simverse.llm.recording.RecordingBackend`, so decisions can cite their calls
(``Decision.llm_call_ids``) before the step's transaction is flushed, and a fork can copy
a run's calls under a new ``run_id`` unchanged.
"""

from __future__ import annotations

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
