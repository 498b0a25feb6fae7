"""The one SQLAlchemy declarative base every table of a run database derives from.

Each package that persists data (runs, memory, knowledge, the LLM cache) declares its
tables in its own module under :mod:`simverse.store`, all on this base, so that one
``create_all`` builds a complete run database.
"""

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base for all simverse tables."""
