"""The graph as a network: ``to_networkx(store, view)`` and one ``write_*`` per file format.

Views (each a :class:`networkx.DiGraph` whose node ids are IRIs):

- ``full``: every resource; literals become node attributes, ``rdf:type`` becomes ``type``.
  The document text (``gk:text``, tens of kB per letter) is left out (its length is kept as
  ``gk_text_chars``); quote nodes and their selectors are folded into the node they support
  (``quote``: the first quote's exact words, ``quote_count``, ``source``: its document file).
- ``people``: people -> inspections (edge label: the part they played) -> areas.
- ``areas``: areas <- inspections -> outcomes, revisit results, weaknesses, priority actions.
- ``themes``: areas -> themes, edge ``weight`` = number of coded statements, read from the
  named graph ``gkid:graph/themes`` (``?coding gk:theme ?concept``); empty without it.

Every node has ``label`` (human-readable), ``type`` (class, as a CURIE), ``group`` (a coarse
kind used for colours) and ``iri``. Attributes are flattened to strings, integers and booleans
(several values are joined with `` | ``) so that GraphML and GEXF accept them.

>>> import pyoxigraph as ox
>>> from graphkit.store.db import GraphStore
>>> s = ox.Store()
>>> g = ox.NamedNode("https://w3id.org/graphkit/id/graph/x")
>>> a = ox.NamedNode("https://w3id.org/graphkit/id/area/bury")
>>> s.add(ox.Quad(a, ox.NamedNode(str(RDFS_LABEL)), ox.Literal("Bury"), g))
>>> s.add(ox.Quad(a, ox.NamedNode(RDF_TYPE), ox.NamedNode(GK + "LocalArea"), g))
>>> G = to_networkx(GraphStore(s), "full")
>>> G.nodes["https://w3id.org/graphkit/id/area/bury"]["label"], G.nodes["https://w3id.org/graphkit/id/area/bury"]["group"]
('Bury', 'area')
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
import pyoxigraph as ox

from graphkit.errors import UsageError
from graphkit.share.spool import Spool
from graphkit.store.db import MANIFEST_GRAPH, GraphStore
from graphkit.store.files import atomic_file

__all__ = [
    "VIEWS",
    "FORMATS",
    "ExportResult",
    "to_networkx",
    "to_dot",
    "write_export",
    "csv_paths",
    "THEMES_GRAPH",
    "words",
]

GK = "https://w3id.org/graphkit/def#"
ID = "https://w3id.org/graphkit/id/"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
THEMES_GRAPH = ID + "graph/themes"

VIEWS = ("full", "people", "areas", "themes")
FORMATS = ("graphml", "gexf", "cytoscape", "node-link", "dot", "csv", "html", "xlsx")
HTML_NODE_WARNING = 2000  # above this a single-page view is a hairball: export warns and suggests another view

PREFIXES = {
    GK: "gk",
    ID: "gkid",
    OA: "oa",
    PROV: "prov",
    "http://www.w3.org/ns/org#": "org",
    "http://www.w3.org/2004/02/skos/core#": "skos",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://purl.org/dc/terms/": "dcterms",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2002/07/owl#": "owl",
}
_LABEL_PROPS = (
    RDFS_LABEL,
    "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    GK + "nameAsWritten",
    GK + "sourceFile",
    "http://purl.org/dc/terms/title",
    GK + "statementText",
)
# IRI objects kept as attributes, not edges (leaves outside the graph)
_ATTRIBUTE_LINKS = {GK + "statisticalGeography", GK + "quoteOfProperty"}
_GROUPS = [  # (class local names, group), first match wins
    ({"LocalArea"}, "area"),
    ({"InitialInspection", "Revisit", "AreaSendInspection", "Inspection"}, "inspection"),
    ({"InitialLetter", "RevisitLetter", "AreaSendReport", "OtherDocument", "StatisticsRelease"}, "document"),
    ({"Person"}, "person"),
    ({"PersonMention", "Addressee", "Association", "Membership", "BodyMention"}, "mention"),
    ({"SignificantWeakness"}, "weakness"),
    ({"PriorityAction", "AreaForImprovement"}, "action"),
    ({"RevisitVerdict"}, "verdict"),
    ({"Finding"}, "finding"),
    ({"WrittenStatementOfAction"}, "wsoa"),
    ({"Outcome", "ProgressResult"}, "outcome"),
    ({"Theme"}, "theme"),
]
_BODY_CLASSES = {
    "Body",
    "LocalAuthority",
    "ClinicalCommissioningGroup",
    "IntegratedCareBoard",
    "ChildrensTrust",
    "Inspectorate",
    "GovernmentBody",
    "ParentCarerForum",
    "OtherBody",
}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    paths: tuple[Path, ...]
    nodes: int
    edges: int
    seconds: float
    note: str = ""

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.paths)


def curie(iri: str) -> str:
    """Shorten an IRI with graphkit's prefixes.

    >>> curie("https://w3id.org/graphkit/def#LocalArea")
    'gk:LocalArea'
    >>> curie("urn:x")
    'urn:x'
    """
    for ns, p in PREFIXES.items():
        if iri.startswith(ns):
            return f"{p}:{iri[len(ns) :]}"
    return iri


def _attr_key(pred: str) -> str:
    return curie(pred).replace(":", "_").replace("/", "_")


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _term_value(t: Any) -> Any:
    """A literal as a Python value a graph file format accepts (str, int or bool)."""
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        if dt.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            try:
                return int(t.value)
            except ValueError:
                return t.value
        if dt.endswith("#boolean"):
            return t.value in ("true", "1")
        return t.value
    return t.value if hasattr(t, "value") else str(t)


def _group(types: list[str]) -> str:
    names = {_local(t) for t in types}
    for cls, group in _GROUPS:
        if names & cls:
            return group
    if names & _BODY_CLASSES:
        return "body"
    if "Concept" in names or any(t.startswith("http://www.w3.org/2004/02/skos/") for t in types):
        return "concept"
    return "other"


def _best_type(types: list[str]) -> str:
    if not types:
        return ""
    gk = sorted(t for t in types if t.startswith(GK))
    return curie(gk[0] if gk else sorted(types)[0])


def _fallback_label(iri: str) -> str:
    if iri.startswith(ID):
        parts = iri[len(ID) :].split("/")
        if parts[0] == "inspection" and len(parts) >= 4:
            return f"{parts[1].replace('-', ' ').title()} {parts[2]} {parts[3]}"
        return " ".join(parts[1:]) or parts[0]
    return _local(iri) or iri


def _shorten(text: str, n: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class _Node:
    """What the store says of one resource (every graph but the manifest; repeats dropped)."""

    types: list[str]
    literals: dict[str, list[Any]]  # predicate -> values; gk:text becomes gk:text_chars
    links: list[tuple[str, Any]]  # (predicate, object term) for IRI and blank-node objects
    quotes: list[tuple[str, str, str]]  # (property, exact words, document IRI) of its quotes


def _term(iri: str) -> Any:
    try:
        return ox.NamedNode(iri)
    except ValueError:  # a blank node's id (a graph file's own blank nodes)
        return ox.BlankNode(iri)


class _Reader:
    """Reads one resource at a time from the store (its subject index), holding nothing else.

    Quote nodes and their selectors are *hidden*: folded into the node they support
    (``quotes``), never nodes of their own.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store.store
        self.graph_store = store
        self._summary: dict[str, dict[str, Any]] | None = None
        self.manifest = ox.NamedNode(str(MANIFEST_GRAPH))
        self._files: dict[str, str] = {}
        self._hidden: set[str] | None = None

    @property
    def hidden(self) -> set[str]:
        if self._hidden is None:
            self._hidden = set()
            for cls in (GK + "Quote", OA + "TextPositionSelector", OA + "TextQuoteSelector"):
                for q in self.store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls), None):
                    self._hidden.add(q.subject.value)  # type: ignore[union-attr]
            for q in self.store.quads_for_pattern(None, ox.NamedNode(OA + "hasSelector"), None, None):
                self._hidden.add(q.object.value)  # type: ignore[union-attr]
        return self._hidden

    def _quads(self, s: Any, p: Any = None, o: Any = None) -> list[Any]:
        return [q for q in self.store.quads_for_pattern(s, p, o, None) if q.graph_name != self.manifest]

    def node(self, iri: str, with_quotes: bool = True) -> _Node:
        term = _term(iri)
        types: list[str] = []
        literals: dict[str, list[Any]] = defaultdict(list)
        links: dict[tuple[str, str], Any] = {}
        for q in self._quads(term):
            p, o = q.predicate.value, q.object
            if p == RDF_TYPE:
                if o.value not in types:
                    types.append(o.value)
            elif isinstance(o, ox.Literal):
                key, value = (GK + "text_chars", len(o.value)) if p == GK + "text" else (p, _term_value(o))
                if value not in literals[key]:
                    literals[key].append(value)
            elif p in _ATTRIBUTE_LINKS:
                if o.value not in literals[p]:
                    literals[p].append(o.value)
            else:
                links.setdefault((p, o.value), o)
        quotes: list[tuple[str, str, str]] = []
        if with_quotes:
            for q in self._quads(None, ox.NamedNode(GK + "quoteFor"), term):
                quotes.extend(self._quote(q.subject))
        return _Node(types, dict(literals), [(p, o) for (p, _), o in links.items()], list(dict.fromkeys(quotes)))

    def _quote(self, quote: Any) -> list[tuple[str, str, str]]:
        docs, props, words = [""], [""], ""
        for q in self._quads(quote):
            p = q.predicate.value
            if p == OA + "hasSource":
                docs = [q.object.value]
            elif p == GK + "quoteOfProperty":
                props = [q.object.value] if props == [""] else [*props, q.object.value]
            elif p == OA + "hasSelector" and not words:
                words = next((x.object.value for x in self._quads(q.object, ox.NamedNode(OA + "exact"))), "")
        return [(prop, words, docs[0]) for prop in props]

    @property
    def summary(self) -> dict[str, dict[str, Any]]:
        """Typed attributes to colour and size by, per area, inspection and person (computed once)."""
        if self._summary is None:
            self._summary = _summaries(self.graph_store)
        return self._summary

    def source_file(self, doc: str) -> str:
        """A document IRI's file name (the IRI itself where the store does not say)."""
        if doc not in self._files:
            found = self._quads(_term(doc), ox.NamedNode(GK + "sourceFile")) if doc else []
            self._files[doc] = found[0].object.value if found else doc
        return self._files[doc]

    def attrs(self, iri: str, node: _Node, with_literals: bool = True) -> dict[str, Any]:
        label = next((_shorten(node.literals[p][0]) for p in _LABEL_PROPS if node.literals.get(p)), None)
        attrs: dict[str, Any] = {
            "label": label or _fallback_label(iri),
            "type": _best_type(node.types),
            "group": _group(node.types),
            "iri": iri,
        }
        summary = self.summary.get(iri, {})
        attrs.update(summary)
        if label is None and "kind" in summary and "area" in summary and "start" in summary:
            y, m = int(summary["start"][:4]), int(summary["start"][5:7])
            attrs["label"] = f"{summary['area']}: {summary['kind']}, {_MONTHS[m - 1]} {y}"
        if with_literals:
            for p, values in node.literals.items():
                attrs[_attr_key(p)] = values[0] if len(values) == 1 else " | ".join(str(v) for v in values)
            if node.quotes:
                attrs["quote"] = node.quotes[0][1]
                attrs["quote_count"] = len(node.quotes)
                attrs["source"] = self.source_file(node.quotes[0][2])
        return attrs

    def brief(self, iri: str) -> dict[str, Any]:
        """label, type, group and iri of one resource (what the smaller views show)."""
        return self.attrs(iri, self.node(iri, with_quotes=False), with_literals=False)

    def facts(self, node: _Node) -> list[list[str]]:
        """The browser view's fact list: [property, value, quote, source file] per value."""
        out: list[list[str]] = []
        quotes = list(node.quotes)
        for p, values in sorted(node.literals.items()):
            if p == GK + "text_chars":
                continue
            match = next((q for q in quotes if q[0] == p), None)
            if match:
                quotes.remove(match)
            for v in values:
                qt, doc = (match[1], self.source_file(match[2])) if match else ("", "")
                out.append([curie(p), str(v), qt, doc])
        for p, words, doc in quotes:
            out.append([curie(p) if p else "evidence", "", words, self.source_file(doc)])
        return out


