"""Numeric options out of their meaning are refused by name before anything runs or is
written. Before, ``sweep --workers 0`` ran on one process while saying "0 local processes",
``run --seed -1`` said only "expected non-negative integer", a seed past 64 bits and
``dashboard --port 70000`` were tracebacks (the seed's after creating the database),
``compare --limit -1`` silently dropped each section's last row and ``play --turns -1``
returned at once; ``finetune --batch-size 0`` (or ``--grad-accum 0``, ``--lora-r 0``, a
negative ``--learning-rate``) was a traceback after making the output folder, and
``--max-steps -5`` ran as -1. A step count had no ceiling (``run --steps``, ``fork --steps``,
``stress --days`` and ``--seeds``): a slip ran for weeks. A run id or ``inspect`` step past what SQLite holds was an
OverflowError traceback from the driver."""

from __future__ import annotations

import pytest
import tomli_w
from typer.testing import CliRunner

from simverse.cli.app import UserError, app
from simverse.core.clock import MAX_STEPS
from simverse.core.seeds import MAX_SEED
from simverse.core.state import MAX_INT
from simverse.experiments.stress import MAX_STRESS_SEEDS, stress
from simverse.experiments.sweep_config import SweepConfigError, load_sweep
from simverse.store.run_store import RunNotFound
from simverse.world.model import World

TOO_BIG = str(MAX_SEED + 1)
TOO_MANY = str(MAX_STEPS + 1)


@pytest.mark.parametrize(("args", "option", "allowed"), [
    (["sweep", "{dir}/s.toml", "--workers", "0"], "--workers", "greater than or equal to 1"),
    (["sweep", "{dir}/s.toml", "--workers", "-3"], "--workers", "greater than or equal to 1"),
    (["run", "harbor_town", "--seed", "-1"], "--seed", "greater than or equal to 0"),
    (["run", "harbor_town", "--seed", TOO_BIG], "--seed", f"less than or equal to {MAX_SEED}"),
    (["run", "harbor_town", "--steps", "-1"], "--steps", "greater than or equal to 0"),
    (["dashboard", "harbor_town", "--port", "70000"], "--port", "less than or equal to 65535"),
    (["dashboard", "harbor_town", "--port", "0"], "--port", "greater than or equal to 1"),
    (["dashboard", "harbor_town", "--seed", "-2"], "--seed", "greater than or equal to 0"),
    (["compare", "{dir}/r.db", "1", "2", "--limit", "-1"], "--limit", "greater than or equal to 1"),
    (["play", "Nell", "--turns", "-1"], "--turns", "greater than or equal to 0"),
    (["fork", "{dir}/r.db", "--at", "1", "--steps", "-1"], "--steps", "greater than or equal to 0"),
    (["run", "harbor_town", "--steps", TOO_MANY], "--steps", f"less than or equal to {MAX_STEPS}"),
    (["run", "--resume", "{dir}/r.db", "--steps", TOO_MANY], "--steps", f"less than or equal to {MAX_STEPS}"),
    (["fork", "{dir}/r.db", "--at", "1", "--steps", TOO_MANY], "--steps", f"less than or equal to {MAX_STEPS}"),
    (["stress", "harbor_town", "--seeds", str(MAX_STRESS_SEEDS + 1)], "--seeds",
     f"less than or equal to {MAX_STRESS_SEEDS}"),
    (["stress", "harbor_town", "--days", "0"], "--days", "greater than or equal to 1"),
    (["generate", "a den", "--out", "{dir}/w", "--seed", "-1"], "--seed", "greater than or equal to 0"),
    (["generate", "a den", "--out", "{dir}/w", "--seed", TOO_BIG], "--seed", f"less than or equal to {MAX_SEED}"),
    *((["finetune", "{dir}", "--base", "b", "--out", "{dir}/o", option, "0"], option, "greater than or equal to 1")
      for option in ("--batch-size", "--grad-accum", "--lora-r", "--lora-alpha", "--max-length", "--save-steps")),
    (["finetune", "{dir}", "--base", "b", "--out", "{dir}/o", "--epochs", "-1"], "--epochs",
     "greater than or equal to 0"),
    (["finetune", "{dir}", "--base", "b", "--out", "{dir}/o", "--max-steps", "-5"], "--max-steps",
     "greater than or equal to -1"),
    (["finetune", "{dir}", "--base", "b", "--out", "{dir}/o", "--learning-rate", "-1"], "--learning-rate",
     "greater than or equal to 0"),
])
def test_a_number_out_of_range_is_refused_by_name_and_writes_nothing(tmp_path, args, option, allowed):
    args = [a.replace("{dir}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(app, [*args, "--db", str(tmp_path / "r.db")] if args[0] == "run" else args,
                                env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}': Input should be {allowed}" in " ".join(result.output.split())
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--epochs", "0", "--epochs must be above 0 (or give --max-steps)"),
    ("--max-steps", "0", "--max-steps must be -1 (the epochs decide) or at least 1, not 0"),
    ("--learning-rate", "0", "--learning-rate must be above 0"),
    ("--epochs", "inf", "--epochs must be a finite number, not inf"),
    ("--learning-rate", "inf", "--learning-rate must be a finite number, not inf"),
    ("--prompt-loss-epochs", "inf", "--prompt-loss-epochs must be a finite number, not inf"),
    ("--prompt-loss-epochs", "nan", "--prompt-loss-epochs must be a finite number, not nan"),
])
def test_a_finetune_that_could_not_train_is_refused_before_the_model_loads(tmp_path, option, value, said):
    """Before, these trained 0 steps and wrote the base model back with a report, as if trained
    (an infinite --epochs or --prompt-loss-epochs trained forever, inf or nan taken as given);
    a batch size or gradient accumulation of 0 and a negative learning rate were tracebacks
    after the output folder was made."""
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["finetune", str(tmp_path), "--base", "no-such-model", "--out", str(out),
                                      option, value])
    assert str(result.exception) == said and not out.exists()


