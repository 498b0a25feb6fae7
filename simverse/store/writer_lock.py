"""One writer per run: an OS file lock beside the database, naming the process that holds it.

A run is written by one process at a time (``run``, ``run --resume``, ``chat``, ``inject``,
a live dashboard world). The lock is ``DB-runN.lock`` next to ``DB``, taken with the
`filelock` library's native lock (``flock``), and the holder writes its pid and command
line into it, so a second writer is refused with one line that names the run and the
process (:class:`RunLocked`), never a crash or a half-merged run.

Why a file lock and not SQLite's own locking: SQLite locks last one transaction (a step),
so between two steps a second writer would get in and interleave its steps with the
first's; holding a write transaction for the whole run would block every other run in the
same database. A kernel lock lives exactly as long as the process (a ``kill -9`` releases
it, so no stale lock ever needs breaking), and it is per run, so two runs of one database
can still be written at the same time (SQLite serialises their step transactions).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows: holders cannot be probed, locking still works)
    fcntl = None  # type: ignore[assignment]


class RunLocked(RuntimeError):
    """Another process is writing the run (one line names the run and the process)."""


@dataclass(frozen=True)
class Holder:
    """Who writes a run: pid, command line and since when (as written into the lock file)."""

    pid: int | None
    command: str
    since: str

    def describe(self) -> str:
        pid = f"process {self.pid}" if self.pid else "another process"
        return f"{pid} ({self.command}) since {self.since}" if self.command else pid


def lock_path(db: Path, run_id: int) -> Path:
    """The lock file of run ``run_id`` of database ``db``."""
    return db.with_name(f"{db.name}-run{run_id}.lock")


class WriterLock:
    """The writer's hold on one run; released by :meth:`release` or when the process ends."""

    def __init__(self, db: Path, run_id: int) -> None:
        self.db, self.run_id = db, run_id
        self.path = lock_path(db, run_id)
        # one instance per path in this process, counting holds: a process may reopen a run it
        # writes (World.resume after a failed step); other processes are the ones kept out
        self._lock = FileLock(self.path, blocking=False, thread_local=False, is_singleton=True,
                              on_acquired=_write_holder)
        self._held = False

    def acquire(self) -> WriterLock:
        """Take the lock or raise :class:`RunLocked` naming the holder."""
        try:
            self._lock.acquire()
            self._held = True
        except Timeout:
            holder = read_holder(self.path)
            who = holder.describe() if holder else "another process"
            raise RunLocked(f"{self.db}: run {self.run_id} is being written by {who}; "
                            f"wait for it to finish or stop it first") from None
        return self

    def release(self) -> None:
        """Give up this hold (the lock itself goes when the process's last hold does)."""
        if self._held:
            self._held = False
            self._lock.release()


def read_holder(path: Path) -> Holder | None:
    """What the holder wrote into a lock file (None if unreadable or empty)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    return Holder(pid if isinstance(pid, int) else None, str(data.get("command", "")), str(data.get("since", "")))


def current_writer(db: Path, run_id: int) -> Holder | None:
    """The process writing run ``run_id`` now, if any; creates nothing (for ``inspect``)."""
    path = lock_path(db, run_id)
    if fcntl is None or not path.is_file():
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return read_holder(path) or Holder(None, "", "")
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _write_holder(fd: int) -> None:
    program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    command = " ".join(["simverse" if program == "__main__.py" else program, *sys.argv[1:]])
    record = {"pid": os.getpid(), "command": command[:300],
              "since": datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(record).encode(), 0)
