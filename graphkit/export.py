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
>>> from graphkit.store_db import GraphStore
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graphkit.errors import UsageError
from graphkit.store import atomic_file
from graphkit.store_db import MANIFEST_GRAPH, GraphStore

__all__ = [
    "VIEWS",
    "FORMATS",
    "ExportResult",
    "to_networkx",
    "to_dot",
    "write_export",
    "csv_paths",
    "THEMES_GRAPH",
]

GK = "https://w3id.org/graphkit/def#"
ID = "https://w3id.org/graphkit/id/"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
THEMES_GRAPH = ID + "graph/themes"

VIEWS = ("full", "people", "areas", "themes")
FORMATS = ("graphml", "gexf", "cytoscape", "node-link", "dot", "csv", "html")

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


class _Facts:
    """All triples of the store gathered per subject (quotes folded in)."""

    def __init__(self, store: GraphStore) -> None:
        self.types: dict[str, list[str]] = defaultdict(list)
        self.literals: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.links: list[tuple[str, str, str]] = []
        quote_nodes: set[str] = set()
        selectors: dict[str, list[str]] = defaultdict(list)
        raw: list[tuple[str, str, Any]] = []
        for q in store.store:
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == str(MANIFEST_GRAPH):
                continue
            s = q.subject.value
            p = q.predicate.value
            o = q.object
            if p == RDF_TYPE:
                if o.value == GK + "Quote":
                    quote_nodes.add(s)
                if o.value not in self.types[s]:
                    self.types[s].append(o.value)
                continue
            if p == OA + "hasSelector":
                selectors[s].append(o.value)
            raw.append((s, p, o))
        selector_nodes = {x for v in selectors.values() for x in v}
        hidden = quote_nodes | selector_nodes
        # quotes: exact words, source document, target, target property
        exact: dict[str, str] = {}
        qinfo: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in raw:
            if s in selector_nodes and p == OA + "exact":
                exact[s] = o.value
            elif s in quote_nodes:
                qinfo[s][p].append(o.value)
        self.quotes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # node -> (property, exact, doc)
        for qn, info in qinfo.items():
            words = next((exact[x] for x in selectors.get(qn, []) if x in exact), "")
            docs = info.get(OA + "hasSource", [""])
            props = info.get(GK + "quoteOfProperty", [""])
            for target in info.get(GK + "quoteFor", []):
                for prop in props:
                    self.quotes[target].append((prop, words, docs[0]))
        self.hidden = hidden
        for s, p, o in raw:
            if s in hidden:
                continue
            if isinstance(o, ox.Literal):
                if p == GK + "text":
                    self.literals[s][GK + "text_chars"].append(len(o.value))
                else:
                    self.literals[s][p].append(_term_value(o))
            elif p in _ATTRIBUTE_LINKS:
                self.literals[s][p].append(o.value)
            elif o.value not in hidden:
                self.links.append((s, p, o.value))
        for s in self.types:
            self.literals.setdefault(s, defaultdict(list))
        self.source_files = {s: str(v[0]) for s, lit in self.literals.items() if (v := lit.get(GK + "sourceFile"))}

    def label(self, iri: str) -> str:
        lit = self.literals.get(iri, {})
        for p in _LABEL_PROPS:
            if lit.get(p):
                return _shorten(lit[p][0])
        return _fallback_label(iri)

    def node_attrs(self, iri: str, with_literals: bool = True) -> dict[str, Any]:
        types = self.types.get(iri, [])
        attrs: dict[str, Any] = {
            "label": self.label(iri),
            "type": _best_type(types),
            "group": _group(types),
            "iri": iri,
        }
        if with_literals:
            for p, values in self.literals.get(iri, {}).items():
                attrs[_attr_key(p)] = values[0] if len(values) == 1 else " | ".join(str(v) for v in values)
            quotes = self.quotes.get(iri, [])
            if quotes:
                attrs["quote"] = quotes[0][1]
                attrs["quote_count"] = len(quotes)
                attrs["source"] = self.source_files.get(quotes[0][2], quotes[0][2])
        return attrs


def _add_node(G: nx.DiGraph, facts: _Facts, iri: str, with_literals: bool = True) -> None:
    if iri not in G:
        G.add_node(iri, **facts.node_attrs(iri, with_literals))


def _add_edge(G: nx.DiGraph, s: str, t: str, label: str, predicate: str = "", weight: int = 1) -> None:
    if G.has_edge(s, t):
        d = G.edges[s, t]
        if label not in str(d["label"]).split(" "):
            d["label"] = f"{d['label']} {label}"
            d["predicate"] = f"{d['predicate']} {predicate}".strip()
        return
    G.add_edge(s, t, label=label, predicate=predicate, weight=weight)


