"""The dashboard's one live world, shared by every page, tab and viewer, stepped in the background.

A :class:`LiveHub` lives once per server process (the app keeps it in ``st.cache_resource``).
It holds at most one :class:`~simverse.dashboard.live.LiveRun` and a worker thread that
steps it: **Run** keeps stepping while any page is open (pages call :meth:`LiveHub.touch`
every few seconds; with no viewer for ``idle_pause_s`` the worker waits), **Step N** queues
N steps, **Pause** stops; a pace (seconds between steps while running) lets people
watch. Every call that touches the world (a step, talking, directing, forking) holds one
lock, because a ``World`` is not thread-safe. Pages never read the
world object: they read the database, which each step commits before the next begins.

Directions (injected events, scene commands) are tracked as :class:`Directive` records:
*queued* when given, then *applied* or *refused* (with the outcome's reason) once the step
that fires them has committed, matched to that step's ``injected``/``scene`` events in
queue order (the order the world fires them).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from simverse.dashboard.live import LiveRun, check_event, fork_run
from simverse.llm.human import answer_all_with_wait, open_questions
from simverse.store.models import EventRow

DIRECTED_KINDS = ("injected", "scene")


@dataclass(frozen=True)
class Directive:
    """An event or scene command given from the dashboard, and what became of it."""

    number: int
    kind: str
    text: str
    place: str | None
    queued_after: int
    slot: int
    status: str = "queued"
    reason: str = ""
    event_id: int | None = None
    narration: str = ""

    @property
    def fires_at(self) -> int:
        return self.queued_after + 1


@dataclass(frozen=True)
class HubStatus:
    """A snapshot of the hub for a page to draw (no live objects)."""

    run_id: int | None
    db: str | None
    step: int
    running: bool
    queued_steps: int
    waiting_for_viewer: bool
    stepping: bool
    error: str
    directives: tuple[Directive, ...] = field(default_factory=tuple)

    @property
    def busy(self) -> bool:
        return self.running or self.queued_steps > 0


class LiveHub:
    """One live world and the worker thread that steps it."""

    def __init__(self, idle_pause_s: float = 20.0) -> None:
        self.idle_pause_s = idle_pause_s
        self.lock = threading.RLock()
        self._wake = threading.Condition()
        self.live: LiveRun | None = None
        self.running = False
        self.queued_steps = 0
        self.error = ""
        self.target_opened = False
        self._last_seen = time.monotonic()
        self.pace_s = 0.0
        self._next_at = 0.0
        self._directives: list[Directive] = []
        self._stepping = False
        self._thread = threading.Thread(target=self._work, name="simverse-live-world", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ opening and closing
    def open(self, make: Callable[[], LiveRun]) -> LiveRun:
        """Make the live world (``LiveRun.start`` / ``resume``), closing the one before."""
        self._release_players()
        with self.lock:
            self._stop()
            self.live = make()
            self.error = ""
            return self.live

    def close(self) -> None:
        """Stop stepping and close the live world."""
        self._release_players()
        with self.lock:
            self._stop()

    def _release_players(self) -> None:
        """A step waiting for people who play NPCs holds the lock: their NPCs wait instead,
        so closing or replacing the world does not wait for them."""
        self.running, self.queued_steps = False, 0
        live = self.live
        for folder in live.players.values() if live is not None else ():
            answer_all_with_wait(folder)

    def _stop(self) -> None:
        self.running, self.queued_steps = False, 0
        if self.live is not None:
            self.live.close()
        self.live, self._directives = None, []

    # ------------------------------------------------------------------ shared controls
    def run(self) -> None:
        """Step on and on (while a page is open) until :meth:`pause`."""
        self._set(running=True)

    def pause(self) -> None:
        """Stop after the step under way; queued steps are dropped."""
        self._set(running=False, queued=0)

    def step(self, n: int = 1) -> None:
        """Queue ``n`` more steps for the worker."""
        if n < 1:
            raise ValueError(f"step: n must be at least 1 (got {n})")
        self._set(queued=self.queued_steps + n)

    def set_pace(self, seconds: float) -> None:
        """Wait at least ``seconds`` between steps while running (0: as fast as it goes)."""
        if seconds < 0:
            raise ValueError(f"pace: seconds must be >= 0 (got {seconds})")
        self.pace_s = float(seconds)
        self._next_at = min(self._next_at, time.monotonic() + self.pace_s)
        self.touch()

    def touch(self) -> None:
        """A page is open: the worker may keep running."""
        self._last_seen = time.monotonic()
        with self._wake:
            self._wake.notify_all()

    def _set(self, running: bool | None = None, queued: int | None = None) -> None:
        with self._wake:
            if self.live is None:
                raise RuntimeError("no live world: start one on the Run page")
            if running is not None:
                self.running = running
            if queued is not None:
                self.queued_steps = queued
            self.error = ""
            self._last_seen = time.monotonic()
            self._wake.notify_all()

    def status(self) -> HubStatus:
        live = self.live
        return HubStatus(
            run_id=live.run_id if live else None, db=live.db if live else None,
            step=live.step_index if live else 0, running=self.running, queued_steps=self.queued_steps,
            waiting_for_viewer=self.running and not self._viewed(), stepping=self._stepping, error=self.error,
            directives=tuple(self._directives),
        )

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Wait until no step is queued or under way (tests, scripts); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.queued_steps and not self._stepping and not self.running:
                return True
            time.sleep(0.02)
        return False

    # ------------------------------------------------------------------ the worker
    def _viewed(self) -> bool:
        return time.monotonic() - self._last_seen < self.idle_pause_s

    def _due(self) -> bool:
        if self.live is None:
            return False
        return self.queued_steps > 0 or (self.running and self._viewed() and time.monotonic() >= self._next_at)

    def _work(self) -> None:
        while True:
            with self._wake:
                while not self._due():
                    self._wake.wait(timeout=max(0.01, min(1.0, self._next_at - time.monotonic())))
                self._stepping = True
            try:
                self._step_once()
            finally:
                self._stepping = False

    def _step_once(self) -> None:
        with self.lock:
            live = self.live
            if live is None or not self._due():
                return
            if self.queued_steps > 0:
                self.queued_steps -= 1
            else:
                self._next_at = time.monotonic() + self.pace_s
            try:
                live.step(1)
            except Exception as exc:  # shown on every page; the world refuses further steps
                self.running, self.queued_steps = False, 0
                self.error = f"step {live.step_index + 1} failed: {type(exc).__name__}: {exc}"
                return
            self._settle_directives(live)

    # ------------------------------------------------------------------ talking and directing
    def talk(self, npc: str, text: str) -> str:
        self._refuse_while_a_player_is_asked()
        with self.lock:
            return self._require().talk(npc, text)

    def inject(self, text: str, place: str | None = None) -> Directive:
        """Queue an event for the next step; a refusal (empty text, unknown place) is
        recorded as a refused directive and raised as ValueError."""
        return self._direct("injected", text, place)

    def scene(self, text: str, place: str | None = None) -> Directive:
        """Queue a scene command for the next step (refusals as for :meth:`inject`)."""
        return self._direct("scene", text, place)

    def _direct(self, kind: str, text: str, place: str | None) -> Directive:
        self._refuse_while_a_player_is_asked()
        with self.lock:
            live = self._require()
            slot = len(live.world.pending)
            directive = Directive(len(self._directives) + 1, kind, text.strip(), place or None,
                                  live.step_index, slot)
            try:
                (live.inject if kind == "injected" else live.scene)(text, place or None)
            except ValueError as exc:
                self._directives.append(replace(directive, status="refused", reason=str(exc)))
                raise
            self._directives.append(directive)
            return directive

    def _settle_directives(self, live: LiveRun) -> None:
        """Mark the directives the step just committed fired as applied or refused."""
        step = live.step_index
        waiting = [d for d in self._directives if d.status == "queued" and d.fires_at == step]
        if not waiting:
            return
        with live.world.store.session() as session:
            fired = session.scalars(
                select(EventRow).where(EventRow.run_id == live.run_id, EventRow.step == step,
                                       EventRow.kind.in_(DIRECTED_KINDS)).order_by(EventRow.id)
            ).all()
        for directive in waiting:
            index = self._directives.index(directive)
            event = fired[directive.slot] if directive.slot < len(fired) else None
            if event is None:
                self._directives[index] = replace(directive, status="refused",
                                                  reason="the step did not fire it (no matching event)")
                continue
            self._directives[index] = replace(
                directive, status="applied" if event.success else "refused", reason=event.reason or "",
                event_id=event.id, narration=event.narration,
            )

    # ------------------------------------------------------------------ forking
    def fork(self, db: str, run_id: int, at_step: int, event: str = "", place: str | None = None,
             steps: int = 0, embedder: str | None = None) -> int:
        """Fork run ``run_id`` of ``db`` at ``at_step`` into a new run, make the fork the live
        world (the previous live world is closed), queue ``event`` in it if given, and queue
        ``steps`` steps. Returns the fork's run id."""
        with self.lock:
            if event.strip():  # a refused event neither stops the live world nor makes a fork
                check_event(db, run_id, event, place)
            if self.live is not None and self.live.run_id == run_id and self.live.db == db:
                self._stop()
            new_id = fork_run(db, run_id, at_step)
            self.open(lambda: LiveRun.resume(db, new_id, embedder=embedder))
            if event.strip():
                self.inject(event, place)
            if steps > 0:
                self.step(steps)
            return new_id

    def _refuse_while_a_player_is_asked(self) -> None:
        """A step that waits for a person playing an NPC holds the world until they answer:
        say so at once, instead of leaving the page waiting for them."""
        live = self.live
        if not self._stepping or live is None:
            return
        asked = sorted(who for who, folder in live.players.items() if open_questions(folder))
        if asked:
            raise RuntimeError(f"step {live.step_index + 1} is waiting for the person playing "
                               f"{', '.join(asked)}; try again once they have answered")

    def _require(self) -> LiveRun:
        if self.live is None:
            raise RuntimeError("no live world: start one on the Run page")
        return self.live
