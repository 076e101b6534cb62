"""Validate graphkit graphs against the SHACL shapes in ``shapes/``: the only module importing pySHACL.

Strategy (fast enough for a new report in well under a second, and a whole built graph in a few):

* **per document** — each named graph is validated on its own against ``graphkit-shapes.ttl``,
  together with the ontology's ``rdfs:subClassOf`` triples (so that ``sh:targetClass
  gk:Inspection`` reaches revisits too). No RDFS or OWL inference is run.
* **self-checks** — :mod:`graphkit.check.selfcheck` looks, in each document's graph, for the marks
  a misread leaves (against the document's own text); its findings are reported like the shapes'.
* **across documents** — the SPARQL constraints of ``graphkit-cross-document-shapes.ttl`` run once
  each over the union of all named graphs (a view over the same store, not a copy): one query per
  constraint (:func:`across_checks`), the same queries on an Oxigraph store for ``graphkit build``.

pySHACL hands every SPARQL-based constraint to rdflib as query *text*, once per focus node, and
rdflib parses it each time (~18 ms, against ~0.4 ms to run it). The data graphs given to pySHACL
here cache the parsed queries, which makes the quote check (hundreds of quotes per report) cheap.

The validation report is turned into typed :class:`Result` records: severity, document, focus node
shown readably ("weakness 3 of bury-area-send-2024-02"), path, message, the quote behind the focus
node, and the shape's IRI.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, PROV
from rdflib.term import BNode, Node

from graphkit.errors import GraphkitError, NotALetterError
from graphkit.graph.rdf import GK, ID, OA

__all__ = [
    "SEVERITIES",
    "Result",
    "Report",
    "validate_graph",
    "validate_inputs",
    "results_to_ntriples",
    "GRAPH_SUFFIXES",
    "LETTER_SUFFIXES",
    "STATISTICS_GRAPH",
]

SH = Namespace("http://www.w3.org/ns/shacl#")
GKSH = Namespace("https://w3id.org/graphkit/shapes#")
STATISTICS_GRAPH = ID["graph/statistics"]
SEVERITIES = ("violation", "warning", "info")
_SEVERITY: dict[URIRef, str] = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
CROSS_DOCUMENT_SHAPES = "graphkit-cross-document-shapes.ttl"
GRAPH_SUFFIXES = {".ttl", ".trig", ".nq", ".jsonld", ".nt"}
LETTER_SUFFIXES = {".txt", ".text", ".pdf"}


@dataclass(frozen=True)
class Result:
    """One finding of the validation, ready to show a person or a machine."""

    severity: str  # "violation" | "warning" | "info"
    document: str  # the source file name of the document the focus node belongs to ("" if none)
    focus: str  # the focus node, readably: "weakness 3 of bury-area-send-2024-02"
    message: str
    shape: str  # the IRI of the shape that failed
    focus_node: str = ""  # the focus node's IRI
    path: str | None = None  # the property path, prefixed ("gk:endDate")
    value: str | None = None  # the offending value, readably, where the shape names one
    quote: str | None = None  # the exact text of the focus node's quote, where it has one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """Everything one validation found, with the size of what was validated."""

    results: list[Result] = field(default_factory=list)
    documents: int = 0
    triples: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def violations(self) -> int:
        return self.count("violation")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def infos(self) -> int:
        return self.count("info")

    def conforms(self, strict: bool = False) -> bool:
        """No violations (and, with ``strict``, no warnings either); infos never count."""
        return self.violations == 0 and (not strict or self.warnings == 0)

    def exit_code(self, strict: bool = False) -> int:
        """0 when the graph conforms, 1 when it does not (see :meth:`conforms`).

        >>> Report([Result("warning", "a.pdf", "area Bury", "m", "s")]).exit_code(), Report().exit_code(True)
        (0, 0)
        """
        return 0 if self.conforms(strict) else 1

    def summary(self) -> str:
        """The one-line summary.

        >>> Report(documents=2, triples=10).summary()
        '2 documents, 10 triples: 0 violations, 0 warnings, 0 infos'
        """
        return (
            f"{self.documents} document{'s' if self.documents != 1 else ''}, {self.triples} triples: "
            f"{self.violations} violation{'s' if self.violations != 1 else ''}, "
            f"{self.warnings} warning{'s' if self.warnings != 1 else ''}, "
            f"{self.infos} info{'s' if self.infos != 1 else ''}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "triples": self.triples,
            "violations": self.violations,
            "warnings": self.warnings,
            "infos": self.infos,
            "results": [r.to_dict() for r in self.results],
        }


# --- shapes, loaded once -------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _shapes() -> tuple[Graph, Graph, Graph]:
    """(per-document shapes, cross-document shapes, the ontology's class hierarchy)."""
    from graphkit.resources import resource_dir

    per_doc, cross = Graph(), Graph()
    for f in sorted(resource_dir("shapes").glob("*.ttl")):
        _read_turtle(f, cross if f.name == CROSS_DOCUMENT_SHAPES else per_doc)
    _give_property_shapes_targets(per_doc)
    _give_property_shapes_targets(cross)
    hierarchy = Graph()
    for f in sorted(resource_dir("ontology").glob("*.ttl")):
        _read_turtle(f, hierarchy, only=str(RDFS.subClassOf))
    for t in list(hierarchy):
        if not (isinstance(t[0], URIRef) and isinstance(t[2], URIRef)):
            hierarchy.remove(t)
    return per_doc, cross, hierarchy


def _read_turtle(path: Path, into: Graph, only: str | None = None) -> None:
    """Add a Turtle file's triples (those with predicate ``only``, if given) to ``into``.

    Oxigraph parses (rdflib's Turtle parser took ~70 ms of a one-letter ``graphkit validate``
    for the shapes and the ontology); the triples are rdflib's terms, as rdflib would have read
    them: a literal without a datatype or language stays plain, blank nodes are the file's own.

    >>> g = Graph(); _read_turtle(Path(__file__).parents[2] / "shapes" / CROSS_DOCUMENT_SHAPES, g)
    >>> len(g) == len(Graph().parse(Path(__file__).parents[2] / "shapes" / CROSS_DOCUMENT_SHAPES))
    True
    """
    import pyoxigraph as ox

    from graphkit.store.db import rdflib_term

    blanks: dict[str, BNode] = {}  # a file's blank nodes are its own, never another file's

    def term(t: Any) -> Node:
        return blanks.setdefault(t.value, BNode()) if isinstance(t, ox.BlankNode) else rdflib_term(t)

    for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if only is None or q.predicate.value == only:
            into.add((term(q.subject), term(q.predicate), term(q.object)))


@functools.lru_cache(maxsize=1)
def _shapes_split() -> tuple[Graph, tuple[SparqlCheck, ...]]:
    """The per-document shapes for pySHACL, and their SPARQL constraints as graphkit runs them.

    Each node shape's SPARQL constraint becomes one query over the document's graph
    (:func:`_sparql_checks`, run on Oxigraph); pySHACL gets the shapes without them (a shape
    left with nothing to check is left out), so that it never asks rdflib to parse SPARQL: that
    was most of a one-letter ``graphkit validate``, and two thirds of a document's validation
    in ``graphkit build`` went to the quote check's query, once per quote.
    """
    per_doc = _shapes()[0]
    checks, done = _sparql_checks(per_doc, subclasses=True)
    core = Graph()
    core += per_doc
    for shape, c in list(core.subject_objects(SH.sparql)):
        if c in done:
            core.remove((shape, SH.sparql, c))
            core.remove((c, None, None))
    keep = {SH.sparql, *_TARGETS} | {RDF.type, RDFS.comment, RDFS.label, SH.severity, SH.message}
    for shape in {s for s, _ in per_doc.subject_objects(SH.sparql)}:
        if all(p in keep for p in core.predicates(shape, None)) and (None, None, shape) not in core:
            core.remove((shape, None, None))  # nothing left for pySHACL to check
    return core, checks


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target)


