"""Where the letters and the official statistics disagree: dates, weakness counts, revisit results."""

from __future__ import annotations

from dataclasses import dataclass

from graphkit.graph.rdf import GK
from graphkit.graph.statistics import STATISTICS_GRAPH
from graphkit.store.db import LINKS_GRAPH, GraphStore

__all__ = ["Disagreement", "reconcile"]

P = f"""PREFIX gk: <{GK}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def _quote(node: str, prop: str) -> str:
    """The letter's quote for ``prop`` of ``node``, the property written in: with a variable bound
    in the query instead, Oxigraph would join every quote in the store (0.27 s a check at 10x)."""
    return (
        f"OPTIONAL {{ GRAPH ?g {{ ?q gk:quoteFor {node} ; gk:quoteOfProperty {prop} ;"
        f" oa:hasSelector ?sel . ?sel oa:exact ?quote }} }}"
    )


CHECKS: list[tuple[str, str]] = [
    (
        "inspection start date",
        P
        + f"""SELECT ?areaLabel ?src ?letter ?stats ?quote WHERE {{
  GRAPH ?g {{ ?doc gk:about ?i ; gk:sourceFile ?src . ?i gk:startDate ?letter ; gk:area ?area . }}
  GRAPH <{STATISTICS_GRAPH}> {{ ?i gk:startDate ?stats . ?area rdfs:label ?areaLabel }}
  FILTER (?letter != ?stats)
  {_quote("?i", "gk:startDate")}
}}""",
    ),
    (
        "number of significant weaknesses",
        P
        + f"""SELECT ?areaLabel ?src ?letter ?stats ?quote WHERE {{
  {{ SELECT ?g ?src ?initial (COUNT(DISTINCT ?w) AS ?letter) WHERE {{
       GRAPH ?g {{ ?doc gk:sourceFile ?src . ?w a gk:SignificantWeakness ; gk:weaknessOf ?initial ;
                   <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc . }} }} GROUP BY ?g ?src ?initial }}
  GRAPH <{STATISTICS_GRAPH}> {{ ?initial gk:weaknessCount ?stats ; gk:area ?area . ?area rdfs:label ?areaLabel }}
  FILTER (?letter != ?stats)
  BIND("" AS ?quote)
}}""",
    ),
    (
        "written statement of action required",
        P
        + f"""SELECT ?areaLabel ?src ?letter ?stats ?quote WHERE {{
  GRAPH ?g {{ ?doc gk:sourceFile ?src . ?initial gk:wsoaRequired ?letter . }}
  FILTER (?g != <{STATISTICS_GRAPH}>)
  GRAPH <{STATISTICS_GRAPH}> {{ ?initial gk:wsoaRequired ?stats ; gk:area ?area . ?area rdfs:label ?areaLabel }}
  FILTER (?letter != ?stats)
  {_quote("?initial", "gk:wsoaRequired")}
}}""",
    ),
    (
        "revisit result (weaknesses with sufficient progress)",
        P
        + f"""SELECT ?areaLabel ?src ?letter ?stats ?quote WHERE {{
  {{ SELECT ?g ?src ?r (SUM(IF(?ok, 1, 0)) AS ?letter) WHERE {{
       GRAPH ?g {{ ?doc gk:sourceFile ?src ; gk:about ?r . ?v a gk:RevisitVerdict ; gk:verdictOf ?r ;
                   gk:sufficientProgress ?ok . }} }} GROUP BY ?g ?src ?r }}
  GRAPH <{STATISTICS_GRAPH}> {{ ?r gk:weaknessesImproved ?stats ; gk:area ?area . ?area rdfs:label ?areaLabel }}
  FILTER (?letter != ?stats)
  BIND("" AS ?quote)
}}""",
    ),
    (
        "revisit: initial inspection not in the statistics for that month",
        P
        + f"""SELECT ?areaLabel ?src ?letter ?stats ?quote WHERE {{
  GRAPH ?g {{ ?doc gk:sourceFile ?src ; gk:about ?r . ?r gk:revisitOf ?initial ; gk:area ?area .
              ?initial gk:month ?letter . }}
  GRAPH <{STATISTICS_GRAPH}> {{ ?r2 gk:revisitOf ?sinit ; gk:area ?area . ?sinit gk:startDate ?stats .
                                 ?area rdfs:label ?areaLabel }}
  FILTER (?sinit != ?initial)
  {_quote("?initial", "gk:month")}
}}""",
    ),
    (
        "previous inspection start date",
        P
        + f"""SELECT ?areaLabel ?src ?letter ?stats ?quote WHERE {{
  GRAPH ?g {{ ?doc gk:sourceFile ?src ; gk:about ?r . ?r gk:previousInspectionStart ?letter ; gk:area ?area . }}
  GRAPH <{LINKS_GRAPH}> {{ ?r gk:previousInspection ?p }}
  GRAPH <{STATISTICS_GRAPH}> {{ ?p gk:startDate ?stats . ?area rdfs:label ?areaLabel }}
  FILTER (?letter != ?stats)
  {_quote("?r", "gk:previousInspectionText")}
}}""",
    ),
    (
        "2023 outcome",
        P
        + f"""SELECT ?areaLabel ?src ?letter ?stats ?quote WHERE {{
  GRAPH ?g {{ ?doc gk:sourceFile ?src ; gk:about ?r . ?r gk:outcome ?letter ; gk:area ?area . }}
  GRAPH <{STATISTICS_GRAPH}> {{ ?r gk:outcome ?stats . ?area rdfs:label ?areaLabel }}
  FILTER (?letter != ?stats)
  {_quote("?r", "gk:outcome")}
}}""",
    ),
]


@dataclass(frozen=True)
class Disagreement:
    """One fact on which a letter and the official statistics differ."""

    area: str
    document: str
    what: str
    letter_value: str
    statistics_value: str
    quote: str


def _text(term: object) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", str(term))
    return value.rsplit("#", 1)[-1] if isinstance(value, str) and value.startswith("http") else str(value)


def reconcile(store: GraphStore) -> list[Disagreement]:
    """Every disagreement between the letters in ``store`` and the statistics graph."""
    out: set[Disagreement] = set()
    for what, query in CHECKS:
        for row in store.query(query, union=False):  # type: ignore[union-attr]
            out.add(
                Disagreement(
                    area=_text(row["areaLabel"]),
                    document=_text(row["src"]),
                    what=what,
                    letter_value=_text(row["letter"]),
                    statistics_value=_text(row["stats"]),
                    quote=" ".join(_text(row["quote"]).split()),
                )
            )
    return sorted(out, key=lambda d: (d.area, d.document, d.what))
