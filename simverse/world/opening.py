"""What is checked before a run is created or reopened, and the run's planned length.

A run exists only once its step 0 has committed: :class:`~simverse.world.model.World`
inserts the run row, takes the run's writer lock and commits step 0 in one transaction,
after :func:`check_models` has accepted its model specs (so a misspelt ``settings.llm``
never leaves a run row behind). :func:`new_run_config` is what a new run keeps of how it
was opened (its planned length included, so ``run --resume`` knows where it stops).
:func:`open_for_resume` checks the database read-only before opening it for writing and
makes this process the run's one writer.
"""

from __future__ import annotations

from typing import Any

from simverse.core.population import assign_brains
from simverse.llm.spec import parse_role_specs
from simverse.memory.embedder import default_precision, make_embedder
from simverse.store.run_store import RunStore, db_url, open_read_only
from simverse.store.writer_lock import RunLocked
from simverse.world.connect import Mix, OpenModels, brain_label, recorded_run

__all__ = ["ModelSpecError", "RunLocked", "check_mix", "check_models", "new_run_config", "open_for_resume"]


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


def check_mix(mix: Mix) -> None:
    """Raise :class:`ModelSpecError` for a per-NPC brain spec that does not parse, or
    :class:`~simverse.core.population.AssignmentError` for a selector that picks no NPC,
    before anything is stored (a run database was made before the brains were connected)."""
    for who, value in mix.pairs:
        if isinstance(value, str):
            try:
                parse_role_specs(value)
            except ValueError as exc:
                raise ModelSpecError(f"brain for {who!r}: {exc}") from None
    assign_brains(mix.npcs, [(who, brain_label(value)) for who, value in mix.pairs], "", mix.seed)


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


MEMORY_GISTS = "memory_gists"
"""The run config key that turns memory gists on (``MemoryConfig.gists``): set for every
run made since gists exist; a run without it embeds its memories' whole texts."""


EMBEDDER_PRECISION = "embedder_precision"
"""The run config key of what MiniLM computes in (``embedder.PRECISIONS``), chosen for the
machine a run starts on and kept wherever it resumes; a run without it computed float32."""


def recorded_setting(source: str, key: str, default: Any) -> Any:
    """``key`` of the recorded run ``PATH`` or ``PATH#RUN``'s config (``default`` where it
    has none): its replay must embed as it did, to recall (and so prompt) exactly as it did."""
    path, run = recorded_run(source)
    store = open_read_only(path)
    try:
        return store.run(run).config.get(key, default)
    finally:
        store.close()


def _precision(embedder: str, memory: bool, replay: str | None) -> str:
    """What a new run's MiniLM computes in: the recording's where it replays one, else this
    machine's :func:`default_precision`; float32 where nothing is embedded by MiniLM."""
    if replay:
        return str(recorded_setting(replay, EMBEDDER_PRECISION, "float32"))
    return default_precision() if memory and embedder == "minilm" else "float32"


def new_run_config(db: str | None, embedder: str, memory: bool, llm_events: str, mix: Mix, skip_idle: bool,
                   models: OpenModels, planned_steps: int | None = None) -> dict[str, Any]:
    """The ``config`` JSON of a new run: its database, memory, models and per-NPC brains,
    the models' facts, and the planned number of steps when one is given."""
    config = {"db": db, "embedder": embedder, "memory": memory, "llm_events": llm_events,
              "brains": [[who, brain_label(b)] for who, b in mix.pairs],
              "skip_idle": skip_idle, "llm_facts": models.facts,
              MEMORY_GISTS: bool(recorded_setting(models.replay, MEMORY_GISTS, False)) if models.replay else True,
              EMBEDDER_PRECISION: _precision(embedder, memory, models.replay)}
    if planned_steps is not None:
        config["planned_steps"] = planned_steps
    return config
