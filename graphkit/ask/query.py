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
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graphkit.errors import UsageError
from graphkit.graph.iris import GK, ID  # plain strings: no rdflib on the query path

__all__ = ["NamedQuery", "Table", "list_queries", "load_query", "bind_params", "run_query", "render", "FORMATS"]

FORMATS = ("table", "csv", "tsv", "json")
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


def run_query(store: Any, name_or_file: str | Path | NamedQuery, params: dict[str, str] | None = None) -> Table:
    """Run a named query (or ``.rq`` file) on a :class:`~graphkit.store.db.GraphStore`; SELECT only."""
    q = name_or_file if isinstance(name_or_file, NamedQuery) else load_query(name_or_file)
    text = bind_params(q, params)
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


def _compact(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        v = term.value
        for prefix, ns in sorted(_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if v.startswith(ns) and prefix != "theme":
                return f"{prefix}:{v[len(ns) :]}"
        return v
    return " ".join(str(term.value).split())


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


def _fit(table: Table, width: int) -> str:
    cells = [[_compact(v) for v in r] for r in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    budget = width - 2 * (len(widths) - 1)
    floor = max(2, min(8, budget // max(1, len(widths))))
    while sum(widths) > budget and max(widths) > floor:
        i = widths.index(max(widths))
        widths[i] = max(floor, widths[i] - max(1, (sum(widths) - budget) // 2))

    def cut(s: str, w: int) -> str:
        return s if len(s) <= w else s[: w - 1] + "…"

    lines = ["  ".join(cut(c, w).ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cut(c, w).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def render(table: Table, fmt: str = "table", width: int | None = None) -> str:
    """The table as text: ``table`` (fits ``width``, default the terminal's), csv, tsv or json.

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
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(table.columns)
            w.writerows([["" if v is None else v.value for v in r] for r in table.rows])
            return buf.getvalue()
        # SPARQL 1.1 TSV results: terms in their SPARQL/Turtle form
        buf.write("\t".join("?" + c for c in table.columns) + "\n")
        for r in table.rows:
            buf.write("\t".join("" if v is None else str(v) for v in r) + "\n")
        return buf.getvalue()
    if fmt != "table":
        raise UsageError("--format", f'unknown format "{fmt}"', "Use one of " + ", ".join(FORMATS))
    return _fit(table, width or shutil.get_terminal_size((120, 24)).columns) + "\n"