def _full(store: GraphStore) -> nx.DiGraph:
    facts = _Facts(store)
    G = nx.DiGraph(name="graphkit full")
    nodes = set(facts.types) | set(facts.literals) | {s for s, _, _ in facts.links} | {o for _, _, o in facts.links}
    for iri in sorted(nodes - facts.hidden):
        _add_node(G, facts, iri)
    for s, p, o in facts.links:
        _add_edge(G, s, o, curie(p), p)
    return G


def _select(store: GraphStore, sparql: str, names: tuple[str, ...]) -> list[tuple[str, ...]]:
    res = store.query(sparql)
    out = []
    for row in res:  # type: ignore[union-attr]
        out.append(tuple(row[n].value if row[n] is not None else "" for n in names))  # type: ignore[index]
    return out


def _people(store: GraphStore) -> nx.DiGraph:
    facts = _Facts(store)
    G = nx.DiGraph(name="graphkit people")
    q = f"""SELECT DISTINCT ?person ?insp ?ctx ?area WHERE {{
      ?m <{GK}person> ?person . ?doc <{GK}mentions>|<{GK}addressee> ?m . ?doc <{GK}about> ?insp .
      OPTIONAL {{ ?m <{GK}personContext> ?c }} BIND(COALESCE(?c, <{GK}Addressee>) AS ?ctx)
      OPTIONAL {{ ?insp <{GK}area> ?area }} }}"""
    for person, insp, ctx, area in _select(store, q, ("person", "insp", "ctx", "area")):
        for n in (person, insp, area):
            if n:
                _add_node(G, facts, n, with_literals=False)
        _add_edge(G, person, insp, _local(ctx).lower(), ctx)
        if area:
            _add_edge(G, insp, area, "gk:area", GK + "area")
    return G


def _areas(store: GraphStore) -> nx.DiGraph:
    facts = _Facts(store)
    G = nx.DiGraph(name="graphkit areas")
    q = f"""SELECT DISTINCT ?insp ?area ?p ?o WHERE {{
      ?insp <{GK}area> ?area .
      {{ ?insp ?p ?o . VALUES ?p {{ <{GK}outcome> <{GK}overallProgress> <{GK}revisitOf> <{GK}followedBy> }} }}
      UNION {{ ?o <{GK}weaknessOf>|<{GK}actionOf> ?insp . ?o a ?cls .
               VALUES ?cls {{ <{GK}SignificantWeakness> <{GK}PriorityAction> }} BIND(<{GK}weaknessOf> AS ?p) }}
      UNION {{ BIND(<{GK}area> AS ?p) }} }}"""
    for insp, area, p, o in _select(store, q, ("insp", "area", "p", "o")):
        _add_node(G, facts, area, with_literals=False)
        _add_node(G, facts, insp, with_literals=False)
        _add_edge(G, insp, area, "gk:area", GK + "area")
        if not o:
            continue
        _add_node(G, facts, o, with_literals=False)
        if p == GK + "weaknessOf":
            _add_edge(G, insp, o, "has statement", p)
        else:
            _add_edge(G, insp, o, curie(p), p)
    return G


def _themes(store: GraphStore) -> nx.DiGraph:
    G = nx.DiGraph(name="graphkit themes")
    if THEMES_GRAPH not in store.named_graphs():
        G.graph["note"] = f"no themes graph <{THEMES_GRAPH}> in this store: the themes view is empty"
        return G
    facts = _Facts(store)
    q = f"""SELECT ?area ?theme (COUNT(DISTINCT ?s) AS ?n) WHERE {{
      GRAPH <{THEMES_GRAPH}> {{ ?coding <{GK}theme> ?theme ; <{GK}codedStatement> ?s . }}
      ?s (<{GK}weaknessOf>|<{GK}actionOf>) ?insp .
      ?insp <{GK}area> ?area }} GROUP BY ?area ?theme"""
    for area, theme, n in _select(store, q, ("area", "theme", "n")):
        _add_node(G, facts, area, with_literals=False)
        if theme not in G:
            attrs = facts.node_attrs(theme, with_literals=False)
            attrs["group"] = "theme"
            G.add_node(theme, **attrs)
        _add_edge(G, area, theme, "gk:theme", GK + "theme", int(n))
    if G.number_of_nodes() == 0:
        G.graph["note"] = f"the themes graph <{THEMES_GRAPH}> codes no statement of any area: the themes view is empty"
    return G


