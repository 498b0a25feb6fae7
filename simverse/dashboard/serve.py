"""Start ``simverse dashboard`` in a child process on a free 127.0.0.1 port and wait for it.

Used by the browser tests, the screenshot script and the dashboard benchmark, which drive
the app in headless Chromium. :data:`SETTLED_JS` is the browser-side test for "the page
has finished": no script run in progress, every Plotly chart drawn, every code block
rendered.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTLED_JS = """() => {
  if (document.querySelector('[data-testid="stStatusWidget"] button')) return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (!charts.every(c => c.querySelector('.main-svg'))) return false;
  const codes = [...document.querySelectorAll('[data-testid="stCode"]')];
  return codes.every(c => c.innerText.trim().length > 0);
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    """Wait for the app's health endpoint; a server that exits first is an error."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"dashboard exited early: {server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"dashboard not up on port {port} after {timeout} s")


@contextmanager
def dashboard(args: Sequence[str], cwd: Path, log: Path | None = None) -> Iterator[str]:
    """Run ``simverse dashboard ARGS`` in ``cwd``; yields its base URL and stops it after."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, "-m", "simverse.cli", "dashboard", *args, "--port", str(port)],
        cwd=cwd, stdout=out, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_until_up(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if log:
            out.close()
