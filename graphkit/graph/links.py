"""Lifecycle links across documents and the statistics, kept in their own named graph.

* an area's inspections in order (``gk:followedBy``);
* a 2023 report's previous inspection (``gk:previousInspection``), by the dates it states;
* a revisit's quoted weakness to the initial letter's wording of it (``gk:quotesWeakness``).

The links graph is derived: every build that changes anything recomputes it whole.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from graphkit.graph.rdf import GK
from graphkit.store.db import LINKS_GRAPH, Change, GraphStore, content_sha256

__all__ = ["link_lifecycle", "compute_links"]

_INSPECTIONS = f"""
SELECT DISTINCT ?i ?area ?start ?month WHERE {{
  ?i <{GK.area}> ?area .
  {{ ?i <{GK.startDate}> ?start }} UNION {{ ?i <{GK.month}> ?month }}
}}"""

_PREVIOUS = f"""
SELECT DISTINCT ?r ?area ?d WHERE {{ ?r <{GK.previousInspectionStart}> ?d ; <{GK.area}> ?area . }}"""

_WEAKNESSES = f"""
SELECT DISTINCT ?w ?initial ?text ?doc ?kind WHERE {{
  GRAPH ?g {{ ?w a <{GK.SignificantWeakness}> ; <{GK.weaknessOf}> ?initial ; <{GK.statementText}> ?text ;
              <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc . ?doc a ?kind . }}
  VALUES ?kind {{ <{GK.InitialLetter}> <{GK.RevisitLetter}> }}
}}"""


def _ymd(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def compute_links(store: GraphStore) -> list[str]:
    """The N-Triples lines of the links graph for the store's current content."""
    lines: list[str] = []
    starts: dict[str, date] = {}
    months: dict[str, str] = {}
    area_of: dict[str, str] = {}
    for row in store.query(_INSPECTIONS):  # type: ignore[union-attr]
        i = row["i"].value
        area_of[i] = row["area"].value
        if row["start"] is not None:
            d = _ymd(row["start"].value)
            if d and (i not in starts or d < starts[i]):
                starts[i] = d
        if row["month"] is not None:
            months[i] = row["month"].value[:7]
    by_area: dict[str, list[str]] = defaultdict(list)
    for i, a in area_of.items():
        by_area[a].append(i)

    def key(i: str) -> str:
        return starts[i].isoformat() if i in starts else months.get(i, "9999") + "-99"

    for items in by_area.values():
        ordered = sorted(items, key=key)
        for a, b in zip(ordered, ordered[1:], strict=False):
            lines.append(f"<{a}> <{GK.followedBy}> <{b}> .")

    for row in store.query(_PREVIOUS):  # type: ignore[union-attr]
        r, area, d = row["r"].value, row["area"].value, _ymd(row["d"].value)
        if d is None:
            continue
        best = None
        for cand in by_area.get(area, []):
            if cand == r:
                continue
            cs = starts.get(cand)
            cm = months.get(cand) or (cs.isoformat()[:7] if cs else None)
            score = None
            if cs == d:
                score = 0
            elif cm == d.isoformat()[:7]:
                score = 1 + (abs((cs - d).days) if cs else 40)
            if score is not None and (best is None or score < best[0]):
                best = (score, cand)
        if best:
            lines.append(f"<{r}> <{GK.previousInspection}> <{best[1]}> .")

    lines.extend(_weakness_links(store))
    return lines


def _weakness_links(store: GraphStore) -> list[str]:
    from rapidfuzz import fuzz

    listed: dict[str, list[tuple[str, str]]] = defaultdict(list)  # initial -> [(weakness, text)] from initial letters
    quoted: dict[str, list[tuple[str, str]]] = defaultdict(list)  # from revisit letters
    for row in store.query(_WEAKNESSES):  # type: ignore[union-attr]
        target = listed if row["kind"].value == str(GK.InitialLetter) else quoted
        target[row["initial"].value].append((row["w"].value, row["text"].value))
    out = []
    for initial, quotes in quoted.items():
        candidates = listed.get(initial, [])
        if not candidates:
            continue
        pairs = sorted(
            ((fuzz.token_set_ratio(qt.lower(), ct.lower()), q, c) for q, qt in quotes for c, ct in candidates),
            reverse=True,
        )
        used_q: set[str] = set()
        used_c: set[str] = set()
        for score, q, c in pairs:
            if score < 50 or q in used_q or c in used_c:
                continue
            used_q.add(q)
            used_c.add(c)
            out.append(f"<{q}> <{GK.quotesWeakness}> <{c}> .")
            out.append(f'<{q}> <{GK.matchScore}> "{int(score)}"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    return out


def link_lifecycle(store: GraphStore, bulk: bool = False) -> int:
    """Recompute the links graph; return how many link triples it holds (``bulk``: see GraphStore.apply)."""
    lines = compute_links(store)
    text = "\n".join(lines)
    store.apply_derived(
        Change(str(LINKS_GRAPH), text, sha256=content_sha256(text), source="graphkit links", kind="links"), bulk=bulk
    )
    return len(lines)
