"""Copy a run database's write-ahead log into the file on a thread of its own.

In WAL mode SQLite copies the log into the database (a checkpoint) inside the commit that
takes the log past 1,000 pages. A step of 1,000 NPCs writes more than that, so every step's
commit also did a checkpoint, about a tenth of the client's time per LLM request. A world
that steps a file database hands that work to this thread instead: after each commit the
thread runs a ``PASSIVE`` checkpoint on its own connection (SQLite releases the GIL while it
works, so the next step goes on meanwhile). The writer keeps an automatic checkpoint at
:data:`SAFETY_NET_PAGES` in case this thread falls behind, and a crash at any point leaves
the log for SQLite to replay on the next open, as before.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

SAFETY_NET_PAGES = 25_000
"""The writer's own automatic checkpoint (about 100 MB of log), reached only if this
thread falls behind."""

log = logging.getLogger(__name__)


class Checkpointer:
    """One thread that checkpoints ``path`` each time :meth:`poke` is called (calls that
    arrive while it works fold into one)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.checkpoints = 0
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=f"simverse-checkpoint {path.name}", daemon=True)
        self._thread.start()

    def poke(self, *_: object) -> None:
        """A commit happened: checkpoint soon (an event handler, so it takes any arguments)."""
        self._wake.set()

    def close(self) -> None:
        """Finish the checkpoint under way and stop the thread."""
        self._stopping = True
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        connection = sqlite3.connect(self.path, check_same_thread=False)
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stopping:
                    return
                self._checkpoint(connection)
        finally:
            connection.close()

    def _checkpoint(self, connection: sqlite3.Connection) -> None:
        try:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:  # the writer's own automatic checkpoint still runs
            log.warning("%s: background checkpoint failed: %s", self.path, exc)
            return
        self.checkpoints += 1
