"""The table of redacted text: what the content filter blocked, kept out of every other table.

When the filter blocks a line (an NPC's or the player's words, a generated world text),
the row where the text belongs (``dialogue.text``, ``decisions.utterance``, memories, the
events it caused) holds only the filter's placeholder, and the words themselves are kept
here, once, with where they came from and why they were blocked: a reviewer can read them,
and nothing else (transcripts, the dashboard's pages, the NPCs' prompts) ever shows them.
Readers that show this table should hide ``blocked_text`` unless a person asks for it.
"""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

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