# -- attributes that colour and size well: region, outcome, dates, kind, counts --------------------

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# words of the export's own (the terms of other vocabularies: graphkit.ask.query.OTHER_VOCABULARY_WORDS)
_WORDS = {
    GK + "text_chars": "characters of text",
    "evidence": "evidence",
}


def words(term: str) -> str:
    """The words for a property or class (an IRI or graphkit CURIE) a person reads in the browser
    view: the ontology's label for graphkit's own terms, plain words for PROV, FOAF, SKOS...; one
    or several space-separated terms (a merged edge's label) joined with commas.

    >>> words("gk:startDate")
    'first day'
    >>> words("prov:wasAssociatedWith gk:area")
    'inspected by, local area'
    >>> words("gk:WrittenStatementOfAction")
    'written statement of action'
    """
    from graphkit.ask.query import _vocabulary_labels

    labels = _vocabulary_labels()
    out = []
    for part in term.split():
        iri = part
        for ns, prefix in PREFIXES.items():
            if part.startswith(prefix + ":"):
                iri = ns + part[len(prefix) + 1 :]
                break
        word = _WORDS.get(iri) or labels.get(iri)
        if word is None:
            local = _local(iri)
            word = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").lower() if local else part
        out.append(word)
    return ", ".join(out)


_KINDS = {"initial": "initial inspection", "revisit": "revisit", "area_send_2023": "area SEND inspection (2023)"}


