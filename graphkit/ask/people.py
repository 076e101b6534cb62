"""People across documents: uncertain matches listed for review, and a person's decisions kept."""

from __future__ import annotations

import getpass
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

import pyoxigraph as ox

from graphkit.errors import UsageError
from graphkit.graph.rdf import ID
from graphkit.resolve import person_key, person_match
from graphkit.store.db import DECISIONS_GRAPH, GraphStore

__all__ = [
    "Candidate",
    "Appearance",
    "review_people",
    "record_decision",
    "decisions",
    "find_person",
    "appearances",
    "merge_people",
]

# each person once, then their names (every document restates a person's type and name: joining the
# two in the union graph would repeat each pair once per document squared)
_PEOPLE = """SELECT DISTINCT ?p ?name WHERE { { SELECT DISTINCT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> } }
  ?p <http://xmlns.com/foaf/0.1/name> ?name }"""
OWL = "http://www.w3.org/2002/07/owl#"
PROV = "http://www.w3.org/ns/prov#"


@dataclass(frozen=True)
class Candidate:
    """Two person nodes that may be one person: not merged until a person accepts."""

    a: str
    a_names: tuple[str, ...]
    b: str
    b_names: tuple[str, ...]


def decisions(store: GraphStore) -> dict[frozenset[str], str]:
    """Pairs already decided: {a, b} -> "same" or "different"."""
    q = f"""SELECT ?a ?p ?b WHERE {{ GRAPH <{DECISIONS_GRAPH}> {{ ?a ?p ?b
            FILTER (?p IN (<{OWL}sameAs>, <{OWL}differentFrom>)) }} }}"""
    out = {}
    for row in store.query(q, union=False):  # type: ignore[union-attr]
        out[frozenset((row["a"].value, row["b"].value))] = "same" if row["p"].value.endswith("sameAs") else "different"
    return out


def review_people(store: GraphStore) -> list[Candidate]:
    """Pairs of person nodes whose names are close but not surely the same, not yet decided."""
    names: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PEOPLE):  # type: ignore[union-attr]
        names[row["p"].value].add(row["name"].value)
    decided = decisions(store)
    blocks: dict[str, list[str]] = defaultdict(list)  # block on the surname's first letters
    for p, ns in names.items():
        for n in ns:
            parts = person_key(n).split("-")
            if parts:
                blocks[parts[-1][:3]].append(p)
    seen: set[frozenset[str]] = set()
    out = []
    for members in blocks.values():
        uniq = sorted(set(members))
        for i, a in enumerate(uniq):
            for b in uniq[i + 1 :]:
                pair = frozenset((a, b))
                if pair in seen or pair in decided:
                    continue
                seen.add(pair)
                verdicts = {person_match(x, y) for x in names[a] for y in names[b]}
                if "uncertain" in verdicts or "same" in verdicts:
                    out.append(Candidate(a, tuple(sorted(names[a])), b, tuple(sorted(names[b]))))
    return sorted(out, key=lambda c: (c.a_names, c.b_names))


_GK = "https://w3id.org/graphkit/def#"


def find_person(store: GraphStore, ref: str) -> str:
    """The person node ``ref`` names: a name exactly as ``graphkit people --review`` prints it (case,
    accents and honorifics ignored, as the build matches names), a person IRI, or its key."""
    text = ref.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text.startswith("http://") or text.startswith("https://"):
        try:
            return ox.NamedNode(text).value
        except ValueError:
            raise UsageError(ref, "not a person IRI", "Copy a name from graphkit people --review") from None
    names: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PEOPLE):  # type: ignore[union-attr]
        names[row["p"].value].add(row["name"].value)
    try:
        key = person_key(text)
    except ValueError:
        key = ""
    hits = sorted(p for p, ns in names.items() if text.casefold() in {n.casefold() for n in ns})
    if not hits and key:
        hits = sorted(p for p in names if p.rsplit("/", 1)[-1] == key)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise UsageError(ref, "names more than one person", "Pass one of their IRIs: " + " ".join(hits))
    from rapidfuzz import fuzz, process

    every = sorted({n for ns in names.values() for n in ns})
    near = [m for m, _score, _i in process.extract(text, every, scorer=fuzz.WRatio, limit=3)]
    hint = ("Did you mean " + ", ".join(f'"{n}"' for n in near) + "? ") if near else ""
    raise UsageError(ref, "no person of that name in the store", hint + "(graphkit people --review lists the names)")


@dataclass(frozen=True)
class Appearance:
    """Where one name of a person appears: the document, its area and the role given there."""

    name: str
    document: str
    area: str
    role: str


_APPEARANCES = f"""SELECT DISTINCT ?name ?document ?area ?role ?roleLabel WHERE {{
  GRAPH ?g {{ ?m <{_GK}person> ?p ; <{_GK}nameAsWritten> ?name .
    OPTIONAL {{ ?m <http://www.w3.org/ns/prov#hadRole> ?role }}
    OPTIONAL {{ ?m <{_GK}roleLabel> ?roleLabel }}
    OPTIONAL {{ ?doc <{_GK}sourceFile> ?document }}
    OPTIONAL {{ ?doc <{_GK}about> ?i . ?i <{_GK}area> ?a . ?a <http://www.w3.org/2000/01/rdf-schema#label> ?area }} }}
}} ORDER BY ?name ?document"""


