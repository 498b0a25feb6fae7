"""SQLite (any SQLAlchemy URL) as the source of truth of every run.

Importing this package registers every table on :class:`simverse.store.base.Base`.
"""

from simverse.store.base import Base

__all__ = ["Base"]
