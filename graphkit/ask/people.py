"""People across documents: uncertain matches listed for review, and a person's decisions kept."""

from __future__ import annotations

import getpass
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

import pyoxigraph as ox

from graphkit.errors import UsageError
from graphkit.graph.rdf import ID
from graphkit.graph.resolve import person_key, person_match
from graphkit.store.db import DECISIONS_GRAPH, GraphStore

__all__ = ["Candidate", "review_people", "record_decision", "decisions"]

_PEOPLE = """SELECT DISTINCT ?p ?name WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name }"""
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


def _iri(ref: str) -> str:
    """A person node's IRI from the IRI or the key ``graphkit people --review`` shows."""
    iri = ref if ref.startswith("http") else str(ID[f"person/{ref.rsplit('/', 1)[-1]}"])
    try:
        return ox.NamedNode(iri).value  # refuses anything that is no IRI (spaces, <, >, quotes)
    except ValueError:
        raise UsageError(ref, "not a person IRI or key", "Copy it from graphkit people --review") from None


def record_decision(store: GraphStore, a: str, b: str, same: bool, by: str | None = None) -> str:
    """Record that person nodes ``a`` and ``b`` are (or are not) one person; return the decision IRI.

    Kept in the decisions graph, which builds never replace.
    """
    a_iri, b_iri = sorted((_iri(a), _iri(b)))
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
    store.flush()
    return decision
