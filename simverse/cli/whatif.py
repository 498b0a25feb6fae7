"""What-if commands: inject events into stored runs, predict outcomes, fork and compare runs,
and score event inference on the labelled transitions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Protocol

import typer
from rich.table import Table

from simverse.cli.app import UserError, app, console, shown
from simverse.core.clock import MAX_STEPS
from simverse.core.llm_protocol import Backend
from simverse.store.run_store import RunStore, db_url, open_read_only

LLM_EVENTS_HELP = "events model: openai:URL#MODEL | transformers:PATH (default: the world's settings.llm_events)"


def _store(db: str, write: bool = False) -> RunStore:
    """The database, checked read-only first; opened for writing only when the command writes."""
    return RunStore(db_url(db), create=False) if write else open_read_only(db)


class _Closable(Protocol):
    def close(self) -> None: ...


@contextmanager
def _closing(resource: _Closable) -> Iterator[None]:
    """Close ``resource`` however the block ends; a ``ValueError`` in it is the user's
    (a bad place, step or text), shown as one error line."""
    try:
        yield
    except ValueError as exc:
        raise UserError(str(exc)) from None
    finally:
        resource.close()


def _events_backend(spec: str | None) -> Backend | None:
    if not spec:
        return None
    from simverse.events.resolution import make_event_backend

    try:
        return make_event_backend(spec)
    except ValueError as exc:
        raise UserError(str(exc)) from None


@app.command()
def inject(
    db: Annotated[str, typer.Argument(help="run database")],
    text: Annotated[str, typer.Argument(help="what happens, in words")],
    run_id: Annotated[int | None, typer.Option("--run", help="run (default: the newest)")] = None,
    place: Annotated[str | None, typer.Option(help="where it happens (default: everywhere)")] = None,
    scene: Annotated[bool, typer.Option("--scene", help="a scene command (weather, time, routes)")] = False,
) -> None:
    """Queue an event into a stored run; the next resumed step infers and applies it."""
    from simverse.store.pending import queue_injection

    store = _store(db, write=True)
    with _closing(store):
        step = queue_injection(store, store.run(run_id).id, text, place, "scene" if scene else "injected")
    console.print(f"queued after step {step}; it fires at step {step + 1} when the run resumes")


@app.command()
def predict(
    db: Annotated[str, typer.Argument(help="run database")],
    text: Annotated[str, typer.Argument(help="an action ('buy bread', or anything with --npc) or an event")],
    npc: Annotated[str | None, typer.Option(help="the NPC who does it (else: an event)")] = None,
    at: Annotated[int | None, typer.Option("--at", help="predict on the state after this step")] = None,
    run_id: Annotated[int | None, typer.Option("--run", help="run (default: the newest)")] = None,
    place: Annotated[str | None, typer.Option(help="where an event happens")] = None,
    llm_events: Annotated[str | None, typer.Option("--llm-events", help=LLM_EVENTS_HELP)] = None,
) -> None:
    """Predict what an action or event would do, without changing the run."""
    from simverse.core.runtime import check_injected_text
    from simverse.events.prediction import action_from_text
    from simverse.world.model import World

    try:
        check_injected_text(text, "predict TEXT")
    except ValueError as exc:
        raise UserError(str(exc)) from None
    _store(db).close()
    sim = World.resume(db, run_id=run_id, lock=False)  # the run's own embedder reads its vectors
    backend = _events_backend(llm_events)
    if backend is not None:
        sim.resolver.set_backend(backend)
    with _closing(sim):
        what = action_from_text(sim.spec, sim.state, npc, text) if npc else text
        outcome = sim.predict(what, at_step=at, place=place)
    table = Table("outcome", "", show_header=False)
    table.add_row("what", shown(f"{outcome.actor or 'event'}: {outcome.action} {outcome.args}"))
    table.add_row("success", "yes" if outcome.success else f"no: {shown(outcome.reason)}")
    table.add_row("narration", shown(outcome.narration))
    for effect in outcome.effects:
        table.add_row("effect", shown(f"{effect.entity}.{effect.property} {effect.op} {effect.value!r}"))
    table.add_row("observers", shown(", ".join(outcome.observers)))
    table.add_row("source", f"{outcome.source} (confidence {outcome.confidence:.2f})")
    for note in outcome.notes:
        table.add_row("note", shown(note))
    console.print(table)


@app.command()
def fork(
    db: Annotated[str, typer.Argument(help="run database")],
    at: Annotated[int, typer.Option("--at", help="share history up to this step")],
    inject_text: Annotated[str | None, typer.Option("--inject", help="an event to inject at the fork")] = None,
    run_id: Annotated[int | None, typer.Option("--run", help="run to fork (default: the newest)")] = None,
    steps: Annotated[int, typer.Option(min=0, max=MAX_STEPS, help="steps to run after forking")] = 0,
    place: Annotated[str | None, typer.Option(help="where the injected event happens")] = None,
) -> None:
    """Fork a run at a step into a new run of the same database (optionally inject and run on)."""
    from simverse.store.fork import fork_run
    from simverse.store.pending import check_injection
    from simverse.world.model import World

    store = _store(db, write=True)
    try:
        parent = store.run(run_id)
        if inject_text is not None:
            try:
                check_injection(parent, inject_text, place)
            except ValueError as exc:
                raise UserError(str(exc)) from None
        child = fork_run(store, parent.id, at)
    finally:
        store.close()
    sim = World.resume(db, run_id=child)
    with _closing(sim):
        if inject_text:
            sim.inject(inject_text, place=place)
        sim.run(steps)
    console.print(f"run {child} forked from run {parent.id} at step {at}; now at step {sim.step_index}")


@app.command()
def compare(
    db: Annotated[str, typer.Argument(help="run database")],
    run_a: Annotated[int, typer.Argument(help="first run")],
    run_b: Annotated[int, typer.Argument(help="second run")],
    limit: Annotated[int, typer.Option(min=1, help="rows to show per section")] = 20,
) -> None:
    """Where two runs part: the first differing step, its events, and differing beliefs."""
    from simverse.store.compare import compare_runs

    store = _store(db)
    try:
        result = compare_runs(store, run_a, run_b)
    finally:
        store.close()
    if result.first_differing_step is None:
        console.print(f"runs {run_a} and {run_b} are identical up to step {result.common_step}")
        return
    console.print(f"[bold]runs {run_a} and {run_b} first differ at step {result.first_differing_step}[/bold] "
                  f"({result.differing_steps} of {result.common_step + 1} steps differ)")
    for title, rows in (("state", result.state_differences), (f"events only in run {run_a}", result.events_only_a),
                        (f"events only in run {run_b}", result.events_only_b)):
        if rows:
            table = Table(title)
            for row in rows[:limit]:
                table.add_row(shown(row))
            console.print(table)
    table = Table(f"beliefs at step {result.common_step}", "holder", "fact")
    for label, beliefs in ((f"only run {run_a}", result.beliefs_only_a), (f"only run {run_b}", result.beliefs_only_b)):
        for holder, subject, predicate, obj in beliefs[:limit]:
            table.add_row(label, shown(holder), shown(f"{subject} {predicate} {obj}"))
    console.print(table)


@app.command("eval-events")
def eval_events(
    llm: Annotated[str | None, typer.Option("--llm", "--llm-events", help="also score this events model")] = None,
    set_path: Annotated[list[str] | None, typer.Option("--set", help="transitions JSONL (repeatable; default: "
                                                       "the shipped and the independent set)")] = None,
    show_wrong: Annotated[bool, typer.Option("--show-wrong", help="list the transitions not exactly right")] = False,
) -> None:
    """Score event resolution on labelled transitions: exact state change, per category,
    next to a changes-nothing baseline. The figure describes this set only."""
    from simverse.experiments.event_eval import CATEGORIES, DEFAULT_SETS, evaluate, load_transitions, run_transition

    paths = [Path(p) for p in set_path] if set_path else list(DEFAULT_SETS)
    for path in paths:
        if not path.exists():
            raise UserError(f"{path}: no such transitions file")
    try:
        transitions = load_transitions(paths)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    backend = _reachable_events_backend(llm) if llm else None
    scores = evaluate(transitions, backend)
    resolvers = list(scores)
    table = Table("group", "n", *(f"{r} exact %" for r in resolvers), "changes-nothing %", "per-property %")
    groups = ["all", *CATEGORIES, "rule-covered", *sorted(g for g in scores["offline"] if g.startswith("file:"))]
    for group in groups:
        first = scores["offline"][group]
        if first.n:
            table.add_row(group, str(first.n), *(_pct(scores[r][group].exact) for r in resolvers),
                          _pct(first.baseline), _pct(first.per_property))
    console.print(table)
    console.print("exact = the whole state change (and, for scene commands, refusing or not) equals the label; "
                  "the figure describes this labelled set only")
    if show_wrong:
        for transition in transitions:
            result = run_transition(transition)
            if not result.exact:
                why = f" ({shown(result.reason)})" if result.reason else ""
                console.print(f"  {shown(transition.id)}: expected {shown(str(transition.changes))}, "
                              f"got {shown(str(result.actual))}{why}")


def _reachable_events_backend(spec: str) -> Backend:
    """The events model of ``spec``, after one tiny request shows it answers (else one line, exit 2)."""
    from simverse.core.llm_protocol import LLMRequest, Message, SamplingParams

    try:
        backend = _events_backend(spec)
        if backend is None:
            raise UserError(f"--llm {spec!r} names no events model (use openai:URL#MODEL or transformers:PATH)")
        probe = LLMRequest((Message("user", "Reply with {}."),), seed=0, params=SamplingParams(max_new_tokens=4),
                           tag="eval-events probe")
        answer = backend.generate_batch([probe])[0]
    except UserError:
        raise
    except (OSError, ValueError, RuntimeError) as exc:
        raise UserError(f"events model {spec!r} cannot be reached: {exc}") from None
    if answer.error is not None:
        raise UserError(f"events model {spec!r} cannot be reached: {answer.error}")
    return backend


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
