"""The vocabulary: every term graphkit writes is declared, labelled and defined; domains and ranges hold.

The checks are generic: they read the terms from the graphs graphkit really writes (a store
built from the bundled examples, with statistics, links, themes, validation findings and review
decisions; and the store of the real letters), so a term added anywhere is caught.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, SDO, SKOS

from graphkit.share.vocab import (
    GK,
    ONTOLOGY_IRI,
    THEME_NS,
    domain_range_findings,
    iter_vocabulary_classes,
    iter_vocabulary_properties,
    load_ontology,
    property_coverage,
    undocumented_terms,
    used_terms,
)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "letters"
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = "https://w3id.org/graphkit/id/"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples built as the quickstart builds them, plus one decision of each kind a person makes."""
    from graphkit.ask.people import record_decision
    from graphkit.graph.themes import export_codings, import_decisions
    from graphkit.store.build import build_store
    from graphkit.store.db import open_store

    db = tmp_path_factory.mktemp("bundled") / "store"
    report = build_store([EXAMPLES], db)
    assert not report.failed and report.statistics_loaded
    store = open_store(db)
    people = sorted(
        r["p"].value  # type: ignore[index,union-attr]
        for r in store.query("SELECT DISTINCT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }")  # type: ignore[union-attr]
    )
    record_decision(store, people[0], people[1], same=False, by="reviewer")
    record_decision(store, people[2], people[3], same=True, by="reviewer")
    csv_path = db.parent / "codings.csv"
    assert export_codings(store, csv_path) > 0
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    csv_path.write_text("\n".join([lines[0], _with_decision(lines[1], header, "reject")]) + "\n", encoding="utf-8")
    assert import_decisions(store, csv_path, by="reviewer") == (0, 1)
    del store
    return db


def _with_decision(row: str, header: list[str], decision: str) -> str:
    import csv
    import io

    values = next(csv.reader([row]))
    values[header.index("decision")] = decision
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(values)
    return out.getvalue()


def _dataset(db: Path):  # type: ignore[no-untyped-def]
    from graphkit.store.db import open_store

    return open_store(db, create=False).to_dataset()


# -- the ontology itself ---------------------------------------------------------------------------


def test_ontology_header_declares_version_licence_publisher_and_prefix(onto: Graph) -> None:
    o = ONTOLOGY_IRI
    assert (o, RDF.type, OWL.Ontology) in onto
    version = str(onto.value(o, OWL.versionInfo))
    assert onto.value(o, OWL.versionIRI) == URIRef(f"{o}/{version}")
    assert isinstance(onto.value(o, DCTERMS.license), URIRef)
    assert onto.value(o, DCTERMS.creator) and onto.value(o, DCTERMS.publisher) and onto.value(o, DCTERMS.title)
    assert str(onto.value(o, VANN.preferredNamespacePrefix)) == "gk"
    assert str(onto.value(o, VANN.preferredNamespaceUri)) == str(GK)
    history = str(onto.value(o, SKOS.historyNote))
    assert history.startswith(f"Version {version} "), "the changelog note must begin with this version's entry"


def test_every_graphkit_term_has_a_label_and_a_definition(onto: Graph) -> None:
    """Every term the ontology files declare in graphkit's namespaces, and every term they reuse."""
    subjects = {s for s in onto.subjects() if isinstance(s, URIRef) and s != ONTOLOGY_IRI}
    assert len(subjects) > 150
    missing = undocumented_terms(subjects, onto)
    assert not missing, "\n".join(f"{t}: {why}" for t, why in missing.items())


def test_no_term_has_two_labels_or_two_definitions(onto: Graph) -> None:
    """One term, one meaning: a term declared in two files (or twice) with different words is caught."""
    doubled = []
    for p in (RDFS.label, SKOS.prefLabel, RDFS.comment, SKOS.definition):
        for s in set(onto.subjects(p, None)):
            by_lang: dict[str | None, int] = {}
            for v in onto.objects(s, p):
                if isinstance(v, Literal):
                    by_lang[v.language] = by_lang.get(v.language, 0) + 1
            doubled += [(str(s), str(p)) for n in by_lang.values() if n > 1]
    assert not doubled, doubled


def test_properties_declare_domain_and_range(onto: Graph) -> None:
    with_both, total, without = property_coverage(onto)
    assert total >= 80
    assert with_both / total >= 0.9, (with_both, total, without)
    for p in without:  # where none holds, the definition says what the values are
        assert "range" in str(onto.value(p, RDFS.comment)), p


def test_reused_terms_name_their_vocabulary(onto: Graph) -> None:
    """Terms from PROV-O, ORG, Web Annotation ... are listed with their source, never redefined."""
    for s in {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}:
        if str(s).startswith((str(GK), THEME_NS, ID, str(ONTOLOGY_IRI))):
            continue
        source = onto.value(s, RDFS.isDefinedBy)
        assert source is not None and str(s).startswith(str(source)), s
        # no domain, range or class hierarchy added to another vocabulary's terms
        for p in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf):
            assert onto.value(s, p) is None, (s, p)


