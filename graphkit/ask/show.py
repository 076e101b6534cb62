"""Read a document's facts back from its graph, by SPARQL, as a letter summary.

This is the ``graphkit show`` contract: the summary comes from the graph, not from the
extractor's memory, so it proves the facts are in the graph.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.query import ResultRow

from graphkit.graph.rdf import GK

__all__ = ["summarise_graph", "render_summary"]

PREFIXES = """
PREFIX gk: <https://w3id.org/graphkit/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

Q_DOC = (
    PREFIXES
    + """
SELECT ?kind ?source ?letterDate ?insp ?area ?start ?end ?outcome ?prev ?years ?months ?pap
       ?cease ?survey ?wsoaRequired ?issued ?fit ?month WHERE {
  ?doc gk:sourceFile ?source ; a ?cls .
  VALUES (?cls ?kind) { (gk:InitialLetter "initial") (gk:RevisitLetter "revisit")
                        (gk:AreaSendReport "area_send_2023") (gk:OtherDocument "other") }
  OPTIONAL { ?doc dcterms:date ?letterDate }
  OPTIONAL {
    ?doc gk:about ?insp .
    OPTIONAL { ?insp gk:areaName ?area }
    OPTIONAL { ?insp gk:startDate ?start }
    OPTIONAL { ?insp gk:endDate ?end }
    OPTIONAL { ?insp gk:outcome ?oc .
               VALUES (?oc ?outcome) { (gk:PositiveOutcome "positive") (gk:InconsistentOutcome "inconsistent")
                                       (gk:WidespreadFailingsOutcome "widespread_failings") } }
    OPTIONAL { ?insp gk:previousInspectionText ?prev }
    OPTIONAL { ?insp gk:nextFullInspectionWithinYears ?years }
    OPTIONAL { ?insp gk:monitoringInspectionWithinMonths ?months }
    OPTIONAL { ?insp gk:priorityActionPlanRequired ?pap }
    OPTIONAL { ?insp gk:monitoringShouldCease ?cease }
    OPTIONAL { ?insp gk:surveyResponses ?survey }
    OPTIONAL {
      { BIND(?insp AS ?initial) } UNION { ?insp gk:revisitOf ?initial }
      ?initial gk:wsoaRequired ?wsoaRequired .
    }
    OPTIONAL {
      { BIND(?insp AS ?initial2) } UNION { ?insp gk:revisitOf ?initial2 }
      ?wsoa gk:wsoaFor ?initial2 .
      OPTIONAL { ?wsoa gk:issuedOn ?issued }
      OPTIONAL { ?wsoa gk:fitForPurposeOn ?fit }
    }
    OPTIONAL { ?insp gk:revisitOf/gk:month ?month }
  }
}
"""
)

Q_MENTIONS = (
    PREFIXES
    + """
SELECT ?role ?name ?ord WHERE {
  ?doc gk:mentions ?m . ?m a gk:BodyMention ; gk:nameAsWritten ?name ; gk:mentionRole ?r ; gk:ordinal ?ord .
  VALUES (?r ?role) { (gk:LocalAuthorityRole "local_authority") (gk:CCGRole "ccg") (gk:ICBRole "icb")
                      (gk:PartnerRole "partner") (gk:ParentCarerForumRole "pcf") (gk:CopyRecipientRole "cc") }
} ORDER BY ?ord
"""
)

Q_RECIPIENTS = (
    PREFIXES
    + """
SELECT ?a ?name ?role ?org WHERE {
  ?doc gk:addressee ?a . ?a gk:nameAsWritten ?name ; gk:ordinal ?ord .
  OPTIONAL { ?a gk:roleLabel ?role }
  OPTIONAL { ?a gk:organisationName ?org }
} ORDER BY ?ord
"""
)

Q_STATEMENTS = (
    PREFIXES
    + """
SELECT ?cls ?node ?text ?ord ?body WHERE {
  ?node a ?cls ; gk:statementText ?text ; gk:ordinal ?ord ; prov:wasDerivedFrom ?doc .
  VALUES ?cls { gk:SignificantWeakness gk:PriorityAction gk:AreaForImprovement }
  OPTIONAL { ?node gk:responsibleBodyText ?body }
} ORDER BY ?cls ?ord
"""
)

Q_VERDICTS = (
    PREFIXES
    + """
SELECT ?ord ?ok WHERE { ?v a gk:RevisitVerdict ; gk:ordinal ?ord ; gk:sufficientProgress ?ok . } ORDER BY ?ord
"""
)

Q_PEOPLE = (
    PREFIXES
    + """
SELECT ?m ?name ?role ?org ?ord WHERE {
  ?doc gk:mentions ?m . ?m a gk:PersonMention ; gk:nameAsWritten ?name ; gk:ordinal ?ord .
  OPTIONAL { ?m gk:roleLabel ?role }
  OPTIONAL { ?m gk:organisationName ?org }
} ORDER BY ?ord
"""
)


def _py(term: Any) -> Any:
    if term is None:
        return None
    return term.toPython() if hasattr(term, "toPython") else term


def _iso(term: Any) -> Any:
    v = _py(term)
    return v.isoformat() if hasattr(v, "isoformat") else (str(v) if v is not None else None)


def _rows(g: Graph, query: str, doc: URIRef) -> list[ResultRow]:
    return list(g.query(query, initBindings={"doc": doc}))  # type: ignore[arg-type]


