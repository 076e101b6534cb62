"""The findings of SHACL validation over a fixed set of graphs, to prove that making validation
faster changes none of them (``tests/test_validation_findings.py``).

The graphs: every document of ``../shared/letters`` and the fictional ``tests/data/letters`` as
read, and each of them damaged in two fixed, order-independent ways (:func:`damaged`,
:func:`thinned`), so that most shapes have something to find. Each
is validated on its own as ``graphkit build`` does (``validate_graph(g, cross_document=False)``),
then all of them together with the official statistics as ``graphkit validate`` does (per
document and across documents; the snapshot keeps what this adds to the per-document findings).

A finding is kept as (document, shape, focus node, severity, digest): the digest is a hash of
its message, path and quote, so the snapshot holds no text of a letter. (The focus and value in
words are left out: a body with two names is shown by whichever rdflib yields first.)

    .venv/bin/python tests/findings_snapshot.py --write   # only when the shapes or the extractors change on purpose
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = Path(__file__).resolve().parent / "data" / "validation-findings.json"
ID = "https://w3id.org/graphkit/id/"
SHAPES = "https://w3id.org/graphkit/shapes#"
GK = "https://w3id.org/graphkit/def#"
OA = "http://www.w3.org/ns/oa#"

Row = list[str]


def letter_files(shared: Path) -> list[Path]:
    return sorted((shared / "letters").glob("*/*.*")) + sorted((REPO / "tests" / "data" / "letters").glob("*.txt"))


def _h(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256(repr(parts).encode()).digest()[:8], "big")


# a document's key ends with 12 hex digits of the file's SHA-256 (graphkit.graph.rdf.doc_key)
_KEY_HASH = re.compile(r"(/(?:doc|graph)/[a-z0-9-]+?)-[0-9a-f]{12}(?=[/>])")


def _n3(term: object) -> str:
    """The term as N3 with each document key cut to its stem: which triples get damaged depends on
    the letters' words, not on their files' bytes (nor on how a document key is made)."""
    return _KEY_HASH.sub(r"\1", term.n3())  # type: ignore[attr-defined]


def damaged(g: Graph) -> Graph:
    """``g`` with about one triple in eleven dropped, one altered and one given a second value
    (never what a finding shows is found through: see ``_READ``).

    Which triples is decided by a hash of the triple itself, so the result does not depend on
    the order rdflib yields them.
    """
    out = Graph(identifier=g.identifier)
    for s, p, o in g:
        h = _h(_n3(s), p.n3(), _n3(o)) % 11
        if h == 0:
            continue
        if h == 1 and p not in _READ:
            o = _altered(o)
        elif h == 2 and isinstance(o, Literal) and p not in _READ:
            out.add((s, p, Literal("second value")))
        out.add((s, p, o))
    return out


def thinned(g: Graph, name: str) -> Graph:
    """``g`` with about one predicate in five dropped altogether, and one in five stated again of
    a second subject (``...-copy``): which ones depends on the document, so that across the
    documents every rule has its chance to fire."""
    out = Graph(identifier=g.identifier)
    for s, p, o in g:
        h = _h(name, p.n3()) % 5
        if h == 0:
            continue
        if h == 1 and isinstance(s, URIRef) and p not in _READ:
            out.add((URIRef(str(s) + "-copy"), p, o))
        out.add((s, p, o))
    return out


# What a finding shows of its focus node (its name, its document, its quote's words) is found
# through these, read as one value each: a second value would make the words shown depend on
# the order rdflib yields them. The damage only drops them, never alters or repeats them.
_READ = (
    {URIRef(GK + n) for n in ("sourceFile", "nameAsWritten", "about", "verdictOf", "quoteFor", "quoteOfProperty")}
    | {URIRef(OA + n) for n in ("exact", "hasSource", "hasSelector")}
    | {RDFS.label, FOAF.name, PROV.wasDerivedFrom}
)


def _altered(o: object) -> object:
    if isinstance(o, URIRef):
        return URIRef(str(o) + "-altered")
    if isinstance(o, Literal):
        v = o.toPython()
        if isinstance(v, bool):
            return Literal(not v)
        if isinstance(v, int):
            return Literal(v + 7, datatype=o.datatype)
        if o.datatype == XSD.date:
            return Literal("2099-12-31", datatype=XSD.date)
        return Literal(str(o)[::-1] + " ", lang=o.language, datatype=o.datatype)
    return o


def rows(results: Iterable[object]) -> list[Row]:
    out = []
    for r in results:
        shown = json.dumps([r.message, r.path, r.quote], ensure_ascii=False)  # type: ignore[attr-defined]
        digest = hashlib.sha256(shown.encode()).hexdigest()[:16]
        shape = r.shape.replace(SHAPES, "gksh:")  # type: ignore[attr-defined]
        focus = r.focus_node.replace(ID, "gkid:")  # type: ignore[attr-defined]
        out.append([r.document, shape, focus, r.severity, digest])  # type: ignore[attr-defined]
    return sorted(out)


def findings(shared: Path) -> dict[str, object]:
    """Every finding over the fixed set of graphs (see the module's docstring)."""
    from graphkit.check.validate import validate_graph
    from graphkit.errors import GraphkitError
    from graphkit.graph.statistics import STATISTICS_GRAPH, statistics_graph
    from graphkit.pipeline import letter_graph, read_letter
    from graphkit.store.files import add_graph, new_dataset

    per_document: dict[str, list[Row]] = {}
    across: dict[str, list[Row]] = {}
    for variant in ("as read", "damaged", "thinned"):
        ds = new_dataset()
        for p in letter_files(shared):
            try:
                name, g = letter_graph(read_letter(p))
            except GraphkitError:  # a letter cut off half way is refused before it has a graph
                continue
            if variant == "damaged":
                g = damaged(g)
            elif variant == "thinned":
                g = thinned(g, p.name)
            per_document[f"{variant}: {p.name}"] = rows(validate_graph(g, cross_document=False).results)
            add_graph(ds, name, g)
        add_graph(ds, STATISTICS_GRAPH, statistics_graph())
        whole = rows(validate_graph(ds).results)
        for key, found in per_document.items():  # the same findings again, then those across documents
            if key.startswith(variant + ":"):
                for row in found:
                    assert row in whole, (key, row)
                    whole.remove(row)
        across[variant] = whole
    return {"per_document": per_document, "across_documents": across}


def dump(data: dict[str, object]) -> str:
    """The snapshot as JSON, one finding a line."""
    lines = ["{"]
    for i, (part, groups) in enumerate(data.items()):
        lines.append(f" {json.dumps(part)}: {{")
        items = list(groups.items())  # type: ignore[attr-defined]
        for j, (key, found) in enumerate(items):
            body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in found)
            lines.append(
                f" {json.dumps(key, ensure_ascii=False)}: ["
                + ("\n" + body + "\n " if found else "")
                + "]"
                + ("," if j < len(items) - 1 else "")
            )
        lines.append(" }" + ("," if i < len(data) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    data = findings(REPO.parent / "shared")
    SNAPSHOT.write_text(dump(data), encoding="utf-8")
    n = sum(len(v) for v in data["per_document"].values())  # type: ignore[attr-defined]
    print(f"{SNAPSHOT}: {n} per-document findings", file=sys.stderr)


if __name__ == "__main__":
    main()
