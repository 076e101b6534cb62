"""Records to RDF: the only module that knows the ontology's terms.

``to_graph(extraction, doc)`` returns the document's own graph (to be stored as one named
graph). IRIs are deterministic — see README "Identity" — so the same letter always gives an
isomorphic graph, and two documents naming the same area, body or person meet on one node.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, SKOS

from graphkit import __version__
from graphkit.graph import iris
from graphkit.model import Extraction, Fact, Person, Span
from graphkit.resolve import (
    AreaRef,
    Board,
    board_successions,
    boards_covering,
    body_label,
    normalise_body,
    person_key,
    resolve_area,
    resolve_board,
    slug,
    split_bodies,
)

__all__ = [
    "GK",
    "ID",
    "OA",
    "ORG",
    "DocInfo",
    "to_graph",
    "doc_key",
    "doc_iri",
    "graph_iri",
    "validation_graph_of",
    "add_area",
    "add_board",
    "validation_graph_iri",
    "CROSS_VALIDATION_GRAPH",
    "person_iri",
    "body_iri",
    "OUTCOME_CONCEPTS",
    "KIND_CLASSES",
    "bind_prefixes",
]

GK = Namespace(iris.GK)
ID = Namespace(iris.ID)
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
STATGEO = "http://statistics.data.gov.uk/id/statistical-geography/"

KIND_CLASSES = {
    "initial": GK.InitialLetter,
    "revisit": GK.RevisitLetter,
    "area_send_2023": GK.AreaSendReport,
    "other": GK.OtherDocument,
}
INSPECTION_CLASSES = {
    "initial": (GK.InitialInspection, "initial"),
    "revisit": (GK.Revisit, "revisit"),
    "area_send_2023": (GK.AreaSendInspection, "area-send"),
}
OUTCOME_CONCEPTS = {
    "positive": GK.PositiveOutcome,
    "inconsistent": GK.InconsistentOutcome,
    "widespread_failings": GK.WidespreadFailingsOutcome,
}
PROGRESS_CONCEPTS = {"all": GK.AllImproved, "some": GK.SomeImproved, "none": GK.NoneImproved}
POLARITY_CONCEPTS = {"strength": GK.Strength, "weakness": GK.Concern, "neutral": GK.Neutral}
CONTEXT_CONCEPTS = {"signatory": GK.Signatory, "team": GK.TeamMember, "partnership": GK.PartnershipLeader}
BODY_CLASSES = {
    "local_authority": GK.LocalAuthority,
    "icb": GK.IntegratedCareBoard,
    "ccg": GK.ClinicalCommissioningGroup,
    "trust": GK.ChildrensTrust,
    "inspectorate": GK.Inspectorate,
    "department": GK.GovernmentBody,
    "pcf": GK.ParentCarerForum,
    "other": GK.OtherBody,
}


CCG_LAST_DAY = date(2022, 6, 30)
ICB_FIRST_DAY = date(2022, 7, 1)


@dataclass(frozen=True)
class DocInfo:
    """What the graph records of the document itself."""

    name: str  # file name
    sha256: str
    text: str  # normalised text: quote offsets index into it
    page_starts: tuple[int, ...] = ()  # a PDF's pages: where each begins in ``text``, in order


def bind_prefixes(g: Graph) -> None:
    """Bind the prefixes graphkit writes with."""
    for prefix, ns in (
        ("gk", GK),
        ("gkid", ID),
        ("oa", OA),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
        ("foaf", FOAF),
        ("dcterms", DCTERMS),
        ("owl", OWL),
    ):
        g.bind(prefix, ns, override=True)


def doc_slug(name: str) -> str:
    """The slug of a document's file stem ("bury-area-send-2024-02.pdf" -> "bury-area-send-2024-02")."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    try:
        return slug(stem)
    except ValueError:
        return "document-" + hashlib.sha256(stem.encode()).hexdigest()[:12]


