"""Named SPARQL queries (``queries/*.rq``): list them, run them with safely bound parameters, render.

Each ``.rq`` file begins with a comment block::

    # what it answers (first line: the one-line purpose)
    # params: area=Middlesbrough
    # columns: inspection, kind, ...

Parameters are bound as RDF terms, never pasted into the query text: :func:`run_query` injects
``VALUES (?area) { ("Bury") }`` at the start of the query's outermost ``WHERE`` group, each value
serialised by pyoxigraph as an escaped literal (or an IRI, for parameters declared ``name:iri``).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graphkit.errors import UsageError
from graphkit.graph.iris import GK, ID  # plain strings: no rdflib on the query path

__all__ = [
    "NamedQuery",
    "Table",
    "list_queries",
    "load_query",
    "bind_params",
    "resolve_params",
    "run_query",
    "render",
    "plain",
    "typed",
    "FORMATS",
]

FORMATS = ("table", "csv", "tsv", "json", "xlsx")
_PREFIXES = {
    "gk": str(GK),
    "gkid": str(ID),
    "theme": str(ID) + "theme/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "oa": "http://www.w3.org/ns/oa#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
}


@dataclass(frozen=True)
class Param:
    """A query parameter: its name, default (None: required) and whether it is an IRI."""

    name: str
    default: str | None
    iri: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file and its header."""

    name: str
    path: Path
    purpose: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str