def test_a_sweep_seed_past_64_bits_is_refused_at_load_naming_the_field(tmp_path):
    path = tmp_path / "s.toml"
    for seeds in (f"[1, {TOO_BIG}]", TOO_BIG):
        path.write_text(f'name = "s"\nworld = "harbor_town"\nsteps = 1\nseeds = {seeds}\n', encoding="utf-8")
        with pytest.raises(SweepConfigError, match=r"s\.toml: seeds"):
            load_sweep(path)


@pytest.mark.parametrize(("args", "run"), [
    (["inspect", "{db}", "--run", TOO_BIG], TOO_BIG),
    (["fork", "{db}", "--at", "1", "--run", TOO_BIG], TOO_BIG),
    (["run", "--resume", "{db}", "--run-id", TOO_BIG, "--steps", "1"], TOO_BIG),
    (["knowledge", "who-knows", "{db}", "a|b|c", "--run", TOO_BIG], TOO_BIG),
    (["predict", "{db}", "a storm", "--run", f"-{TOO_BIG}0"], f"-{TOO_BIG}0"),
])
def test_a_run_id_no_sqlite_integer_holds_is_no_run(tmp_path, args, run):
    """Before, an OverflowError traceback from the SQLite driver."""
    db = tmp_path / "r.db"
    World("harbor_town", seed=1, db=str(db), embedder="hashing").close()
    result = CliRunner().invoke(app, [str(db) if a == "{db}" else a for a in args])
    assert isinstance(result.exception, RunNotFound) and str(result.exception) == f"{db}: has no run {run}"


@pytest.mark.parametrize("option", ["--from-step", "--to-step"])
def test_an_inspect_step_past_sqlite_integers_is_refused_by_name(tmp_path, option):
    result = CliRunner().invoke(app, ["inspect", str(tmp_path / "r.db"), "--run", "1", option, TOO_BIG],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': Input should be less than or equal to {MAX_INT}" in " ".join(
        result.output.split())


def test_stress_days_past_max_steps_are_refused_for_any_world_before_the_first_runs(tiny, tmp_path):
    """The steps of a day depend on a world's minutes per step: 200 days are 9600 steps of
    harbor_town but 288,000 of a world of one minute a step; every world is checked first."""
    tiny["environment"]["minutes_per_step"] = 1
    (tmp_path / "world.toml").write_text(tomli_w.dumps(tiny), encoding="utf-8")
    days = str(MAX_STEPS // 1440 + 1)
    result = CliRunner().invoke(app, ["stress", "harbor_town", str(tmp_path / "world.toml"), "--days", days])
    assert isinstance(result.exception, UserError) and "harbor_town" not in result.output
    assert str(result.exception) == f"--days {days}: {int(days) * 1440} steps of tiny (1 min a step); the " \
                                    f"limit is {MAX_STEPS} steps"
    with pytest.raises(ValueError, match=r"^days 0: give 1 day or more$"):
        stress("harbor_town", days=0)