HASH_CHARS = 12  # hex digits of the file's SHA-256 in a document's key: 48 bits


def doc_key(name: str, sha256: str) -> str:
    """A document's key: the slug of its file stem, then the first 12 hex digits of the file's SHA-256.

    Readable, deterministic, and never shared by two different files: ``x.pdf`` and ``x.txt``,
    ``Letter one.txt`` and ``letter-one.txt``, or one name in two folders differ in content, so
    in their keys; the same file under two paths has one key.

    >>> doc_key("Bury area SEND 2024-02.pdf", "3f9a0c12d4e5" + "0" * 52)
    'bury-area-send-2024-02-3f9a0c12d4e5'
    """
    if len(sha256) < HASH_CHARS:
        raise ValueError(f"a document key needs the file's SHA-256, got {sha256!r}")
    return f"{doc_slug(name)}-{sha256[:HASH_CHARS].lower()}"


def doc_iri(name: str, sha256: str) -> URIRef:
    """``gkid:doc/<key>`` (see :func:`doc_key`) — one per document."""
    return ID[f"doc/{doc_key(name, sha256)}"]


def graph_iri(name: str, sha256: str) -> URIRef:
    """``gkid:graph/<key>`` — the named graph holding what was read from the document."""
    return ID[f"graph/{doc_key(name, sha256)}"]


def add_area(g: Graph, ref: AreaRef) -> URIRef:
    """The node of a resolved local area, with its codes and ONS statistical geography."""
    area = ID[f"area/{ref.slug}"]
    g.add((area, RDF.type, GK.LocalArea))
    g.add((area, RDFS.label, Literal(ref.label)))
    if ref.gss:
        g.add((area, GK.gssCode, Literal(ref.gss)))
        g.add((area, GK.statisticalGeography, URIRef(STATGEO + ref.gss)))
    if ref.la_code:
        g.add((area, GK.laCode, Literal(ref.la_code)))
    if ref.region:
        g.add((area, GK.region, Literal(ref.region)))
    for cover in boards_covering(ref):
        board = _board_node(g, cover.board)
        node = URIRef(f"{area}/board/{cover.board.slug}")
        g.add((area, GK.coveredBy, node))
        g.add((node, RDF.type, GK.BoardCover))
        g.add((node, GK.board, board))
        g.add((node, GK.validFrom, _lit(cover.start)))
        if cover.end is not None:
            g.add((node, GK.validUntil, _lit(cover.end)))
        g.add((node, GK.partialCover, _lit(cover.partial)))
    return area


def _board_node(g: Graph, board: Board) -> URIRef:
    """A board's node as the bundled table knows it: class, name, codes (each with the date of the
    list that recorded it and the source's doubt where it has one), region and dates."""
    iri = ID[f"body/icb/{board.slug}"]
    if (iri, GK.odsCode, None) in g:
        return iri
    g.add((iri, RDF.type, GK.IntegratedCareBoard))
    g.add((iri, SKOS.prefLabel, Literal(board.statutory_name)))
    g.add((iri, GK.odsCode, Literal(board.ods)))
    for gss in board.gss_codes:
        g.add((iri, GK.gssCode, Literal(gss)))
    for code in board.codes:
        node = URIRef(f"{iri}/code/{code.scheme.lower()}/{code.value}")
        g.add((iri, GK.boardCode, node))
        g.add((node, RDF.type, GK.BoardCode))
        g.add((node, GK.codeScheme, Literal(code.scheme)))
        g.add((node, GK.codeValue, Literal(code.value)))
        g.add((node, GK.recordedOn, _lit(code.recorded)))
        if code.note:
            g.add((node, GK.sourceNote, Literal(code.note)))
    g.add((iri, GK.nhsRegion, Literal(board.region)))
    g.add((iri, GK.operatedFrom, _lit(board.established)))
    if board.abolished is not None:
        g.add((iri, GK.operatedUntil, _lit(board.abolished)))
    return iri


