"""The dashboard in a real headless Chromium, used as people use it: one live world seen
from several tabs, a run being written refreshing by itself, playback on the map, directing
with feedback, fork and compare, the prompt viewer, and nothing fetched from another host.

One server for the module (``simverse dashboard harbor_town`` in a folder whose ``runs/``
holds a stored scripted run, an LLM-brain run and a foreign SQLite file). Every request the
browser makes is recorded; each test checks that all of them went to the dashboard.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dashboard_helpers import build_llm_run_db, run_db_fixture

from simverse.dashboard.serve import CHROMIUM, CHROMIUM_ARGS, SETTLED_JS, dashboard

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"),
]
dashboard_run_db = run_db_fixture()
LIVE = re.compile(r"live world: run (\d+) · step (\d+)")
WRITER = """
import sys, time
from simverse.world.model import World
world = World("harbor_town", seed=2, db=sys.argv[1], embedder="hashing")
for _ in range(80):
    world.step()
    time.sleep(0.4)
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, dashboard_run_db) -> Path:
    root = tmp_path_factory.mktemp("site")
    runs = root / "runs"
    runs.mkdir()
    shutil.copy(dashboard_run_db, runs / "harbor.db")
    build_llm_run_db(runs)
    foreign = sqlite3.connect(runs / "foreign.db")
    foreign.execute("CREATE TABLE notes (body TEXT)")
    foreign.commit()
    foreign.close()
    return root


@pytest.fixture(scope="module")
def site(workspace):
    args = ["harbor_town", "--seed", "1", "--db", "runs/live.db", "--embedder", "hashing"]
    with dashboard(args, workspace, log=workspace / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, site):
    """A fresh browser context; ``tab.requests`` is every URL it asked for."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("pageerror", lambda e: print("PAGEERROR", e))
    page.on("console", lambda m: print("CONSOLE", m.type, m.text[:500]) if m.type == "error" else None)
    page.requests = requests
    page.goto(site)
    settle(page)
    yield page
    context.close()
    foreign = [u for u in requests if not u.startswith(site) and not u.startswith(("data:", "blob:"))]
    assert not foreign, f"requests left the machine: {foreign}"


def settle(page, timeout: float = 90_000) -> None:
    """Wait until the page is drawn and stays so for a moment (the sidebar's refresh
    fragment runs every few seconds, so one quiet instant is not enough)."""
    try:
        page.wait_for_timeout(300)
        page.wait_for_function(SETTLED_JS, timeout=timeout, polling=200)
        page.wait_for_timeout(500)
        page.wait_for_function(SETTLED_JS, timeout=timeout, polling=200)
    except Exception:
        print("UNSETTLED", page.url, page.evaluate(DIAGNOSE_JS))
        page.screenshot(path="/tmp/unsettled.png", full_page=True)
        raise


DIAGNOSE_JS = """() => [!!document.querySelector('[data-testid="stStatusWidget"] button'),
  document.querySelector('[data-testid="stMain"] h1') && document.querySelector('[data-testid="stMain"] h1').innerText,
  [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => !!c.querySelector('.main-svg')).join(''),
  [...document.querySelectorAll('[data-testid="stCode"]')].map(c => c.innerText.length).join(',')]"""


def shows(page, text: str, timeout: float = 60_000) -> None:
    """Wait until the main area shows ``text``."""
    from playwright.sync_api import expect

    expect(page.locator("[data-testid='stMain']")).to_contain_text(text, timeout=timeout)


def go(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    page.locator("[data-testid='stMain'] h1", has_text=title).wait_for(timeout=60_000)
    settle(page)


def live_step(page) -> tuple[int, int]:
    caption = page.locator("[data-testid='stSidebar']").get_by_text(LIVE).inner_text()
    run, step = LIVE.search(caption).groups()
    return int(run), int(step)


def wait_until(check, timeout: float = 90, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def show_stored(page, db: str) -> None:
    """Pick ``db`` in the sidebar's stored-run picker."""
    page.locator("[data-testid='stSidebar']").get_by_text("stored run", exact=True).click()
    settle(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=db, exact=True).click()
    settle(page)
    picked = selected(page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first)
    assert picked == db, f"the picker shows {picked}"


