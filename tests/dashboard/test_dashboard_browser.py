"""End to end in real headless Chromium: ``simverse dashboard WORLD`` serves the app on
127.0.0.1, a person steps the world and sees a new dialogue line appear."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"dashboard exited early: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"dashboard not up on port {port} after {timeout} s")


@pytest.fixture
def dashboard_server(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "simverse.cli", "dashboard", "harbor_town", "--port", str(port), "--seed", "1",
         "--db", str(tmp_path / "live.db"), "--embedder", "hashing"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_for_health(port, server)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_stepping_in_the_browser_shows_a_new_dialogue_line(dashboard_server):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{dashboard_server}/")
        page.get_by_text("no dialogue yet").wait_for(timeout=60_000)
        lines = page.locator("[data-testid='stText']", has_text="→")
        assert lines.count() == 0
        step = page.get_by_role("button", name="Step 1")
        for clicks in range(1, 13):
            step.click()
            expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(str(clicks), timeout=30_000)
            if lines.count():
                break
        assert lines.count() > 0, "a dialogue line appeared after stepping"
        first = lines.first.inner_text()
        assert first.startswith("step ") and "→" in first
        browser.close()