@dataclass
class Table:
    """A SELECT result: column names and rows of RDF terms (None where unbound)."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def values(self, column: str) -> list[str | None]:
        """One column as plain strings.

        >>> Table(["a"], [[ox.Literal("x")], [None]]).values("a")
        ['x', None]
        """
        i = self.columns.index(column)
        return [None if r[i] is None else r[i].value for r in self.rows]

    def dicts(self) -> list[dict[str, str | None]]:
        """Rows as {column: plain string}."""
        return [{c: (None if v is None else v.value) for c, v in zip(self.columns, r, strict=True)} for r in self.rows]


_PARAM = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)(:iri)?\s*(?:=\s*(.*?))?\s*$")


def _parse_header(name: str, path: Path, text: str) -> NamedQuery:
    comments = []
    for line in text.splitlines():
        if line.startswith("#"):
            comments.append(line[1:].strip())
        elif line.strip():
            break
    purpose = ""
    desc: list[str] = []
    params: list[Param] = []
    columns: tuple[str, ...] = ()
    for c in comments:
        low = c.lower()
        if low.startswith("params:"):
            body = c.split(":", 1)[1].strip()
            if body and body.lower() not in ("none", "-"):
                for part in body.split(","):
                    m = _PARAM.match(part)
                    if m:
                        params.append(Param(m.group(1), m.group(3), bool(m.group(2))))
        elif low.startswith("columns:"):
            columns = tuple(x.strip() for x in c.split(":", 1)[1].split(",") if x.strip())
        elif c:
            if not purpose:
                purpose = c
            else:
                desc.append(c)
    return NamedQuery(name, path, purpose, " ".join(desc), tuple(params), columns, text)


def _query_dir() -> Path:
    from graphkit.resources import resource_dir

    return resource_dir("queries")


def list_queries() -> list[NamedQuery]:
    """Every named query, by name.

    >>> "area-history" in [q.name for q in list_queries()]
    True
    """
    return [_parse_header(p.stem, p, p.read_text(encoding="utf-8")) for p in sorted(_query_dir().glob("*.rq"))]


def load_query(name_or_file: str | Path) -> NamedQuery:
    """A named query (``area-history``) or a ``.rq`` file; unknown names suggest the nearest."""
    s = str(name_or_file)
    p = Path(s)
    if s.endswith(".rq") or p.is_file():
        if not p.is_file():
            raise UsageError(s, "no such query file", "Check the path, or run graphkit queries for the named ones")
        return _parse_header(p.stem, p, p.read_text(encoding="utf-8"))
    queries = {q.name: q for q in list_queries()}
    if s in queries:
        return queries[s]
    near = difflib.get_close_matches(s, list(queries), n=1, cutoff=0.5)
    hint = f'Did you mean "{near[0]}"? (graphkit queries lists all)' if near else "graphkit queries lists all"
    raise UsageError(f'query "{s}"', "unknown query", hint)


def _term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    if not param.iri:
        return ox.Literal(value)
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    prefix, _, local = v.partition(":")
    if prefix in _PREFIXES and not local.startswith("//"):
        v = _PREFIXES[prefix] + local
    try:
        return ox.NamedNode(v)
    except ValueError:
        raise UsageError(f"--param {param.name}", f'"{value}" is not an IRI', "Pass a full IRI or gkid:…") from None


def _mask(text: str) -> str:
    """``text`` with its strings, IRIs and comments blanked out (same length), braces left to count."""
    return re.sub(r'"(?:[^"\\\n]|\\.)*"|<[^<>\s]*>|#[^\n]*', lambda m: " " * len(m.group(0)), text)


def _where_groups(masked: str) -> list[tuple[int, int]]:
    """(offset just after its ``{``, offset of its ``}``) of every WHERE group of a masked query
    (see :func:`_mask`), the outermost first."""
    opens = [m.end() for m in re.finditer(r"\bWHERE\s*\{", masked, re.IGNORECASE)]
    if not opens:  # "SELECT ... {" without the optional WHERE keyword
        m = re.search(r"\{", masked)
        opens = [m.end()] if m else []
    if not opens:
        raise UsageError(
            "query", "no WHERE { … } group to bind parameters in", "Write the query as SELECT … WHERE { … }"
        )
    groups = []
    for start in opens:
        depth, i = 1, start
        while i < len(masked) and depth:
            depth += {"{": 1, "}": -1}.get(masked[i], 0)
            i += 1
        groups.append((start, i - 1))
    return groups


def bind_params(query: NamedQuery, params: dict[str, str] | None = None) -> str:
    """The query text with its parameters bound by an injected VALUES clause.

    >>> q = NamedQuery("t", Path("t.rq"), "", "", (Param("area", None),), (), 'SELECT * WHERE { ?x ?y ?area }')
    >>> bind_params(q, {"area": 'x" } ; DROP ALL ; #'})
    'SELECT * WHERE { VALUES (?area) { ("x\\\\" } ; DROP ALL ; #") }\\n ?x ?y ?area }'
    """
    given = dict(params or {})
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise UsageError(
            f"--param {unknown[0]}",
            f'query "{query.name}" has no such parameter (it takes: {known})',
            "Run graphkit queries to see each query's parameters",
        )
    if not query.params:
        return query.text
    terms = []
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise UsageError(f'query "{query.name}"', f"needs --param {p.name}=…", f"Pass --param {p.name}=VALUE")
        terms.append(str(_term(p, value)))
    # bound in the outermost WHERE group, and again inside each sub-SELECT that uses a parameter
    # (a sub-SELECT sees only its own variables): there the query can narrow by it first
    text = query.text
    masked = _mask(text)
    groups = _where_groups(masked)
    for k, (start, end) in reversed(list(enumerate(groups))):
        used = [
            (p, t)
            for p, t in zip(query.params, terms, strict=True)
            if k == 0 or re.search(rf"[?$]{re.escape(p.name)}\b", masked[start:end])
        ]
        if used:
            values = (
                "VALUES (" + " ".join(f"?{p.name}" for p, _ in used) + ") { (" + " ".join(t for _, t in used) + ") }\n"
            )
            text = text[:start] + " " + values + text[start:]
    return text


# -- names people use, for parameters naming an area, a body, a person or any node ----------------

_AREAS = """SELECT DISTINCT ?a ?label WHERE { { SELECT DISTINCT ?a WHERE { ?a a <%sLocalArea> } } ?a <%s> ?label }"""
_PEOPLE = """SELECT DISTINCT ?p ?label WHERE { { SELECT DISTINCT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> } }
  ?p <http://xmlns.com/foaf/0.1/name> ?label }"""
