"""Ofsted's official statistics as RDF: their own named graph, beside the letters.

Every 2016-2022 inspection (and revisit) of the 149 areas, and the first 2023 inspections,
land on the same inspection nodes as the letters about them: ``gkid:inspection/<area>/<kind>/<YYYY-MM>``.
"""

from __future__ import annotations

import hashlib
from datetime import date
from importlib import resources

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graphkit.graph.rdf import GK, ID, OUTCOME_CONCEPTS, PROGRESS_CONCEPTS, add_area, bind_prefixes
from graphkit.resolve import load_mi_2023, load_statistics

__all__ = ["STATISTICS_GRAPH", "STATISTICS_DOC", "statistics_graph", "statistics_fingerprint"]

STATISTICS_GRAPH = ID["graph/statistics"]
STATISTICS_DOC = ID["doc/official-statistics"]
_FILES = ("area_send_inspections_2016_2022.csv", "area_send_mi_2023.csv", "local_authorities.csv")


def statistics_fingerprint() -> str:
    """A hash of the bundled statistics files: the statistics graph is rebuilt when it changes."""
    h = hashlib.sha256()
    folder = resources.files("graphkit") / "data"
    for name in _FILES:
        h.update((folder / name).read_bytes())
    return h.hexdigest()


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _d(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _inspection(
    g: Graph, iri: URIRef, cls: URIRef, area: URIRef, start: date, published: date | None, src: URIRef
) -> URIRef:
    """The triples every inspection row gives: kind, area, first day, month, publication, source."""
    g.add((iri, RDF.type, cls))
    g.add((iri, GK.area, area))
    g.add((iri, PROV.atLocation, area))
    g.add((iri, GK.startDate, _d(start)))
    g.add((iri, GK.month, Literal(_month(start), datatype=XSD.gYearMonth)))
    if published is not None:
        g.add((iri, GK.publishedOn, _d(published)))
    g.add((iri, GK.recordedIn, src))
    return iri


def statistics_graph() -> Graph:
    """The official statistics graph (2016-2022 outcomes table and 2023 management information)."""
    g = Graph()
    bind_prefixes(g)
    src = STATISTICS_DOC
    g.add((src, RDF.type, GK.StatisticsRelease))
    g.add(
        (
            src,
            DCTERMS.title,
            Literal("Area SEND inspection outcomes, May 2016 to August 2022, and 2023 management information"),
        )
    )
    g.add((src, DCTERMS.publisher, Literal("Ofsted")))
    g.add((src, DCTERMS.license, URIRef("http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")))
    g.add(
        (
            src,
            DCTERMS.rights,
            Literal("Contains public sector information licensed under the Open Government Licence v3.0."),
        )
    )
    for row in load_statistics():
        ref = row.area_ref
        area = add_area(g, ref)
        g.add((area, GK.officialName, Literal(row.area)))
        g.add((area, GK.region, Literal(row.ofsted_region)))
        insp = _inspection(
            g,
            ID[f"inspection/{ref.slug}/initial/{_month(row.inspection_start)}"],
            GK.InitialInspection,
            area,
            row.inspection_start,
            row.inspection_published,
            src,
        )
        g.add((insp, GK.wsoaRequired, Literal(row.wsoa_required)))
        if row.weakness_count is not None:
            g.add((insp, GK.weaknessCount, Literal(row.weakness_count, datatype=XSD.integer)))
        if row.wsoa_required:
            wsoa = URIRef(f"{insp}/wsoa")
            g.add((wsoa, RDF.type, GK.WrittenStatementOfAction))
            g.add((wsoa, GK.wsoaFor, insp))
        if row.not_revisited_yet:
            g.add((insp, GK.notRevisitedYet, Literal(True)))
        if row.revisit_start is not None:
            rv = _inspection(
                g,
                ID[f"inspection/{ref.slug}/revisit/{_month(row.revisit_start)}"],
                GK.Revisit,
                area,
                row.revisit_start,
                row.revisit_published,
                src,
            )
            g.add((rv, GK.revisitOf, insp))
            if row.revisit_result:
                g.add((rv, GK.overallProgress, PROGRESS_CONCEPTS[row.revisit_result]))
            if row.weaknesses_sufficient_progress is not None:
                g.add((rv, GK.weaknessesImproved, Literal(row.weaknesses_sufficient_progress, datatype=XSD.integer)))
            if row.weaknesses_insufficient_progress is not None:
                g.add(
                    (rv, GK.weaknessesNotImproved, Literal(row.weaknesses_insufficient_progress, datatype=XSD.integer))
                )
    for mi in load_mi_2023():
        ref = mi.area_ref
        area = add_area(g, ref)
        insp = _inspection(
            g,
            ID[f"inspection/{ref.slug}/area-send/{_month(mi.inspection_start)}"],
            GK.AreaSendInspection,
            area,
            mi.inspection_start,
            mi.inspection_published,
            src,
        )
        g.add((insp, GK.outcome, OUTCOME_CONCEPTS[mi.outcome]))
        g.add((insp, GK.priorityActionPlanRequired, Literal(mi.priority_action_plan_required)))
        if mi.priority_action_count is not None:
            g.add((insp, GK.priorityActionCount, Literal(mi.priority_action_count, datatype=XSD.integer)))
    return g
