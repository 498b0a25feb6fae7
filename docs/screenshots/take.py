"""Take the dashboard screenshots of docs/dashboard.md in headless Chromium.

In a folder of its own (``--keep DIR`` to reuse one), it builds two stored runs under
``runs/``: ``crowd.db`` (1,000 NPCs over 50 places, 30 steps, scripted brain) and
``tiny.db`` (the hamlet driven by a tiny random-weight Llama built offline, so its prompts
and raw answers are real model calls, junk included). Then it starts
``simverse dashboard harbor_town`` (seed 1, hashing embedder), steps the live world,
directs it, talks to an NPC, forks it, and visits every page, saving ``PAGE.png`` here.

    python docs/screenshots/take.py [--keep DIR]     # needs /usr/bin/chromium (Debian package)
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from simverse.core.loader import parse_world
from simverse.dashboard.serve import CHROMIUM, CHROMIUM_ARGS, SETTLED_JS, dashboard
from simverse.world.model import World

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "experiments" / "bench"))
sys.path.insert(0, str(ROOT))
from bench_scripted import generated_world  # noqa: E402  (the benchmark's 1,000-NPC town)

from tests.hamlet import hamlet_world  # noqa: E402  (the test suites' three-NPC hamlet)

STEPS = 12
MORE = 10


def build(runs: Path) -> None:
    """The stored runs the screenshots browse (kept when they exist)."""
    runs.mkdir(parents=True, exist_ok=True)
    if not (runs / "crowd.db").exists():
        world = World(parse_world(generated_world(1000, 50), source="generated"), seed=1, db=str(runs / "crowd.db"),
                      embedder="hashing")
        world.run(30)
        world.close()
    if not (runs / "tiny.db").exists():
        from simverse.llm.tiny_model import build_tiny_model

        model = build_tiny_model(runs.parent / "tiny-llama")
        spec = hamlet_world()
        spec["events"] = [{"at_step": 1, "description": "A bell rings."}]
        world = World(parse_world(spec), seed=5, db=str(runs / "tiny.db"), llm=f"transformers:{model}")
        world.run(2)
        world.close()


def settle(page: Page) -> None:
    page.wait_for_timeout(500)
    page.wait_for_function(SETTLED_JS, timeout=180_000, polling=200)
    page.wait_for_timeout(700)
    page.wait_for_function(SETTLED_JS, timeout=180_000, polling=200)


def go(page: Page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    page.locator("[data-testid='stMain'] h1", has_text=title).wait_for(timeout=120_000)
    settle(page)


def shoot(page: Page, name: str, scroll: int = 0) -> None:
    if scroll:
        page.mouse.move(800, 500)
        page.mouse.wheel(0, scroll)
        page.wait_for_timeout(800)
    page.screenshot(path=str(HERE / f"{name}.png"))
    print(f"wrote {name}.png")


def pick(page: Page, label: str, text: str, sidebar: bool = False) -> None:
    """Choose the option starting with ``text`` in the selectbox labelled ``label``."""
    scope = page.locator("[data-testid='stSidebar']" if sidebar else "[data-testid='stMain']")
    scope.locator("[data-testid='stSelectbox']", has_text=label).first.click()
    page.keyboard.type(text)
    page.get_by_role("option", name=re.compile("^" + re.escape(text))).first.click()
    settle(page)


def busiest_step(folder: Path, after: int) -> int:
    """The step after ``after`` with the most dialogue lines in the live run (for the map)."""
    with sqlite3.connect(folder / "runs" / "harbor_town.db") as db:
        row = db.execute("SELECT step FROM dialogue WHERE run_id = 1 AND step > ? GROUP BY step "
                         "ORDER BY count(*) DESC, step LIMIT 1", (after,)).fetchone()
    return row[0] if row else after


def live_world(page: Page, folder: Path) -> None:
    """Step the live world, direct it, talk to an NPC: Run, Talk, Map, Dialogue, NPCs,
    Knowledge, Events, Metrics, Compare."""
    page.get_by_label("N", exact=True).fill(str(STEPS))
    page.get_by_label("N", exact=True).press("Enter")
    settle(page)
    page.get_by_role("button", name="Step N", exact=True).click()
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(str(STEPS), timeout=300_000)
    go(page, "Talk & direct")
    box = page.get_by_placeholder("Say something")
    box.fill("Good day! What news from the harbour?")
    box.press("Enter")
    settle(page)
    page.get_by_role("tab", name="Direct the scene").click()
    page.get_by_label("scene command").fill("a storm rolls in over the harbour")
    page.get_by_role("button", name="Give the command (read at the next step)").click()
    settle(page)
    page.get_by_label("what happens").fill("A whale is seen off the lighthouse.")
    page.get_by_role("button", name="Inject event (fires at the next step)").click()
    settle(page)
    shoot(page, "talk")
    go(page, "Map")
    shoot(page, "map_queued")
    go(page, "Run")
    page.get_by_role("button", name="Step 1", exact=True).click()
    page.locator("[data-testid='stMain']").get_by_text("✓ applied · scene").wait_for(timeout=120_000)
    settle(page)
    shoot(page, "run")
    page.get_by_label("N", exact=True).fill(str(MORE))
    page.get_by_label("N", exact=True).press("Enter")
    settle(page)
    page.get_by_role("button", name="Step N", exact=True).click()
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(str(STEPS + 1 + MORE), timeout=300_000)
    page.goto(f"{page.url.split('/run')[0].rstrip('/')}/map?step={busiest_step(folder, STEPS + 1)}")
    settle(page)
    shoot(page, "map")
    go(page, "Dialogue")
    shoot(page, "dialogue")
    go(page, "NPCs")
    shoot(page, "npcs", scroll=900)
    go(page, "Knowledge")
    pick(page, "fact", "Jonas sells his herring")
    shoot(page, "knowledge", scroll=420)
    go(page, "Events")
    shoot(page, "events")
    go(page, "Metrics")
    shoot(page, "metrics")
    page.goto(f"{page.url.split('/metrics')[0].rstrip('/')}/map?step={STEPS}")
    settle(page)
    page.get_by_role("button", name=re.compile(r"Fork at step \d+")).click()
    popover = page.locator("[data-testid='stPopoverBody']")
    popover.get_by_label("inject an event into the fork (optional)").fill("The bakery burns down.")
    popover.get_by_role("button", name="Fork and compare").click()
    page.locator("[data-testid='stMain'] h1", has_text="Compare").wait_for(timeout=120_000)
    page.locator("[data-testid='stSidebar']").get_by_text(re.compile("step \\d+ · paused")).wait_for(timeout=300_000)
    settle(page)
    shoot(page, "compare", scroll=250)


def stored_runs(page: Page, base: str) -> None:
    """The prompt viewer on a model-driven run, and the 1,000-NPC map and metrics."""
    page.goto(f"{base}/npcs?db=runs/tiny.db&run=1&npc=Ann&step=1&decision=1")
    settle(page)
    page.locator("[data-testid='stMain']").get_by_text("parse result").scroll_into_view_if_needed()
    page.mouse.move(800, 500)
    page.mouse.wheel(0, 380)
    page.wait_for_timeout(800)
    shoot(page, "prompt")
    page.goto(f"{base}/map?db=runs/crowd.db&run=1&step=12")
    settle(page)
    shoot(page, "crowd_map", scroll=120)
    go(page, "Metrics")
    shoot(page, "crowd_metrics", scroll=600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build (or reuse) the stored runs in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="screenshots_"))
    build(folder / "runs")
    for old in (folder / "runs").glob("harbor_town.db*"):
        old.unlink()
    live = ["harbor_town", "--seed", "1", "--db", "runs/harbor_town.db", "--embedder", "hashing"]
    with dashboard(live, folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base)
        settle(page)
        try:
            live_world(page, folder)
        except Exception:
            page.screenshot(path=str(folder / "failed.png"), full_page=True)
            raise
        stored_runs(page, base)
        browser.close()


if __name__ == "__main__":
    main()
