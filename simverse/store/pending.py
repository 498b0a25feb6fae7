"""Queue an event into a stored run, so the next resumed step applies it.

``simverse inject RUN_DB "..."`` cannot reach a running process; it writes into the
database instead. The event goes into the ``pending`` list of the last committed step's
``runtime`` JSON, exactly where a live ``World.inject`` would have left it when that step
committed, so ``World.resume`` picks it up and its next step fires it (text only:
inferred through the same outcome path as any injected event). A run that another
process is writing is refused (:class:`~simverse.store.writer_lock.RunLocked`): that process
would never see the event and would overwrite the step's ``runtime``.
"""

from __future__ import annotations

from simverse.core.runtime import Injection, StepRuntime, check_injected_text
from simverse.store.models import RunRow
from simverse.store.run_store import RunNotFound, RunStore


def check_injection(run: RunRow, text: str, place: str | None) -> None:
    """Raise ``ValueError`` for an event the run cannot take (empty text or longer than
    :data:`~simverse.core.runtime.MAX_INJECTED_CHARS`, a place its world lacks), so a
    command checks it before it writes anything (a fork, a queued event)."""
    check_injected_text(text)
    places = {p["id"] for p in run.world_spec.get("places", [])}
    if place is not None and place not in places:
        raise ValueError(f"inject: unknown place {place!r} (places: {', '.join(sorted(places))})")


def queue_injection(store: RunStore, run_id: int, text: str, place: str | None = None,
                    kind: str = "injected", importance: int = 6) -> int:
    """Add a text-only event (or ``kind="scene"`` command) to the run; returns the step it
    was queued after (it fires at the next one)."""
    run = store.run(run_id)
    check_injection(run, text, place)
    store.lock_run(run.id)  # a process running it would never see the event, and would overwrite it
    last = store.last_step(run.id)
    if last is None:
        raise RunNotFound(f"{store.url}: run {run.id} has no committed step")
    runtime = StepRuntime.from_json(store.step_row(run.id, last).runtime)
    runtime.queue(Injection(text.strip(), [], place, None, importance, kind))
    with store.session() as session, session.begin():
        store.save_runtime(session, run.id, last, runtime)
    return last