def add_board(g: Graph, board: Board) -> URIRef:
    """A board's node (see :func:`_board_node`) with the 2026 changes it took part in: successor
    and predecessor links, and one node per change saying whether it was a merger or a split."""
    iri = _board_node(g, board)
    for change in board_successions():
        if board not in (change.predecessor, change.successor):
            continue
        before, after = _board_node(g, change.predecessor), _board_node(g, change.successor)
        g.add((before, GK.successor, after))
        g.add((after, GK.predecessor, before))
        node = ID[f"succession/{change.predecessor.slug}/{change.successor.slug}"]
        g.add((node, RDF.type, GK.BoardSuccession))
        g.add((node, GK.fromBoard, before))
        g.add((node, GK.toBoard, after))
        g.add((node, GK.successionType, Literal(change.kind)))
        g.add((node, GK.effectiveDate, _lit(change.effective)))
    return iri


def validation_graph_iri(name: str, sha256: str) -> URIRef:
    """``gkid:graph/validation/<key>`` — SHACL results on one document, stored by build."""
    return ID[f"graph/validation/{doc_key(name, sha256)}"]


def validation_graph_of(graph: str) -> str:
    """The validation graph of the document graph ``graph`` (``graph/<key>`` -> ``graph/validation/<key>``)."""
    prefix = str(ID["graph/"])
    return prefix + "validation/" + graph[len(prefix) :] if graph.startswith(prefix) else graph + "/validation"


CROSS_VALIDATION_GRAPH = ID["graph/validation/across-documents"]
"""The findings of the checks across documents, stored by ``graphkit build`` (like each document's)."""


def person_iri(name: str) -> URIRef:
    """``gkid:person/<person key>`` — case, accents, honorifics and post-nominals ignored."""
    return ID[f"person/{person_key(name)}"]


def body_iri(name: str, hint: Any = None) -> tuple[URIRef, str]:
    """``gkid:body/<kind>/<key>`` and the body's kind."""
    kind, key = normalise_body(name, hint)
    return ID[f"body/{kind}/{key}"], kind


