"""Reports (HTML + CSV + Parquet) of a sweep, and world generation from the command line."""

from __future__ import annotations

import pandas as pd
import pytest
from sweep_helpers import simverse_cli, write_sweep_file
from typer.testing import CliRunner

from simverse.authoring.content_generation import MAX_PROMPT_CHARS, generate_world_files
from simverse.cli.app import UserError, app
from simverse.core.content_filter import ContentFilter
from simverse.core.llm_protocol import LLMResponse
from simverse.core.loader import load_world
from simverse.experiments.sweep import run_sweep
from simverse.experiments.sweep_config import load_sweep


@pytest.fixture
def swept(tmp_path, hamlet_file):
    config = load_sweep(write_sweep_file(tmp_path / "rep.toml", hamlet_file,
                                         {"npcs.*.sociability": [0.0, 1.0], "settings.conversation_turns": [2, 99]}))
    run_sweep(config, root=tmp_path, workers=2)
    return tmp_path / "rep.db"


def test_report_writes_html_csv_and_parquet_with_metric_and_series_columns(tmp_path, swept):
    result = simverse_cli("report", str(swept), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    cells = pd.read_parquet(tmp_path / "out" / "cells.parquet")
    series = pd.read_parquet(tmp_path / "out" / "series.parquet")
    assert len(cells) == 4 and sorted(cells["status"]) == ["failed", "failed", "finished", "finished"]
    for column in ("setting", "seed", "run_id", "npcs.*.sociability", "conversations", "final_share_mean",
                   "steps_to_k[well|is|dry]", "false_beliefs", "network_density", "invalid_output_rate", "llm_calls"):
        assert column in cells.columns
    for column in ("setting", "seed", "step", "conversations", "tracked_share", "false_beliefs", "llm_calls"):
        assert column in series.columns
    assert len(series) == 2 * 5, "two finished cells, steps 0..4"
    assert list(pd.read_csv(tmp_path / "out" / "cells.csv").columns) == list(cells.columns)
    page = (tmp_path / "out" / "report.html").read_text()
    assert page.count("plotly.js v") == 1 and "<script src=" not in page, "one inline bundle, no CDN"
    assert "Failed cells" in page and "conversation_turns" in page and "tracked_share" in page


def test_report_by_unknown_name_is_a_one_line_error(tmp_path):
    result = simverse_cli("report", "no_such_sweep", cwd=tmp_path)
    assert result.returncode == 2 and "no such results database" in result.stdout


def test_generated_world_is_valid_and_runs(tmp_path):
    out = tmp_path / "monastery"
    made = simverse_cli("generate", "a mountain monastery with 10 monks and a hidden library", "--out", str(out),
                        "--seed", "4")
    assert made.returncode == 0, made.stdout + made.stderr
    spec = load_world(out)
    assert len(spec.npcs) == 10 and "hidden_library" in spec.place_ids()
    readme = (out / "README.md").read_text()
    assert all(n.name in readme for n in spec.npcs) and "## Places" in readme
    ran = simverse_cli("run", str(out), "--steps", "3", "--db", str(tmp_path / "m.db"), "--quiet",
                       "--embedder", "hashing")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "│ steps          │ 3" in ran.stdout


def test_generate_prints_what_the_content_filter_blocked(tmp_path):
    made = simverse_cli("generate", "a village of 4 shit farmers", "--out", str(tmp_path / "v"))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "blocked by the content filter" in made.stdout and "generator:prompt" in made.stdout
    assert "shit" not in (tmp_path / "v" / "world.toml").read_text()


class ProfaneBackend:
    """A backend whose world has a blocked word in a persona (the filter must catch it)."""

    name = "profane"

    def generate_batch(self, requests):
        world = {"name": "den", "title": "Den", "places": [{"id": "den", "name": "Den"}],
                 "npcs": [{"name": "Rex", "persona": "a bastard of a guard", "start_place": "den"}]}
        import json

        return [LLMResponse(text=json.dumps(world)) for _ in requests]


def test_llm_generation_screens_model_text_and_keeps_the_blocked_record(tmp_path):
    screen = ContentFilter()
    made = generate_world_files("a den with one guard", tmp_path / "den", seed=1, backend=ProfaneBackend(),
                                content_filter=screen)
    assert made.source.startswith("llm")
    assert [b.source for b in made.blocked] == ["generator:npcs[0].persona"]
    assert "bastard" not in (tmp_path / "den" / "world.toml").read_text()


@pytest.mark.parametrize(("prompt", "said"), [
    ("   ", "generate PROMPT: the prompt is empty; say what world to make"),
    ("a harbour town " * 300, f"generate PROMPT: the prompt has {len(('a harbour town ' * 300).strip())} characters; "
                              f"the limit is {MAX_PROMPT_CHARS}"),
    ("a den\x1b]0;pwned\x07", "generate PROMPT: the text holds a control character, U+001B at character 6; "
                             "give plain text"),
])
def test_a_prompt_that_is_empty_too_long_or_not_plain_text_is_refused_and_writes_nothing(tmp_path, prompt, said):
    """Before, an empty prompt made a world called ``village``, and any length went into the
    model's request."""
    out = tmp_path / "w"
    result = CliRunner().invoke(app, ["generate", prompt, "--out", str(out)])
    assert isinstance(result.exception, UserError) and str(result.exception) == said
    assert not out.exists()
    with pytest.raises(ValueError, match=r"^generate PROMPT: "):
        generate_world_files(prompt, out)