def selected(box) -> str:
    """The value shown in a selectbox, once it is drawn (a page opened from another draws its
    widgets after its title; on a loaded 2-core machine that has taken over 30 seconds)."""
    return box.locator("input").input_value(timeout=90_000)


def chart_js(page, index: int, body: str):
    return page.evaluate(f"() => {{ const gd = document.querySelectorAll('.js-plotly-plot')[{index}]; {body} }}")


def annotations(page) -> list[str]:
    """The texts of the map's annotations (speech bubbles, the corner notes) as drawn now."""
    return chart_js(page, 0, "return gd && gd.layout ? (gd.layout.annotations || []).map(a => a.text) : [];")


def click_point(page, index: int, trace: str, point: int = 0) -> None:
    """Click a point of a Plotly chart, as a person would."""
    chart_js(page, index, "gd.scrollIntoView({block: 'center'}); return null;")
    page.wait_for_timeout(300)
    x, y = chart_js(page, index, f"""
        const t = gd.data.findIndex(d => d.name === {trace!r});
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
        return [r.left + xa._offset + xa.l2p(gd.data[t].x[{point}]),
                r.top + ya._offset + ya.l2p(gd.data[t].y[{point}])];
    """)
    page.mouse.click(x, y)


def test_every_tab_and_reload_shows_the_one_live_world_with_shared_controls(browser, tab, site):
    tab.get_by_role("button", name="Step 1", exact=True).click()
    wait_until(lambda: live_step(tab)[1] >= 1, what="the first step")
    other = tab.context.new_page()
    other.goto(site)
    settle(other)
    assert live_step(other)[0] == live_step(tab)[0] == 1
    tab.reload()
    settle(tab)
    assert live_step(tab)[0] == 1, "a reload shows the same run, not a new one"
    other.get_by_role("button", name="Run until paused").click()
    go(tab, "Map")
    first = live_step(tab)[1]
    wait_until(lambda: live_step(tab)[1] >= first + 3, what="steps while another page is open")
    other.get_by_role("button", name="Pause", exact=True).click()
    wait_until(lambda: "paused" in other.locator("[data-testid='stSidebar']").inner_text(), what="the pause")
    paused = live_step(other)[1]
    wait_until(lambda: live_step(tab)[1] == paused, timeout=30, what="the map page's sidebar to catch up")
    time.sleep(3)
    assert live_step(tab)[1] == paused == live_step(other)[1], "Pause from another tab stopped the shared world"


def test_a_run_being_written_refreshes_by_itself(tab, workspace):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, "runs/growing.db"], cwd=workspace)
    try:
        wait_until(lambda: (workspace / "runs" / "growing.db").exists(), what="the writer's database")
        time.sleep(6)  # the picker re-lists runs/ every few seconds
        tab.reload()
        settle(tab)
        show_stored(tab, "runs/growing.db")
        label = tab.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(1)
        steps = lambda: int(re.search(r"(\d+) steps", selected(label)).group(1))  # noqa: E731
        before = steps()
        wait_until(lambda: steps() >= before + 3, what="the page to follow the writer without a click")
    finally:
        writer.terminate()
        writer.wait(timeout=30)


def test_the_map_plays_back_with_bubbles_and_a_click_opens_the_npc(tab):
    show_stored(tab, "runs/harbor.db")
    go(tab, "Map")
    slider = tab.locator("[data-testid='stSlider']", has_text="step").last.locator("input[type=range]")
    slider.focus()
    slider.press("Home")
    settle(tab)
    tab.get_by_role("button", name="Play", exact=True).click()
    bubbles: set[str] = set()

    def moving() -> bool:
        bubbles.update(t for t in annotations(tab) if ": " in t)
        return int(slider.input_value()) >= 6

    wait_until(moving, what="playback to reach step 6")
    tab.get_by_role("button", name="Pause", exact=True).click()
    settle(tab)
    assert any(re.match(r"^\w+: .+", b) for b in bubbles), bubbles
    step = int(slider.input_value())
    npc = chart_js(tab, 0, "return gd.data.find(d => d.name === 'NPCs').ids[0];")
    click_point(tab, 0, "NPCs")
    tab.locator("[data-testid='stMain'] h1", has_text="NPCs").wait_for(timeout=60_000)
    shows(tab, f"State at step {step}")
    assert selected(tab.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first) == npc


