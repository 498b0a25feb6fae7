"""What is checked before a run is created or reopened, and the run's planned length.

A run exists only once its step 0 has committed: :class:`~simverse.world.model.World`
inserts the run row, takes the run's writer lock and commits step 0 in one transaction,
after :func:`check_models` has accepted its model specs (so a misspelt ``settings.llm``
never leaves a run row behind). :func:`open_for_resume` checks the database read-only
before opening it for writing and makes this process the run's one writer.
"""

from __future__ import annotations

from simverse.llm.spec import parse_role_specs
from simverse.memory.embedder import make_embedder
from simverse.store.run_store import RunStore, db_url
from simverse.store.writer_lock import RunLocked

__all__ = ["ModelSpecError", "RunLocked", "check_models", "open_for_resume"]


class ModelSpecError(ValueError):
    """A model spec (``llm``, ``llm_events``, ``embedder``) that cannot work."""


def check_models(llm: str, llm_events: str, embedder: str) -> None:
    """Raise :class:`ModelSpecError` for an unusable spec, before anything is stored."""
    for name, value in (("llm", llm), ("llm_events", llm_events)):
        try:
            parse_role_specs(value)
        except ValueError as exc:
            raise ModelSpecError(f"{name}: {exc}") from None
    if embedder != "minilm":  # minilm is a known name that takes seconds to load; any other is cheap to try
        try:
            make_embedder(embedder)
        except ValueError as exc:
            raise ModelSpecError(f"embedder: {exc}") from None


def open_for_resume(db: str, run_id: int | None, lock: bool = True) -> tuple[RunStore, int]:
    """The database (checked read-only first, never created) and the run to continue,
    locked for this process unless ``lock`` is False (a reader such as ``predict``)."""
    store = RunStore(db_url(db), create=False)
    try:
        run = store.run(run_id)
        if lock:
            store.lock_run(run.id)
    except BaseException:
        store.close()
        raise
    return store, run.id
