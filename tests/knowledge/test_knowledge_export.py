"""Export of the graph at a step, loaded back by plain networkx."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from knowledge_fixtures import new_rumour_graph

from simverse.knowledge.export import facts_from_graph, read_graph, write_graph


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_export_round_trips_the_facts_valid_at_the_step(tmp_path, fmt) -> None:
    rumour_graph = new_rumour_graph()
    rumour_graph.register_entities({"place": ["well"], "concept": ["dry", "full"]})
    path = tmp_path / f"kg.{fmt}"
    write_graph(rumour_graph, path, fmt, step=3)
    loaded = read_graph(path, fmt)
    expected = sorted((f for f in rumour_graph.facts.values() if f.holds_at(3)), key=lambda f: f.id)
    assert [f.holder for f in expected] == ["world", "Ann", "Bob", "Cid"]
    assert facts_from_graph(loaded) == expected
    assert loaded.nodes["well"]["kind"] == "place"


def test_graphml_and_json_load_with_plain_networkx_calls(tmp_path) -> None:
    rumour_graph = new_rumour_graph()
    write_graph(rumour_graph, tmp_path / "kg.graphml", "graphml", step=5)
    write_graph(rumour_graph, tmp_path / "kg.json", "json", step=5)
    from_xml = nx.read_graphml(tmp_path / "kg.graphml", force_multigraph=True, edge_key_type=int)
    from_json = nx.node_link_graph(json.loads((tmp_path / "kg.json").read_text()), edges="edges")
    for graph in (from_xml, from_json):
        assert sorted((u, v, d["holder"]) for u, v, d in graph.edges(data=True)) == [
            ("well", "dry", "Bob"), ("well", "dry", "Cid"), ("well", "full", "Ann"), ("well", "full", "world"),
        ]
    assert "valid_to" not in next(iter(from_xml.edges(data=True)))[2], "None is left out, not written as text"