def _give_property_shapes_targets(shapes: Graph) -> None:
    """Give each property shape its node shape's targets, instead of reaching it through ``sh:property``.

    The findings are the same (a property shape reports the same focus nodes, paths, values,
    messages and its own IRI either way), but pySHACL validates a property shape reached through
    ``sh:property`` once per focus node, and a targeted one once for all of them: about a fifth
    of a document's validation. Only where nothing else can tell: a property shape used by one
    node shape only, a node shape used by no other shape and not deactivated, and a property
    shape with no targets of its own. The shapes files stay as they are written, for people.

    >>> g = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <urn:x:> .
    ...     :N a sh:NodeShape ; sh:targetClass :C ; sh:property :P .
    ...     :P a sh:PropertyShape ; sh:path :p ; sh:minCount 1 .''')
    >>> _give_property_shapes_targets(g)
    >>> [str(o) for o in g.objects(URIRef("urn:x:P"), SH.targetClass)], (None, SH.property, None) in g
    (['urn:x:C'], False)
    """
    uses: dict[Node, int] = {}
    for prop in shapes.objects(None, SH.property):
        uses[prop] = uses.get(prop, 0) + 1
    referenced = {o for _s, p, o in shapes if p != SH.property}  # sh:node, sh:or, lists ...
    for node, prop in list(shapes.subject_objects(SH.property)):
        if uses[prop] != 1 or node in referenced or (node, SH.deactivated, None) in shapes:
            continue
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node, p)]
        if not targets or any((prop, p, None) in shapes for p in _TARGETS):
            continue
        for p, o in targets:
            shapes.add((prop, p, o))
        shapes.remove((node, SH.property, prop))


@functools.lru_cache(maxsize=512)
def _prepared(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


class _PreparedQueries:
    """Mixin: parse each distinct SPARQL text once (pySHACL sends the same text per focus node)."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)  # type: ignore[misc]


class _Graph(_PreparedQueries, Graph):
    pass


class _Dataset(_PreparedQueries, Dataset):
    pass


def _run_shacl(data: Graph, shapes: Graph) -> Graph:
    import pyshacl  # heavy import: only when validating

    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        inplace=True,  # ``data`` is our own copy or view: no need for pySHACL to clone it
        advanced=False,
        allow_warnings=False,
        allow_infos=False,
    )
    assert isinstance(report, Graph)
    return report


# --- the validation ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def shapes_fingerprint() -> str:
    """What a document's validation depends on besides its graph: the shapes, the ontology (its
    class hierarchy), the self-checks and pySHACL's version. ``graphkit build`` stores it with each
    document's findings, so a later ``graphkit validate --db`` knows whether they still hold."""
    from importlib.metadata import version

    from graphkit.resources import resource_dir

    h = hashlib.sha256(version("pyshacl").encode())
    for folder in ("shapes", "ontology"):
        for f in sorted(resource_dir(folder).glob("*.ttl")):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    from graphkit.check import selfcheck

    h.update(Path(selfcheck.__file__).read_bytes())
    return h.hexdigest()[:16]


def findings_stamp(sha256: str, fingerprint: str | None = None) -> str:
    """What a stored graph's findings were found from: its content's hash and the validation's
    fingerprint (:func:`shapes_fingerprint`, or ``fingerprint``). ``graphkit build`` stores it as
    the hash of the graph's validation graph."""
    return f"{sha256}+{fingerprint if fingerprint is not None else shapes_fingerprint()}"


def findings_hold(manifest: dict[str, tuple[str, str, str]], graph: str, fingerprint: str | None = None) -> bool:
    """Whether the findings stored for ``graph`` were found from it as it is, with these shapes."""
    from graphkit.graph.rdf import validation_graph_of

    entry = manifest.get(graph)
    stored = manifest.get(validation_graph_of(graph))
    return entry is not None and stored is not None and stored[0] == findings_stamp(entry[0], fingerprint)