CENTRAL = [
    GK.Inspection,
    GK.Document,
    GK.SignificantWeakness,
    GK.RevisitVerdict,
    GK.PriorityAction,
    GK.AreaForImprovement,
    GK.Outcome,
    GK.Body,
    FOAF.Person,
    GK.Quote,
]


def test_central_classes_have_examples_using_declared_terms(onto: Graph) -> None:
    declared = {str(s) for s in onto.subjects() if isinstance(s, URIRef)}
    prefixes = {p: str(ns) for p, ns in onto.namespaces()}
    for cls in CENTRAL:
        example = onto.value(cls, SKOS.example)
        assert example is not None, f"{cls} has no skos:example"
        for prefix, local in re.findall(r"\b(gk|prov|oa|org|foaf|dcterms|skos):([A-Za-z]\w*)", str(example)):
            assert prefixes[prefix] + local in declared, f"{cls}: example uses undeclared {prefix}:{local}"


def test_schemes_list_their_concepts_with_definitions(onto: Graph) -> None:
    schemes = set(onto.subjects(RDF.type, SKOS.ConceptScheme))
    for name in ("Outcomes", "RevisitResults", "MentionRoles", "InspectionRoles", "PersonContexts", "Themes"):
        assert GK[name] in schemes
    for scheme in schemes:
        concepts = set(onto.subjects(SKOS.inScheme, scheme))
        assert len(concepts) >= 3, scheme
        for c in concepts:
            assert onto.value(c, SKOS.prefLabel) is not None and onto.value(c, SKOS.definition) is not None, c
    # every concept class's members are in a scheme
    for cls in (GK.Outcome, GK.ProgressResult, GK.MentionRole, GK.PersonContext, GK.InspectionRole, GK.Polarity):
        for c in onto.subjects(RDF.type, cls):
            assert onto.value(c, SKOS.inScheme) is not None, c


def test_classes_and_properties_listed(onto: Graph) -> None:
    classes = list(iter_vocabulary_classes(onto))
    props = list(iter_vocabulary_properties(onto))
    assert GK.Inspection in classes and GK.Theme in classes and GK.StoredGraph in classes
    assert GK.sufficientProgress in props and GK.cue in props


# -- the lint, on small graphs ---------------------------------------------------------------------


def _lint_onto() -> Graph:
    g = Graph()
    g.parse(
        data="""
        @prefix gk: <https://w3id.org/graphkit/def#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        gk:A a owl:Class . gk:B a owl:Class ; rdfs:subClassOf gk:A . gk:C a owl:Class .
        gk:p a owl:ObjectProperty ; rdfs:domain gk:A ; rdfs:range gk:C .
        gk:q a owl:DatatypeProperty ; rdfs:domain [ owl:unionOf ( gk:B gk:C ) ] ; rdfs:range xsd:integer .
        gk:r a owl:ObjectProperty ; rdfs:subPropertyOf gk:p .
        """,
        format="turtle",
    )
    return g


def test_lint_accepts_subclasses_unions_and_derived_datatypes() -> None:
    x, y = URIRef("urn:x"), URIRef("urn:y")
    data = Graph()
    data.add((x, RDF.type, GK.B))
    data.add((y, RDF.type, GK.C))
    data.add((x, GK.p, y))
    data.add((x, GK.q, Literal(3, datatype=XSD.nonNegativeInteger)))
    data.add((y, GK.q, Literal(4)))
    # a node merged into another (owl:sameAs, directly or through a third) is of the other's classes
    z, w = URIRef("urn:z"), URIRef("urn:w")
    data.add((x, OWL.sameAs, z))
    data.add((w, OWL.sameAs, z))
    data.add((w, GK.p, y))
    assert domain_range_findings(data, _lint_onto()) == []


def test_lint_reports_each_misuse_with_an_example() -> None:
    x, y, z = URIRef("urn:x"), URIRef("urn:y"), URIRef("urn:z")
    data = Graph()
    data.add((x, RDF.type, GK.C))
    data.add((y, RDF.type, GK.A))
    data.add((x, GK.p, y))  # domain A: x is a C; range C: y is an A
    data.add((y, GK.q, Literal("3")))  # domain B or C: y is an A; range integer: a string
    data.add((z, GK.r, BNode()))  # a sub-property: its super-property's domain and range apply; z untyped
    found = {(str(f.prop).rsplit("#")[-1], f.side, f.found) for f in domain_range_findings(data, _lint_onto())}
    assert found == {
        ("p", "domain", "gk:C"),
        ("p", "range", "gk:A"),
        ("q", "domain", "gk:A"),
        ("q", "range", "xsd:string"),
        ("r", "domain", "an untyped node"),
        ("r", "range", "an untyped node"),
    }


