"""The table of what a person said to NPCs between steps (``simverse chat``, the dashboard).

A person's line is an input of the run, like an injected event: it is kept as a record of
its own, with the committed step it follows, so that a replay says the same lines at the
same points and comes out identical. ``effects`` is what the exchange did to the run's
between-steps record: the id counters after it and the line the NPC will perceive. The
step rows stay as the steps wrote them; a resumed run applies the effects of the talk
that followed its last step.
"""

from __future__ import annotations

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from simverse.store.base import Base


class PlayerTalkRow(Base):
    """One line a person said to an NPC after step ``step`` (ids per run, in order)."""

    __tablename__ = "player_talk"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    step: Mapped[int] = mapped_column(Integer)
    npc: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    conversation: Mapped[int] = mapped_column(Integer)
    effects: Mapped[dict] = mapped_column(JSON)
