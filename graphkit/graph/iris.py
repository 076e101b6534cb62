"""graphkit's own namespaces as plain strings, for code that needs no rdflib (the store, the named
queries): ``graphkit query`` starts without importing rdflib. :mod:`graphkit.graph.rdf` builds
its rdflib namespaces from these.
"""

from __future__ import annotations

__all__ = ["GK", "ID", "IriNamespace", "dump_prefixes"]


class IriNamespace(str):
    """A namespace IRI whose terms are plain strings.

    >>> GK.sha256, ID["graph/links"]
    ('https://w3id.org/graphkit/def#sha256', 'https://w3id.org/graphkit/id/graph/links')
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return str(self) + name

    def __getitem__(self, key: str) -> str:  # type: ignore[override]
        return str(self) + key


GK = IriNamespace("https://w3id.org/graphkit/def#")
ID = IriNamespace("https://w3id.org/graphkit/id/")


def dump_prefixes() -> dict[str, str]:
    """The prefixes a written graph file declares (Turtle, TriG), graphkit's first."""
    return {
        "gk": str(GK),
        "gkid": str(ID),
        "oa": "http://www.w3.org/ns/oa#",
        "prov": "http://www.w3.org/ns/prov#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "org": "http://www.w3.org/ns/org#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    }
