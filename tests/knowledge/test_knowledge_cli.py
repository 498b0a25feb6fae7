"""``simverse knowledge export / who-knows / contradictions`` on a stored run."""

from __future__ import annotations

import pytest
from knowledge_fixtures import new_hamlet_world
from typer.testing import CliRunner

from simverse.cli import app
from simverse.core.loader import parse_world
from simverse.knowledge.export import facts_from_graph, read_graph
from simverse.world.model import World


@pytest.fixture
def hamlet_db(tmp_path) -> str:
    hamlet_world = new_hamlet_world()
    db = str(tmp_path / "hamlet.db")
    hamlet_world["npcs"][2]["knowledge"] = [{"subject": "bakery", "predicate": "is", "object": "dry"}]
    world = World(parse_world(hamlet_world, source="test"), seed=0, db=db, embedder="hashing")
    world.run(3)
    world.close()
    return db


def test_export_writes_the_graph_at_the_step(hamlet_db, tmp_path) -> None:
    out = tmp_path / "kg.json"
    result = CliRunner().invoke(app, ["knowledge", "export", hamlet_db, "--run", "1", "--step", "1",
                                      "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    facts = facts_from_graph(read_graph(out, "json"))
    assert {(f.holder, f.key) for f in facts} == {("world", "well|is|dry"), ("Ann", "well|is|dry"),
                                                  ("Bob", "well|is|dry"), ("Cid", "bakery|is|dry")}


def test_who_knows_prints_the_chain_of_tellers(hamlet_db) -> None:
    result = CliRunner().invoke(app, ["knowledge", "who-knows", hamlet_db, "--run", "1", "well|is|dry"])
    assert result.exit_code == 0, result.output
    assert "Bob: Ann [world_file] -(step 1, line 1)-> Bob" in result.output


def test_contradictions_lists_the_npcs_wrong_beliefs(hamlet_db) -> None:
    runner = CliRunner()
    cid = runner.invoke(app, ["knowledge", "contradictions", hamlet_db, "--run", "1", "--npc", "Cid", "--step", "0"])
    assert cid.exit_code == 0, cid.output
    assert "1 contradiction(s)" in cid.output and "unfounded" in cid.output and "bakery|is|dry" in cid.output
    bob = runner.invoke(app, ["knowledge", "contradictions", hamlet_db, "--run", "1", "--npc", "Bob"])
    assert "0 contradiction(s)" in bob.output, "the world holds both 'dry' and 'full'"


def test_bad_input_is_one_clear_error(hamlet_db) -> None:
    runner = CliRunner()
    bad_key = runner.invoke(app, ["knowledge", "who-knows", hamlet_db, "well-is-dry"])
    assert bad_key.exit_code != 0 and "subject|predicate|object" in str(bad_key.exception)
    bad_npc = runner.invoke(app, ["knowledge", "contradictions", hamlet_db, "--npc", "Zed"])
    assert "no such NPC" in str(bad_npc.exception)
    bad_step = runner.invoke(app, ["knowledge", "export", hamlet_db, "--step", "99", "--out", "x.graphml"])
    assert "steps 0..3" in str(bad_step.exception)


def test_export_leaves_an_existing_file_alone_without_force(hamlet_db, tmp_path) -> None:
    """Before, ``--out`` replaced whatever was there: ``--out runs/x.db`` destroyed a run database."""
    runner = CliRunner()
    kept = tmp_path / "kept.db"
    kept.write_bytes(b"precious")
    result = runner.invoke(app, ["knowledge", "export", hamlet_db, "--out", str(kept)])
    assert str(result.exception) == f"--out {kept}: exists (use --force to overwrite)"
    assert kept.read_bytes() == b"precious"
    assert str(runner.invoke(app, ["knowledge", "export", hamlet_db, "--out", str(tmp_path)]).exception) == \
        f"--out {tmp_path}: a directory"
    forced = runner.invoke(app, ["knowledge", "export", hamlet_db, "--out", str(kept), "--force"])
    assert forced.exit_code == 0 and kept.read_text(encoding="utf-8").startswith("<?xml")


def test_inspect_names_the_npcs_when_the_npc_is_unknown(hamlet_db) -> None:
    """Before, an unknown ``--npc`` printed an empty transcript, as if the NPC had said nothing."""
    result = CliRunner().invoke(app, ["inspect", hamlet_db, "--run", "1", "--npc", "Zed"])
    assert str(result.exception) == "--npc 'Zed': run 1 has no such NPC (NPCs: Ann, Bob, Cid)"
