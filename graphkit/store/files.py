"""Hold and write graphs: an rdflib Dataset of named graphs, written by file suffix."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graphkit.errors import UsageError
from graphkit.graph.rdf import bind_prefixes

__all__ = ["FORMATS", "format_for", "new_dataset", "add_graph", "write_dataset", "read_graph_file"]

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".nt": "nt"}


def format_for(path: str | Path) -> str:
    """The rdflib format name for a file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(
            str(path), f'unknown graph format "{suffix or "(none)"}"', "Use one of " + " ".join(sorted(FORMATS))
        )
    return FORMATS[suffix]


def new_dataset() -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    return ds


def add_graph(ds: Dataset, name: URIRef, g: Graph) -> None:
    """Replace named graph ``name`` in ``ds`` with the triples of ``g``."""
    ds.remove_graph(ds.graph(name))
    target = ds.graph(name)
    for t in g:
        target.add(t)


def write_dataset(ds: Dataset, path: str | Path) -> None:
    """Write ``ds`` to ``path`` atomically (a temporary file renamed into place).

    Turtle and N-Triples hold no graph names: the union of all graphs is written.
    """
    fmt = format_for(path)
    with atomic_file(path) as tmp:
        if fmt in ("trig", "nquads"):  # Oxigraph's writers: rdflib's TriG took minutes for a big letter
            _write_with_oxigraph(ds, tmp, fmt)
        elif fmt in ("turtle", "nt"):
            union = Graph()
            bind_prefixes(union)
            for subj, pred, obj, _ in ds.quads((None, None, None, None)):
                union.add((subj, pred, obj))
            union.serialize(destination=tmp, format=fmt)
        else:
            ds.serialize(destination=tmp, format=fmt)


def oxigraph_term(t: object) -> Any:
    """An rdflib term as Oxigraph's (the inverse of :func:`graphkit.store.db.rdflib_term`).
    Raises ValueError for what Oxigraph refuses (an IRI with a space, an odd blank node id)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal

    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if not isinstance(t, Literal):
        raise ValueError(f"not an RDF term: {t!r}")
    if t.language:
        return ox.Literal(str(t), language=t.language)
    if t.datatype is not None:
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
    return ox.Literal(str(t))


def _write_with_oxigraph(ds: Dataset, path: str, fmt: str) -> None:
    import pyoxigraph as ox

    from graphkit.graph.iris import dump_prefixes

    term = oxigraph_term
    quads = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if name is None or str(name) == str(DATASET_DEFAULT_GRAPH_ID) else term(name)
        quads.append(ox.Quad(term(s), term(p), term(o), graph))  # type: ignore[arg-type]
    rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    with open(path, "wb") as out:
        if rdf_format == ox.RdfFormat.TRIG:
            # gkid: left out: its local names hold slashes, which TriG would have to escape
            prefixes = {k: v for k, v in dump_prefixes().items() if k != "gkid"}
            ox.serialize(quads, out, rdf_format, prefixes=prefixes)
        else:
            ox.serialize(quads, out, rdf_format)


@contextmanager
def atomic_file(path: str | Path) -> Iterator[str]:
    """A temporary file beside ``path``, renamed onto it when the block succeeds (else removed).

    So a reader never sees half a file, and a failed write loses nothing that was there.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=str(p.parent))
    os.close(fd)
    try:
        yield tmp
        publishable(tmp)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_graph_file(path: str | Path) -> Dataset:
    """Read a graph file into a Dataset; a syntax error becomes one line with its line and column."""
    from graphkit.errors import ReadError

    p = Path(path)
    fmt = format_for(p)
    if not p.is_file():
        raise ReadError(str(p), "no such file" if not p.exists() else "is a folder, not a graph file", "Check the path")
    if p.stat().st_size == 0:
        raise ReadError(str(p), "the file is empty", "Pass a graph written by graphkit extract or build")
    ds = new_dataset()
    try:
        if fmt in ("turtle", "nt"):
            ds.graph(URIRef(p.resolve().as_uri())).parse(str(p), format=fmt)
        else:
            ds.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many kinds; say where, in the parser's own words
        raise ReadError(
            str(p), f"not valid {fmt}{_where(exc)} ({_why(exc)})", "Fix the file, or re-create it with graphkit"
        ) from None
    if not any(len(g) for g in ds.graphs()):
        raise ReadError(str(p), "holds no triples", "Pass a graph written by graphkit extract or graphkit build")
    return ds


def _where(exc: Exception) -> str:
    """ " at line L, column C" from an rdflib parser error, where it says."""
    text, offset, line = getattr(exc, "_str", None), getattr(exc, "_i", None), getattr(exc, "lines", None)
    if isinstance(text, (bytes, str)) and isinstance(offset, int) and isinstance(line, int):
        data = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        col = offset - (data.rfind("\n", 0, offset) + 1) + 1
        return f" at line {line + 1}, column {col}"
    m = re.search(r"line[: ]+(\d+)(?:.*?(?:column|col|char)[: ]+(\d+))?", str(exc), re.I | re.S)
    if m:
        return f" at line {m.group(1)}" + (f", column {m.group(2)}" if m.group(2) else "")
    return ""


def _why(exc: Exception) -> str:
    why = getattr(exc, "_why", None)
    text = str(why) if why else str(exc)
    return " ".join(text.split())[:160]


def publishable(path: str) -> None:
    """Give a temporary file the permissions a normal new file would have (mkstemp makes it 0600)."""
    import os

    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