def test_directions_show_queued_then_applied_or_refused(tab):
    go(tab, "Talk & direct")
    tab.get_by_role("tab", name="Direct the scene").click()
    tab.get_by_label("what happens").fill("A whale is seen off the lighthouse.")
    tab.get_by_role("button", name="Inject event (fires at the next step)").click()
    settle(tab)
    tab.get_by_label("scene command").fill("a storm rolls in over the harbour")
    tab.get_by_role("button", name="Give the command (read at the next step)").click()
    settle(tab)
    tab.get_by_role("button", name="Inject event (fires at the next step)").click()
    settle(tab)
    shows(tab, "refused: inject: describe the event (the text is empty)")
    shows(tab, "⌛ queued · injected 'A whale is seen off the lighthouse.'")
    shows(tab, "⌛ queued · scene 'a storm rolls in over the harbour'")
    shows(tab, "✗ refused · injected ''")
    go(tab, "Map")
    corner = " ".join(annotations(tab))
    assert "⌛ queued injected: A whale is seen" in corner and "⌛ queued scene: a storm rolls in" in corner
    go(tab, "Events")
    shows(tab, "⌛ queued · injected 'A whale is seen off the lighthouse.'")
    go(tab, "Run")
    tab.get_by_role("button", name="Step 1", exact=True).click()
    shows(tab, "✓ applied · scene 'a storm rolls in over the harbour'")
    go(tab, "Events")
    shows(tab, "✓ applied · injected 'A whale is seen off the lighthouse.' · step ")
    shows(tab, "· injected · A whale is seen off the lighthouse.")
    go(tab, "Map")
    icons = chart_js(tab, 0, "return gd.data.find(d => d.name === 'icons').text;")
    assert any("⚡" in text for text in icons), "the storm is on the map at the harbour"


def test_fork_from_the_event_log_and_compare_side_by_side(tab):
    go(tab, "Events")
    run = live_step(tab)[0]
    tab.get_by_role("button", name=re.compile(r"Fork at step \d+")).click()
    popover = tab.locator("[data-testid='stPopoverBody']")
    at = int(re.search(r"Fork at step (\d+)", tab.get_by_role("button", name=re.compile("Fork at step")).inner_text()
                       ).group(1))
    popover.get_by_label("inject an event into the fork (optional)").fill("A storm rolls in over the harbour.")
    popover.get_by_role("button", name="Fork and compare").click()
    tab.locator("[data-testid='stMain'] h1", has_text="Compare").wait_for(timeout=60_000)
    sidebar = tab.locator("[data-testid='stSidebar']")
    wait_until(lambda: "paused" in sidebar.inner_text(), timeout=180, what="the fork to run its steps")
    settle(tab)
    metrics = tab.locator("[data-testid='stMetric']").all_inner_texts()
    assert any(m.startswith("forked at step") and m.endswith(str(at)) for m in metrics), metrics
    main = tab.locator("[data-testid='stMain']")
    assert selected(main.locator("[data-testid='stSelectbox']", has_text="run B")).endswith(
        f"fork of run {run} at step {at}")
    shows(tab, "≠ ")
    assert live_step(tab)[0] == run + 1, "the fork is the live world now"


