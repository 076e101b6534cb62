"""The graph: ontology terms declared, deterministic IRIs, provenance quotes, read-back by SPARQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graphkit.ask.show import summarise_graph
from graphkit.extract.summary import to_summary
from graphkit.graph.rdf import GK, OA
from graphkit.pipeline import letter_graph, read_letter
from graphkit.resources import resource_dir

DATA = Path(__file__).parent / "data" / "letters"


def _ontology() -> Graph:
    g = Graph()
    for f in sorted(resource_dir("ontology").glob("*.ttl")):
        g.parse(f)
    return g


@pytest.fixture(scope="module")
def letters(real_letters: list[Path]) -> list:
    paths = real_letters + sorted(p for p in DATA.glob("*.txt") if not p.name.startswith("half"))
    out = []
    for p in paths:
        try:
            out.append(read_letter(p))
        except Exception:  # refused inputs (look-alikes with no SEND words, halves) are tested elsewhere
            continue
    return out


def test_every_gk_term_emitted_is_declared(letters: list) -> None:
    onto = _ontology()
    declared = {s for s in onto.subjects() if isinstance(s, URIRef)}
    used: set[URIRef] = set()
    for letter in letters:
        _, g = letter_graph(letter)
        for _s, p, o in g:
            for term in (p, o if p == RDF.type else None, o):
                if isinstance(term, URIRef) and str(term).startswith(str(GK)):
                    used.add(term)
    missing = sorted(used - declared)
    assert not missing, f"terms used but not declared in ontology/: {missing}"


def test_extracting_twice_gives_isomorphic_graphs(letters: list) -> None:
    for letter in letters[:6]:
        _, g1 = letter_graph(read_letter(letter.doc.path))
        _, g2 = letter_graph(read_letter(letter.doc.path))
        if not isomorphic(g1, g2):
            _, only1, only2 = graph_diff(to_isomorphic(g1), to_isomorphic(g2))
            pytest.fail(f"{letter.name}: graphs differ:\n{sorted(only1)[:5]}\n{sorted(only2)[:5]}")


def test_every_quote_matches_the_text_at_its_offsets(letters: list) -> None:
    for letter in letters:
        _, g = letter_graph(letter)
        text = str(g.value(letter.iri, GK.text))
        assert text == letter.doc.text
        quotes = 0
        for q in g.subjects(RDF.type, GK.Quote):
            sel = {g.value(s, RDF.type): s for s in g.objects(q, OA.hasSelector)}
            pos, exact = sel[OA.TextPositionSelector], sel[OA.TextQuoteSelector]
            start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
            assert text[start:end] == str(g.value(exact, OA.exact)), (letter.name, start, end)
            quotes += 1
        if letter.extraction.kind != "other":
            assert quotes >= 10, (letter.name, quotes)


def test_every_statement_has_a_quote(letters: list) -> None:
    for letter in letters:
        _, g = letter_graph(letter)
        for cls in (GK.SignificantWeakness, GK.PriorityAction, GK.AreaForImprovement, GK.RevisitVerdict):
            for node in g.subjects(RDF.type, cls):
                assert any(g.subjects(GK.quoteFor, node)), (letter.name, node)


def test_summary_read_from_graph_equals_extraction(letters: list) -> None:
    for letter in letters:
        _, g = letter_graph(letter)
        from_graph = summarise_graph(g, letter.iri)
        direct = to_summary(letter.extraction, source=letter.name)
        for key in direct:
            a, b = from_graph[key], direct[key]
            if key == "people":
                a = sorted(a, key=lambda p: p["name"])
                b = sorted(b, key=lambda p: p["name"])
                a = [dict(p, roles=sorted(p["roles"])) for p in a]
                b = [dict(p, roles=sorted(set(p["roles"]))) for p in b]
            assert a == b, (letter.name, key, a, b)


def test_same_person_and_area_meet_on_one_node(shared: Path) -> None:
    folder = shared / "letters" / "2016-framework"
    graphs = [letter_graph(read_letter(p))[1] for p in sorted(folder.glob("*.txt"))]
    gallagher = [
        {s for s, _, o in g.triples((None, URIRef("http://xmlns.com/foaf/0.1/name"), None)) if "Gallagher" in str(o)}
        for g in graphs
    ]
    assert len(gallagher[0]) == 1 and gallagher[0] == gallagher[1]


def test_no_inspection_facts_from_a_look_alike(letters: list) -> None:
    others = [lt for lt in letters if lt.extraction.kind == "other"]
    for letter in others:
        _, g = letter_graph(letter)
        assert not list(g.subjects(RDF.type, GK.SignificantWeakness))
        assert not list(g.subjects(GK.about, None))
        assert (letter.iri, RDF.type, GK.OtherDocument) in g
        assert any(isinstance(o, Literal) for o in g.objects(letter.iri, GK.notInspectionReason))


def test_every_gk_term_in_a_built_store_is_declared(built_store: Path) -> None:
    """The statistics, links, themes, decisions and manifest graphs use declared terms too."""
    from graphkit.store.db import open_store

    onto = _ontology()
    declared = {str(s) for s in onto.subjects() if isinstance(s, URIRef)}
    store = open_store(built_store, create=False)
    rows = store.query(
        f"""SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?s a ?t }}
            FILTER(STRSTARTS(STR(?t), "{GK}")) }}"""
    )
    used = {r["t"].value for r in rows}  # type: ignore[index,union-attr]
    assert used and not sorted(used - declared), sorted(used - declared)
