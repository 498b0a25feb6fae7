"""Datasets from stored runs: the scripted brain's exact prompts rebuilt, filters, and a split
in which no test example shares a step (or a prompt) with training."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest
from sqlalchemy import select

from simverse.finetune.dataset import DatasetOptions, build_dataset
from simverse.finetune.evaluation import schema_valid
from simverse.finetune.rebuild import rebuild_run
from simverse.finetune.split import Lineage, prompt_key, split_examples
from simverse.llm.prompts import decision_messages
from simverse.store.models import DecisionRow
from simverse.store.prompt_texts import full_requests
from simverse.store.run_store import RunStore, db_url
from tests.finetune.conftest import FORK_AT, STEPS


def _decisions(db) -> dict[tuple[int, int], DecisionRow]:
    store = RunStore(db_url(str(db)))
    with store.session() as session:
        rows = session.scalars(select(DecisionRow)).all()
    store.close()
    return {(r.run_id, r.id): r for r in rows}


def test_scripted_decisions_become_the_prompt_the_llm_brain_would_be_sent(runs_db):
    train, test, meta = build_dataset(str(runs_db), DatasetOptions(runs=[1, 2], test_fraction=0.3))
    stored = _decisions(runs_db)
    examples = train + test
    assert sum(r["rebuilt"] for r in meta["runs"]) == len({(e["run_id"], e["decision_id"]) for e in examples}) \
        + meta["split"]["duplicates_dropped"] + meta["split"]["shared_prompts_dropped"]
    assert {r["diverged_at"] for r in meta["runs"]} == {None}
    for example in examples:
        row = stored[(example["run_id"], example["decision_id"])]
        answer = json.loads(example["messages"][-1]["content"])
        assert (answer["action"], answer["args"], answer["utterance"]) == (row.action, row.args, row.utterance)
        assert example["messages"][0]["role"] == "system" and row.npc in example["messages"][1]["content"]
        assert example["source"] == "rebuilt" and example["brain"] == "scripted"
        assert schema_valid(example["messages"][-1]["content"], example["json_schema"]), example
    assert {e["mode"] for e in examples} == {"act", "reply"}


def test_the_rebuilt_request_renders_to_the_stored_run_and_a_changed_row_is_caught(runs_db, tmp_path):
    store = RunStore(db_url(str(runs_db)))
    run = store.run(2)
    rebuilt = rebuild_run(store, str(runs_db), run)
    assert rebuilt.steps == STEPS and rebuilt.diverged_at is None and not rebuilt.error
    request, _decision = rebuilt.pairs[min(rebuilt.pairs)]
    user = decision_messages(request)[1].content
    assert request.npc in user and request.persona in user
    store.close()
    copy = tmp_path / "edited.db"
    with sqlite3.connect(runs_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE decisions SET action = 'wait', args = '{}' WHERE run_id = 2 AND step = 3 "
                    "AND action != 'wait'")
    train, test, meta = build_dataset(str(copy), DatasetOptions(runs=[2]))
    report = meta["runs"][0]
    assert report["diverged_at"] == 3
    assert max(e["step"] for e in train + test) < 3
    assert report["skipped"]["not rebuilt (re-run diverged or failed)"] > 0


def test_split_by_step_never_puts_a_step_on_both_sides(runs_db):
    train, test, meta = build_dataset(str(runs_db), DatasetOptions(test_fraction=0.4, seed=3))
    assert train and test
    train_groups = {tuple(e["split_group"]) for e in train}
    assert not train_groups & {tuple(e["split_group"]) for e in test}
    assert not {prompt_key(e) for e in train} & {prompt_key(e) for e in test}
    # the fork repeats its parent up to the fork step: those steps count as the parent's
    fork_rows = [e for e in train + test if e["run_id"] == 3]
    assert fork_rows and all(e["split_group"][0] == (1 if e["step"] <= FORK_AT else 3) for e in fork_rows)
    assert meta["split"]["duplicates_dropped"] > 0
    assert {r["run"]: r["diverged_at"] for r in meta["runs"]} == {1: None, 2: None, 3: None}


def test_held_out_runs_and_run_split_keep_runs_whole(runs_db):
    train, test, _ = build_dataset(str(runs_db), DatasetOptions(runs=[1, 2], test_runs=[2]))
    assert {e["run_id"] for e in test} == {2} and 2 not in {e["run_id"] for e in train}
    train, test, _ = build_dataset(str(runs_db), DatasetOptions(runs=[1, 2], split_by="run", test_fraction=0.5))
    assert len({e["run_id"] for e in test}) == 1
    assert not {e["run_id"] for e in test} & {e["run_id"] for e in train}


def test_filters_choose_npcs_brains_and_successful_outcomes(runs_db):
    train, test, _ = build_dataset(str(runs_db), DatasetOptions(runs=[1], npcs=["Cid"]))
    assert {e["npc"] for e in train + test} == {"Cid"}
    train, test, meta = build_dataset(str(runs_db), DatasetOptions(runs=[1], succeeded_only=True))
    assert all(e["succeeded"] for e in train + test)
    assert meta["runs"][0]["skipped"].get("outcome failed", 0) > 0
    train, test, meta = build_dataset(str(runs_db), DatasetOptions(runs=[1], brains=["openai"]))
    assert not train and not test and meta["runs"][0]["skipped"]["brain"] == meta["runs"][0]["decisions"]


def test_split_groups_follow_fork_lineage():
    lineage = Lineage({5: (2, 4), 9: (5, 6)})
    assert lineage.group(9, 3) == (2, 3) and lineage.group(9, 5) == (5, 5) and lineage.group(9, 7) == (9, 7)
    assert lineage.root(9) == 2
    rows = [{"run_id": r, "step": s, "messages": [{"role": "user", "content": f"{r}/{s}"},
                                                  {"role": "assistant", "content": "{}"}]}
            for r in (2, 5, 9) for s in range(1, 9)]
    train, test, report = split_examples(rows, lineage, fraction=0.5, seed=1)
    sides = Counter()
    for side, examples in (("train", train), ("test", test)):
        for e in examples:
            sides[tuple(e["split_group"])] = sides.get(tuple(e["split_group"]), set()) | {side}
    assert all(len(v) == 1 for v in sides.values()) and report.train + report.test == len(rows)
    with pytest.raises(ValueError, match="test fraction"):
        split_examples(rows, lineage, fraction=1.0)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "simverse.cli", *args], capture_output=True, text=True,
                          timeout=600)


def test_dataset_command_writes_jsonl_and_the_datasets_format(runs_db, tmp_path):
    from datasets import load_from_disk

    out = tmp_path / "ds"
    result = _cli("dataset", str(runs_db), "--run", "1", "--run", "2", "--test-run", "2", "--out", str(out),
                  "--quiet")
    assert result.returncode == 0, result.stderr
    assert "rebuilt" in result.stdout
    data = load_from_disk(str(out / "hf"))
    lines = (out / "train.jsonl").read_text().splitlines()
    assert len(lines) == len(data["train"]) > 0 and len(data["test"]) > 0
    assert json.loads(lines[0])["messages"] == data["train"][0]["messages"]
    assert json.loads((out / "meta.json").read_text())["format"] == "simverse-decisions/1"
    missing = _cli("dataset", str(tmp_path / "nope.db"), "--out", str(out))
    assert missing.returncode == 2 and missing.stdout.strip().startswith("error:")
    assert "Traceback" not in missing.stdout + missing.stderr


def test_a_model_run_gives_recorded_prompts_that_the_rebuild_reproduces(tiny_model_dir, tmp_path):
    from simverse.core.loader import parse_world
    from simverse.store.llm_models import LLMCall
    from simverse.world.model import World
    from tests.finetune.conftest import hamlet_spec

    world_file = hamlet_spec().model_dump(mode="json")
    world_file["events"] = [{"at_step": 1, "description": "A bell rings."},
                            {"at_step": 2, "description": "A cart rattles past."}]
    db = tmp_path / "model.db"
    world = World(parse_world(world_file), seed=5, db=str(db), llm=f"transformers:{tiny_model_dir}", memory=False)
    world.run(2)
    world.close()
    store = RunStore(db_url(str(db)))
    with store.session() as session:
        found = session.scalars(select(LLMCall)).all()
        requests = full_requests(session, [c.request_json for c in found])
        calls = {c.id: r["messages"] for c, r in zip(found, requests, strict=True)}
        rows = session.scalars(select(DecisionRow)).all()
    rebuilt = rebuild_run(store, str(db), store.run(1))
    assert rebuilt.diverged_at is None and not rebuilt.error
    asked = [r for r in rows if r.llm_call_ids]
    assert asked, "the events should make the NPCs ask their model"
    for row in asked:
        request, _ = rebuilt.pairs[row.id]
        assert [[m.role, m.content] for m in decision_messages(request)] == calls[row.llm_call_ids[0]]
    store.close()
    train, _test, meta = build_dataset(str(db), DatasetOptions(test_fraction=0.0))
    report = meta["runs"][0]
    assert report["recorded"] + report["rebuilt"] == len(train)
    by_id = {r.id: r for r in rows}
    for example in train:
        row = by_id[example["decision_id"]]
        assert example["source"] == ("recorded" if row.llm_call_ids else "rebuilt")
        assert example["brain"] == ("scripted" if not row.llm_call_ids else f"transformers:{tiny_model_dir}")


@pytest.mark.parametrize(("options", "said"), [
    (["--npc", "Nobody"], "no decision matched the filters"),
    (["--test-run", "99"], "--test-run 99: not among the runs used (1, 2, 3)"),
    (["--run", "1", "--test-run", "2"], "--test-run 2: not among the runs used (1)"),
])
def test_a_dataset_of_nothing_or_a_stray_test_run_is_refused_and_writes_nothing(runs_db, tmp_path, options, said):
    """Before, no matching decision was a traceback from the datasets library after
    train.jsonl and test.jsonl were written, and a test run that was not used split nothing
    out, so the whole data set trained and none tested."""
    from typer.testing import CliRunner

    from simverse.cli.app import UserError, app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["dataset", str(runs_db), "--out", str(out), "--quiet", *options])
    assert isinstance(result.exception, UserError) and str(result.exception).endswith(said)
    assert not out.exists()


def test_a_dataset_out_that_is_a_file_is_refused_before_any_run_is_rebuilt(runs_db, tmp_path):
    from typer.testing import CliRunner

    from simverse.cli.app import UserError, app

    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(app, ["dataset", str(runs_db), "--out", str(out)])
    assert isinstance(result.exception, UserError) and str(result.exception) == f"--out {out}: a file, not a directory"
    assert out.read_text(encoding="utf-8") == "keep me" and "re-running" not in result.output


def test_a_dataset_with_an_empty_test_split_is_written_and_reads_back(runs_db, tmp_path):
    """Before, ``--test-fraction 0`` (or a split leaving no test step) was a traceback from the
    datasets library, which cannot save an empty split, after the JSONL files were written."""
    from typer.testing import CliRunner

    from simverse.cli.app import app
    from simverse.finetune.sft_data import load_split

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["dataset", str(runs_db), "--out", str(out), "--run", "1", "--test-fraction",
                                      "0", "--quiet"])
    assert result.exit_code == 0, result.output
    assert load_split(out, "test") == [] and len(load_split(out, "train")) > 0
    assert (out / "meta.json").exists()
