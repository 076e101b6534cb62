"""Exports that colour well: typed node attributes (region, outcome, dates, kind, counts) in
GraphML, GEXF and Cytoscape; words, not RDF names, in the HTML side panel; show's progress."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from cli_helpers import run_cli

ID = "https://w3id.org/graphkit/id/"


@pytest.fixture(scope="module")
def graph_file(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graphkit.store.db import open_store

    path = tmp_path_factory.mktemp("attrs") / "send.trig"
    store = open_store(built_store, create=False)
    store.dump(path)
    del store
    return path


def test_graphml_nodes_carry_typed_attributes(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "areas.graphml"
    code, _, err = run_cli(["export", "--graph", str(graph_file), "--to", "graphml", "--view", "areas", "-o", str(out)])
    assert code == 0, err
    G = nx.read_graphml(out)
    bury = G.nodes[ID + "area/bury"]
    assert bury["region"] == "North West" and bury["outcome"] == "widespread_failings"
    assert bury["weaknesses"] == 8 and bury["wsoa_required"] is True and bury["inspections"] == 3
    report = G.nodes[ID + "inspection/bury/area-send/2024-02"]
    assert (
        report["kind"] == "area SEND inspection (2023)"
        and report["label"] == "Bury: area SEND inspection (2023), February 2024"
    )
    assert report["start"] == "2024-02-12" and report["year"] == 2024 and report["priority_actions"] == 6
    revisit = G.nodes[ID + "inspection/bury/revisit/2019-05"]
    assert revisit["revisit_result"] == "some" and revisit["region"] == "North West"
    text = out.read_text(encoding="utf-8")
    assert 'attr.name="weaknesses" attr.type="long"' in text and 'attr.name="wsoa_required" attr.type="boolean"' in text


def test_gexf_and_cytoscape_carry_them_too(graph_file: Path, tmp_path: Path) -> None:
    gexf = tmp_path / "people.gexf"
    code, _, err = run_cli(["export", "--graph", str(graph_file), "--to", "gexf", "--view", "people", "-o", str(gexf)])
    assert code == 0, err
    text = gexf.read_text(encoding="utf-8")
    assert re.search(r'title="inspections" type="long"', text) and re.search(r'title="year" type="long"', text)
    cy = tmp_path / "areas.cyjs"
    code, _, err = run_cli(
        ["export", "--graph", str(graph_file), "--to", "cytoscape", "--view", "areas", "-o", str(cy)]
    )
    assert code == 0, err
    nodes = {n["data"]["id"]: n["data"] for n in json.loads(cy.read_text(encoding="utf-8"))["elements"]["nodes"]}
    assert nodes[ID + "area/middlesbrough"]["revisit_result"] == "all"
    assert nodes[ID + "area/middlesbrough"]["weaknesses"] == 4


def test_html_side_panel_speaks_words(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "full.html"
    code, _, err = run_cli(["export", "--graph", str(graph_file), "--to", "html", "--view", "full", "-o", str(out)])
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    facts = re.findall(r'"facts": (\[.*?\]\])', text)
    props = {f[0] for block in facts for f in json.loads(block)}
    assert {"first day", "name"} <= props
    assert not {p for p in props if re.match(r"^(gk|prov|rdfs|foaf|skos|dcterms|oa):", p)}, props
    assert '"type": "written statement of action"' in text and '"type": "gk:' not in text
    assert '"inspected by"' in text and "prov:wasAssociatedWith" not in text


def test_show_on_several_files_shows_progress_on_a_terminal(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphkit.cli.letters

    letters = sorted((shared / "letters" / "2016-framework").glob("*.txt"))[:2]
    code, out, err = run_cli(["show", "--json", *map(str, letters)])
    assert code == 0 and "[1/2]" not in err  # piped: no progress
    monkeypatch.setattr(graphkit.cli.letters, "_stderr_is_terminal", lambda: True)
    code, out, err = run_cli(["show", "--json", *map(str, letters)])
    assert code == 0 and "[1/2]" in err and "[2/2]" in err, err
    assert len(json.loads(out)) == 2  # stdout stays the JSON


def test_export_to_xlsx_has_typed_node_and_edge_sheets(graph_file: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "areas.xlsx"
    code, _, err = run_cli(["export", "--graph", str(graph_file), "--to", "xlsx", "--view", "areas", "-o", str(out)])
    assert code == 0, err
    wb = load_workbook(out)
    assert wb.sheetnames == ["nodes", "edges"]
    ws = wb["nodes"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2)}
    report = rows[ID + "inspection/bury/area-send/2024-02"]
    assert report["start"].is_date and report["priority_actions"].value == 6 and report["year"].value == 2024
    assert rows[ID + "area/bury"]["wsoa_required"].value is True
    assert wb["edges"].max_row > 1
    code, _, err = run_cli(["export", "--graph", str(graph_file), "--to", "xlsx", "-o", str(tmp_path / "x.csv")])
    assert code == 2 and ".xlsx suffix" in err
