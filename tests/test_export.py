"""graphkit export: every format written from the real-letter graph and read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.share.export import csv_paths, to_networkx, write_export
from graphkit.store.db import GraphStore, load_graph_file, open_store

SMALL = Path(__file__).parent / "data" / "small-themes.trig"


@pytest.fixture(scope="module")
def db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graphkit.store.build import build_store

    path = tmp_path_factory.mktemp("export") / "db"
    build_store([shared / "letters"], path, jobs=1)
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> GraphStore:
    return open_store(db, create=False)


@pytest.mark.parametrize("view", ["full", "people", "areas"])
def test_graphml_and_gexf_read_back(store: GraphStore, tmp_path: Path, view: str) -> None:
    G = to_networkx(store, view)
    assert G.number_of_nodes() > 50 and G.number_of_edges() > 50
    r = write_export(store, "graphml", view, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert (r.nodes, r.edges) == (G.number_of_nodes(), G.number_of_edges())
    write_export(store, "gexf", view, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    for _, d in G.nodes(data=True):  # flattened: every node has a readable label, a type and its IRI
        assert d["label"] and d["iri"] and "group" in d
        assert all(v is not None and not isinstance(v, (list, dict)) for v in d.values())


def test_full_view_keeps_facts_and_folds_quotes(store: GraphStore) -> None:
    G = to_networkx(store, "full")
    assert not any("/quote/" in n for n in G)  # quote nodes folded into what they support
    insp = next(n for n, d in G.nodes(data=True) if d["type"] == "gk:Revisit" and "middlesbrough" in n)
    d = G.nodes[insp]
    assert d["group"] == "inspection" and d["quote"] and d["source"] == "middlesbrough-revisit-2019-07.txt"
    doc = next(n for n, d in G.nodes(data=True) if d["type"] == "gk:RevisitLetter")
    assert "gk_text" not in G.nodes[doc] and G.nodes[doc]["gk_text_chars"] > 1000
    areas = [d["label"] for _, d in G.nodes(data=True) if d["group"] == "area"]
    assert "Middlesbrough" in areas


def test_cytoscape_and_node_link_read_back(store: GraphStore, tmp_path: Path) -> None:
    G = to_networkx(store, "full")
    write_export(store, "cytoscape", "full", tmp_path / "g.cyjs")
    back = nx.cytoscape_graph(json.loads((tmp_path / "g.cyjs").read_text(encoding="utf-8")))
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    write_export(store, "node-link", "full", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert (back.number_of_nodes(), back.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())


def test_dot_parses_with_pydot(store: GraphStore, tmp_path: Path) -> None:
    pydot = pytest.importorskip("pydot", reason="pydot (test extra) parses the DOT we write ourselves")
    G = to_networkx(store, "people")
    write_export(store, "dot", "people", tmp_path / "g.dot")
    (parsed,) = pydot.graph_from_dot_data((tmp_path / "g.dot").read_text(encoding="utf-8"))
    back = nx.nx_pydot.from_pydot(parsed)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()


def test_dot_quotes_awkward_text(tmp_path: Path) -> None:
    pydot = pytest.importorskip("pydot")
    store = load_graph_file(SMALL)
    write_export(store, "dot", "full", tmp_path / "s.dot")
    (parsed,) = pydot.graph_from_dot_data((tmp_path / "s.dot").read_text(encoding="utf-8"))
    assert len(parsed.get_nodes()) == to_networkx(store, "full").number_of_nodes()


@pytest.mark.parametrize("out", ["folder", "send.csv"])
def test_csv_row_counts(store: GraphStore, tmp_path: Path, out: str) -> None:
    G = to_networkx(store, "areas")
    r = write_export(store, "csv", "areas", tmp_path / out)
    nodes_path, edges_path = csv_paths(tmp_path / out)
    assert r.paths == (nodes_path, edges_path)
    with nodes_path.open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == G.number_of_nodes()
    with edges_path.open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == G.number_of_edges()


def test_themes_view(store: GraphStore) -> None:
    import pyoxigraph as ox

    from graphkit.share.export import THEMES_GRAPH

    G = to_networkx(store, "themes")
    if THEMES_GRAPH in store.named_graphs():  # coded by graphkit.graph.themes at build time
        assert G.number_of_edges() > 0 and all(d["weight"] >= 1 for _, _, d in G.edges(data=True))
        assert {d["group"] for _, d in G.nodes(data=True)} == {"area", "theme"}
    bare = ox.Store()
    bare.extend(q for q in store.store if q.graph_name != ox.NamedNode(THEMES_GRAPH))
    empty = to_networkx(GraphStore(bare), "themes")
    assert empty.number_of_nodes() == 0 and "no themes graph" in empty.graph["note"]
    small = to_networkx(load_graph_file(SMALL), "themes")
    assert small.number_of_edges() == 1
    (_, _, d), *_ = small.edges(data=True)
    assert d["weight"] == 1
    labels = {d["label"] for _, d in small.nodes(data=True)}
    assert labels == {"Testshire", "Joint commissioning"}


def test_cli_export(store: GraphStore, tmp_path: Path) -> None:
    store.dump(tmp_path / "g.trig")
    args = ["export", "--graph", str(tmp_path / "g.trig"), "--to", "gexf", "--view", "people"]
    r = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "t.gexf")])
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith(f"Wrote {tmp_path / 't.gexf'}: people view,") and r.stdout == ""
    r = CliRunner().invoke(main, ["export", "--to", "gexf", "-o", str(tmp_path / "t.gexf")])
    assert r.exit_code == 2 and r.stderr.startswith("Error: --db/--graph: no graph given")