def _lit(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(str(value))


class _Builder:
    def __init__(self, x: Extraction, info: DocInfo) -> None:
        self.x = x
        self.info = info
        self.g = Graph()
        bind_prefixes(self.g)
        self.doc = doc_iri(info.name, info.sha256)
        self.key = doc_key(info.name, info.sha256)
        # the document's date, for what was valid then: its inspection's start, else its letter date
        day = x.visit_start or x.letter_date
        self.on: date | None = day.value if day is not None and isinstance(day.value, date) else None

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.g.add((s, p, o if isinstance(o, (URIRef, Literal)) else _lit(o)))

    def quote(self, span: Span | None, subject: URIRef, prop: URIRef | None = None) -> None:
        """Record that ``span`` is the evidence for ``subject`` (and its property ``prop``)."""
        if span is None:
            return
        q = URIRef(f"{self.doc}/quote/{span.start}-{span.end}")
        g = self.g
        if (q, RDF.type, GK.Quote) not in g:
            pos = URIRef(f"{q}/position")
            exact = URIRef(f"{q}/exact")
            g.add((q, RDF.type, GK.Quote))
            g.add((q, OA.hasSource, self.doc))
            g.add((q, OA.hasSelector, pos))
            g.add((q, OA.hasSelector, exact))
            g.add((pos, RDF.type, OA.TextPositionSelector))
            g.add((pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
            g.add((pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
            g.add((exact, RDF.type, OA.TextQuoteSelector))
            g.add((exact, OA.exact, Literal(span.quote)))
            if self.info.page_starts:  # the PDF page the quote begins on, counted from 1
                page = max(1, bisect_right(self.info.page_starts, span.start))
                g.add((q, GK.page, Literal(page, datatype=XSD.positiveInteger)))
        g.add((q, GK.quoteFor, subject))
        if prop is not None:
            g.add((q, GK.quoteOfProperty, prop))

    def fact(self, s: URIRef, p: URIRef, f: Fact[Any] | None, value: Any = None) -> None:
        if f is None:
            return
        self.add(s, p, f.value if value is None else value)
        self.quote(f.span, s, p)

    def body_node(self, name: str, hint: Any = None) -> tuple[URIRef, str]:
        """A body's node: its class, the name as written, its canonical name and what is known of it."""
        kind, key = normalise_body(name, hint)
        iri = ID[f"body/{kind}/{key}"]
        g = self.g
        g.add((iri, RDF.type, BODY_CLASSES.get(kind, GK.OtherBody)))
        g.add((iri, RDFS.label, Literal(name)))
        label = body_label(kind, key)  # type: ignore[arg-type]
        if label:
            g.add((iri, SKOS.prefLabel, Literal(label)))
        if kind == "local_authority":
            ref = resolve_area(name)
            if ref is not None:
                g.add((iri, GK.servesArea, ID[f"area/{ref.slug}"]))
                g.add((iri, GK.gssCode, Literal(ref.gss)))
                g.add((iri, GK.laCode, Literal(ref.la_code)))
        elif kind == "ccg":  # CCGs were abolished when ICBs took over on 1 July 2022
            g.add((iri, GK.operatedUntil, _lit(CCG_LAST_DAY)))
        elif kind == "icb":
            # a name resolves against the boards valid on the document's date; one that does not
            # (a board not yet set up, or abolished, or not a board at all) keeps only its name
            board = resolve_board(name, self.on)
            if board is not None and ID[f"body/icb/{board.slug}"] == iri:
                add_board(g, board)
            elif resolve_board(name) is None:
                g.add((iri, GK.operatedFrom, _lit(ICB_FIRST_DAY)))
        return iri, kind

    def body(self, name: str, span: Span | None, role: URIRef, ordinal: int, hint: Any = None) -> URIRef:
        """A body node plus this document's mention of it (words as written, part played)."""
        iri, _ = self.body_node(name, hint)
        g = self.g
        m = URIRef(f"{self.doc}/mention/{ordinal}")
        g.add((self.doc, GK.mentions, m))
        g.add((m, RDF.type, GK.BodyMention))
        g.add((m, GK.nameAsWritten, Literal(name)))
        g.add((m, GK.body, iri))
        g.add((m, GK.mentionRole, role))
        g.add((m, GK.ordinal, _lit(ordinal)))
        self.quote(span, m)
        return iri

    def build(self) -> Graph:
        x, g, doc, info = self.x, self.g, self.doc, self.info
        g.add((doc, RDF.type, KIND_CLASSES[x.kind]))
        g.add((doc, GK.sourceFile, Literal(info.name)))
        g.add((doc, GK.sha256, Literal(info.sha256)))
        g.add((doc, GK.text, Literal(info.text)))
        g.add((doc, GK.graphkitVersion, Literal(__version__)))
        if x.title:
            self.fact(doc, DCTERMS.title, x.title)
        self.fact(doc, DCTERMS.date, x.letter_date)
        for note in x.notes:
            g.add((doc, GK.notInspectionReason, Literal(note)))
        if x.partial:
            g.add((doc, GK.partialCopyReason, Literal(x.partial)))
        if x.kind == "other":
            return g
        self._inspection()
        if x.area is None and x.partial:  # a partial copy naming no area: none is made up from the file name
            area = g.value(self.insp, GK.area)
            g.remove((area, None, None))
            g.remove((None, None, area))
            for body, place in list(g.subject_objects(GK.servesArea)):  # an area resolved from a body's name
                if (place, RDF.type, GK.LocalArea) not in g:
                    g.remove((body, GK.servesArea, place))
        return g

    # -- the inspection and what hangs off it ------------------------------------------------

    def _month(self, d: date | None, fallback: str | None = None) -> str:
        if d is not None:
            return f"{d.year:04d}-{d.month:02d}"
        return fallback or self.key

    def _inspection(self) -> None:
        x, g, doc = self.x, self.g, self.doc
        area_name = x.area.value if x.area else doc_slug(self.info.name)
        ref = resolve_area(area_name)
        area_slug = ref.slug if ref else slug(area_name)
        area = add_area(g, ref) if ref else ID[f"area/{area_slug}"]
        if ref is None:  # not resolved: the name as written (validation warns about the GSS code)
            g.add((area, RDF.type, GK.LocalArea))
            g.add((area, RDFS.label, Literal(area_name)))
        cls, segment = INSPECTION_CLASSES[x.kind]
        start = x.visit_start.value if x.visit_start else None
        insp = ID[f"inspection/{area_slug}/{segment}/{self._month(start)}"]
        self.insp = insp
        g.add((insp, RDF.type, cls))
        g.add((doc, GK.about, insp))
        g.add((doc, PROV.wasGeneratedBy, insp))
        g.add((insp, GK.area, area))
        g.add((insp, PROV.atLocation, area))
        if x.area:
            self.fact(insp, GK.areaName, x.area)
        self.fact(insp, GK.startDate, x.visit_start)
        self.fact(insp, GK.endDate, x.visit_end)
        if start is not None:
            g.add((insp, GK.month, Literal(self._month(start), datatype=XSD.gYearMonth)))

        ordinal = 0
        for i, r in enumerate(x.recipients):
            a = URIRef(f"{doc}/addressee/{i}")
            g.add((doc, GK.addressee, a))
            g.add((a, RDF.type, GK.Addressee))
            g.add((a, GK.ordinal, _lit(i)))
            self._person_mention(a, r.name.value, r.name.span)
            self.fact(a, GK.roleLabel, r.role)
            if r.organisation:
                self.fact(a, GK.organisationName, r.organisation)
                biri = self.body(r.organisation.value, r.organisation.span, GK.PartnerRole, 1000 + i)
                g.add((a, GK.organisation, biri))
            if r.salutation:
                g.add((a, GK.salutation, Literal(r.salutation)))

        if x.local_authority:
            b = self.body(
                x.local_authority.value, x.local_authority.span, GK.LocalAuthorityRole, ordinal, "local_authority"
            )
            ordinal += 1
            g.add((insp, GK.localAuthority, b))
            g.add((b, GK.servesArea, area))
        for c in x.icbs:
            b = self.body(c.value, c.span, GK.ICBRole, ordinal, "icb")
            ordinal += 1
            g.add((insp, GK.integratedCareBoard, b))
        for c in x.other_partners:
            b = self.body(c.value, c.span, GK.PartnerRole, ordinal)
            ordinal += 1
            g.add((insp, GK.responsibleBody, b))
        for c in x.ccgs:
            b = self.body(c.value, c.span, GK.CCGRole, ordinal, "ccg")
            ordinal += 1
            if x.kind == "area_send_2023":
                g.add((insp, GK.formerCCG, b))
                for icb in x.icbs:
                    g.add((body_iri(icb.value, "icb")[0], GK.predecessor, b))
            else:
                g.add((insp, GK.clinicalCommissioningGroup, b))
        for c in x.cc:
            m = URIRef(f"{doc}/cc/{ordinal}")
            g.add((doc, GK.mentions, m))
            g.add((m, RDF.type, GK.BodyMention))
            g.add((m, GK.nameAsWritten, Literal(c.value)))
            g.add((m, GK.mentionRole, GK.CopyRecipientRole))
            g.add((m, GK.ordinal, _lit(ordinal)))
            self.quote(c.span, m)
            ordinal += 1
        if x.parent_carer_forum:
            b = self.body(
                x.parent_carer_forum.value, x.parent_carer_forum.span, GK.ParentCarerForumRole, ordinal, "pcf"
            )
            ordinal += 1
            g.add((insp, GK.parentCarerForum, b))
            g.add((b, GK.servesArea, area))

        self._wsoa(area_slug)
        self.fact(insp, GK.monitoringShouldCease, x.monitoring_should_cease)
        if x.overall_verdict:
            self.fact(insp, GK.overallProgress, x.overall_verdict, PROGRESS_CONCEPTS[x.overall_verdict.value])
        self.fact(insp, GK.surveyResponses, x.survey_responses)
        if x.outcome:
            self.fact(insp, GK.outcome, x.outcome, OUTCOME_CONCEPTS[x.outcome.value])
        self.fact(insp, GK.previousInspectionText, x.previous_inspection)
        if x.previous_inspection_start:
            g.add((insp, GK.previousInspectionStart, _lit(x.previous_inspection_start)))
        if x.previous_inspection_end:
            g.add((insp, GK.previousInspectionEnd, _lit(x.previous_inspection_end)))
        self.fact(insp, GK.nextFullInspectionWithinYears, x.next_full_inspection_within_years)
        self.fact(insp, GK.monitoringInspectionWithinMonths, x.monitoring_inspection_within_months)
        self.fact(insp, GK.priorityActionPlanRequired, x.priority_action_plan_required)
        for pa in x.priority_actions:
            node = URIRef(f"{insp}/priority-action/{pa.ordinal}")
            self._statement(node, GK.PriorityAction, pa.text, pa.ordinal)
            g.add((node, GK.actionOf, insp))
            if pa.responsible_body:
                self.fact(node, GK.responsibleBodyText, pa.responsible_body)
                for part in split_bodies(pa.responsible_body.value):
                    try:
                        biri, _ = self.body_node(part)
                    except ValueError:  # "•": no body to name (the quoted text keeps it)
                        continue
                    g.add((node, GK.responsibleBody, biri))
        for im in x.improvements:
            node = URIRef(f"{insp}/improvement/{im.ordinal}")
            self._statement(node, GK.AreaForImprovement, im.text, im.ordinal)
            g.add((node, GK.actionOf, insp))
        for p in x.people:
            m = URIRef(f"{doc}/person/{ordinal}")
            ordinal += 1
            self._people(m, p, ordinal)
        for i, f in enumerate(x.findings):  # numbered across the document: ordinals restart per section
            node = URIRef(f"{doc}/finding/{i}")
            self._statement(node, GK.Finding, f.text, f.ordinal)
            g.add((doc, GK.finding, node))
            g.add((node, GK.section, Literal(f.section)))
            g.add((node, GK.polarity, POLARITY_CONCEPTS[f.polarity]))

    def _statement(self, node: URIRef, cls: URIRef, text: Fact[str], ordinal: int) -> None:
        g = self.g
        g.add((node, RDF.type, cls))
        g.add((node, GK.statementText, Literal(text.value)))
        g.add((node, GK.ordinal, _lit(ordinal)))
        g.add((node, PROV.wasDerivedFrom, self.doc))
        self.quote(text.span, node, GK.statementText)

    def _wsoa(self, area_slug: str) -> None:
        x, g, insp = self.x, self.g, self.insp
        if x.kind == "initial":
            initial = insp
        elif x.kind == "revisit":
            month = x.initial_inspection_month.value if x.initial_inspection_month else "unknown"
            initial = ID[f"inspection/{area_slug}/initial/{month}"]
            g.add((initial, RDF.type, GK.InitialInspection))
            g.add((initial, GK.area, ID[f"area/{area_slug}"]))
            g.add((insp, GK.revisitOf, initial))
            if x.initial_inspection_month:
                self.fact(initial, GK.month, x.initial_inspection_month, Literal(month, datatype=XSD.gYearMonth))
        else:
            return
        self.fact(initial, GK.wsoaRequired, x.wsoa_required)
        wsoa = URIRef(f"{initial}/wsoa")
        has_wsoa = bool(x.wsoa_required and x.wsoa_required.value) or bool(x.weaknesses)
        if has_wsoa:
            g.add((wsoa, RDF.type, GK.WrittenStatementOfAction))
            g.add((wsoa, GK.wsoaFor, initial))
            self.fact(wsoa, GK.issuedOn, x.wsoa_issued)
            self.fact(wsoa, GK.fitForPurposeOn, x.wsoa_fit_for_purpose)
        # a revisit quotes the weaknesses in its own words: its nodes are its own, linked to the
        # initial inspection; issue-5 lifecycle linking matches them to the initial letter's
        base = insp if x.kind == "revisit" else initial
        weakness_nodes: dict[int, URIRef] = {}
        for w in x.weaknesses:
            node = URIRef(f"{base}/weakness/{w.ordinal}")
            weakness_nodes[w.ordinal] = node
            self._statement(node, GK.SignificantWeakness, w.text, w.ordinal)
            g.add((node, GK.weaknessOf, initial))
            if has_wsoa:
                g.add((node, GK.addressedBy, wsoa))
        for v in x.verdicts:
            node = URIRef(f"{insp}/verdict/{v.weakness_index}")
            g.add((node, RDF.type, GK.RevisitVerdict))
            g.add((node, GK.verdictOf, insp))
            g.add((node, GK.ordinal, _lit(v.weakness_index)))
            if v.weakness_index in weakness_nodes:
                g.add((node, GK.onWeakness, weakness_nodes[v.weakness_index]))
            self.fact(node, GK.sufficientProgress, v.sufficient_progress)

    def _person_mention(self, m: URIRef, name: str, span: Span | None) -> URIRef:
        g = self.g
        person = person_iri(name)
        g.add((person, RDF.type, FOAF.Person))
        g.add((person, FOAF.name, Literal(name)))
        g.add((m, GK.person, person))
        g.add((m, GK.nameAsWritten, Literal(name)))
        self.quote(span, m, GK.nameAsWritten)
        return person

    def _people(self, m: URIRef, p: Person, ordinal: int) -> None:
        g = self.g
        g.add((self.doc, GK.mentions, m))
        g.add((m, RDF.type, GK.PersonMention))
        g.add((m, GK.ordinal, _lit(ordinal)))
        g.add((m, GK.personContext, CONTEXT_CONCEPTS[p.context]))
        person = self._person_mention(m, p.name.value, p.name.span)
        if p.honorific:
            g.add((m, GK.honorific, Literal(p.honorific)))
        for pn in p.post_nominals:
            g.add((m, GK.postNominal, Literal(pn)))
        for r in p.roles:
            self.fact(m, GK.roleLabel, r)
        org = None
        if p.organisation:
            self.fact(m, GK.organisationName, p.organisation)
            org, _ = self.body_node(p.organisation.value)
            g.add((m, GK.organisation, org))
        if p.context in ("team", "signatory"):
            g.add((m, RDF.type, PROV.Association))
            g.add((m, PROV.agent, person))
            g.add((self.insp, PROV.qualifiedAssociation, m))
            g.add((self.insp, PROV.wasAssociatedWith, person))
            for role in _inspection_roles([r.value for r in p.roles]):
                g.add((m, PROV.hadRole, role))
        else:
            g.add((m, RDF.type, ORG.Membership))
            g.add((m, ORG.member, person))
            if org is not None:
                g.add((m, ORG.organization, org))


def _inspection_roles(roles: list[str]) -> list[URIRef]:
    text = " ".join(roles).lower()
    out = []
    if "lead" in text:
        out.append(GK.LeadInspector)
    if "hmi" in text or "majesty" in text:
        out.append(GK.HMI)
    if "director" in text or "chief inspector" in text:
        out.append(GK.SeniorOfficer)
    if not out and "inspector" in text:
        out.append(GK.Inspector)
    return out


def to_graph(x: Extraction, info: DocInfo) -> Graph:
    """The RDF graph of one document's extraction (to be stored as its named graph)."""
    return _Builder(x, info).build()