def test_used_terms_are_properties_classes_and_vocabulary_iris() -> None:
    g = Graph()
    s = URIRef(ID + "inspection/x/initial/2018-06")
    g.add((s, RDF.type, GK.InitialInspection))
    g.add((s, GK.area, URIRef(ID + "area/x")))
    g.add((URIRef(ID + "r/0"), SH.resultSeverity, SH.Warning))
    g.add((URIRef(ID + "x/0"), GK.theme, URIRef(THEME_NS + "co-production")))
    assert used_terms(g) == {
        RDF.type,
        GK.InitialInspection,
        GK.area,
        SH.resultSeverity,
        SH.Warning,
        GK.theme,
        URIRef(THEME_NS + "co-production"),
    }


# -- the graphs graphkit writes ---------------------------------------------------------------------


def _check_store(db: Path, onto: Graph) -> None:
    ds = _dataset(db)
    graphs = {str(g.identifier) for g in ds.graphs()}
    for part in ("graph/statistics", "graph/links", "graph/themes", "graph/manifest", "graph/validation/"):
        assert any(part in g for g in graphs), f"{db}: no {part} graph to check"
    terms = used_terms(ds)
    assert len(terms) > 100
    missing = undocumented_terms(terms, onto)
    assert not missing, "\n".join(f"{t}: {why}" for t, why in missing.items())
    findings = domain_range_findings(ds, onto)
    assert not findings, "\n".join(str(f) for f in findings)
    # the reused terms' sdo:domainIncludes / sdo:rangeIncludes list every way graphkit uses them
    reused = domain_range_findings(ds, onto, (SDO.domainIncludes, SDO.rangeIncludes))
    assert not reused, "\n".join(str(f) for f in reused)
    # the shapes named by stored validation results exist, with a message and a severity
    shapes = Graph()
    from graphkit.resources import resource_dir

    for f in sorted(resource_dir("shapes").glob("*.ttl")):
        shapes.parse(f, format="turtle")
    for shape in set(ds.objects(None, SH.sourceShape)):
        assert shapes.value(shape, SH.message) is not None and shapes.value(shape, SH.severity) is not None, shape


def test_bundled_graph_uses_only_documented_terms_within_their_domains_and_ranges(
    bundled_store: Path, onto: Graph
) -> None:
    ds = _dataset(bundled_store)
    decisions = ds.graph(URIRef(ID + "graph/decisions"))
    assert (None, OWL.sameAs, None) in decisions and (None, OWL.differentFrom, None) in decisions
    assert (None, RDF.type, GK.ThemeDecision) in decisions
    _check_store(bundled_store, onto)


def test_real_letters_graph_uses_only_documented_terms_within_their_domains_and_ranges(
    built_store: Path, onto: Graph
) -> None:
    _check_store(built_store, onto)


def test_extracted_graphs_use_only_documented_terms_within_their_domains_and_ranges(onto: Graph) -> None:
    """What ``graphkit extract`` writes (rdflib's literals, before any store normalises them)."""
    from rdflib import Dataset

    from graphkit.pipeline import letter_graph, read_letter

    ds = Dataset()
    for path in sorted(EXAMPLES.glob("*.txt")):
        name, g = letter_graph(read_letter(path))
        target = ds.graph(name)
        for t in g:
            target.add(t)
    assert len(ds) > 1000
    assert not undocumented_terms(used_terms(ds), onto)
    for declarations in ((RDFS.domain, RDFS.range), (SDO.domainIncludes, SDO.rangeIncludes)):
        findings = domain_range_findings(ds, onto, declarations)
        assert not findings, "\n".join(str(f) for f in findings)


def test_includes_are_alternatives_and_follow_super_properties() -> None:
    onto = _lint_onto()
    onto.add((GK.s, SDO.domainIncludes, GK.A))
    onto.add((GK.s, SDO.domainIncludes, GK.C))
    onto.add((GK.t, RDFS.subPropertyOf, GK.s))
    x, y, z = URIRef("urn:x"), URIRef("urn:y"), URIRef("urn:z")
    data = Graph()
    data.add((x, RDF.type, GK.B))  # a B is an A
    data.add((y, RDF.type, GK.C))
    data.add((x, GK.s, Literal(1)))
    data.add((y, GK.t, Literal(2)))
    assert domain_range_findings(data, onto, (SDO.domainIncludes, SDO.rangeIncludes)) == []
    data.add((z, GK.t, Literal(3)))
    (finding,) = domain_range_findings(data, onto, (SDO.domainIncludes, SDO.rangeIncludes))
    assert (finding.prop, finding.expected, finding.found) == (GK.t, "gk:A or gk:C", "an untyped node")
