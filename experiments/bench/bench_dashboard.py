"""Benchmark: how long each dashboard page takes to render in headless Chromium, for a run of
1,000 NPCs (30 steps, 50 places, scripted brain, hashing memory) and, side by side, the
harbor_town run of 9 NPCs; and whether the map's playback slows down late in a long run.

Each page is opened from the sidebar, as a person would, and timed from the click until
the page has finished (no script run in progress, every chart drawn, every code block
shown: ``simverse.dashboard.serve.SETTLED_JS``) to the last change of the page's main area
(a MutationObserver). Each page is visited twice; the first
visit reads the database, the second is served from the caches. Goal (issue 15): every
page of the 1,000-NPC run within 3 s on this machine.

    python experiments/bench/bench_dashboard.py [--npcs 1000] [--steps 30] [--long 320]
        [--keep DIR]                        # needs /usr/bin/chromium (Debian package)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scripted import generated_world

from simverse.core.loader import parse_world
from simverse.dashboard.serve import CHROMIUM, CHROMIUM_ARGS, SETTLED_JS, dashboard
from simverse.world.model import World

PAGES = ["Run", "Map", "Dialogue", "NPCs", "Knowledge", "Events", "Metrics", "Compare", "Talk & direct"]


def build(folder: Path, npcs: int, steps: int, long_steps: int) -> None:
    """The crowd run and harbor_town runs (short and long) in ``folder/runs``."""
    runs = folder / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    plans = [(runs / "crowd.db", parse_world(generated_world(npcs, 50), source="generated"), steps),
             (runs / "harbor.db", "harbor_town", steps), (runs / "long.db", "harbor_town", long_steps)]
    for path, spec, count in plans:
        if path.exists():
            continue
        started = time.perf_counter()
        world = World(spec, seed=1, db=str(path), embedder="hashing")
        world.run(count)
        world.close()
        print(f"built {path.name}: {count} steps in {time.perf_counter() - started:.0f} s", flush=True)


WATCH_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  window.__last = performance.now();
  if (window.__observer) window.__observer.disconnect();
  window.__observer = new MutationObserver(() => { window.__last = performance.now(); });
  window.__observer.observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
  return performance.now();
}"""
QUIET_MS = 1200


def settled(page: Page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_function(SETTLED_JS, timeout=180_000, polling=50)


def until_quiet(page: Page, began: float) -> float:
    """Seconds from ``began`` (page clock) to the last change of the main area, once the
    page is finished and nothing has changed for QUIET_MS."""
    page.wait_for_function(f"() => ({SETTLED_JS})() && performance.now() - window.__last > {QUIET_MS}",
                           timeout=180_000, polling=100)
    return (page.evaluate("() => window.__last") - began) / 1000


def visit(page: Page, title: str) -> float:
    began = page.evaluate(WATCH_JS)
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    page.locator("[data-testid='stMain'] h1", has_text=title).wait_for(timeout=180_000)
    return until_quiet(page, began)


def time_pages(base: str, page: Page, db: str) -> dict[str, tuple[float, float]]:
    page.goto(f"{base}/?db={db}&run=1")
    settled(page)
    times = {}
    for title in PAGES:
        first = visit(page, title)
        visit(page, "Run" if title != "Run" else "Map")
        times[title] = (first, visit(page, title))
    return times


def map_step_times(base: str, page: Page, steps: list[int]) -> dict[int, float]:
    """Seconds from moving the map's step slider one step on from ``step`` until the new
    map is drawn."""
    out = {}
    for step in steps:
        page.goto(f"{base}/map?db=runs/long.db&run=1&step={step}")
        settled(page)
        slider = page.locator("[data-testid='stSlider']", has_text="step").last.locator("input[type=range]")
        began = page.evaluate(WATCH_JS)
        slider.press("ArrowRight")
        page.wait_for_function("s => { const gd = document.querySelector('.js-plotly-plot');"
                               " return !!(gd && gd.layout && gd.layout.title.text.includes(s)); }",
                               arg=f"step {step + 1} ", timeout=120_000)
        out[step] = until_quiet(page, began)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--long", type=int, default=320, help="steps of the long run for map playback")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the runs in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_dashboard_"))
    build(folder, args.npcs, args.steps, args.long)
    with dashboard([], folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        crowd = time_pages(base, page, "runs/crowd.db")
        small = time_pages(base, page, "runs/harbor.db")
        print("\npage render time, seconds (first visit / cached), on a loaded machine")
        print(f"{'page':<15}{args.npcs:>6} NPCs first  cached{'9 NPCs first':>16}  cached")
        for title in PAGES:
            (c1, c2), (s1, s2) = crowd[title], small[title]
            print(f"{title:<15}{c1:>17.2f}{c2:>8.2f}{s1:>16.2f}{s2:>8.2f}")
        worst = max(max(v) for v in crowd.values())
        print(f"slowest page at {args.npcs} NPCs: {worst:.2f} s (goal <= 3 s)")
        starts = [10, args.long // 2, args.long - 5]
        moves = map_step_times(base, page, starts * 2)
        print("\nmap: one step on with the slider, early vs late in a long run, seconds")
        for step in starts:
            print(f"  from step {step:>4} to {step + 1:>4}: {moves[step]:.2f}")
        browser.close()
    print(f"\nruns kept in {folder}")


if __name__ == "__main__":
    main()