def validate_graph(
    data: Graph | Dataset,
    cross_document: bool = True,
    clean: Collection[str] = (),
    per_document: bool = True,
    ntriples: str | None = None,
) -> Report:
    """Validate a graph: each named graph on its own, then the checks across documents once.

    ``data`` is a Dataset of named graphs (one per document, as ``graphkit extract`` writes them,
    plus the statistics graph) or a plain Graph such as :func:`graphkit.pipeline.letter_graph`
    returns (validated as one unit, and as the one named graph the checks across documents see:
    so the official statistics take part only when it is ``graph/statistics`` itself). It is
    not modified.
    Named graphs in ``clean`` are known to pass the per-document shapes with nothing to report
    (a build validated them, unchanged since, and found nothing): they are counted, and take
    part in the checks across documents, but are not validated on their own again.
    ``per_document=False`` runs the checks across documents only (``graphkit build`` stores
    their findings after each build). ``ntriples``: ``data`` (a plain Graph) as N-Triples, where
    the caller has them already (``graphkit build`` stores them): the SPARQL constraints run on an
    Oxigraph copy read from them.

    >>> validate_graph(Graph()).summary()
    '0 documents, 0 triples: 0 violations, 0 warnings, 0 infos'
    """
    _per_doc, _cross, hierarchy = _shapes()
    per_doc_shapes = _shapes_split()[0]
    units: list[Graph]
    if isinstance(data, Dataset):
        units = [g for g in data.graphs() if len(g)]
    else:
        units = [data] if len(data) else []
    report = Report()
    for unit in units:
        report.triples += len(unit)
        report.documents += sum(1 for _ in _documents(unit))
        if not per_document or str(unit.identifier) in clean:
            continue
        nt = ntriples if ntriples is not None and unit is data else unit.serialize(format="nt")
        if unit is data:
            ntriples = nt  # the checks across documents read it too
        with _with_hierarchy(unit, hierarchy) as g:
            for result in _results(_run_shacl(g, per_doc_shapes), g, unit):
                report.results.append(result)
            report.results.extend(_document_sparql_results(g, nt))
        report.results.extend(_self_check_results(unit))
    if cross_document and units:
        if isinstance(data, Dataset):
            report.results.extend(_across_results(data, _Dataset(store=data.store, default_union=True)))
        else:
            report.results.extend(_across_results(data, ntriples=ntriples))
    _sort(report)
    return report


# --- the checks across documents: the SPARQL constraints of the cross-document shapes ----------


@dataclass(frozen=True)
class SparqlCheck:
    """One SPARQL-based constraint of a node shape, as one query over a whole graph: the shape's
    targets found first (``?this``), then the constraint's own pattern with ``$this`` as ``?this``."""

    shape: str
    severity: str
    message: str
    query: str


AcrossCheck = SparqlCheck  # the name the checks across documents had first


def _target_pattern(shapes: Graph, shape: Node, subclasses: bool) -> str | None:
    """The SPARQL that binds ``?this`` to the shape's focus nodes, or None where a shape's targets
    cannot be written so (SPARQL-based targets): such a shape is left to pySHACL."""
    if (shape, SH.target, None) in shapes:
        return None
    classes = sorted(shapes.objects(shape, SH.targetClass), key=str)  # type: ignore[arg-type]
    if (shape, RDF.type, RDFS.Class) in shapes:  # an implicit class target
        classes.append(shape)
    if not subclasses:  # the checks across documents: the classes' own instances, bound inline
        if any((shape, p, None) in shapes for p in _TARGETS if p != SH.targetClass) or not classes:
            return None
        return "VALUES ?target__ { " + " ".join(f"<{c}>" for c in classes) + " } ?this a ?target__ ."
    parts = []
    if classes:
        values = " ".join(f"<{c}>" for c in classes)
        parts.append(f"{{ VALUES ?target__ {{ {values} }} ?this a/<{RDFS.subClassOf}>* ?target__ }}")
    nodes = sorted(shapes.objects(shape, SH.targetNode), key=str)  # type: ignore[arg-type]
    if nodes:
        parts.append("{ VALUES ?this { " + " ".join(n.n3() for n in nodes) + " } }")
    for p in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str):  # type: ignore[arg-type]
        parts.append(f"{{ ?this <{p}> ?object__ }}")
    for p in sorted(shapes.objects(shape, SH.targetObjectsOf), key=str):  # type: ignore[arg-type]
        parts.append(f"{{ ?subject__ <{p}> ?this }}")
    if not parts:
        return None
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _sparql_checks(shapes: Graph, subclasses: bool) -> tuple[tuple[SparqlCheck, ...], set[Node]]:
    """The node shapes' SPARQL-based constraints as one query each (and the constraints so written).

    pySHACL runs such a constraint once per focus node, parsing its query each time it meets
    it in a process (~30 ms in rdflib); as one query over the graph it is parsed once, and it
    gives the same results (each binds ``$this`` in its first pattern, as SHACL's pre-binding
    does): the focus node, the value (``?value``, else the focus node, as for any node shape), a
    path where the query binds one, and the message with ``{?var}`` filled in. ``subclasses``:
    a target class reaches the instances of its subclasses too (the class hierarchy is in the
    graph), as pySHACL's sh:targetClass does.
    """
    out: list[SparqlCheck] = []
    done: set[Node] = set()
    for shape in sorted(set(shapes.subjects(SH.sparql, None)), key=str):
        if (shape, SH.path, None) in shapes or (shape, SH.deactivated, Literal(True)) in shapes:
            continue  # a property shape's SPARQL constraint ($PATH, value nodes) stays pySHACL's
        targets = _target_pattern(shapes, shape, subclasses)
        constraints = list(shapes.objects(shape, SH.sparql))
        if targets is None or any((c, SH.select, None) not in shapes for c in constraints):
            continue
        level = shapes.value(shape, SH.severity)
        severity = _SEVERITY.get(level, "violation") if isinstance(level, URIRef) else "violation"
        for c in constraints:
            done.add(c)
            if (c, SH.deactivated, Literal(True)) in shapes:
                continue
            select = str(shapes.value(c, SH.select))
            message = str(shapes.value(c, SH.message) or shapes.value(shape, SH.message) or "(no message)")
            prefixes = []
            for onto in shapes.objects(c, SH.prefixes):
                for decl in shapes.objects(onto, SH.declare):
                    prefixes.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
            body = re.sub(r"\$this\b", "?this", select)
            at = re.search(r"WHERE\s*\{", body) or re.search(r"\{", body)  # WHERE may be left out
            if at:
                body = body[: at.start()] + "WHERE { " + targets + " " + body[at.end() :]
            out.append(SparqlCheck(str(shape), severity, message, "\n".join(prefixes) + "\n" + body))
    return tuple(out), done


