"""Take the dashboard screenshots of docs/dashboard.md in headless Chromium.

Starts ``simverse dashboard harbor_town`` on a free 127.0.0.1 port (a fresh run database in
a temporary folder, hashing embedder), runs 24 steps from the Run page, talks to an NPC,
then visits every page and saves ``docs/screenshots/PAGE.png``.

    python docs/screenshots/take.py            # needs /usr/bin/chromium (Debian package)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STEPS = 24


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"dashboard exited: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"dashboard not up after {timeout} s")


def settle(page: Page) -> None:
    """Wait until the app has finished running its script and drawing charts."""
    page.wait_for_timeout(600)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')",
                           timeout=60_000)
    page.wait_for_timeout(900)


def visit(page: Page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    expect(page.get_by_role("heading", name=title).first).to_be_visible(timeout=30_000)
    settle(page)


def shoot(page: Page, name: str) -> None:
    path = HERE / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    print(f"wrote {path}")


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen(
            [sys.executable, "-m", "simverse.cli", "dashboard", "harbor_town", "--port", str(port), "--seed", "1",
             "--db", str(Path(tmp) / "harbor_town.db"), "--embedder", "hashing"],
            cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        try:
            wait_until_up(port, server)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}/")
                expect(page.get_by_role("button", name="Step 1")).to_be_visible(timeout=60_000)
                page.get_by_label("N", exact=True).fill(str(STEPS))
                page.get_by_label("N", exact=True).press("Enter")
                settle(page)
                page.get_by_role("button", name="Step N").click()
                expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(str(STEPS), timeout=120_000)
                settle(page)
                shoot(page, "run")

                visit(page, "Talk & direct")
                box = page.get_by_placeholder("Say something to")
                box.fill("Good day! What news from the harbour?")
                box.press("Enter")
                expect(page.locator("[data-testid='stChatMessage']").nth(1)).to_be_visible(timeout=30_000)
                settle(page)
                shoot(page, "talk")

                visit(page, "Map")
                shoot(page, "map")

                visit(page, "Dialogue")
                page.locator("[data-testid='stExpander'] summary").first.click()
                settle(page)
                shoot(page, "dialogue")

                visit(page, "NPCs")
                page.mouse.wheel(0, 500)
                settle(page)
                shoot(page, "npcs")

                visit(page, "Knowledge")
                shoot(page, "knowledge")

                visit(page, "Events")
                page.locator("[data-testid='stExpander'] summary").first.click()
                settle(page)
                shoot(page, "events")

                visit(page, "Metrics")
                shoot(page, "metrics")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