def summarise_graph(g: Graph, doc: URIRef) -> dict[str, Any]:
    """The letter summary of document ``doc`` read from graph ``g`` (its named graph).

    Field names and shapes follow ``letter-summary.schema.json``.
    """
    head = _rows(g, Q_DOC, doc)
    if not head:
        raise KeyError(f"no document {doc} in the graph")
    h = head[0]
    month = _py(h.month)
    out: dict[str, Any] = {
        "source": str(h.source),
        "kind": str(h.kind),
        "area": _py(h.area),
        "letter_date": _iso(h.letterDate),
        "visit_start": _iso(h.start),
        "visit_end": _iso(h.end),
        "recipients": [],
        "local_authority": None,
        "ccgs": [],
        "icbs": [],
        "wsoa_required": _py(h.wsoaRequired),
        "wsoa_issued": _iso(h.issued),
        "wsoa_fit_for_purpose": _iso(h.fit),
        "initial_inspection_month": str(month)[:7] if month is not None else None,
        "weaknesses": [],
        "revisit_decisions": [],
        "monitoring_should_cease": _py(h.cease),
        "outcome": _py(h.outcome),
        "previous_inspection": _py(h.prev),
        "next_full_inspection_within_years": _py(h.years),
        "monitoring_inspection_within_months": _py(h.months),
        "priority_action_plan_required": _py(h.pap),
        "priority_actions": [],
        "improvements": [],
        "people": [],
        "cc": [],
        "survey_responses": _py(h.survey),
        "parent_carer_forum": None,
    }
    if out["kind"] == "other":
        return out
    for r in _rows(g, Q_MENTIONS, doc):
        role, name = str(r.role), str(r.name)
        if role == "local_authority":
            out["local_authority"] = name
        elif role == "icb":
            out["icbs"].append(name)
        elif role == "ccg":
            out["ccgs"].append(name)
        elif role == "cc":
            out["cc"].append(name)
        elif role == "pcf":
            out["parent_carer_forum"] = name
    for r in _rows(g, Q_RECIPIENTS, doc):
        out["recipients"].append({"name": str(r.name), "role": _py(r.role), "organisation": _py(r.org)})
    for r in _rows(g, Q_STATEMENTS, doc):
        cls = r.cls
        if cls == GK.SignificantWeakness:
            out["weaknesses"].append(str(r.text))
        elif cls == GK.PriorityAction:
            out["priority_actions"].append({"responsible_body": _py(r.body), "text": str(r.text)})
        else:
            out["improvements"].append(str(r.text))
    out["revisit_decisions"] = [
        {"weakness_index": int(r.ord), "sufficient_progress": bool(_py(r.ok))} for r in _rows(g, Q_VERDICTS, doc)
    ]
    people: dict[Any, dict[str, Any]] = {}
    for r in _rows(g, Q_PEOPLE, doc):
        p = people.setdefault(r.m, {"name": str(r.name), "roles": [], "organisation": _py(r.org)})
        if r.role is not None and str(r.role) not in p["roles"]:
            p["roles"].append(str(r.role))
    out["people"] = list(people.values())
    return out


def render_summary(s: dict[str, Any]) -> str:
    """A readable, plain-text rendering of one summary."""
    lines = [f"{s['source']}: {s['kind']}" + (f" — {s['area']}" if s.get("area") else "")]

    def line(label: str, value: Any) -> None:
        if value not in (None, [], ""):
            lines.append(f"  {label}: {value}")

    if s["visit_start"]:
        line("visit", f"{s['visit_start']} to {s['visit_end']}")
    line("letter date", s["letter_date"])
    line("outcome", s["outcome"])
    line("previous inspection", s["previous_inspection"])
    line("next full inspection within (years)", s["next_full_inspection_within_years"])
    line("monitoring inspection within (months)", s["monitoring_inspection_within_months"])
    line("priority action plan required", s["priority_action_plan_required"])
    line("local authority", s["local_authority"])
    line("ICBs", "; ".join(s["icbs"]))
    line("CCGs", "; ".join(s["ccgs"]))
    line("WSoA required", s["wsoa_required"])
    line("WSoA issued", s["wsoa_issued"])
    line("WSoA fit for purpose", s["wsoa_fit_for_purpose"])
    line("initial inspection month", s["initial_inspection_month"])
    line("monitoring should cease", s["monitoring_should_cease"])
    line("survey responses", s["survey_responses"])
    line("parent carer forum", s["parent_carer_forum"])
    for r in s["recipients"]:
        lines.append(f"  to: {r['name']}" + "".join(f", {v}" for v in (r["role"], r["organisation"]) if v))
    verdicts = {d["weakness_index"]: d["sufficient_progress"] for d in s["revisit_decisions"]}
    for i, w in enumerate(s["weaknesses"]):
        mark = ""
        if i in verdicts:
            mark = " [sufficient progress]" if verdicts[i] else " [NOT sufficient progress]"
        lines.append(f"  weakness {i + 1}{mark}: {w}")
    for i, pa in enumerate(s["priority_actions"]):
        lines.append(f"  priority action {i + 1} ({pa['responsible_body']}): {pa['text']}")
    for i, im in enumerate(s["improvements"]):
        lines.append(f"  improvement {i + 1}: {im}")
    for p in s["people"]:
        lines.append(f"  person: {p['name']} ({p['organisation'] or '?'}; {'; '.join(p['roles'])})")
    if s["cc"]:
        line("cc", "; ".join(s["cc"]))
    return "\n".join(lines)