@functools.lru_cache(maxsize=1)
def across_checks() -> tuple[SparqlCheck, ...]:
    """The checks across documents, read from their shapes once.

    pySHACL would run each constraint once per focus node (hundreds of times over a national
    graph); one query per constraint over the whole union gives the same results (each query
    binds ``$this`` in its first pattern) in a fraction of the time, on rdflib and on Oxigraph
    alike, so that ``graphkit build`` and ``graphkit validate --db`` report the same findings.
    """
    return _sparql_checks(_shapes()[1], subclasses=False)[0]


def document_checks() -> tuple[SparqlCheck, ...]:
    """The per-document shapes' SPARQL-based constraints, each as one query over a document's
    graph (run on Oxigraph: see :func:`_sparql_results`); pySHACL validates the rest."""
    return _shapes_split()[1]


def _fill(message: str, bound: dict[str, str]) -> str:
    """A constraint's message with ``{?var}`` / ``{$var}`` replaced by what the query bound, as pySHACL does."""
    for var, val in bound.items():
        message = message.replace("{?" + var + "}", val).replace("{$" + var + "}", val)
    return message


class _OxigraphCopy:
    """An in-memory Oxigraph copy of rdflib graphs, to run SPARQL on: Oxigraph parses a query in
    microseconds where rdflib takes ~30 ms, and evaluates it faster. Terms Oxigraph refuses (an
    IRI with a space, read from someone's graph file) raise ValueError: the caller then asks rdflib."""

    def __init__(self, store: Any = None) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store() if store is None else store  # or an Oxigraph store to query as it is

    def add(self, triples: Iterable[tuple[Node, Node, Node]], graph: Node | None = None) -> None:
        from graphkit.store.files import oxigraph_term as term

        ox = self.ox
        g = ox.NamedNode(str(graph)) if isinstance(graph, URIRef) else ox.DefaultGraph()
        self.store.extend([ox.Quad(term(s), term(p), term(o), g) for s, p, o in triples])

    def add_ntriples(self, ntriples: str, graph: Node | None = None) -> None:
        """Add a graph given as N-Triples (rdflib's serialization of it, blank node ids kept):
        Oxigraph parses them in a fraction of the time that converting rdflib's terms one by
        one takes (~12 ms for a report's graph). What Oxigraph refuses raises ValueError, as :meth:`add`."""
        ox = self.ox
        try:
            quads = ox.parse(ntriples.encode("utf-8", "surrogatepass"), format=ox.RdfFormat.N_TRIPLES)
            if isinstance(graph, URIRef):
                g = ox.NamedNode(str(graph))
                self.store.extend([ox.Quad(q.subject, q.predicate, q.object, g) for q in quads])
            else:
                self.store.extend(quads)
        except (SyntaxError, UnicodeError) as exc:
            raise ValueError(str(exc)) from None

    def rows(self, query: str, union: bool = False) -> Iterator[dict[str, Node]]:
        """The query's solutions, as rdflib terms by variable name (helper variables ``*__`` left out)."""
        from graphkit.store.db import rdflib_term

        solutions = self.store.query(query, use_default_graph_as_union=union)
        assert isinstance(solutions, self.ox.QuerySolutions)  # the constraints are SELECT queries
        names = [v.value for v in solutions.variables if not v.value.endswith("__")]
        for row in solutions:
            yield {var: rdflib_term(t) for var in names if (t := row[var]) is not None}


def _rdflib_rows(g: Graph, query: str) -> Iterator[dict[str, Node]]:
    """The same as :meth:`_OxigraphCopy.rows`, by rdflib (for graphs Oxigraph cannot hold)."""
    for row in g.query(_prepared(query)):
        yield {str(k): v for k, v in row.asdict().items() if not str(k).endswith("__")}  # type: ignore[union-attr]


def _sparql_results(
    checks: Sequence[SparqlCheck], rows: Any, data: Graph, docs: Sequence[URIRef] = (), value_is_focus: bool = True
) -> Iterator[Result]:
    """The findings of ``checks``, each row of ``rows(query)`` one finding (the same row once),
    shown as pySHACL's results are by :func:`_results`: a node shape's value is ``?value`` where
    bound, else (``value_is_focus``) the focus node."""
    for check in checks:
        seen: set[tuple[Any, ...]] = set()
        for bound in rows(check.query):
            key = tuple(sorted((k, v.n3()) for k, v in bound.items()))
            if key in seen:
                continue
            seen.add(key)
            focus = bound.get("this")
            value = bound.get("value", focus if value_is_focus else None)
            path = bound.get("path")
            words = {k: str(v) for k, v in bound.items()}
            if value is not None:
                words["value"] = str(value)
            yield Result(
                severity=check.severity,
                document=document_of(focus, data, docs),
                focus=describe(focus, data),
                message=_fill(check.message, words),
                shape=check.shape,
                focus_node=str(focus),
                path=_short(path, data) if isinstance(path, URIRef) else None,
                value=_shorten(describe(value, data)) if value is not None else None,
                quote=quote_of(focus, data, path if isinstance(path, URIRef) else None),
            )


def _document_sparql_results(g: Graph, ntriples: str) -> Iterator[Result]:
    """The per-document SPARQL constraints' findings on ``g`` (a document's graph with the class
    hierarchy), on an Oxigraph copy of it made from ``ntriples`` (the document's graph without
    the hierarchy, as N-Triples); by rdflib where Oxigraph refuses one of its terms."""
    checks = document_checks()
    if not checks:
        return iter(())
    try:
        copy = _OxigraphCopy()
        copy.store.extend(_hierarchy_quads())
        copy.add_ntriples(ntriples)
        rows: Any = copy.rows
    except ValueError:
        rows = functools.partial(_rdflib_rows, g)
    return _sparql_results(checks, rows, g, list(_documents(g)))


@functools.lru_cache(maxsize=1)
def _hierarchy_quads() -> tuple[Any, ...]:
    """The ontology's class hierarchy as Oxigraph quads (in the default graph), made once."""
    import pyoxigraph as ox

    from graphkit.store.files import oxigraph_term as term

    return tuple(ox.Quad(term(s), term(p), term(o)) for s, p, o in _shapes()[2])


