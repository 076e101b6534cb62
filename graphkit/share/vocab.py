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

from rdflib import OWL, RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SKOS
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
    """The declared domains (or ranges) of ``prop`` and of every property above it, each as its alternatives."""
    out: list[list[URIRef]] = []
    seen: set[URIRef] = set()
    todo = [prop]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        for d in ontology.objects(p, side):
            alts = _alternatives(d, ontology)
            if alts:
                out.append(alts)
        todo.extend(o for o in ontology.objects(p, RDFS.subPropertyOf) if isinstance(o, URIRef))
    return out


def _is_datatype(term: URIRef) -> bool:
    return str(term).startswith(str(XSD)) or term in (RDFS.Literal, RDF.langString)


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


def domain_range_findings(data: Graph | Dataset, ontology: Graph | None = None) -> list[DomainRangeFinding]:
    """Every property used in ``data`` against the domain or range the ontology declares for it.

    A node's classes are its ``rdf:type`` values anywhere in ``data`` (all named graphs) or in
    the ontology (concepts, properties), with their superclasses. A literal fits a datatype range
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
            rules[p] = (_declared(p, onto, RDFS.domain), _declared(p, onto, RDFS.range))
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


def _main(paths: list[str]) -> None:  # pragma: no cover - a developer's aid: python -m graphkit.share.vocab DB
    from graphkit.store_db import open_source

    onto = load_ontology()
    for path in paths:
        p = Path(path)
        store = open_source(db=p) if p.is_dir() else open_source(graph=p)
        ds = store.to_dataset()
        for term, why in undocumented_terms(used_terms(ds), onto).items():
            print(f"{path}: {term}: {why}")
        for f in domain_range_findings(ds, onto):
            print(f"{path}: {f}")
    ok, total, missing = property_coverage(onto)
    print(f"graphkit properties with domain and range: {ok}/{total}; without: {[_short(m) for m in missing]}")


if __name__ == "__main__":  # pragma: no cover
    import sys

    _main(sys.argv[1:])