_BODIES = """SELECT DISTINCT ?b ?label WHERE { ?b <%s> ?label . FILTER (STRSTARTS(STR(?b), "%sbody/")) }"""
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _names(store: Any, sparql: str) -> dict[str, list[tuple[str, str]]]:
    """folded name -> [(IRI, name as stored)] for every node the query lists."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in store.query(sparql):
        iri, label = row[0].value, row[1].value
        for key in {_fold_name(label), iri.rsplit("/", 1)[-1]}:
            if (iri, label) not in out.setdefault(key, []):
                out[key].append((iri, label))
    return out


def _fold_name(text: str) -> str:
    from graphkit.resolve import slug

    try:
        return slug(text)
    except ValueError:
        return text.strip().lower()


def _suggest(value: str, names: list[str], what: str, source: str) -> UsageError:
    from rapidfuzz import fuzz, process

    picks: list[str] = []
    for name, _score, _i in process.extract(value, names, scorer=fuzz.WRatio, limit=8):
        if name not in picks:
            picks.append(name)
    hint = ("Did you mean " + ", ".join(f'"{n}"' for n in picks[:3]) + "? ") if picks else ""
    lister = "graphkit query areas lists every area" if what == "area" else "graphkit query node finds a node by name"
    return UsageError(source, f"no {what} of that name in the graph", f"{hint}({lister})")


def _resolve_area(store: Any, value: str, param: str) -> tuple[str, str]:
    return resolve_area_name(store, value, f"--param {param}={value}")


def resolve_area_name(store: Any, value: str, source: str) -> tuple[str, str]:
    """(IRI, label) of the area ``value`` names: a name in the graph, its IRI slug, or any name the
    build resolves (council names, "Hull", "County Durham", GSS and DfE codes). Unknown: a
    :class:`UsageError` naming ``source``, with the nearest names."""
    from graphkit.resolve import all_areas, resolve_area

    areas = _names(store, _AREAS % (str(GK), _RDFS_LABEL))
    hits = areas.get(_fold_name(value), [])
    if not hits:
        ref = resolve_area(value)
        if ref is not None:
            hits = areas.get(ref.slug, []) or [(str(ID) + "area/" + ref.slug, ref.label)]
    if hits:
        return hits[0]
    labels = sorted({label for pairs in areas.values() for _iri, label in pairs})
    raise _suggest(value, labels or [a.label for a in all_areas()], "area", source)


def _resolve_named(store: Any, value: str, param: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """(IRI, name) of the person or body ``value`` names, as the graph spells it (case, accents,
    honorifics and post-nominals ignored for people, as the build matches them)."""
    from graphkit.resolve import person_key

    tables: list[tuple[str, dict[str, list[tuple[str, str]]]]] = []
    if "person" in kinds:
        tables.append(("person", _names(store, _PEOPLE)))
    if "body" in kinds:
        tables.append(("body", _names(store, _BODIES % (_RDFS_LABEL, str(ID)))))
    keys = {_fold_name(value)}
    if "person" in kinds:
        try:
            keys.add(person_key(value))
        except ValueError:
            pass
    for _kind, table in tables:
        for key in keys:
            if table.get(key):
                return table[key][0]
    labels = sorted({label for _k, t in tables for pairs in t.values() for _iri, label in pairs})
    raise _suggest(value, labels, " or ".join(kinds), f"--param {param}={value}")


def _resolve_node(store: Any, value: str, param: str) -> str:
    """An IRI (full, <…> or gkid:…) as given; otherwise the node an area, person or body name names."""
    v = value.strip()
    if v.startswith("<") or "://" in v or (v.partition(":")[0] in _PREFIXES and " " not in v):
        return v
    try:
        return _resolve_area(store, v, param)[0]
    except UsageError:
        pass
    try:
        return _resolve_named(store, v, param, ("person", "body"))[0]
    except UsageError as exc:
        raise UsageError(
            exc.source, "no area, person or body of that name in the graph", exc.hint or "Pass an IRI (gkid:…)"
        ) from None


def resolve_params(store: Any, query: NamedQuery, params: dict[str, str] | None) -> dict[str, str]:
    """Parameters naming an area, body, person or node, taken as the names people use.

    ``area`` resolves as the build resolves an area's name ("Hull", "Bedford Borough", "County
    Durham", a GSS or DfE code) to the name the graph holds; ``person`` and ``body`` to a name in
    the graph; ``node`` takes an IRI or any of those names. An unknown name is an error with
    suggestions, never a silent empty result.
    """
    given = dict(params or {})
    declared = {p.name: p for p in query.params}
    for name in list(given) + [p.name for p in query.params if p.name not in given]:
        p = declared.get(name)
        value = given.get(name, p.default if p else None)
        if p is None or value is None:
            continue
        if name == "area":
            given[name] = _resolve_area(store, value, name)[1]
        elif name in ("person", "body"):
            given[name] = _resolve_named(store, value, name, (name,))[1]
        elif name == "node":
            given[name] = _resolve_node(store, value, name)
    return given


def run_query(store: Any, name_or_file: str | Path | NamedQuery, params: dict[str, str] | None = None) -> Table:
    """Run a named query (or ``.rq`` file) on a :class:`~graphkit.store.db.GraphStore`; SELECT only."""
    q = name_or_file if isinstance(name_or_file, NamedQuery) else load_query(name_or_file)
    text = bind_params(q, resolve_params(store, q, params))
    try:
        res = store.query(text, union=True)
    except SyntaxError as exc:
        raise UsageError(
            str(q.path), f"not valid SPARQL ({' '.join(str(exc).split())[:160]})", "Fix the query"
        ) from None
    if isinstance(res, ox.QueryBoolean):
        return Table(
            ["result"], [[ox.Literal(str(bool(res)).lower(), datatype=ox.NamedNode(_PREFIXES["xsd"] + "boolean"))]]
        )
    if not isinstance(res, ox.QuerySolutions):
        raise UsageError(str(q.path), "is a CONSTRUCT or DESCRIBE query", "Named queries must be SELECT (or ASK)")
    columns = [v.value for v in res.variables]
    rows = [[sol[i] for i in range(len(columns))] for sol in res]
    return Table(columns, rows)


# -- rendering --------------------------------------------------------------------------------------

_XSD = _PREFIXES["xsd"]
_INTEGERS = {
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedInt",
        "unsignedLong",
        "nonPositiveInteger",
        "negativeInteger",
    )
}
_DECIMALS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}


# The words a person reads for the terms of other vocabularies (PROV, FOAF, SKOS ...) in a table,
# a spreadsheet or the browser view: what the term means in graphkit's graph. (The ontology labels
# them for SPARQL users, naming the vocabulary: "agent (PROV-O)".)
_PROV = _PREFIXES["prov"]
_SKOS = _PREFIXES["skos"]
_DCTERMS = _PREFIXES["dcterms"]
_ORG = _PREFIXES["org"]
_OWL = "http://www.w3.org/2002/07/owl#"
OTHER_VOCABULARY_WORDS = {
    _PROV + "qualifiedAssociation": "inspection team member",
    _PROV + "wasAssociatedWith": "inspected by",
    _PROV + "atLocation": "in",
    _PROV + "wasGeneratedBy": "written after",
    _PROV + "wasDerivedFrom": "from",
    _PROV + "agent": "person",
    _PROV + "hadRole": "role",
    _PROV + "used": "used",
    _PROV + "endedAtTime": "decided at",
    _PROV + "Activity": "activity",
    _PREFIXES["rdf"] + "type": "kind",
    _PREFIXES["rdfs"] + "label": "name",
    _PREFIXES["foaf"] + "name": "name",
    _PREFIXES["foaf"] + "Person": "person",
    _SKOS + "prefLabel": "name",
    _SKOS + "notation": "code",
    _SKOS + "inScheme": "in the list",
    _SKOS + "definition": "meaning",
    _DCTERMS + "date": "date",
    _DCTERMS + "title": "title",
    _DCTERMS + "creator": "decided by",
    _OWL + "sameAs": "same person as (a reviewer's decision)",
    _OWL + "differentFrom": "not the same person as (a reviewer's decision)",
    _ORG + "memberOf": "member of",
    _ORG + "member": "member",
    _ORG + "role": "role",
}
_VOCABULARY_NAME = re.compile(r" \([^()]*\)$")  # "agent (PROV-O)": the vocabulary a reused term is from


@cache
def _vocabulary_labels() -> dict[str, str]:
    """IRI -> the word for it (skos:prefLabel, else rdfs:label) from the bundled ontology and themes;
    for a term of another vocabulary, its word in :data:`OTHER_VOCABULARY_WORDS`, else its label
    without the vocabulary's name."""
    import pyoxigraph as ox  # the store's own parser: no rdflib on the path of graphkit query

    from graphkit.resources import resource_dir

    store = ox.Store()
    for f in sorted(resource_dir("ontology").glob("*.ttl")):
        store.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
    out: dict[str, str] = {}
    rdfs_label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    pref_label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    for pred in (rdfs_label, pref_label):  # prefLabel last: it wins
        for q in store.quads_for_pattern(None, pred, None, None):
            label = q.object
            if isinstance(q.subject, ox.NamedNode) and isinstance(label, ox.Literal) and label.language in (None, "en"):
                out[q.subject.value] = label.value
    for iri, word in out.items():
        if not iri.startswith("https://w3id.org/graphkit/"):
            out[iri] = _VOCABULARY_NAME.sub("", word)
    out.update(OTHER_VOCABULARY_WORDS)
    return out