def _across_results(data: Graph | Dataset, union: Graph | None = None, ntriples: str | None = None) -> Iterator[Result]:
    """Every finding of the checks across documents: the queries run over the union of ``data``'s
    graphs (on an Oxigraph copy; by rdflib through ``union``, a view of all graphs, where Oxigraph
    refuses a term), each finding described from ``union``.

    ``data`` may be one plain Graph (a letter's, as :func:`graphkit.pipeline.letter_graph` gives
    it; ``ntriples`` its N-Triples where the caller has them): it is then the one named graph the
    checks see, and its findings are described from it."""
    if isinstance(data, Dataset):
        assert union is not None
        try:
            copy = _OxigraphCopy()
            for g in data.graphs():
                if len(g):
                    copy.add(g, g.identifier if isinstance(g.identifier, URIRef) else _DEFAULT_GRAPH)
            rows: Any = functools.partial(copy.rows, union=True)
        except ValueError:
            rows = functools.partial(_rdflib_rows, union)
        # a finding across documents shows ?value only, never the focus node again
        return _sparql_results(across_checks(), rows, union, value_is_focus=False)
    # one graph of its own: the checks across documents ask for named graphs by name
    name = data.identifier if isinstance(data.identifier, URIRef) else ID["graph/unnamed"]
    try:
        copy = _OxigraphCopy()
        copy.add_ntriples(data.serialize(format="nt") if ntriples is None else ntriples, name)
        rows = functools.partial(copy.rows, union=True)
    except ValueError:
        union = _Dataset(default_union=True)
        target = union.graph(name)
        target += data
        rows = functools.partial(_rdflib_rows, union)
    return _sparql_results(across_checks(), rows, data, value_is_focus=False)


_DEFAULT_GRAPH = URIRef("urn:x-graphkit:default-graph")


def validate_store_across(store: Any) -> Report:
    """The checks across documents run straight on an Oxigraph store (``graphkit build``): the
    same queries and messages as :func:`validate_graph` gives over the same graphs."""
    import pyoxigraph as ox

    report = Report()
    for check in across_checks():
        seen: set[tuple[Any, ...]] = set()
        solutions = store.query(check.query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables if v.value != "target__"]
        for row in solutions:
            bound = {}
            for var in names:
                term = row[var]
                if term is not None:
                    bound[var] = term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)
            key = tuple(sorted(bound.items()))
            if key in seen:
                continue
            seen.add(key)
            report.results.append(
                Result(
                    severity=check.severity,
                    document="",
                    focus=bound.get("this", ""),
                    message=_fill(check.message, bound),
                    shape=check.shape,
                    focus_node=bound.get("this", ""),
                    value=bound.get("value"),
                )
            )
    return report


@contextmanager
def _with_hierarchy(unit: Graph, hierarchy: Graph) -> Iterator[Graph]:
    """``unit`` with the class hierarchy, as a graph whose SPARQL queries are parsed once.

    When the unit is alone in its in-memory store (a document's graph from ``letter_graph``, as
    ``build`` validates it), a view over that store, to which the hierarchy's triples are added
    for the time of the validation and taken away after (about a tenth of a document's
    validation went to copying it); a caller reading the graph from another thread meanwhile
    would see them. A named graph of a Dataset is copied: in a store shared with other graphs
    every lookup would pass over theirs too.
    """
    from rdflib.plugins.stores.memory import Memory, SimpleMemory

    alone = isinstance(unit.store, (Memory, SimpleMemory)) and all(
        c.identifier == unit.identifier for c in unit.store.contexts()
    )
    if not alone or isinstance(unit, Dataset):
        copy = _Graph()
        copy += unit
        copy += hierarchy
        yield copy
        return
    view = _Graph(store=unit.store, identifier=unit.identifier, namespace_manager=unit.namespace_manager)
    added = [t for t in hierarchy if t not in view]
    for t in added:
        view.add(t)
    try:
        yield view
    finally:
        for t in added:
            view.remove(t)


_DOCUMENT_CLASSES = (GK.InitialLetter, GK.RevisitLetter, GK.AreaSendReport, GK.OtherDocument, GK.Document)


_SH = "http://www.w3.org/ns/shacl#"
_SEVERITY_IRIS = {"violation": _SH + "Violation", "warning": _SH + "Warning", "info": _SH + "Info"}