def appearances(store: GraphStore, person: str) -> list[Appearance]:
    """Every (name, document, area, role) a person node appears with, for a reviewer to judge by."""
    from graphkit.ask.query import plain

    sparql = _APPEARANCES.replace("?p ;", f"<{person}> ;")
    seen: dict[tuple[str, str, str], set[str]] = {}
    for row in store.query(sparql):  # type: ignore[union-attr]
        key = (
            row["name"].value,
            row["document"].value if row["document"] else "",
            row["area"].value if row["area"] else "",
        )
        roles = seen.setdefault(key, set())
        if row["roleLabel"] is not None:
            roles.add(" ".join(row["roleLabel"].value.split()))
        elif row["role"] is not None:
            roles.add(plain(row["role"]))
    return [Appearance(n, d, a, "; ".join(sorted(r))) for (n, d, a), r in sorted(seen.items())]


def record_decision(store: GraphStore, a: str, b: str, same: bool, by: str | None = None) -> str:
    """Record that the people ``a`` and ``b`` (names as ``--review`` prints them, or IRIs) are (or
    are not) one person; return the decision IRI.

    Kept in the decisions graph, which builds never replace; an acceptance merges the two nodes
    at once (:func:`merge_people`), and every build merges them again.
    """
    a_iri, b_iri = find_person(store, a), find_person(store, b)
    if a_iri == b_iri:
        raise UsageError(f"{a} / {b}", "both name the same person already", "Pick two different names from --review")
    if same:  # the fuller name's node stays, the other's facts move to it
        a_iri, b_iri = sorted((a_iri, b_iri), key=lambda iri: (-_fullness(store, iri), iri))
    else:
        a_iri, b_iri = sorted((a_iri, b_iri))
    when = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    who = by or getpass.getuser()
    decision = f"{ID}decision/{'same' if same else 'different'}/{a_iri.rsplit('/', 1)[-1]}--{b_iri.rsplit('/', 1)[-1]}"
    pred = f"{OWL}{'sameAs' if same else 'differentFrom'}"
    store.update(
        f"""DELETE WHERE {{ GRAPH <{DECISIONS_GRAPH}> {{ <{a_iri}> ?p <{b_iri}> }} }} ;
        INSERT DATA {{ GRAPH <{DECISIONS_GRAPH}> {{
          <{a_iri}> <{pred}> <{b_iri}> .
          <{decision}> a <{PROV}Activity> ; <{PROV}used> <{a_iri}>, <{b_iri}> ;
             <http://purl.org/dc/terms/creator> {ox.Literal(who)} ; <{PROV}endedAtTime> "{when}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        }} }}"""
    )
    if same:
        merge_people(store)
    store.flush()
    return decision


def _fullness(store: GraphStore, iri: str) -> int:
    q = f"SELECT ?n WHERE {{ <{iri}> <http://xmlns.com/foaf/0.1/name> ?n }}"
    return max((len(row["n"].value) for row in store.query(q)), default=0)  # type: ignore[union-attr]


def merge_people(store: GraphStore) -> int:
    """Make every accepted pair one node in every graph but the decisions graph: the facts of the
    node a person accepted as the same as another move to that other (the subject of the recorded
    ``owl:sameAs``), so every query, export and view sees one person. The decision and its
    ``owl:sameAs`` stay in the decisions graph, as the merge's provenance. Returns how many
    nodes were merged; run again after every build (documents come back with their own IRIs).
    """
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for pair, verdict in sorted(decisions_directed(store)):
        if verdict == "same":
            keep, gone = pair
            if root(gone) != root(keep):
                parent[root(gone)] = root(keep)
    merged = 0
    for gone in sorted(parent):
        keep = root(gone)
        if keep == gone:
            continue
        exists = store.query(
            f"ASK {{ GRAPH ?g {{ {{ <{gone}> ?p ?o }} UNION {{ ?s ?p <{gone}> }} }} FILTER (?g != <{DECISIONS_GRAPH}>) }}"
        )
        if not bool(exists):
            continue
        store.update(
            f"""DELETE {{ GRAPH ?g {{ <{gone}> ?p ?o }} }} INSERT {{ GRAPH ?g {{ <{keep}> ?p ?o }} }}
                WHERE {{ GRAPH ?g {{ <{gone}> ?p ?o }} FILTER (?g != <{DECISIONS_GRAPH}>) }} ;
                DELETE {{ GRAPH ?g {{ ?s ?p <{gone}> }} }} INSERT {{ GRAPH ?g {{ ?s ?p <{keep}> }} }}
                WHERE {{ GRAPH ?g {{ ?s ?p <{gone}> }} FILTER (?g != <{DECISIONS_GRAPH}>) }}"""
        )
        merged += 1
    return merged


def decisions_directed(store: GraphStore) -> list[tuple[tuple[str, str], str]]:
    """Every recorded decision as ((subject, object), "same" | "different"), as recorded."""
    q = f"""SELECT ?a ?p ?b WHERE {{ GRAPH <{DECISIONS_GRAPH}> {{ ?a ?p ?b
            FILTER (?p IN (<{OWL}sameAs>, <{OWL}differentFrom>)) }} }}"""
    return [
        ((row["a"].value, row["b"].value), "same" if row["p"].value.endswith("sameAs") else "different")
        for row in store.query(q, union=False)  # type: ignore[union-attr]
    ]