def short_id(iri: str) -> str:
    """A node's identifier without the graphkit namespace, or a prefixed name.

    >>> short_id("https://w3id.org/graphkit/id/inspection/bury/area-send/2024-02")
    'inspection/bury/area-send/2024-02'
    >>> short_id("http://www.w3.org/ns/prov#wasAssociatedWith")
    'prov:wasAssociatedWith'
    """
    if iri.startswith(str(ID)):
        return iri[len(str(ID)) :]
    for prefix, ns in sorted(_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and prefix not in ("theme", "gkid"):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def plain(term: Any) -> str:
    """A cell as a person reads it: a literal's value (dates and numbers plain), the word for a
    vocabulary term ("lead inspector", "widespread and/or systemic failings"), a node's short id.

    >>> plain(ox.Literal("8", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '8'
    >>> plain(ox.NamedNode("https://w3id.org/graphkit/def#LeadInspector"))
    'lead inspector'
    >>> plain(ox.NamedNode("http://xmlns.com/foaf/0.1/name")), plain(ox.NamedNode("http://www.w3.org/ns/oa#exact"))
    ('name', 'exact')
    >>> plain(ox.NamedNode("https://w3id.org/graphkit/id/area/bury"))
    'area/bury'
    >>> plain(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _vocabulary_labels().get(term.value) or short_id(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return " ".join(str(term.value).split())


def typed(term: Any) -> Any:
    """A cell as a spreadsheet types it: int, float, bool, date or datetime where the literal's
    datatype says so, else the plain text (:func:`plain`).

    >>> typed(ox.Literal("2024-02-12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    datetime.date(2024, 2, 12)
    >>> typed(ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")))
    True
    """
    import datetime as dt

    if isinstance(term, ox.Literal) and term.datatype is not None:
        dtype, v = term.datatype.value, term.value.strip()
        try:
            if dtype in _INTEGERS:
                return int(v)
            if dtype in _DECIMALS:
                return float(v)
            if dtype == _XSD + "boolean":
                return v in ("true", "1")
            if dtype == _XSD + "date":
                return dt.date.fromisoformat(v[:10])
            if dtype == _XSD + "dateTime":
                return dt.datetime.fromisoformat(v.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            pass
    if term is None:
        return None
    return plain(term)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype.value != _PREFIXES["xsd"] + "string":
        out["datatype"] = term.datatype.value
    return out


def _columns_fit(widths: list[int], words: list[int], width: int) -> list[int] | None:
    """Column widths that fit ``width`` with each column at least as wide as a readable minimum
    (its longest word up to 20 characters, at least 10, or all of it when shorter), so wrapping
    breaks lines between words; None when they cannot fit."""
    gaps = 2 * (len(widths) - 1)
    if sum(widths) + gaps <= width:
        return widths
    mins = [min(w, max(10, min(20, longest))) for w, longest in zip(widths, words, strict=True)]
    if sum(mins) + gaps > width:
        return None
    out = list(mins)
    spare = width - gaps - sum(out)
    while spare > 0:  # give the room to the columns that want it most, a character at a time
        wants = [(widths[i] - out[i], i) for i in range(len(out)) if out[i] < widths[i]]
        if not wants:
            break
        out[max(wants)[1]] += 1
        spare -= 1
    return out


def _wrap(text: str, w: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, w, break_long_words=True, break_on_hyphens=False) or [""]


def _fit(table: Table, width: int) -> str:
    """Columns that fit ``width``, long values wrapped onto more lines; when even that cannot fit,
    one record per block (``column: value``, empty values left out). Never a value cut short."""
    cells = [[plain(v) for v in r] for r in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    words = [
        max([len(x) for x in c.split()] + [len(x) for r in cells for x in r[i].split()])
        for i, c in enumerate(table.columns)
    ]
    fitted = _columns_fit([max(1, w) for w in widths], words, width)
    if fitted is None:
        label = max(len(c) for c in table.columns) + 2
        room = max(20, width - label)
        blocks = []
        for n, r in enumerate(cells, 1):
            lines = [f"-- {n} --"]
            for c, v in zip(table.columns, r, strict=True):
                if not v:  # a record shows what is known; the column list is in every other block
                    continue
                wrapped = _wrap(v, room)
                lines.append((c + ":").ljust(label) + wrapped[0])
                lines += [" " * label + more for more in wrapped[1:]]
            blocks.append("\n".join(line.rstrip() for line in lines))
        return "\n\n".join(blocks)

    def row_lines(values: list[str]) -> list[str]:
        parts = [_wrap(v, w) for v, w in zip(values, fitted, strict=True)]
        height = max(len(p) for p in parts)
        return [
            "  ".join((p[k] if k < len(p) else "").ljust(w) for p, w in zip(parts, fitted, strict=True)).rstrip()
            for k in range(height)
        ]

    lines = row_lines(list(table.columns))
    lines.append("  ".join("-" * w for w in fitted))
    any_wrapped = any(len(v) > w for r in cells for v, w in zip(r, fitted, strict=True))
    for r in cells:
        lines += row_lines(r)
        if any_wrapped:
            lines.append("")
    return "\n".join(lines).rstrip("\n")


def render(table: Table, fmt: str = "table", width: int | None = None) -> str:
    """The table as text: ``table`` (fits ``width``, default the terminal's), csv, tsv or json.

    csv, tsv and table are for people: plain values, the words for vocabulary terms, short ids
    (:func:`plain`). json is the W3C SPARQL 1.1 Query Results JSON, every term exact. For xlsx
    see :func:`graphkit.ask.xlsx.write_xlsx`.

    >>> t = Table(["area", "n"], [[ox.Literal("Bury"), ox.Literal("8", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]])
    >>> print(render(t, "csv"), end="")
    area,n
    Bury,8
    >>> json.loads(render(t, "json"))["results"]["bindings"][0]["n"]["datatype"]
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    if fmt == "json":
        doc = {
            "head": {"vars": table.columns},
            "results": {
                "bindings": [
                    {c: _json_term(v) for c, v in zip(table.columns, r, strict=True) if v is not None}
                    for r in table.rows
                ]
            },
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        rows = [[plain(v) for v in r] for r in table.rows]
        if fmt == "tsv":  # plain() makes a value's own tabs and line breaks spaces
            return "".join("\t".join(r) + "\n" for r in [table.columns, *rows])
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(table.columns)
        w.writerows(rows)
        return buf.getvalue()
    if fmt == "xlsx":
        raise UsageError("--format xlsx", "a spreadsheet is written to a file", "Pass -o FILE.xlsx")
    if fmt != "table":
        raise UsageError("--format", f'unknown format "{fmt}"', "Use one of " + ", ".join(FORMATS))
    return _fit(table, width or shutil.get_terminal_size((120, 24)).columns) + "\n"