def results_to_ntriples(report: Report, base: str) -> str:
    """The report's results as SHACL result triples (N-Triples), numbered under ``base``.

    ``graphkit build`` stores them beside each document, so that the named query
    ``validation-warnings`` can list the documents a data maintainer should look at.
    """

    def lit(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'

    lines = []
    for i, r in enumerate(report.results):
        node = f"<{base}/{i}>"
        lines.append(f"{node} <{RDF.type}> <{_SH}ValidationResult> .")
        lines.append(f"{node} <{_SH}resultSeverity> <{_SEVERITY_IRIS.get(r.severity, _SH + 'Info')}> .")
        if r.focus_node.startswith("http"):
            lines.append(f"{node} <{_SH}focusNode> <{r.focus_node}> .")
        lines.append(f"{node} <{_SH}resultMessage> {lit(r.message)} .")
        if r.shape.startswith("http"):
            lines.append(f"{node} <{_SH}sourceShape> <{r.shape}> .")
        if r.path and r.path.startswith("gk:") and r.path[3:].isidentifier():
            lines.append(f"{node} <{_SH}resultPath> <{GK}{r.path[3:]}> .")
        record = json.dumps(r.to_dict(), sort_keys=True)  # ASCII: one line, whatever the letter held
        lines.append(f"{node} <{_RECORD}> {lit(record)}^^<{_JSON}> .")
    return "\n".join(lines)


_RECORD = str(GK.findingRecord)
_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"


def _documents(g: Graph) -> Iterable[URIRef]:
    """The documents read into ``g`` (not the build manifest's entries about them)."""
    seen: set[URIRef] = set()
    for cls in _DOCUMENT_CLASSES:
        for s in g.subjects(RDF.type, cls):
            if isinstance(s, URIRef) and s not in seen:
                seen.add(s)
                yield s


def _results(report: Graph, data: Graph, unit: Graph | None) -> Iterable[Result]:
    docs = list(_documents(data)) if unit is not None else []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        level = report.value(r, SH.resultSeverity)
        severity = _SEVERITY.get(level, "violation") if isinstance(level, URIRef) else "violation"
        shape = report.value(r, SH.sourceShape)
        path = report.value(r, SH.resultPath)
        value = report.value(r, SH.value)
        messages = [str(m) for m in report.objects(r, SH.resultMessage)]
        message = messages[0] if messages else "(no message)"
        shown_value = None
        if value is not None:
            shown_value = _shorten(describe(value, data))
        elif isinstance(path, URIRef) and isinstance(focus, (URIRef, BNode)):
            # e.g. a maxCount result: show what was found there
            found = [_shorten(describe(o, data), 80) for o in sorted(data.objects(focus, path), key=str)][:3]
            shown_value = "; ".join(found) or None
        yield Result(
            severity=severity,
            document=document_of(focus, data, docs),
            focus=describe(focus, data),
            message=message,
            shape=str(shape) if isinstance(shape, URIRef) else "(blank node shape)",
            focus_node=str(focus),
            path=_short(path, data) if isinstance(path, URIRef) else (_path_text(path, report) if path else None),
            value=shown_value,
            quote=quote_of(focus, data, path if isinstance(path, URIRef) else None),
        )


def _self_check_results(unit: Graph) -> Iterable[Result]:
    """The self-checks' findings on one document's graph (what looks misread against its own
    text), as :class:`Result` records like the shapes' (see :mod:`graphkit.check.selfcheck`)."""
    from graphkit.check.selfcheck import check_document

    docs = list(_documents(unit))
    for f in check_document(unit):
        yield Result(
            severity=f.severity,
            document=document_of(f.focus, unit, docs),
            focus=describe(f.focus, unit),
            message=f.message,
            shape=str(f.check),
            focus_node=str(f.focus),
            path=_short(f.path, unit) if f.path is not None else None,
            value=_shorten(f.value) if f.value else None,
            quote=quote_of(f.focus, unit, f.path),
        )


@functools.lru_cache(maxsize=1)
def _names() -> Graph:
    from graphkit.graph.rdf import bind_prefixes

    g = Graph(bind_namespaces="core")
    bind_prefixes(g)
    g.bind("gksh", GKSH)
    return g


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(node: Node, g: Graph | None = None) -> str:
    """``gk:endDate`` for a term in a known namespace, else the IRI."""
    try:
        text = _names().namespace_manager.normalizeUri(node)  # type: ignore[arg-type]
    except Exception:  # pragma: no cover - rdflib refuses some IRIs
        return str(node)
    return text[1:-1] if text.startswith("<") else text


def _path_text(path: Node, report: Graph) -> str:
    inverse = report.value(path, SH.inversePath)  # type: ignore[arg-type]
    if inverse is not None:
        return "^" + _short(inverse, report)
    return "(complex path)"


# --- people-readable names for nodes -------------------------------------------------------

_INSPECTION_KINDS = {"initial": "initial inspection", "revisit": "revisit", "area-send": "area SEND inspection"}
_ITEM_WORDS = {
    "weakness": "weakness",
    "verdict": "verdict on weakness",
    "priority-action": "priority action",
    "improvement": "area for improvement",
}
_DOC_PART_WORDS = {
    "person": "person mention",
    "addressee": "addressee",
    "mention": "body mention",
    "cc": "copy recipient",
}


def _label(node: Node, g: Graph, *props: URIRef) -> str | None:
    for p in props:
        v = g.value(node, p)  # type: ignore[arg-type]
        if v is not None:
            return str(v)
    return None


def _doc_slug_of(node: Node, g: Graph) -> str | None:
    """The slug of the document ``node`` was read from (derived-from, about, or its quotes)."""
    doc = document_node(node, g)
    if doc is None:
        return None
    return str(doc)[len(str(ID["doc/"])) :].split("/")[0]


def describe(node: Node | None, g: Graph) -> str:
    """A node shown to a person: what it is, and of which document or area.

    >>> g = Graph()
    >>> describe(ID["area/bury"], g), describe(ID["doc/bury-area-send-2024-02/quote/10-20"], g)
    ('area bury', 'quote 10-20 of bury-area-send-2024-02')
    """
    if node is None:
        return "(none)"
    if isinstance(node, BNode):
        return "(blank node)"
    if isinstance(node, Literal):
        return str(node)
    iri = str(node)
    base = str(ID)
    if not iri.startswith(base):
        return _short(node, g)
    parts = iri[len(base) :].split("/")
    head = parts[0]
    if head == "doc":
        slug = parts[1] if len(parts) > 1 else "?"
        if len(parts) == 2:
            return f"document {_label(node, g, GK.sourceFile) or slug}"
        kind = parts[2]
        if kind == "quote" and len(parts) >= 4:
            what = f"quote {parts[3]} of {slug}"
            if len(parts) >= 5:
                what = f"{'position' if parts[4] == 'position' else 'exact-text'} selector of {what}"
            return what
        if kind == "finding" and len(parts) >= 4 and parts[3].isdigit():
            return f"finding {int(parts[3]) + 1} of {slug}"
        if kind in _DOC_PART_WORDS:
            name = _label(node, g, GK.nameAsWritten)
            return (
                f"{_DOC_PART_WORDS[kind]} \u201c{name}\u201d in {slug}"
                if name
                else f"{_DOC_PART_WORDS[kind]} in {slug}"
            )
        return f"{'/'.join(parts[2:])} of {slug}"
    if head == "inspection" and len(parts) >= 4:
        area = _label(ID[f"area/{parts[1]}"], g, RDFS.label) or parts[1]
        inspection = f"{_INSPECTION_KINDS.get(parts[2], parts[2])} of {area} ({parts[3]})"
        rest = parts[4:]
        if not rest:
            return inspection
        if rest == ["wsoa"]:
            return f"written statement of action for the {inspection}"
        if len(rest) == 2 and rest[0] in _ITEM_WORDS and rest[1].isdigit():
            source = _doc_slug_of(node, g) or inspection
            return f"{_ITEM_WORDS[rest[0]]} {int(rest[1]) + 1} of {source}"
        return f"{'/'.join(rest)} of the {inspection}"
    if head == "area":
        return f"area {_label(node, g, RDFS.label) or parts[-1]}"
    if head == "body":
        return f"body {_label(node, g, RDFS.label) or parts[-1]}"
    if head == "person":
        return f"person {_label(node, g, FOAF.name) or parts[-1]}"
    return _short(node, g)


def document_node(node: Node | None, g: Graph) -> URIRef | None:
    """The document ``node`` was read from, found through the graph's own links."""
    if not isinstance(node, URIRef):
        return None
    if (node, GK.sourceFile, None) in g:
        return node
    iri, doc_base = str(node), str(ID["doc/"])
    if iri.startswith(doc_base):
        return URIRef(doc_base + iri[len(doc_base) :].split("/")[0])
    for p in (PROV.wasDerivedFrom,):
        d = g.value(node, p)
        if isinstance(d, URIRef):
            return d
    d = g.value(None, GK.about, node)
    if isinstance(d, URIRef):
        return d
    revisit = g.value(node, GK.verdictOf)
    if revisit is not None:
        d = g.value(None, GK.about, revisit)
        if isinstance(d, URIRef):
            return d
    for q in g.subjects(GK.quoteFor, node):
        d = g.value(q, OA.hasSource)
        if isinstance(d, URIRef):
            return d
    return None


def document_of(node: Node | None, g: Graph, docs: Sequence[URIRef] = ()) -> str:
    """The source file name of the document ``node`` belongs to ("" when it belongs to none)."""
    doc = document_node(node, g)
    if doc is None and len(docs) == 1:
        doc = docs[0]
    if doc is None:
        return ""
    name = g.value(doc, GK.sourceFile)
    return str(name) if name is not None else str(doc).rsplit("/", 1)[-1]


def quote_of(node: Node | None, g: Graph, path: URIRef | None = None) -> str | None:
    """The exact text behind ``node``: its own words if it is a quote, else its (first) quote's."""
    if node is None:
        return None

    def exact(q: Node) -> str | None:
        for sel in g.objects(q, OA.hasSelector):  # type: ignore[arg-type]
            words = g.value(sel, OA.exact)
            if words is not None:
                return " ".join(str(words).split())
        return None

    if (node, RDF.type, GK.Quote) in g:
        return exact(node)
    quotes = sorted(g.subjects(GK.quoteFor, node), key=_quote_start)
    if not quotes:
        return None
    if path is not None:  # the quote of that property, else the node's own words (never another property's)
        for q in quotes:
            if (q, GK.quoteOfProperty, path) in g:
                return exact(q)
    for prop in _NODE_QUOTES:
        for q in quotes:
            if (q, GK.quoteOfProperty, prop) in g:
                return exact(q)
    plain = [q for q in quotes if g.value(q, GK.quoteOfProperty) is None]  # a mention's own words
    return exact(plain[0]) if plain else None


_NODE_QUOTES = (GK.statementText, GK.nameAsWritten, GK.sufficientProgress)


def _quote_start(q: Node) -> int:
    m = re.search(r"/quote/(\d+)-", str(q))
    return int(m.group(1)) if m else 0


# --- inputs: letters and graph files ---------------------------------------------------------


def validate_inputs(
    paths: Sequence[str | Path],
    db: str | Path | None = None,
    partial: bool = False,
    timeout: float | None = None,
    timed_out: list[GraphkitError] | None = None,
) -> Report:
    """Read letters (.txt .pdf: read, extract) and graph files, then validate them together.

    Every input is read before anything is validated; the first that cannot be read raises a
    :class:`~graphkit.errors.GraphkitError` (a look-alike letter raises NotALetterError). With
    ``partial``, a copy holding part of a letter is read for what it holds (and warned about). A
    letter that takes longer than ``timeout`` seconds to read is left out and its error appended
    to ``timed_out`` (raised when that is None).
    """
    from graphkit.store.files import add_graph, new_dataset, read_graph_file

    if db is not None and not paths:
        return validate_store(db)
    ds = new_dataset()
    clean: set[str] = set()
    if db is not None:
        ds, clean = _open_db(db)
    for raw in paths:
        p = Path(raw)
        suffix = p.suffix.lower()
        if suffix in GRAPH_SUFFIXES:
            for g in read_graph_file(p).graphs():
                if len(g):
                    clean.discard(str(g.identifier))  # changed here: validate it again
                    add_graph(ds, g.identifier, g)  # type: ignore[arg-type]
            continue
        from graphkit.errors import TimeLimitError
        from graphkit.pipeline import letter_graph, read_letter, time_limit

        try:
            with time_limit(timeout, str(p)):
                letter = read_letter(p, partial=partial)
                name, g = letter_graph(letter)
        except TimeLimitError as exc:
            if timed_out is None:
                raise
            timed_out.append(exc)
            continue
        if letter.extraction.kind == "other":
            reason = "; ".join(letter.extraction.notes) or "no inspection heading found"
            reason = re.sub(r"^not an inspection letter:\s*", "", reason, flags=re.I)
            raise NotALetterError(
                str(p),
                f"not an inspection letter: {reason}",
                "graphkit validates Ofsted/CQC local area SEND inspection letters and reports only",
            )
        if db is None and len(paths) == 1:  # one letter alone: its own graph, not a copy in a Dataset
            return validate_graph(g)
        clean.discard(str(name))
        add_graph(ds, name, g)
    return validate_graph(ds, clean=clean)


def validate_store(db: str | Path | Any) -> Report:
    """``graphkit validate --db``: the whole store validated, as :func:`validate_graph` would
    validate a copy of it, without copying it.

    A document whose findings ``graphkit build`` stored, unchanged since and with the same shapes
    (:func:`shapes_fingerprint`), shows those findings again; every other graph (the statistics,
    the links and themes, a document stored by an older graphkit) is read from the store and
    validated. The checks across documents run on the store itself and their findings are
    described from it (:meth:`graphkit.store.db.GraphStore.union_graph`). A graph no shape
    reaches (the manifest, the stored findings, the links) is counted but not validated: there
    is nothing in it to find (:func:`reached_by_shapes`). ``db``: the store's folder, or a store
    graphkit has open.
    """
    from graphkit.store.db import GraphStore, open_store

    store = db if isinstance(db, GraphStore) else open_store(db, create=False, read_only=True)
    manifest = store.manifest()
    fingerprint = shapes_fingerprint()  # once: each graph's stamp is compared with it
    report = Report(triples=len(store), documents=_count_documents(store))
    stale = []
    for g in store.named_graphs():
        stored = _stored_findings(store, g, manifest, fingerprint)
        if stored is not None:
            report.results.extend(stored)
        elif not _nothing_to_find(store, g, manifest):
            stale.append(g)
    for g in stale:  # one at a time: a store from an older graphkit may be large
        report.results.extend(validate_graph(store.to_dataset([g]), cross_document=False).results)
    if report.triples:
        rows = functools.partial(_OxigraphCopy(store.store).rows, union=True)
        report.results.extend(_sparql_results(across_checks(), rows, store.union_graph(), value_is_focus=False))
    _sort(report)
    return report


@functools.lru_cache(maxsize=1)
def _reach_query() -> str | None:
    """An ASK query (``GRAPH_IRI`` to be filled in) true when some node of a graph is a focus node
    of a per-document shape or SPARQL check (by any of its targets), or a document the
    self-checks read, or when the graph holds class axioms of its own; None where a shape's
    targets cannot be written so (SPARQL-based targets). A graph it is false for has nothing
    for the validation of a document to find: no shape reaches any of its nodes."""
    from rdflib import OWL

    shapes, _cross, hierarchy = _shapes()
    if (None, SH.target, None) in shapes:
        return None
    classes = set(shapes.objects(None, SH.targetClass)) | set(_DOCUMENT_CLASSES)
    classes |= {s for c in (RDFS.Class, OWL.Class) for s in shapes.subjects(RDF.type, c)}  # implicit class targets
    grown = True
    while grown:  # and every subclass of those, as pySHACL's sh:targetClass reaches them
        more = {s for s, o in hierarchy.subject_objects(RDFS.subClassOf) if o in classes and s not in classes}
        classes |= more
        grown = bool(more)

    def values(terms: Iterable[Node]) -> str:
        return " ".join(t.n3() for t in sorted(terms, key=str) if isinstance(t, URIRef)) or "<urn:x-graphkit:none>"

    parts = [
        f"{{ ?s <{RDFS.subClassOf}> ?o }}",
        f"{{ VALUES ?c {{ {values(classes)} }} ?s a ?c }}",
        f"{{ VALUES ?p {{ {values(shapes.objects(None, SH.targetSubjectsOf))} }} ?s ?p ?o }}",
        f"{{ VALUES ?p {{ {values(shapes.objects(None, SH.targetObjectsOf))} }} ?s ?p ?o }}",
        f"{{ VALUES ?n {{ {values(shapes.objects(None, SH.targetNode))} }} {{ ?n ?p ?o }} UNION {{ ?s ?p ?n }} }}",
    ]
    return "ASK { GRAPH <GRAPH_IRI> { " + " UNION ".join(parts) + " } }"


def reached_by_shapes(store: Any, graph: str) -> bool:
    """Whether validating the stored graph ``graph`` on its own could find anything (see
    :func:`_reach_query`): the statistics and the themes have nodes the shapes are about, the
    links, the manifest and stored findings none."""
    query = _reach_query()
    if query is None or not graph.startswith(("http://", "https://", "urn:")) or ">" in graph:
        return True
    return bool(store.query(query.replace("GRAPH_IRI", graph)))


def _nothing_to_find(store: Any, graph: str, manifest: dict[str, tuple[str, str, str]]) -> bool:
    """A stored graph validating on its own cannot find anything in: stored findings (findings,
    not data), and any graph no shape reaches (the manifest, the links, the themes)."""
    return manifest.get(graph, ("", "", ""))[2] == "validation" or not reached_by_shapes(store, graph)


def _count_documents(store: Any) -> int:
    """The documents in the store's graphs, each counted in every graph that reads it (as
    :func:`validate_graph` counts them graph by graph)."""
    classes = " ".join(f"<{c}>" for c in _DOCUMENT_CLASSES)
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?d WHERE {{ VALUES ?c {{ {classes} }} GRAPH ?g {{ ?d a ?c }} FILTER isIRI(?d) }} }}"
    return int(next(iter(store.query(q)))["n"].value)