def to_networkx(store: GraphStore, view: str = "full") -> nx.DiGraph:
    """The store as a networkx DiGraph for one of :data:`VIEWS`, attributes already flattened."""
    builders = {"full": _full, "people": _people, "areas": _areas, "themes": _themes}
    if view not in builders:
        raise UsageError("--view", f'unknown view "{view}"', "Use one of " + ", ".join(VIEWS))
    G = builders[view](store)
    _flatten(G)
    return G


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _flatten(G: nx.DiGraph) -> None:
    """No None, no lists, one Python type per attribute name (else all its values become str)."""
    for items in (G.nodes.values(), G.edges.values()):
        seen: dict[str, set[type]] = defaultdict(set)
        for d in items:
            for k, v in list(d.items()):
                if v is None:
                    del d[k]
                    continue
                if isinstance(v, (list, tuple, set)):
                    v = " | ".join(str(x) for x in v)
                elif not isinstance(v, (str, int, bool, float)):
                    v = str(v)
                if isinstance(v, str):
                    v = _CONTROL.sub("", v)  # XML 1.0 (GraphML, GEXF) cannot hold them
                d[k] = v
                seen[k].add(type(v))
        mixed = {k for k, ts in seen.items() if len(ts) > 1}
        if mixed:
            for d in items:
                for k in mixed & d.keys():
                    d[k] = str(d[k])


# -- writers -----------------------------------------------------------------------------------


def _dot_id(value: Any) -> str:
    r"""A DOT double-quoted string (backslashes, quotes and line breaks escaped).

    >>> print(_dot_id('say "hi"\\now'))
    "say \"hi\"\\now"
    """
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{text}"'


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
    lines = [f"digraph {_dot_id(G.graph.get('name', 'graphkit'))} {{"]
    for n, d in G.nodes(data=True):
        attrs = ", ".join(f"{_dot_id(k)}={_dot_id(v)}" for k, v in d.items())
        lines.append(f"  {_dot_id(n)}" + (f" [{attrs}]" if attrs else "") + ";")
    for s, t, d in G.edges(data=True):
        attrs = ", ".join(f"{_dot_id(k)}={_dot_id(v)}" for k, v in d.items())
        lines.append(f"  {_dot_id(s)} -> {_dot_id(t)}" + (f" [{attrs}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"


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


def _write_csv(G: nx.DiGraph, out: Path) -> tuple[Path, ...]:
    nodes_path, edges_path = csv_paths(out)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    first = ["id", "label", "type", "group", "iri"]
    extra = sorted({k for _, d in G.nodes(data=True) for k in d} - set(first))
    with atomic_file(nodes_path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(first + extra)
        for n, d in G.nodes(data=True):
            w.writerow([n] + [d.get(k, "") for k in first[1:] + extra])
    with atomic_file(edges_path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "label", "predicate", "weight"])
        for s, t, d in G.edges(data=True):
            w.writerow([s, t, d.get("label", ""), d.get("predicate", ""), d.get("weight", 1)])
    return nodes_path, edges_path


def write_export(store: GraphStore, fmt: str, view: str, out: str | Path) -> ExportResult:
    """Write ``view`` of ``store`` as ``fmt`` to ``out`` (see :func:`csv_paths` for csv)."""
    if fmt not in FORMATS:
        raise UsageError("--to", f'unknown format "{fmt}"', "Use one of " + ", ".join(FORMATS))
    t0 = time.perf_counter()
    G = to_networkx(store, view)
    path = Path(out)
    if fmt != "csv":
        if path.is_dir():
            raise UsageError(str(path), "is a folder", f"Give a file name for --to {fmt}")
        path.parent.mkdir(parents=True, exist_ok=True)
    paths: tuple[Path, ...] = (path,)
    if fmt == "csv":
        paths = _write_csv(G, path)
    else:
        with atomic_file(path) as tmp:  # a failed export leaves no half-written file
            target = Path(tmp)
            if fmt == "graphml":
                nx.write_graphml(G, target)
            elif fmt == "gexf":
                nx.write_gexf(G, target)
            elif fmt == "cytoscape":
                target.write_text(json.dumps(nx.cytoscape_data(G), ensure_ascii=False), encoding="utf-8")
            elif fmt == "node-link":
                data = nx.node_link_data(G, edges="edges")
                target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            elif fmt == "dot":
                target.write_text(to_dot(G), encoding="utf-8")
            else:
                from graphkit.html_view import to_html

                target.write_text(to_html(G, _Facts(store), view), encoding="utf-8")
    return ExportResult(
        paths, G.number_of_nodes(), G.number_of_edges(), time.perf_counter() - t0, str(G.graph.get("note", ""))
    )
