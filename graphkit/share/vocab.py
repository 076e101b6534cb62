"""The graph's vocabulary: the ontology loaded, checked against graphs, and documented.

* :func:`load_ontology` — ``ontology/graphkit.ttl`` plus the themes scheme, as one rdflib graph.
* :func:`used_terms` — the vocabulary terms a graph uses: its properties, its classes, and the
  IRIs it names from a vocabulary namespace (concepts such as ``gk:PositiveOutcome``, themes,
  SHACL severities).
* :func:`undocumented_terms` — terms used but not declared with a label and a definition.
* :func:`domain_range_findings` — triples whose subject or object is not of the class (or
  datatype) the ontology declares as the property's domain or range.

The closed-world reading of ``rdfs:domain``/``rdfs:range`` is deliberate: RDFS would *infer*
the class, but a graph that needs such an inference to type its nodes is a graph whose writer
and ontology disagree, and that is what the check is for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SDO, SKOS
from rdflib.term import Node

__all__ = [
    "ONTOLOGY_IRI",
    "THEME_NS",
    "VOCABULARY_NAMESPACES",
    "DomainRangeFinding",
    "load_ontology",
    "used_terms",
    "undocumented_terms",
    "domain_range_findings",
    "property_coverage",
    "iter_vocabulary_properties",
    "iter_vocabulary_classes",
    "CORE_CLASSES",
    "ShapeInfo",
    "ReferenceResult",
    "read_shapes",
    "core_diagram",
    "diagram_svg",
    "reference_html",
    "write_reference",
]

GK = Namespace("https://w3id.org/graphkit/def#")
ONTOLOGY_IRI = URIRef("https://w3id.org/graphkit/def")
THEME_NS = "https://w3id.org/graphkit/id/theme/"
SH = Namespace("http://www.w3.org/ns/shacl#")

# Namespaces whose IRIs are vocabulary terms (not instances): graphkit's own, its themes, and
# the vocabularies it reuses. An IRI from one of them used anywhere in a graph must be documented.
VOCABULARY_NAMESPACES: tuple[str, ...] = (
    str(GK),
    THEME_NS,
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/oa#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://xmlns.com/foaf/0.1/",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/shacl#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
)

_LABELS = (RDFS.label, SKOS.prefLabel)
_DEFINITIONS = (RDFS.comment, SKOS.definition, DCTERMS.description)
_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
# XSD datatypes derived from others (a value of the first is a value of the second).
_DERIVED = {
    XSD.nonNegativeInteger: XSD.integer,
    XSD.positiveInteger: XSD.integer,
    XSD.integer: XSD.decimal,
}


@lru_cache(maxsize=1)
def _ontology_cached() -> Graph:
    from graphkit.resources import resource_dir

    g = Graph()
    folder = resource_dir("ontology")
    for name in ("graphkit.ttl", "themes.ttl"):
        g.parse(folder / name, format="turtle")
    for f in sorted(folder.glob("*.ttl")):  # any scheme added later
        if f.name not in ("graphkit.ttl", "themes.ttl"):
            g.parse(f, format="turtle")
    return g


def load_ontology() -> Graph:
    """The ontology and the themes scheme (every ``ontology/*.ttl``), parsed into one graph.

    >>> g = load_ontology()
    >>> from rdflib import RDF, OWL
    >>> (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    True
    """
    g = Graph()
    for t in _ontology_cached():
        g.add(t)
    for prefix, ns in _ontology_cached().namespaces():
        g.bind(prefix, ns, override=True)
    return g


def _is_vocabulary_iri(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(VOCABULARY_NAMESPACES)


def used_terms(graph: Graph | Dataset) -> set[URIRef]:
    """Every vocabulary term ``graph`` uses: predicates, classes, and IRIs from a vocabulary namespace.

    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/graphkit/id/x"), RDF.type, GK.Inspection))
    >>> sorted(str(t).rsplit("#", 1)[-1] for t in used_terms(g))
    ['Inspection', 'type']
    """
    out: set[URIRef] = set()
    triples = graph.quads((None, None, None, None)) if isinstance(graph, Dataset) else graph.triples((None, None, None))
    for s, p, o, *_ in triples:
        out.add(p)  # type: ignore[arg-type]
        if p == RDF.type and isinstance(o, URIRef):
            out.add(o)
        for term in (s, o):
            if _is_vocabulary_iri(term):
                out.add(term)  # type: ignore[arg-type]
    return out


def undocumented_terms(terms: Iterable[URIRef], ontology: Graph) -> dict[URIRef, str]:
    """The terms among ``terms`` that the ontology does not declare with a label and a definition.

    Returns term -> what is missing ("not declared", "no label", "no definition").
    """
    out: dict[URIRef, str] = {}
    for t in sorted(set(terms)):
        if not any(ontology.triples((t, None, None))):
            out[t] = "not declared"
        elif not any(ontology.value(t, p) is not None for p in _LABELS):
            out[t] = "no label (rdfs:label or skos:prefLabel)"
        elif not any(ontology.value(t, p) is not None for p in _DEFINITIONS):
            out[t] = "no definition (rdfs:comment or skos:definition)"
    return out


def iter_vocabulary_properties(ontology: Graph, namespace: str = str(GK)) -> Iterator[URIRef]:
    """The properties the ontology declares in ``namespace`` (graphkit's own by default), sorted."""
    found = {s for t in _PROPERTY_TYPES for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}
    yield from sorted(p for p in found if str(p).startswith(namespace))


def iter_vocabulary_classes(ontology: Graph, namespace: str = str(GK)) -> Iterator[URIRef]:
    """The classes the ontology declares in ``namespace``, sorted."""
    found = {s for t in (OWL.Class, RDFS.Class) for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}
    yield from sorted(c for c in found if str(c).startswith(namespace))


def property_coverage(ontology: Graph) -> tuple[int, int, list[URIRef]]:
    """(graphkit properties with both a domain and a range, all graphkit properties, those without)."""
    props = list(iter_vocabulary_properties(ontology))
    missing = [p for p in props if ontology.value(p, RDFS.domain) is None or ontology.value(p, RDFS.range) is None]
    return len(props) - len(missing), len(props), missing


@dataclass(frozen=True)
class DomainRangeFinding:
    """One use of a property against its declared domain or range (first example of its kind)."""

    prop: URIRef
    side: str  # "domain" or "range"
    expected: str  # the declared class or datatype, as a CURIE-like text
    found: str  # the classes (or datatype) the node had
    example: str  # one subject/object at fault
    count: int  # how many triples share this finding

    def __str__(self) -> str:
        return (
            f"{_short(self.prop)} {self.side} {self.expected}: {self.count} use(s) on {self.found} "
            f"(e.g. {self.example})"
        )


def _short(term: object) -> str:
    s = str(term)
    for prefix, ns in (
        ("gk:", str(GK)),
        ("xsd:", str(XSD)),
        ("skos:", str(SKOS)),
        ("prov:", "http://www.w3.org/ns/prov#"),
        ("org:", "http://www.w3.org/ns/org#"),
        ("oa:", "http://www.w3.org/ns/oa#"),
        ("foaf:", "http://xmlns.com/foaf/0.1/"),
        ("rdf:", str(RDF)),
        ("rdfs:", str(RDFS)),
        ("owl:", str(OWL)),
    ):
        if s.startswith(ns):
            return prefix + s[len(ns) :]
    return s


def _alternatives(node: object, ontology: Graph) -> list[URIRef]:
    """A domain/range: one class, or the members of an owl:unionOf."""
    if isinstance(node, URIRef):
        return [node]
    if isinstance(node, BNode):
        union = ontology.value(node, OWL.unionOf)
        if union is not None:
            return [m for m in Collection(ontology, union) if isinstance(m, URIRef)]  # type: ignore[arg-type]
    return []


def _superclasses(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    """Each class -> itself and every class above it (rdfs:subClassOf, transitively)."""
    direct: dict[URIRef, set[URIRef]] = {}
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            direct.setdefault(s, set()).add(o)
    for sub in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        direct.setdefault(sub, set()).add(RDF.Property)
    closed: dict[URIRef, set[URIRef]] = {}

    def up(c: URIRef) -> set[URIRef]:
        if c not in closed:
            closed[c] = {c}
            for parent in direct.get(c, ()):
                closed[c] |= up(parent)
        return closed[c]

    for c in list(direct):
        up(c)
    return closed


def _declared(prop: URIRef, ontology: Graph, side: URIRef) -> list[list[URIRef]]:
    """The declared domains (or ranges) of ``prop`` and of every property above it, each as its alternatives.

    ``rdfs:domain``/``rdfs:range``: each value must hold (several are an intersection).
    ``sdo:domainIncludes``/``sdo:rangeIncludes``: the values are alternatives.
    """
    out: list[list[URIRef]] = []
    seen: set[URIRef] = set()
    todo = [prop]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        values = list(ontology.objects(p, side))
        if side in (SDO.domainIncludes, SDO.rangeIncludes):
            alts = sorted(v for v in values if isinstance(v, URIRef))
            if alts:
                out.append(alts)
            values = []
        for d in values:
            alts = _alternatives(d, ontology)
            if alts:
                out.append(alts)
        todo.extend(o for o in ontology.objects(p, RDFS.subPropertyOf) if isinstance(o, URIRef))
    return out


def _is_datatype(term: URIRef) -> bool:
    return str(term).startswith(str(XSD)) or term in (RDFS.Literal, RDF.langString, _RDF_JSON)


_RDF_JSON = URIRef(str(RDF) + "JSON")  # RDF 1.1's JSON literal (stored findings' records)


def _literal_fits(lit: Literal, datatype: URIRef) -> bool:
    if datatype == RDFS.Literal:
        return True
    dt: URIRef | None = lit.datatype or (RDF.langString if lit.language else XSD.string)
    while dt is not None:
        if dt == datatype:
            return True
        dt = _DERIVED.get(dt)
    return False


def _triples(data: Graph | Dataset) -> list[tuple[Node, Node, Node]]:
    if isinstance(data, Dataset):
        return [(s, p, o) for s, p, o, _ in data.quads((None, None, None, None))]
    return list(data.triples((None, None, None)))


def _share_types_of_same_nodes(types: dict[Node, set[URIRef]], triples: list[tuple[Node, Node, Node]]) -> None:
    """Give each node the classes of every node it is ``owl:sameAs``, directly or through others."""
    group: dict[Node, set[Node]] = {}
    for s, p, o in triples:
        if p == OWL.sameAs:
            joined = group.get(s, {s}) | group.get(o, {o})
            for node in joined:
                group[node] = joined
    for members in {id(m): m for m in group.values()}.values():
        classes = set().union(*(types.get(n, set()) for n in members))
        for n in members:
            types[n] = set(classes)


def domain_range_findings(
    data: Graph | Dataset,
    ontology: Graph | None = None,
    declarations: tuple[URIRef, URIRef] = (RDFS.domain, RDFS.range),
) -> list[DomainRangeFinding]:
    """Every property used in ``data`` against the domain or range the ontology declares for it.

    ``declarations``: the pair of properties that state them; ``(SDO.domainIncludes,
    SDO.rangeIncludes)`` checks that the ontology lists every way graphkit uses a reused term.

    A node's classes are its ``rdf:type`` values anywhere in ``data`` (all named graphs) or in
    the ontology (concepts, properties), with their superclasses, and those of the nodes it is
    ``owl:sameAs`` (a person merged into another keeps only its IRI, in the reviewer's decision). A literal fits a datatype range
    when its datatype is that datatype or derived from it (``xsd:nonNegativeInteger`` is an
    ``xsd:integer``); an untyped literal is an ``xsd:string``.
    """
    onto = ontology if ontology is not None else load_ontology()
    up = _superclasses(onto)
    triples = _triples(data)
    types: dict[Node, set[URIRef]] = {}
    for s, p, o in [*onto.triples((None, RDF.type, None)), *triples]:
        if p == RDF.type and isinstance(o, URIRef):
            types.setdefault(s, set()).update(up.get(o, {o}))
    _share_types_of_same_nodes(types, triples)

    def classes_text(node: Node) -> str:
        have = types.get(node, set())
        most_specific = [t for t in have if not any(u != t and t in up.get(u, ()) for u in have)]
        return " ".join(sorted(_short(t) for t in most_specific)) or "an untyped node"

    rules: dict[Node, tuple[list[list[URIRef]], list[list[URIRef]]]] = {}
    found: dict[tuple[URIRef, str, str, str], list[str]] = {}
    for s, p, o in triples:
        if not isinstance(p, URIRef) or p == RDF.type:
            continue
        if p not in rules:
            rules[p] = (_declared(p, onto, declarations[0]), _declared(p, onto, declarations[1]))
        for side, node, declared in (("domain", s, rules[p][0]), ("range", o, rules[p][1])):
            for alts in declared:  # each declaration (the property's, its super-properties') must hold
                if isinstance(node, Literal):
                    ok = any(_is_datatype(a) and _literal_fits(node, a) for a in alts)
                    have = _short(node.datatype or (RDF.langString if node.language else XSD.string))
                else:
                    ok = any(not _is_datatype(a) and a in types.get(node, ()) for a in alts)
                    have = "" if ok else classes_text(node)
                if not ok:
                    key = (p, side, " or ".join(_short(a) for a in alts), have)
                    found.setdefault(key, []).append(str(node)[:120])
    return [
        DomainRangeFinding(prop=k[0], side=k[1], expected=k[2], found=k[3], example=v[0], count=len(v))
        for k, v in sorted(found.items(), key=lambda kv: (str(kv[0][0]), kv[0][1], kv[0][3]))
    ]


# -- the reference page ------------------------------------------------------------------------------

_VOCABS = {  # namespace -> (name shown, fill colour): the diagram colours each vocabulary's classes
    str(GK): ("graphkit", "#dbe9f6"),
    "http://www.w3.org/ns/prov#": ("PROV-O", "#fde2c8"),
    "http://www.w3.org/ns/org#": ("W3C ORG", "#e4d7f5"),
    "http://www.w3.org/ns/oa#": ("Web Annotation", "#f9d6dc"),
    "http://xmlns.com/foaf/0.1/": ("FOAF", "#d8f0d2"),
    "http://www.w3.org/2004/02/skos/core#": ("SKOS", "#f3f0c4"),
}
# The core of the model, as a SPARQL user first meets it.
CORE_CLASSES: tuple[URIRef, ...] = (
    GK.Document,
    GK.Inspection,
    GK.LocalArea,
    GK.Body,
    GK.BodyMention,
    GK.PersonMention,
    URIRef("http://xmlns.com/foaf/0.1/Person"),
    GK.WrittenStatementOfAction,
    GK.Statement,
    GK.SignificantWeakness,
    GK.RevisitVerdict,
    GK.PriorityAction,
    GK.AreaForImprovement,
    GK.Outcome,
    GK.Quote,
    GK.Theme,
)


@dataclass(frozen=True)
class ShapeInfo:
    """One SHACL shape as the reference page lists it."""

    iri: str
    kind: str  # "node" or "property"
    targets: tuple[str, ...]  # what it applies to (its own targets, or those of the node shapes using it)
    path: str
    severity: str  # Violation, Warning or Info; "" for a node shape that only groups property shapes
    messages: tuple[str, ...]
    members: tuple[str, ...]  # a node shape's property shapes
    comment: str
    source: str  # the shapes file


@dataclass(frozen=True)
class ReferenceResult:
    """What :func:`write_reference` wrote."""

    html: Path
    svg: Path | None
    terms: int
    concepts: int
    shapes: int


def _curie(term: object, g: Graph) -> str:
    try:
        return g.namespace_manager.normalizeUri(term)  # type: ignore[arg-type]
    except Exception:  # pragma: no cover - an IRI rdflib cannot shorten
        return str(term)


_NOT_CONSTRAINTS = {
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.property,
    SH.severity,
    SH.message,
    SH.deactivated,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.declare,
}


def read_shapes() -> list[ShapeInfo]:
    """Every shape in ``shapes/`` with an IRI: what it applies to, its path, severity and messages."""
    from graphkit.resources import resource_dir

    out: list[ShapeInfo] = []
    target_props = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    for f in sorted(resource_dir("shapes").glob("*.ttl")):
        g = Graph()
        g.parse(f, format="turtle")
        used_by: dict[Node, list[Node]] = {}
        for node_shape, prop_shape in g.subject_objects(SH.property):
            used_by.setdefault(prop_shape, []).append(node_shape)

        def targets_of(shape: Node, g: Graph = g) -> list[str]:
            got = []
            for tp in target_props:
                prefix = {SH.targetClass: "", SH.targetNode: "node ", SH.targetSubjectsOf: "subjects of "}.get(
                    tp, "objects of "
                )
                got += sorted(prefix + _curie(t, g) for t in g.objects(shape, tp))
            return got

        shapes = {s for t in (SH.NodeShape, SH.PropertyShape) for s in g.subjects(RDF.type, t)}
        for shape in sorted(x for x in shapes if isinstance(x, URIRef)):
            targets = targets_of(shape)
            for parent in used_by.get(shape, []):
                targets += [t for t in targets_of(parent) if t not in targets]
            messages = [str(m) for m in g.objects(shape, SH.message)]
            for constraint in g.objects(shape, SH.sparql):
                messages += [str(m) for m in g.objects(constraint, SH.message)]
            own = {p for p in g.predicates(shape, None) if str(p).startswith(str(SH))} - _NOT_CONSTRAINTS
            severity = g.value(shape, SH.severity) or (SH.Violation if own else None)  # SHACL's default
            path = g.value(shape, SH.path)
            kind = "property" if (shape, RDF.type, SH.PropertyShape) in g else "node"
            members = sorted(_curie(m, g) for m in g.objects(shape, SH.property) if isinstance(m, URIRef))
            out.append(
                ShapeInfo(
                    iri=str(shape),
                    kind=kind,
                    targets=tuple(targets),
                    path=_curie(path, g) if isinstance(path, URIRef) else ("(a path expression)" if path else ""),
                    severity=str(severity).rsplit("#", 1)[-1] if severity else "",
                    messages=tuple(" ".join(m.split()) for m in messages),
                    members=tuple(members),
                    comment=" ".join(str(g.value(shape, RDFS.comment) or "").split()),
                    source=f.name,
                )
            )
    return out


def _colour(term: URIRef) -> tuple[str, str]:
    for ns, (name, fill) in _VOCABS.items():
        if str(term).startswith(ns):
            return name, fill
    return "other", "#eeeeee"


def _label(term: URIRef, onto: Graph) -> str:
    return str(onto.value(term, RDFS.label) or onto.value(term, SKOS.prefLabel) or _short(term))


def core_diagram(onto: Graph | None = None, classes: Iterable[URIRef] = CORE_CLASSES) -> Any:
    """A pydot graph of the core classes, drawn from the ontology's own declarations.

    Solid arrows: graphkit's object properties whose declared domain and range (or a member of
    an owl:unionOf) are both core classes. Hollow arrows: ``rdfs:subClassOf`` from a core class
    to the reused classes (PROV-O, ORG, Web Annotation, FOAF, SKOS) and between core classes.
    """
    import pydot

    g = onto if onto is not None else load_ontology()
    core = list(classes)
    up = _superclasses(g)
    dot = pydot.Dot(
        "graphkit_core",
        graph_type="digraph",
        rankdir="TB",
        fontname="Helvetica",
        fontsize="11",
        nodesep="0.35",
        ranksep="0.9",
        bgcolor="white",
        label="graphkit core classes (solid: properties, hollow arrow: subclass of)",
        labelloc="t",
    )
    dot.set_node_defaults(shape="box", style="rounded,filled", fontname="Helvetica", fontsize="11", margin="0.12,0.06")
    dot.set_edge_defaults(fontname="Helvetica", fontsize="9", color="#555555", fontcolor="#333333")

    def node_id(t: URIRef) -> str:
        return '"' + _short(t) + '"'

    clusters: dict[str, Any] = {}
    shown: set[URIRef] = set()

    def add(t: URIRef) -> None:
        if t in shown:
            return
        shown.add(t)
        vocab, fill = _colour(t)
        tip = str(g.value(t, RDFS.comment) or "").replace('"', "'")[:300]
        node = pydot.Node(node_id(t), label=f"{_short(t)}\n{_label(t, g)}", fillcolor=fill, tooltip=tip)
        if vocab == "graphkit":
            dot.add_node(node)
            return
        if vocab not in clusters:
            clusters[vocab] = pydot.Cluster(
                "vocab_" + "".join(ch for ch in vocab if ch.isalnum()),
                label=f"reused: {vocab}",
                style="dashed",
                color="#999999",
                fontname="Helvetica",
                fontsize="10",
            )
            dot.add_subgraph(clusters[vocab])
        clusters[vocab].add_node(node)

    for c in core:
        add(c)
    # subclass links: to reused vocabularies' classes, and between core classes
    for c in core:
        for parent in sorted(o for o in g.objects(c, RDFS.subClassOf) if isinstance(o, URIRef)):
            if parent in core or _colour(parent)[0] != "graphkit":
                add(parent)
                dot.add_edge(
                    pydot.Edge(node_id(c), node_id(parent), arrowhead="empty", style="dashed", color="#888888")
                )
            else:  # a graphkit class between (e.g. gk:Statement): link to the core classes above it
                for above in sorted(up.get(parent, ())):
                    if above != parent and above in core:
                        dot.add_edge(pydot.Edge(node_id(c), node_id(above), arrowhead="empty", style="dashed"))
    # properties between core classes: graphkit's from their rdfs:domain/rdfs:range, the reused
    # ones from sdo:domainIncludes/rangeIncludes; a class outside the core is drawn as the core
    # class above it (gk:AreaSendInspection -> gk:Inspection); other classes are left out
    core_set = set(core)

    def lift(cls: URIRef) -> list[URIRef]:
        if cls in core_set:
            return [cls]
        above = [c for c in core if c in up.get(cls, ()) and _colour(c)[0] == "graphkit"]
        return [max(above, key=lambda c: len(up.get(c, ())))] if above else []  # the nearest

    edges: dict[tuple[URIRef, URIRef], list[str]] = {}
    props = [p for p in iter_vocabulary_properties(g) if (p, RDF.type, OWL.ObjectProperty) in g]
    reused = sorted(
        p
        for p in set(g.subjects(SDO.domainIncludes, None))
        if isinstance(p, URIRef) and (p, RDF.type, OWL.ObjectProperty) in g
    )
    for prop in [*props, *reused]:
        sides = (RDFS.domain, RDFS.range) if prop in props else (SDO.domainIncludes, SDO.rangeIncludes)
        domains = [a for d in g.objects(prop, sides[0]) for a in _alternatives(d, g)]
        ranges = [a for r in g.objects(prop, sides[1]) for a in _alternatives(r, g)]
        for d in domains:
            for r in ranges:
                for dd in lift(d):
                    for rr in lift(r):
                        if prop == GK.quoteFor and rr not in (GK.Document, GK.Inspection, GK.Statement):
                            continue  # a quote is evidence for nearly everything: three arrows say it
                        if prop in reused and (
                            dd == rr or any(n.startswith("gk:") for n in edges.get((dd, rr), ()))
                        ):  # "includes" pairs every domain with every range; a gk: sub-property says it already
                            continue
                        names = edges.setdefault((dd, rr), [])
                        if _short(prop) not in names:
                            names.append(_short(prop))
    for (dd, rr), names in edges.items():
        colour = "#555555" if names[0].startswith("gk:") else "#b35a00"
        label = "\n".join(names[:4]) + ("\n…" if len(names) > 4 else "")
        dot.add_edge(pydot.Edge(node_id(dd), node_id(rr), label=label, color=colour, fontcolor=colour))
    return dot


def diagram_svg(onto: Graph | None = None) -> str:
    """The core diagram as SVG text (Graphviz's ``dot`` must be on PATH)."""
    import shutil

    if shutil.which("dot") is None:
        from graphkit.errors import UsageError

        raise UsageError(
            "dot",
            "Graphviz's dot program is not installed",
            "Install Graphviz (Debian/Ubuntu: apt-get install graphviz)",
        )
    svg = core_diagram(onto).create_svg().decode("utf-8")
    return svg[svg.index("<svg") :]  # no XML declaration or doctype: it is embedded in HTML


def _pylode_html(onto: Graph) -> str:
    import logging

    try:
        from pylode import OntPub
    except ImportError:  # an install without the docs extra
        from graphkit.errors import UsageError

        raise UsageError(
            "graphkit ontology --html", "pyLODE is not installed", "Install it with: pip install 'graphkit[docs]'"
        ) from None
    g = Graph()
    for t in onto:
        g.add(t)
    for prefix, ns in onto.namespaces():
        g.bind(prefix, ns, override=True)
    # pyLODE reads concept schemes as further ontologies (their labels join the page title):
    # the schemes get their own section below instead. The title is dcterms:title alone.
    for scheme in list(g.subjects(RDF.type, SKOS.ConceptScheme)):
        g.remove((scheme, RDF.type, SKOS.ConceptScheme))
    g.remove((ONTOLOGY_IRI, RDFS.label, None))
    quiet = logging.getLogger().level
    logging.getLogger().setLevel(max(quiet, logging.WARNING))  # pyLODE logs each step at INFO
    try:
        return str(OntPub(g, sort_subjects=True).make_html())
    finally:
        logging.getLogger().setLevel(quiet)


def _schemes_html(onto: Graph) -> tuple[str, int]:
    from html import escape

    parts = [
        '<div class="section" id="schemes"><h2>Concept schemes</h2>',
        "<p>Values that are concepts, not strings: compare them by IRI in SPARQL "
        "(<code>?i gk:outcome gk:InconsistentOutcome</code>) and show their <code>skos:prefLabel</code>; "
        "<code>skos:notation</code> is the code graphkit's JSON and CSV output use.</p>",
    ]
    n = 0
    for scheme in sorted(s for s in onto.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)):
        concepts = sorted(onto.subjects(SKOS.inScheme, scheme), key=lambda c: str(onto.value(c, SKOS.notation) or c))
        local = _short(scheme).replace(":", "-")
        definition = onto.value(scheme, RDFS.comment) or onto.value(scheme, DCTERMS.description) or ""
        parts.append(
            f'<div class="scheme" id="scheme-{escape(local)}"><h3>{escape(_label(scheme, onto))}</h3>'
            f"<p><code>{escape(str(scheme))}</code></p><p>{escape(str(definition))}</p>"
        )
        cues = any(onto.value(c, GK.cue) is not None for c in concepts)
        head = "<tr><th>notation</th><th>concept</th><th>label</th><th>definition</th>"
        parts.append("<table>" + head + ("<th>cue phrases</th>" if cues else "") + "</tr>")
        for c in concepts:
            n += 1
            row = (
                f'<tr class="concept" id="concept-{escape(_short(c).replace(":", "-").replace("/", "-"))}">'
                f"<td><code>{escape(str(onto.value(c, SKOS.notation) or ''))}</code></td>"
                f"<td><code>{escape(str(c))}</code></td>"
                f"<td>{escape(str(onto.value(c, SKOS.prefLabel) or ''))}</td>"
                f"<td>{escape(str(onto.value(c, SKOS.definition) or ''))}</td>"
            )
            if cues:
                row += f"<td>{escape(', '.join(sorted(str(x) for x in onto.objects(c, GK.cue))))}</td>"
            parts.append(row + "</tr>")
        parts.append("</table></div>")
    parts.append("</div>")
    return "\n".join(parts), n


def _shapes_html(shapes: list[ShapeInfo], onto: Graph) -> str:
    from html import escape

    parts = [
        '<div class="section" id="shapes"><h2>SHACL shapes</h2>',
        "<p><code>graphkit validate</code> checks every document's graph against these shapes "
        "(<code>graphkit-cross-document-shapes.ttl</code>: once over all documents together). "
        "A node shape that only groups property shapes has no message of its own.</p>",
        '<table class="severities"><tr><th>severity</th><th>IRI</th><th>meaning</th></tr>',
    ]
    for sev in (SH.Violation, SH.Warning, SH.Info):
        meaning = str(onto.value(sev, RDFS.comment) or "")
        parts.append(
            f'<tr id="severity-{sev.rsplit("#", 1)[-1]}"><td>{sev.rsplit("#", 1)[-1]}</td>'
            f"<td><code>{escape(str(sev))}</code></td><td>{escape(meaning)}</td></tr>"
        )
    parts.append("</table>")
    parts.append("<table><tr><th>shape</th><th>applies to</th><th>path</th><th>severity</th><th>message</th></tr>")
    for s in shapes:
        local = s.iri.rsplit("#", 1)[-1]
        note = f'<br><span class="comment">{escape(s.comment)}</span>' if s.comment else ""
        members = "checked by: " + ", ".join(f"<code>{escape(m)}</code>" for m in s.members) if s.members else ""
        parts.append(
            f'<tr class="shape" id="shape-{escape(local)}"><td><code>gksh:{escape(local)}</code> '
            f"<small>({s.kind}, {escape(s.source)})</small>{note}</td>"
            f"<td>{escape(', '.join(s.targets))}</td><td><code>{escape(s.path)}</code></td>"
            f'<td class="severity">{escape(s.severity)}</td>'
            f"<td>{'<br>'.join(escape(m) for m in s.messages) or members}</td></tr>"
        )
    parts.append("</table></div>")
    return "\n".join(parts)


def reference_html(onto: Graph | None = None, svg: str | None = None) -> tuple[str, int, int, int]:
    """The reference page: pyLODE's classes and properties, then the diagram, schemes and shapes.

    Returns (html, terms, concepts, shapes).
    """
    g = onto if onto is not None else load_ontology()
    page = _pylode_html(g)
    schemes, concepts = _schemes_html(g)
    shapes = read_shapes()
    intro = (
        '<div class="section" id="diagram"><h2>Core classes</h2>'
        "<p>Drawn from the ontology's own domain, range and subclass declarations. Boxes in dashed frames "
        "are classes reused from other vocabularies; a hollow arrow means <em>is a kind of</em>.</p>"
        f'<div class="diagram">{svg or ""}</div></div>'
    )
    # the diagram first (after the metadata), the schemes and shapes after the properties
    for marker, html, toc_marker, toc in (
        (
            '<div class="section" id="classes">',
            intro,
            '<a href="#classes">',
            '<li><h4><a href="#diagram">Core classes</a></h4></li>',
        ),
        (
            '<div id="namespaces">',
            schemes + "\n" + _shapes_html(shapes, g),
            '<a href="#namespaces">',
            '<li><h4><a href="#schemes">Concept schemes</a></h4></li>'
            '<li><h4><a href="#shapes">SHACL shapes</a></h4></li>',
        ),
    ):
        if marker not in page:  # pragma: no cover - a pyLODE layout we do not know: append at the end
            marker = "</body>"
        page = page.replace(marker, html + "\n" + marker, 1)
        at = page.find(toc_marker)
        if at != -1:
            li = page.rfind("<li>", 0, at)
            page = page[:li] + toc + page[li:]
    style = (
        "<style>#schemes table,#shapes table{border-collapse:collapse;margin-bottom:1em}"
        "#schemes td,#schemes th,#shapes td,#shapes th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}"
        ".diagram svg{max-width:100%;height:auto}.comment{color:#555}</style>"
    )
    page = page.replace("</head>", style + "</head>", 1)
    terms = len({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)})
    return page, terms, concepts, len(shapes)


def write_reference(out: str | Path, diagram: str | Path | None = None) -> ReferenceResult:
    """Write the reference page to ``out`` (a ``.html`` file, or a folder for ``index.html``).

    ``diagram``: also write the core diagram there (``.svg``, or ``.png`` drawn by Graphviz).
    """
    from graphkit.errors import UsageError

    target = Path(out)
    if target.suffix.lower() not in (".html", ".htm"):
        if target.exists() and not target.is_dir():
            raise UsageError(str(target), "is a file but not .html", "Give a .html file name or a folder")
        target = target / "index.html"
    if diagram is not None and Path(diagram).suffix.lower() not in (".svg", ".png"):
        raise UsageError(str(diagram), "the diagram must be .svg or .png", "Name it ontology-core.svg")
    onto = load_ontology()
    svg = diagram_svg(onto)
    page, terms, concepts, shapes = reference_html(onto, svg)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    written: Path | None = None
    if diagram is not None:
        written = Path(diagram)
        written.parent.mkdir(parents=True, exist_ok=True)
        if written.suffix.lower() == ".png":
            written.write_bytes(core_diagram(onto).create_png())
        else:
            written.write_text(svg, encoding="utf-8")
    return ReferenceResult(html=target, svg=written, terms=terms, concepts=concepts, shapes=shapes)