def _stored_findings(
    store: Any, graph: str, manifest: dict[str, tuple[str, str, str]], fingerprint: str
) -> list[Result] | None:
    """The findings ``graphkit build`` stored for ``graph``, as they were shown then; None when
    there are none that still hold (no findings stored, the graph or the shapes changed since,
    or stored without their record by an older graphkit)."""
    from graphkit.graph.rdf import validation_graph_of

    if not findings_hold(manifest, graph, fingerprint):
        return None
    v = validation_graph_of(graph)
    rows = store.query(
        f"SELECT ?r ?record WHERE {{ GRAPH <{v}> {{ ?r a <{_SH}ValidationResult> OPTIONAL {{ ?r <{_RECORD}> ?record }} }} }}"
    )
    found = []
    for row in rows:
        record = row["record"]
        if record is None:
            return None
        number = row["r"].value.rsplit("/", 1)[-1]
        found.append((int(number) if number.isdigit() else 0, Result(**json.loads(record.value))))
    return [r for _, r in sorted(found, key=lambda f: f[0])]  # in the order they were found


def _sort(report: Report) -> None:
    order = {s: i for i, s in enumerate(SEVERITIES)}
    report.results.sort(
        key=lambda r: (
            order.get(r.severity, 9),
            r.document,
            r.focus_node,
            r.shape,
            r.path or "",
            r.message,
            r.value or "",
        )
    )  # every field that tells findings apart: the same findings are always shown in the same order


def _open_db(db: str | Path) -> tuple[Dataset, set[str]]:
    """The store as a Dataset, and the graphs not to validate on their own again: those a build
    validated and found clean, and those with nothing to find (see :func:`validate_store`)."""
    from graphkit.store.db import open_store

    store = open_store(db, create=False, read_only=True)
    manifest = store.manifest()
    skip = {g for g in store.named_graphs() if _nothing_to_find(store, g, manifest)}
    return store.to_dataset(), clean_documents(store) | skip


def clean_documents(store: Any) -> set[str]:
    """Document graphs of a built store whose per-document validation at build time found nothing
    and still holds: the document is unchanged since and so are the shapes (:func:`shapes_fingerprint`)."""
    from graphkit.graph.rdf import validation_graph_of

    manifest = store.manifest()
    fingerprint = shapes_fingerprint()
    clean = set()
    for g, (_sha, source, kind) in manifest.items():
        if kind == "validation" or not source:
            continue
        if findings_hold(manifest, g, fingerprint) and store.graph_count(validation_graph_of(g)) == 0:
            clean.add(g)
    return clean
