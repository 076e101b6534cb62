"""The library call ``validate_graph`` accepts what its type hint says: a Dataset or a plain Graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from test_shapes import _world

from graphkit.check.validate import validate_graph
from graphkit.store.files import add_graph, new_dataset

REPORT_GRAPH = URIRef("https://w3id.org/graphkit/id/graph/report-x")


def _keys(report: object) -> list[tuple[str, str, str, str]]:
    return sorted((r.document, r.shape, r.focus_node, r.severity) for r in report.results)  # type: ignore[attr-defined]


def test_plain_graph_of_a_2023_report_runs_the_checks_across_documents() -> None:
    """A 2023 report with a previous inspection reaches the shape that looks into the statistics graph."""
    g = Graph()
    for t in _world().graph(REPORT_GRAPH):
        g.add(t)
    assert (None, URIRef("https://w3id.org/graphkit/def#previousInspectionStart"), None) in g
    report = validate_graph(g)  # raised rdflib's bare "requiring a dataset" before
    ds = new_dataset()
    add_graph(ds, REPORT_GRAPH, g)
    assert report.documents == 1
    assert _keys(report) == _keys(validate_graph(ds))


def test_letter_graph_of_a_real_report_validates(shared: Path) -> None:
    from graphkit.pipeline import letter_graph, read_letter

    name, g = letter_graph(read_letter(shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf"))
    before = len(g)
    report = validate_graph(g)
    ds = new_dataset()
    add_graph(ds, name, g)
    assert report.documents == 1 and report.violations == 0
    assert _keys(report) == _keys(validate_graph(ds))
    assert len(g) == before  # not modified