def test_the_prompt_viewer_reads_as_a_chat_and_filtered_words_stay_hidden(tab, workspace):
    show_stored(tab, "runs/hamlet_llm.db")
    go(tab, "Dialogue")
    with sqlite3.connect(workspace / "runs" / "hamlet_llm.db") as db:
        line = db.execute("SELECT CAST(json_extract(args, '$.dialogue') AS INTEGER) FROM events "
                          "WHERE kind = 'filtered' LIMIT 1").fetchone()[0]
        decision, npc, step = db.execute("SELECT id, npc, step FROM decisions WHERE status = 'defaulted' "
                                         "AND llm_call_ids != '[]' LIMIT 1").fetchone()
    main = tab.locator("[data-testid='stMain']")
    main.locator("[data-testid='stSelectbox']", has_text="line").click()
    tab.keyboard.type(f"[{line}]")
    tab.get_by_role("option", name=re.compile(rf"^\[{line}\]")).click()
    settle(tab)
    shows(tab, "blocked this line")
    assert "bastard" not in main.inner_text()
    messages = main.locator("[data-testid='stChatMessage']").all_inner_texts()
    roles = [next(w for w in m.splitlines() if w in ("system", "user", "assistant")) for m in messages]
    assert roles[:2] == ["system", "user"] and "in character" in messages[0]
    main.get_by_text("reveal text removed by the content filter").click()
    shows(tab, "bastard")
    base = tab.url.split("/dialogue")[0]
    go(tab, "NPCs")
    main.locator("[data-testid='stSelectbox']").first.click()
    tab.get_by_role("option", name=npc, exact=True).click()
    settle(tab)
    main.locator("[data-testid='stSelectbox']").first.click()
    tab.keyboard.type(npc)
    tab.keyboard.press("Enter")
    settle(tab)
    main.locator("[data-testid='stMultiSelect']", has_text="status").click()
    tab.keyboard.type("defaulted")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    settle(tab)
    first = selected(main.locator("[data-testid='stSelectbox']", has_text="read decision"))
    assert first.endswith("· defaulted"), first
    tab.goto(f"{base}/npcs?db=runs/hamlet_llm.db&run=1&npc={npc}&step={step}&decision={decision}")
    shows(tab, f"decision {decision} · step {step} · {npc} · mode ")
    assert "status defaulted" in main.inner_text()


def test_an_arrow_of_who_told_whom_opens_its_dialogue_line(tab, workspace):
    with sqlite3.connect(workspace / "runs" / "harbor.db") as db:
        told = db.execute("SELECT text FROM facts WHERE source LIKE 'dialogue:%' AND text != '' GROUP BY subject, "
                          "predicate, object ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    show_stored(tab, "runs/harbor.db")
    go(tab, "Knowledge")
    tab.locator("[data-testid='stMain'] [data-testid='stSelectbox']", has_text="fact").click()
    tab.keyboard.type(told[:40])
    tab.get_by_role("option", name=re.compile("^" + re.escape(told[:40]))).first.click()
    settle(tab)
    arrows = chart_js(tab, 1, "return (gd.data.find(d => d.name === 'dialogue lines').x || []).length;")
    assert arrows > 0, f"the graph of {told!r} has arrows"
    line = chart_js(tab, 1, "return gd.data.find(d => d.name === 'dialogue lines').customdata[0][1];")
    click_point(tab, 1, "dialogue lines")
    tab.locator("[data-testid='stMain'] h1", has_text="Dialogue").wait_for(timeout=60_000)
    settle(tab)
    picked = selected(tab.locator("[data-testid='stMain'] [data-testid='stSelectbox']", has_text="line"))
    assert picked.startswith(f"[{line}]")


def test_the_picker_offers_run_databases_only_and_leaves_other_files_alone(tab, workspace):
    foreign = workspace / "runs" / "foreign.db"
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    show_stored(tab, "runs/harbor.db")
    sidebar = tab.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").first.click()
    options = tab.get_by_role("option").all_inner_texts()
    tab.keyboard.press("Escape")
    assert "runs/harbor.db" in options and "runs/hamlet_llm.db" in options
    assert not any("foreign" in o for o in options)
    sidebar.get_by_text("file(s) not opened").click()
    assert "runs/foreign.db: not a simverse run database" in sidebar.inner_text()
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in foreign.parent.glob("foreign*")) == ["foreign.db"]
