"""Validation finds exactly what it found before it was made faster.

``tests/data/validation-findings.json`` was taken with the validation as it was before its speed-up
(``tests/findings_snapshot.py`` says over which graphs); every way of running pySHACL since must
give the same findings, document by document, and the same findings across documents. It is
taken again only when findings change on purpose (new shapes or self-checks, a changed reading
of the letters), after checking each difference is one of those.
"""

from __future__ import annotations

import json
from pathlib import Path

from findings_snapshot import SNAPSHOT, findings


def _diff(want: list[list[str]], got: list[list[str]]) -> str:
    missing = [r for r in want if r not in got]
    extra = [r for r in got if r not in want]
    return f"missing {missing[:5]} extra {extra[:5]}"


def test_findings_are_those_of_the_snapshot(shared: Path) -> None:
    want = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = findings(shared)
    assert sorted(got["per_document"]) == sorted(want["per_document"])  # type: ignore[call-overload]
    assert sum(len(v) for v in want["per_document"].values()) > 1000  # the damaged graphs give plenty
    for key, rows in want["per_document"].items():
        assert got["per_document"][key] == rows, (key, _diff(rows, got["per_document"][key]))  # type: ignore[index]
    for variant, rows in want["across_documents"].items():
        assert got["across_documents"][variant] == rows, (variant, _diff(rows, got["across_documents"][variant]))  # type: ignore[index]


def test_sparql_constraints_find_the_same_on_oxigraph_and_rdflib(shared: Path) -> None:
    """graphkit runs the shapes' SPARQL constraints as one query each on an Oxigraph copy of the
    graph, and by rdflib only where Oxigraph refuses a term of it: both engines must give the
    same findings, on the graphs as read and on the damaged ones (wrong datatypes, second
    values, dropped and altered triples), per document and across documents."""
    import functools

    from findings_snapshot import damaged, letter_files, thinned

    from graphkit.check import validate as v
    from graphkit.errors import GraphkitError
    from graphkit.graph.statistics import STATISTICS_GRAPH, statistics_graph
    from graphkit.pipeline import letter_graph, read_letter
    from graphkit.store.files import add_graph, new_dataset

    hierarchy = v._shapes()[2]
    checks = v.document_checks()
    assert len(checks) >= 9 and all("?this" in c.query and "$this" not in c.query for c in checks)
    found = 0
    for variant in ("as read", "damaged", "thinned"):
        ds = new_dataset()
        for p in letter_files(shared):
            try:
                name, g = letter_graph(read_letter(p))
            except GraphkitError:
                continue
            g = damaged(g) if variant == "damaged" else thinned(g, p.name) if variant == "thinned" else g
            add_graph(ds, name, g)
            unit = v._Graph()
            unit += g
            unit += hierarchy
            copy = v._OxigraphCopy()
            copy.add(unit)
            on_ox = sorted(map(repr, v._sparql_results(checks, copy.rows, unit)))
            on_rdflib = sorted(map(repr, v._sparql_results(checks, functools.partial(v._rdflib_rows, unit), unit)))
            assert on_ox == on_rdflib, (variant, p.name)
            found += len(on_ox)
        add_graph(ds, STATISTICS_GRAPH, statistics_graph())
        union = v._Dataset(store=ds.store, default_union=True)
        across_ox = sorted(map(repr, v._across_results(ds, union)))
        across_rdflib = v._sparql_results(
            v.across_checks(), functools.partial(v._rdflib_rows, union), union, value_is_focus=False
        )
        assert across_ox == sorted(map(repr, across_rdflib)), variant
        found += len(across_ox)
    assert found > 200  # the damaged graphs give the constraints plenty to find


def test_pyshacl_is_given_no_sparql_to_parse() -> None:
    """The shapes pySHACL gets hold no SPARQL constraint of a node shape: rdflib's SPARQL parser
    (~30 ms a query, in every process) is never asked by a document's validation."""
    from graphkit.check import validate as v

    core, checks = v._shapes_split()
    assert not list(core.objects(None, v.SH.sparql))
    assert {c.shape for c in checks} == {str(s) for s in v._shapes()[0].subjects(v.SH.sparql, None)}
