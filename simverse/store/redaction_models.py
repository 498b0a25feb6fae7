"""The table of redacted text: what the content filter blocked, kept out of every other table.

When the filter blocks a line (an NPC's or the player's words, a generated world text),
the row where the text belongs (``dialogue.text``, ``decisions.utterance``, memories, the
events it caused) holds only the filter's placeholder, and the words themselves are kept
here, once, with where they came from and why they were blocked: a reviewer can read them,
and nothing else (transcripts, the dashboard's pages, the NPCs' prompts) ever shows them.
Readers that show this table should hide ``blocked_text`` unless a person asks for it.

Recorded LLM calls are treated the same way (schema version 3): when a call's answer holds
blocked text, ``llm_calls.response_text`` holds the filter's placeholder and the answer as
the model gave it is kept here under source ``llm_call:ID:response``; a request that quotes
such an answer back to the model (a retry) keeps its ``request_json`` here under
``llm_call:ID:request``. Replay reads the answers back (:func:`blocked_calls`), so a replayed
run still answers with exactly what the model said. Older databases have no such rows: their
calls keep their text in ``llm_calls`` and are replayed from there.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Index, Integer, String, Text, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from simverse.store.base import Base


class RedactionRow(Base):
    """One blocked text: ``source`` names the row it was removed from (``dialogue:12``)."""

    __tablename__ = "redactions"
    __table_args__ = (Index("ix_redactions_run_step", "run_id", "step"),)

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    step: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200))
    speaker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    blocked_text: Mapped[str] = mapped_column(Text)


CallPart = Literal["response", "request"]
CALL_PREFIX = "llm_call:"


def call_source(call_id: int, part: CallPart) -> str:
    """The ``source`` of the row keeping one part of a recorded call (``llm_call:12:response``)."""
    return f"{CALL_PREFIX}{call_id}:{part}"


def blocked_calls(session: Session, run_id: int, part: CallPart = "response") -> dict[int, str]:
    """Call id -> that part of the call as recorded, for the run's calls whose text was
    blocked (none in a database made before such rows, or before this table, existed)."""
    if not inspect(session.connection()).has_table(RedactionRow.__tablename__):
        return {}
    suffix = f":{part}"
    rows = session.execute(select(RedactionRow.source, RedactionRow.blocked_text).where(
        RedactionRow.run_id == run_id, RedactionRow.source.like(f"{CALL_PREFIX}%{suffix}")))
    return {int(source[len(CALL_PREFIX):-len(suffix)]): text for source, text in rows
            if source.endswith(suffix) and source[len(CALL_PREFIX):-len(suffix)].isdigit()}
