"""The table of a sweep's cells: one row per (setting, seed), in the sweep's results database.

A cell's key is the canonical JSON of its setting and seed, so a restarted sweep finds the
cells it already finished (``status == "finished"``) and skips them. A finished cell points
at its run (``run_id``, copied into the same results database from the cell's own database
``cell_db``) and keeps the run's metrics and per-step series as JSON; a failed cell keeps
its error, so nothing a sweep did is lost.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from simverse.store.base import Base

CELL_STATUSES = ("pending", "running", "finished", "failed")


class SweepCellRow(Base):
    """One cell of a sweep: its setting, seed, status, run and metrics (or error)."""

    __tablename__ = "sweep_cells"
    __table_args__ = (UniqueConstraint("sweep", "cell_key", name="uq_sweep_cells_sweep_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sweep: Mapped[str] = mapped_column(String(200), index=True)
    cell_key: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(32))
    setting: Mapped[dict[str, Any]] = mapped_column(JSON)
    seed: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cell_db: Mapped[str] = mapped_column(Text, default="")
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    series: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    wall_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