def _summaries(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Per area, inspection and person: plain typed attributes (text, integers, booleans, ISO dates
    and their year), so Gephi or Cytoscape can colour and size nodes without joins.

    Areas: region, la_code, outcome (latest 2023-framework), wsoa_required, weaknesses,
    revisit_result, priority_actions, inspections, documents. Inspections: kind, area, region,
    start, end, published, year, outcome, wsoa_required, weaknesses, revisit_result,
    priority_actions, improvements, documents. People: inspections, areas.
    """
    from graphkit.ask.areas import area_rows
    from graphkit.ask.query import run_query

    out: dict[str, dict[str, Any]] = {}
    try:
        table = run_query(store, "areas")
    except UsageError:
        return out
    regions: dict[str, str] = {}
    for row in area_rows(store, table=table):
        iri = ID + row.id
        regions[iri] = row.region or ""
        out[iri] = {
            "region": row.region,
            "la_code": row.la_code,
            "outcome": row.outcome_2023,
            "wsoa_required": row.wsoa_required,
            "weaknesses": row.weakness_count,
            "revisit_result": row.revisit_result,
            "priority_actions": row.priority_actions,
            "documents": len(row.documents),
        }
    counts: dict[str, int] = defaultdict(int)
    for r in table.dicts():
        insp, area = r["inspection"], r["area"]
        if not insp or not area:
            continue
        counts[area] += 1
        start = r["start"] or None
        rec: dict[str, Any] = {
            "kind": _KINDS.get(r["kind"] or "", r["kind"]),
            "area": r["name"],
            "region": regions.get(area) or r["region"],
            "start": start,
            "end": r["end"] or None,
            "published": r["published"] or None,
            "year": int(start[:4]) if start else None,
            "outcome": {"PositiveOutcome": "positive", "InconsistentOutcome": "inconsistent"}.get(
                r["outcome"] or "", "widespread_failings" if r["outcome"] == "WidespreadFailingsOutcome" else None
            ),
            "wsoa_required": None if r["wsoaRequired"] is None else r["wsoaRequired"] == "true",
            "weaknesses": int(r["weaknessCount"]) if r["weaknessCount"] else None,
            "revisit_result": {"AllImproved": "all", "SomeImproved": "some", "NoneImproved": "none"}.get(
                r["revisitResult"] or ""
            ),
            "documents": len((r["documents"] or "").split()),
        }
        if r["kind"] == "area_send_2023":
            listed = int(r["priorityActions"] or 0)
            counted = int(r["priorityActionCount"]) if r["priorityActionCount"] else None
            rec["priority_actions"] = counted if counted is not None else (listed if rec["documents"] else None)
            rec["improvements"] = int(r["improvements"] or 0) if rec["documents"] else None
        out[insp] = {k: v for k, v in rec.items() if v is not None}
    for area, n in counts.items():
        out.setdefault(area, {})["inspections"] = n
    q = f"""SELECT ?p (COUNT(DISTINCT ?i) AS ?n) (COUNT(DISTINCT ?a) AS ?na) WHERE {{
      {{ SELECT DISTINCT ?p ?i WHERE {{ ?m <{GK}person> ?p . ?doc <{GK}mentions>|<{GK}addressee> ?m ; <{GK}about> ?i }} }}
      OPTIONAL {{ ?i <{GK}area> ?a }} }} GROUP BY ?p"""
    for person, n_inspections, n_areas in _select(store, q, ("p", "n", "na")):
        out[person] = {"inspections": int(n_inspections), "areas": int(n_areas)}
    for rec in out.values():
        for k in [k for k, v in rec.items() if v is None]:
            del rec[k]
    return out


# -- the views as streams of nodes and edges -------------------------------------------------------

_NodeRec = tuple[str, dict[str, Any], Any]  # (id, attributes, browser facts or None)
_EdgeRec = tuple[str, str, dict[str, Any]]  # (source, target, attributes)


def _full_stream(store: GraphStore, with_facts: bool) -> Iterator[tuple[str, Any]]:
    """The full view, one resource at a time: ("node", rec) for each, then ("edge", rec) for each.

    Memory holds the resources' IRIs, not their facts: each is read from the store's subject
    index when its turn comes, so a store of millions of triples exports in bounded memory.
    Edges are written after the nodes, from a second walk over the subjects.
    """
    reader = _Reader(store)
    hidden = reader.hidden
    res = store.store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{MANIFEST_GRAPH}>) }}")
    subjects = sorted({row[0].value for row in res} - hidden)  # type: ignore[union-attr]
    known = set(subjects)
    leaves: dict[str, None] = {}  # objects that are nobody's subject: nodes with a label only
    for iri in subjects:
        node = reader.node(iri)
        yield "node", (iri, reader.attrs(iri, node), reader.facts(node) if with_facts else None)
        for _, o in node.links:
            if o.value not in known and o.value not in hidden:
                leaves[o.value] = None
    for iri in leaves:
        node = reader.node(iri)
        yield "node", (iri, reader.attrs(iri, node), reader.facts(node) if with_facts else None)
    for iri in subjects:
        merged: dict[str, dict[str, Any]] = {}
        for p, o in sorted(reader.node(iri, with_quotes=False).links, key=lambda x: (x[1].value, x[0])):
            if o.value in hidden:
                continue
            label = curie(p)
            d = merged.get(o.value)
            if d is None:
                merged[o.value] = {"label": label, "predicate": p, "weight": 1}
            elif label not in d["label"].split(" "):
                d["label"] += " " + label
                d["predicate"] += " " + p
        for target, d in merged.items():
            yield "edge", (iri, target, d)


def _select(store: GraphStore, sparql: str, names: tuple[str, ...]) -> list[tuple[str, ...]]:
    res = store.query(sparql)
    out = []
    for row in res:  # type: ignore[union-attr]
        out.append(tuple(row[n].value if row[n] is not None else "" for n in names))  # type: ignore[index]
    return out


def _add_node(G: nx.DiGraph, reader: _Reader, iri: str) -> None:
    if iri not in G:
        G.add_node(iri, **reader.brief(iri))


def _add_edge(G: nx.DiGraph, s: str, t: str, label: str, predicate: str = "", weight: int = 1) -> None:
    if G.has_edge(s, t):
        d = G.edges[s, t]
        if label not in str(d["label"]).split(" "):
            d["label"] = f"{d['label']} {label}"
            d["predicate"] = f"{d['predicate']} {predicate}".strip()
        return
    G.add_edge(s, t, label=label, predicate=predicate, weight=weight)


def _people(store: GraphStore, reader: _Reader) -> nx.DiGraph:
    G = nx.DiGraph(name="graphkit people")
    q = f"""SELECT DISTINCT ?person ?insp ?ctx ?area WHERE {{
      ?m <{GK}person> ?person . ?doc <{GK}mentions>|<{GK}addressee> ?m . ?doc <{GK}about> ?insp .
      OPTIONAL {{ ?m <{GK}personContext> ?c }} BIND(COALESCE(?c, <{GK}Addressee>) AS ?ctx)
      OPTIONAL {{ ?insp <{GK}area> ?area }} }}"""
    for person, insp, ctx, area in _select(store, q, ("person", "insp", "ctx", "area")):
        for n in (person, insp, area):
            if n:
                _add_node(G, reader, n)
        _add_edge(G, person, insp, _local(ctx).lower(), ctx)
        if area:
            _add_edge(G, insp, area, "gk:area", GK + "area")
    return G


def _areas(store: GraphStore, reader: _Reader) -> nx.DiGraph:
    G = nx.DiGraph(name="graphkit areas")
    q = f"""SELECT DISTINCT ?insp ?area ?p ?o WHERE {{
      ?insp <{GK}area> ?area .
      {{ ?insp ?p ?o . VALUES ?p {{ <{GK}outcome> <{GK}overallProgress> <{GK}revisitOf> <{GK}followedBy> }} }}
      UNION {{ ?o <{GK}weaknessOf>|<{GK}actionOf> ?insp . ?o a ?cls .
               VALUES ?cls {{ <{GK}SignificantWeakness> <{GK}PriorityAction> }} BIND(<{GK}weaknessOf> AS ?p) }}
      UNION {{ BIND(<{GK}area> AS ?p) }} }}"""
    for insp, area, p, o in _select(store, q, ("insp", "area", "p", "o")):
        _add_node(G, reader, area)
        _add_node(G, reader, insp)
        _add_edge(G, insp, area, "gk:area", GK + "area")
        if not o:
            continue
        _add_node(G, reader, o)
        if p == GK + "weaknessOf":
            _add_edge(G, insp, o, "has statement", p)
        else:
            _add_edge(G, insp, o, curie(p), p)
    return G


def _themes(store: GraphStore, reader: _Reader) -> nx.DiGraph:
    G = nx.DiGraph(name="graphkit themes")
    if THEMES_GRAPH not in store.named_graphs():
        G.graph["note"] = f"no themes graph <{THEMES_GRAPH}> in this store: the themes view is empty"
        return G
    q = f"""SELECT ?area ?theme (COUNT(DISTINCT ?s) AS ?n) WHERE {{
      GRAPH <{THEMES_GRAPH}> {{ ?coding <{GK}theme> ?theme ; <{GK}codedStatement> ?s . }}
      ?s (<{GK}weaknessOf>|<{GK}actionOf>) ?insp .
      ?insp <{GK}area> ?area }} GROUP BY ?area ?theme"""
    for area, theme, n in _select(store, q, ("area", "theme", "n")):
        _add_node(G, reader, area)
        if theme not in G:
            G.add_node(theme, **{**reader.brief(theme), "group": "theme"})
        _add_edge(G, area, theme, "gk:theme", GK + "theme", int(n))
    if G.number_of_nodes() == 0:
        G.graph["note"] = f"the themes graph <{THEMES_GRAPH}> codes no statement of any area: the themes view is empty"
    return G


def _small_view(store: GraphStore, view: str, reader: _Reader) -> nx.DiGraph:
    builders = {"people": _people, "areas": _areas, "themes": _themes}
    if view not in builders:
        raise UsageError("--view", f'unknown view "{view}"', "Use one of " + ", ".join(VIEWS))
    return builders[view](store, reader)


def _graph_stream(G: nx.DiGraph, reader: _Reader, with_facts: bool) -> Iterator[tuple[str, Any]]:
    for n, d in G.nodes(data=True):
        yield "node", (n, dict(d), reader.facts(reader.node(n)) if with_facts else None)
    for s, t, d in G.edges(data=True):
        yield "edge", (s, t, dict(d))


def _spool(store: GraphStore, view: str, with_facts: bool = False) -> Spool:
    reader = _Reader(store)
    if view == "full":
        return Spool.of(_full_stream(store, with_facts), "graphkit full")
    G = _small_view(store, view, reader)
    return Spool.of(_graph_stream(G, reader, with_facts), str(G.graph["name"]), str(G.graph.get("note", "")))


def to_networkx(store: GraphStore, view: str = "full") -> nx.DiGraph:
    """The store as a networkx DiGraph for one of :data:`VIEWS`, attributes already flattened."""
    if view not in VIEWS:
        raise UsageError("--view", f'unknown view "{view}"', "Use one of " + ", ".join(VIEWS))
    sp = _spool(store, view)
    try:
        G = nx.DiGraph(name=sp.name)
        if sp.note:
            G.graph["note"] = sp.note
        G.add_nodes_from((n, d) for n, d, _ in sp.nodes())
        G.add_edges_from(sp.edges())
    finally:
        sp.close()
    return G


# -- writers: each one pass over the spool -----------------------------------------------------

_XML_TYPES = {str: "string", int: "long", bool: "boolean", float: "double"}


def _xml_text(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def _write_graphml(sp: Spool, fh: Any) -> None:
    fh.write(
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    keys: dict[tuple[str, str], str] = {}
    graph_data = {"name": sp.name, **({"note": sp.note} if sp.note else {})}
    declared: list[tuple[str, str, type]] = [("graph", k, str) for k in graph_data]
    declared += [("node", k, kind) for k, kind in sp.types("node").items()]
    declared += [("edge", k, kind) for k, kind in sp.types("edge").items()]
    for of, name, kind in declared:
        keys[of, name] = kid = f"d{len(keys)}"
        fh.write(f'  <key id="{kid}" for="{of}" attr.name={quoteattr(name)} attr.type="{_XML_TYPES[kind]}" />\n')

    def data(of: str, d: dict[str, Any]) -> str:
        return "".join(f'<data key="{keys[of, k]}">{escape(_xml_text(v))}</data>' for k, v in d.items())

    fh.write(f'  <graph edgedefault="directed">{data("graph", graph_data)}\n')
    for n, d, _ in sp.nodes():
        fh.write(f"    <node id={quoteattr(n)}>{data('node', d)}</node>\n")
    for s, t, d in sp.edges():
        fh.write(f"    <edge source={quoteattr(s)} target={quoteattr(t)}>{data('edge', d)}</edge>\n")
    fh.write("  </graph>\n</graphml>\n")


def _write_gexf(sp: Spool, fh: Any) -> None:
    fh.write(
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
        "  <meta><creator>graphkit</creator></meta>\n"
        f'  <graph defaultedgetype="directed" mode="static" name={quoteattr(sp.name)}>\n'
    )
    own = {"node": {"label"}, "edge": {"label", "weight"}}  # written as GEXF's own attributes
    ids: dict[str, dict[str, str]] = {}
    for of in ("node", "edge"):
        ids[of] = {}
        fh.write(f'    <attributes class="{of}" mode="static">\n')
        for name, kind in sp.types(of).items():
            if name not in own[of]:
                ids[of][name] = aid = str(len(ids[of]))
                fh.write(f'      <attribute id="{aid}" title={quoteattr(name)} type="{_XML_TYPES[kind]}" />\n')
        fh.write("    </attributes>\n")

    def values(of: str, d: dict[str, Any]) -> str:
        vals = "".join(
            f'<attvalue for="{ids[of][k]}" value={quoteattr(_xml_text(v))} />' for k, v in d.items() if k in ids[of]
        )
        return f"<attvalues>{vals}</attvalues>" if vals else ""

    fh.write("    <nodes>\n")
    for n, d, _ in sp.nodes():
        fh.write(
            f"      <node id={quoteattr(n)} label={quoteattr(str(d.get('label', n)))}>{values('node', d)}</node>\n"
        )
    fh.write("    </nodes>\n    <edges>\n")
    for i, (s, t, d) in enumerate(sp.edges()):
        label = f" label={quoteattr(str(d['label']))}" if "label" in d else ""
        weight = d.get("weight", 1)
        weight = weight if isinstance(weight, (int, float)) and not isinstance(weight, bool) else 1
        fh.write(
            f'      <edge id="{i}" source={quoteattr(s)} target={quoteattr(t)}{label} weight="{weight}">'
            f"{values('edge', d)}</edge>\n"
        )
    fh.write("    </edges>\n  </graph>\n</gexf>\n")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_json_list(fh: Any, items: Iterator[Any]) -> None:
    fh.write("[")
    for i, item in enumerate(items):
        fh.write(("," if i else "") + "\n" + _json(item))
    fh.write("]")


def _write_cytoscape(sp: Spool, fh: Any) -> None:
    graph = {"name": sp.name, **({"note": sp.note} if sp.note else {})}
    fh.write(f'{{"data": {_json(graph)}, "directed": true, "multigraph": false, "elements": {{"nodes": ')
    _write_json_list(fh, ({"data": {**d, "id": n, "value": n, "name": d.get("label", n)}} for n, d, _ in sp.nodes()))
    fh.write(', "edges": ')
    _write_json_list(fh, ({"data": {**d, "source": s, "target": t}} for s, t, d in sp.edges()))
    fh.write("}}\n")


def _write_node_link(sp: Spool, fh: Any) -> None:
    graph = {"name": sp.name, **({"note": sp.note} if sp.note else {})}
    fh.write(f'{{"directed": true, "multigraph": false, "graph": {_json(graph)}, "nodes": ')
    _write_json_list(fh, ({**d, "id": n} for n, d, _ in sp.nodes()))
    fh.write(', "edges": ')
    _write_json_list(fh, ({**d, "source": s, "target": t} for s, t, d in sp.edges()))
    fh.write("}\n")


def _dot_id(value: Any) -> str:
    r"""A DOT double-quoted string (backslashes, quotes and line breaks escaped).

    >>> print(_dot_id('say "hi"\\now'))
    "say \"hi\"\\now"
    """
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{text}"'


def _dot_lines(
    name: str, nodes: Iterator[tuple[Any, dict[str, Any]]], edges: Iterator[tuple[Any, Any, dict[str, Any]]]
) -> Iterator[str]:
    yield f"digraph {_dot_id(name)} {{\n"
    for n, d in nodes:
        attrs = ", ".join(f"{_dot_id(k)}={_dot_id(v)}" for k, v in d.items())
        yield f"  {_dot_id(n)}" + (f" [{attrs}]" if attrs else "") + ";\n"
    for s, t, d in edges:
        attrs = ", ".join(f"{_dot_id(k)}={_dot_id(v)}" for k, v in d.items())
        yield f"  {_dot_id(s)} -> {_dot_id(t)}" + (f" [{attrs}]" if attrs else "") + ";\n"
    yield "}\n"


def to_dot(G: nx.DiGraph) -> str:
    r"""DOT text for ``G`` written without pygraphviz: every id and value double-quoted.

    >>> G = nx.DiGraph(); G.add_edge("a", 'b "x"', label="p")
    >>> print(to_dot(G))
    digraph "graphkit" {
      "a";
      "b \"x\"";
      "a" -> "b \"x\"" ["label"="p"];
    }
    <BLANKLINE>
    """
    return "".join(_dot_lines(G.graph.get("name", "graphkit"), iter(G.nodes(data=True)), iter(G.edges(data=True))))


def csv_paths(out: str | Path) -> tuple[Path, Path]:
    """Where ``--to csv`` writes: OUT ending in .csv is a prefix, anything else a folder.

    >>> [p.as_posix() for p in csv_paths("out/send.csv")]
    ['out/send.nodes.csv', 'out/send.edges.csv']
    >>> [p.as_posix() for p in csv_paths("out/send")]
    ['out/send/nodes.csv', 'out/send/edges.csv']
    """
    p = Path(out)
    if p.suffix.lower() == ".csv":
        stem = p.with_suffix("")
        return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")
    return p / "nodes.csv", p / "edges.csv"


def _write_csv(sp: Spool, out: Path) -> tuple[Path, ...]:
    nodes_path, edges_path = csv_paths(out)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    first = ["id", "label", "type", "group", "iri"]
    extra = sorted(set(sp.types("node")) - set(first))
    with atomic_file(nodes_path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(first + extra)
        for n, d, _ in sp.nodes():
            w.writerow([n] + [d.get(k, "") for k in first[1:] + extra])
    with atomic_file(edges_path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "label", "predicate", "weight"])
        for s, t, d in sp.edges():
            w.writerow([s, t, d.get("label", ""), d.get("predicate", ""), d.get("weight", 1)])
    return nodes_path, edges_path


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def _xlsx_value(key: str, v: Any) -> Any:
    """A spreadsheet cell: dates (start, end, published, gk_...Date) as dates, the rest as typed."""
    import datetime as dt

    if isinstance(v, str) and _ISO_DATE.match(v) and (key in ("start", "end", "published") or "date" in key.lower()):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    return v


def _write_xlsx(sp: Spool, out: Path) -> None:
    """Nodes and edges as two sheets of one workbook (written as a stream: the full view of a
    large store does not sit in memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    first = ["id", "label", "type", "group", "iri"]
    extra = sorted(set(sp.types("node")) - set(first))
    for title, header, rows in (
        (
            "nodes",
            first + extra,
            ([n] + [_xlsx_value(k, d.get(k)) for k in first[1:] + extra] for n, d, _ in sp.nodes()),
        ),
        (
            "edges",
            ["source", "target", "label", "predicate", "weight"],
            ([s, t, d.get("label"), d.get("predicate"), d.get("weight", 1)] for s, t, d in sp.edges()),
        ),
    ):
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"
        for i, h in enumerate(header):
            ws.column_dimensions[get_column_letter(i + 1)].width = 40 if h in ("id", "label", "iri") else 16
        head = []
        for h in header:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = Font(bold=True)
            head.append(cell)
        ws.append(head)
        for row in rows:
            cells = []
            for v in row:
                cell = WriteOnlyCell(ws, value=v)
                if hasattr(v, "isoformat") and not isinstance(v, str):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"
                cells.append(cell)
            ws.append(cells)
    with atomic_file(out) as tmp:
        wb.save(tmp)


_WRITERS = {
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "cytoscape": _write_cytoscape,
    "node-link": _write_node_link,
    "dot": lambda sp, fh: fh.writelines(_dot_lines(sp.name, ((n, d) for n, d, _ in sp.nodes()), sp.edges())),
}


def write_export(store: GraphStore, fmt: str, view: str, out: str | Path) -> ExportResult:
    """Write ``view`` of ``store`` as ``fmt`` to ``out`` (see :func:`csv_paths` for csv).

    The view is first spooled to temporary files one resource at a time and each format is
    written from there, so memory does not grow with the store (a 3-million-triple full view
    exports in a few hundred MB).
    """
    if fmt not in FORMATS:
        raise UsageError("--to", f'unknown format "{fmt}"', "Use one of " + ", ".join(FORMATS))
    if view not in VIEWS:
        raise UsageError("--view", f'unknown view "{view}"', "Use one of " + ", ".join(VIEWS))
    t0 = time.perf_counter()
    path = Path(out)
    if fmt != "csv" and path.is_dir():
        raise UsageError(str(path), "is a folder", f"Give a file name for --to {fmt}")
    if fmt == "xlsx" and path.suffix.lower() != ".xlsx":
        raise UsageError(str(path), "a spreadsheet needs the .xlsx suffix", "Name the output FILE.xlsx")
    sp = _spool(store, view, with_facts=fmt == "html")
    try:
        paths: tuple[Path, ...] = (path,)
        if fmt == "csv":
            paths = _write_csv(sp, path)
        elif fmt == "xlsx":
            _write_xlsx(sp, path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_file(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:  # no half-written file
                if fmt == "html":
                    from graphkit.share.html_view import write_html

                    write_html(fh, sp, view, words)  # the side panel speaks words, not RDF names
                else:
                    _WRITERS[fmt](sp, fh)
        note = sp.note
        if fmt == "html" and sp.n_nodes > HTML_NODE_WARNING:
            note = "; ".join(
                filter(
                    None,
                    (
                        note,
                        f"{sp.n_nodes} nodes in one page: slow to lay out and too dense to read; "
                        "--view areas, people or themes, or --to site, show it legibly",
                    ),
                )
            )
        return ExportResult(paths, sp.n_nodes, sp.n_edges, time.perf_counter() - t0, note)
    finally:
        sp.close()
