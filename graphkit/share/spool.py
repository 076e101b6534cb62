"""A view's nodes and edges spooled to temporary files, so every export format is written in one
pass without the graph in memory (used by :mod:`graphkit.share.export` and its HTML page)."""

from __future__ import annotations

import marshal
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """No None, no lists, no control characters (XML 1.0 cannot hold them: GraphML, GEXF)."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, (list, tuple, set)):
            v = " | ".join(str(x) for x in v)
        elif not isinstance(v, (str, int, bool, float)):
            v = str(v)
        out[k] = _CONTROL.sub("", v) if isinstance(v, str) else v
    return out


class Spool:
    """A view's nodes and edges, cleaned, in temporary files; with each attribute's Python type.

    Every file format is then written in one pass over the spool, so no format needs the graph
    in memory; an attribute holding values of several types is written as text throughout.
    """

    def __init__(self, name: str, note: str = "") -> None:
        self.name, self.note = name, note
        self.nodes_file = tempfile.TemporaryFile()
        self.edges_file = tempfile.TemporaryFile()
        self.node_types: dict[str, set[type]] = defaultdict(set)
        self.edge_types: dict[str, set[type]] = defaultdict(set)
        self.n_nodes = self.n_edges = 0

    @classmethod
    def of(cls, records: Iterator[tuple[str, Any]], name: str, note: str = "") -> Spool:
        sp = cls(name, note)
        for kind, rec in records:
            node = kind == "node"
            at = 1 if node else 2  # (id, attributes, facts) or (source, target, attributes)
            d = _clean(rec[at])
            for k, v in d.items():
                (sp.node_types if node else sp.edge_types)[k].add(type(v))
            marshal.dump((*rec[:at], d, *rec[at + 1 :]), sp.nodes_file if node else sp.edges_file)
            if node:
                sp.n_nodes += 1
            else:
                sp.n_edges += 1
        return sp

    def close(self) -> None:
        self.nodes_file.close()
        self.edges_file.close()

    def _read(self, fh: Any, types: dict[str, set[type]], at: int) -> Iterator[Any]:
        mixed = {k for k, ts in types.items() if len(ts) > 1}
        fh.seek(0)
        while True:
            try:
                rec = marshal.load(fh)
            except EOFError:
                return
            d = rec[at]
            for k in mixed & d.keys():
                d[k] = str(d[k])
            yield rec

    def nodes(self) -> Iterator[tuple[str, dict[str, Any], Any]]:
        """(id, attributes, browser facts or None) per node."""
        return self._read(self.nodes_file, self.node_types, 1)

    def edges(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        return self._read(self.edges_file, self.edge_types, 2)

    def types(self, of: str) -> dict[str, type]:
        """Each attribute's one type (str where its values have several)."""
        types = self.node_types if of == "node" else self.edge_types
        return {k: (next(iter(ts)) if len(ts) == 1 else str) for k, ts in types.items()}
