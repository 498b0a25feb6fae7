"""SQLite (any SQLAlchemy URL) as the source of truth of every run.

Importing this package registers every table on :class:`simverse.store.base.Base`.
"""

from simverse.store import (
    llm_models,  # noqa: F401  (registers the LLM call table)
    memory_models,  # noqa: F401  (registers the memory tables)
    sweep_models,  # noqa: F401  (registers the sweep cell table)
    talk_models,  # noqa: F401  (registers the player talk table)
)
from simverse.store.base import Base

__all__ = ["Base"]
