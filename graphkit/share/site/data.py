"""What the site shows, read from the store by SPARQL into plain records (no HTML here).

Every query reaches shared nodes (areas, bodies, people) through ``SELECT DISTINCT`` sub-selects
and reads what one document says inside ``GRAPH ?g`` (see README, Adding a query), so a page
costs the same however many documents restate an area's label.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graphkit.store.db import GraphStore

__all__ = [
    "Area",
    "Body",
    "Document",
    "Fact",
    "Inspection",
    "Person",
    "SiteData",
    "Statement",
    "Theme",
    "load_site_data",
]

GK = "https://w3id.org/graphkit/def#"
ID = "https://w3id.org/graphkit/id/"
_PREFIXES = """PREFIX gk: <https://w3id.org/graphkit/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# Every property of every node a pattern selects (one row per distinct triple, whichever graphs hold it).
_NODES = _PREFIXES + "SELECT DISTINCT ?s ?p ?o WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ {pattern} }} }} ?s ?p ?o }}"

# Each quote of each document, with the fact it supports read from that document's own graph.
_QUOTES = (
    _PREFIXES
    + """SELECT ?g ?q ?node ?prop ?start ?end ?exact (GROUP_CONCAT(DISTINCT STR(?val); SEPARATOR="\\u001f") AS ?vals)
WHERE { GRAPH ?g {
  ?q a gk:Quote ; gk:quoteFor ?node ; oa:hasSelector ?ps, ?es .
  ?ps oa:start ?start ; oa:end ?end . ?es oa:exact ?exact .
  OPTIONAL { ?q gk:quoteOfProperty ?prop . OPTIONAL { ?node ?prop ?val } }
} }
GROUP BY ?g ?q ?node ?prop ?start ?end ?exact"""
)

# The classes of the nodes a document quotes, as that document states them.
_QUOTED_CLASSES = (
    _PREFIXES + "SELECT DISTINCT ?g ?node ?cls WHERE { GRAPH ?g { ?q a gk:Quote ; gk:quoteFor ?node . ?node a ?cls } }"
)

# Validation findings stored by build, one named graph per document.
_FINDINGS = (
    _PREFIXES
    + """SELECT DISTINCT ?g ?focus ?path ?severity ?message WHERE { GRAPH ?g {
  ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity ; sh:resultMessage ?message .
  OPTIONAL { ?r sh:resultPath ?path } } }"""
)

# Who each document names (team, signatories, partnership leaders, addressees).
_MENTIONS = (
    _PREFIXES
    + """SELECT DISTINCT ?g ?doc ?m ?person WHERE { GRAPH ?g {
  ?doc gk:mentions|gk:addressee ?m . ?m gk:person ?person } }"""
)

ONS_REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
KIND_WORDS = {
    "InitialInspection": "initial inspection",
    "Revisit": "revisit",
    "AreaSendInspection": "area SEND inspection",
}
STATEMENT_WORDS = {
    "SignificantWeakness": "weakness",
    "PriorityAction": "priority action",
    "AreaForImprovement": "area for improvement",
}
OUTCOME_WORDS = {
    "PositiveOutcome": "positive",
    "InconsistentOutcome": "inconsistent",
    "WidespreadFailingsOutcome": "widespread or systemic failings",
}
PROGRESS_WORDS = {
    "AllImproved": "all",
    "SomeImproved": "some",
    "NoneImproved": "none",
}
BODY_KINDS = {
    "LocalAuthority": "local authority",
    "IntegratedCareBoard": "integrated care board",
    "ClinicalCommissioningGroup": "clinical commissioning group",
    "ParentCarerForum": "parent carer forum",
    "Inspectorate": "inspectorate",
}
ROLE_WORDS = {
    "LeadInspector": "lead inspector",
    "HMI": "HMI",
    "Inspector": "inspector",
    "SeniorOfficer": "senior officer",
}
CONTEXT_WORDS = {
    "TeamMember": "inspection team",
    "Signatory": "signatory",
    "PartnershipLeader": "partnership leader",
}


def local(iri: str) -> str:
    """The part of an IRI after the last ``#`` or ``/``."""
    return re.split(r"[#/]", iri)[-1]


def words(name: str) -> str:
    """A camelCase property name as words: ``responsibleBodyText`` -> ``responsible body text``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local(name)).lower()


def id_path(iri: str) -> str:
    """The path of a graphkit IRI under ``.../id/`` (``area/bury``), or the IRI itself."""
    return iri[len(ID) :] if iri.startswith(ID) else iri


def _value(term: Any) -> Any:
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        if dt.endswith("#integer") or dt.endswith("#int"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


@dataclass
class Statement:
    """A weakness, priority action or area for improvement, with where it was read."""

    iri: str
    kind: str  # weakness | priority action | area for improvement
    text: str
    ordinal: int
    inspection: str
    document: str | None = None  # document IRI
    start: int | None = None
    end: int | None = None
    responsible: str = ""
    bodies: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    verdict: bool | None = None  # revisit verdict on a weakness (sufficient progress)
    verdict_document: str | None = None
    verdict_start: int | None = None
    verdict_end: int | None = None


@dataclass
class Inspection:
    iri: str
    area: str
    kind: str
    start: str = ""
    end: str = ""
    month: str = ""
    published: str = ""
    wsoa_required: bool | None = None
    weakness_count: int | None = None
    progress: str = ""  # all | some | none
    improved: int | None = None
    not_improved: int | None = None
    not_revisited_yet: bool = False
    outcome: str = ""  # words
    outcome_key: str = ""  # positive | inconsistent | widespread_failings
    revisit_of: str = ""
    previous: str = ""  # gk:previousInspection (links)
    previous_text: str = ""
    wsoa_issued: str = ""
    wsoa_fit: str = ""
    pa_plan: bool | None = None
    pa_count: int | None = None
    documents: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    from_statistics: bool = False

    @property
    def date(self) -> str:
        return self.start or self.month

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass
class Area:
    iri: str
    slug: str
    label: str
    gss: str = ""
    region: str = ""
    inspections: list[Inspection] = field(default_factory=list)

    def latest(self, kinds: tuple[str, ...]) -> Inspection | None:
        found = [i for i in self.inspections if i.kind in kinds]
        return found[-1] if found else None


@dataclass
class Fact:
    """One quote of a document and the fact it supports."""

    quote: str
    node: str
    prop: str  # property IRI, or "" for a whole mention
    start: int
    end: int
    exact: str
    values: list[str]
    classes: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # validation messages about this fact


@dataclass
class Document:
    iri: str
    graph: str
    stem: str  # the document's key (``gkid:doc/<key>``): its file stem's slug and 12 hex of its SHA-256
    source: str
    title: str
    kind: str  # class local name
    inspection: str = ""
    page: str = ""  # the review page's name, without .html (see :func:`page_names`)
    date: str = ""
    text: str = ""
    facts: list[Fact] = field(default_factory=list)
    findings: list[tuple[str, str, str, str]] = field(default_factory=list)  # severity, focus, path, message


@dataclass
class Person:
    iri: str
    slug: str
    name: str
    roles: list[tuple[str, str, str, str]] = field(default_factory=list)  # inspection, document, context, role


@dataclass
class Body:
    iri: str
    slug: str
    label: str
    kind: str  # words
    labels: list[str] = field(default_factory=list)
    from_date: str = ""
    until: str = ""
    areas: set[str] = field(default_factory=set)
    inspections: set[str] = field(default_factory=set)
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Theme:
    iri: str
    notation: str
    label: str
    definition: str = ""
    statements: list[Statement] = field(default_factory=list)


@dataclass
class SiteData:
    areas: dict[str, Area]
    inspections: dict[str, Inspection]
    documents: dict[str, Document]
    people: dict[str, Person]
    bodies: dict[str, Body]
    themes: dict[str, Theme]
    statements: dict[str, Statement]
    people_of: dict[str, list[tuple[Person, str, str]]] = field(
        default_factory=dict
    )  # inspection -> (person, as, role)


def _nodes(store: GraphStore, pattern: str) -> dict[str, dict[str, list[Any]]]:
    out: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in store.query(_NODES.format(pattern=pattern)):  # type: ignore[union-attr]
        s, p, o = row["s"], row["p"], row["o"]  # type: ignore[index]
        if isinstance(s, ox.NamedNode):
            vals = out[s.value][p.value]
            v = _value(o)
            if v not in vals:
                vals.append(v)
    return out


def _one(props: dict[str, list[Any]], name: str, default: Any = None) -> Any:
    vals = props.get(GK + name) if ":" not in name else props.get(name)
    if not vals:
        return default
    return sorted(vals, key=str)[0]


def _classes(props: dict[str, list[Any]]) -> list[str]:
    return [local(c) for c in props.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", [])]


_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"


def load_site_data(store: GraphStore) -> SiteData:
    """Read everything the site shows from ``store``."""
    areas = _load_areas(store)
    inspections = _load_inspections(store, areas)
    statements, verdict_of = _load_statements(store, inspections)
    documents = _load_documents(store, inspections, statements, verdict_of)
    bodies = _load_bodies(store, inspections, statements, areas)
    people = _load_people(store, documents)
    themes = _load_themes(store, statements)
    for area in areas.values():
        area.inspections.sort(key=lambda i: (i.date, i.kind))
    people_of: dict[str, list[tuple[Person, str, str]]] = defaultdict(list)
    for person in people.values():
        for insp_iri, _doc, ctx, role in person.roles:
            people_of[insp_iri].append((person, ctx, role))
    return SiteData(areas, inspections, documents, people, bodies, themes, statements, dict(people_of))


def _load_areas(store: GraphStore) -> dict[str, Area]:
    areas = {}
    for iri, props in _nodes(store, "?s a gk:LocalArea").items():
        label = _one(props, "officialName") or sorted(props.get(_LABEL, [local(iri)]), key=len)[0]
        regions = props.get(GK + "region", [])  # the ONS region, where Ofsted's is given too
        region = next((r for r in sorted(regions) if r in ONS_REGIONS), regions[0] if regions else "")
        areas[iri] = Area(iri, local(iri), label, _one(props, "gssCode", ""), region)
    return areas


def _load_inspections(store: GraphStore, areas: dict[str, Area]) -> dict[str, Inspection]:
    inspections: dict[str, Inspection] = {}
    for iri, props in _nodes(store, "?s gk:area ?a").items():
        kinds = [c for c in _classes(props) if c in KIND_WORDS]
        area = _one(props, "area")
        if not kinds or area not in areas:
            continue
        outcome = local(_one(props, "outcome", ""))
        insp = Inspection(
            iri=iri,
            area=area,
            kind=KIND_WORDS[kinds[0]],
            start=min(props.get(GK + "startDate", [""])),
            end=max(props.get(GK + "endDate", [""])),
            month=_one(props, "month", ""),
            published=_one(props, "publishedOn", ""),
            wsoa_required=_one(props, "wsoaRequired"),
            weakness_count=_one(props, "weaknessCount"),
            progress=PROGRESS_WORDS.get(local(_one(props, "overallProgress", "")), ""),
            improved=_one(props, "weaknessesImproved"),
            not_improved=_one(props, "weaknessesNotImproved"),
            not_revisited_yet=bool(_one(props, "notRevisitedYet", False)),
            outcome=OUTCOME_WORDS.get(outcome, ""),
            outcome_key={"PositiveOutcome": "positive", "InconsistentOutcome": "inconsistent"}.get(
                outcome, "widespread_failings" if outcome else ""
            ),
            revisit_of=_one(props, "revisitOf", ""),
            previous=_one(props, "previousInspection", ""),
            previous_text=_one(props, "previousInspectionText", ""),
            pa_plan=_one(props, "priorityActionPlanRequired"),
            pa_count=_one(props, "priorityActionCount"),
            from_statistics=bool(props.get(GK + "recordedIn")),
        )
        for prop in ("localAuthority", "integratedCareBoard", "clinicalCommissioningGroup", "parentCarerForum"):
            insp.bodies.extend(b for b in props.get(GK + prop, []) if b not in insp.bodies)
        inspections[iri] = insp
        areas[area].inspections.append(insp)
    for props in _nodes(store, "?s a gk:WrittenStatementOfAction").values():
        target = inspections.get(_one(props, "wsoaFor", ""))
        if target is not None:
            target.wsoa_issued = _one(props, "issuedOn", "")
            target.wsoa_fit = _one(props, "fitForPurposeOn", "")
    return inspections


def _load_statements(
    store: GraphStore, inspections: dict[str, Inspection]
) -> tuple[dict[str, Statement], dict[str, str]]:
    """Statements by IRI, and each revisit verdict's weakness (verdict IRI -> weakness IRI)."""
    statements: dict[str, Statement] = {}
    for iri, props in _nodes(store, "?s gk:weaknessOf|gk:actionOf ?i").items():
        kinds = [STATEMENT_WORDS[c] for c in _classes(props) if c in STATEMENT_WORDS]
        insp = _one(props, "weaknessOf") or _one(props, "actionOf")
        if not kinds or insp not in inspections:
            continue
        st = Statement(
            iri=iri,
            kind=kinds[0],
            text=_one(props, "statementText", ""),
            ordinal=_one(props, "ordinal", 0) or 0,
            inspection=insp,
            document=_one(props, "http://www.w3.org/ns/prov#wasDerivedFrom"),
            responsible=_one(props, "responsibleBodyText", ""),
            bodies=sorted(props.get(GK + "responsibleBody", [])),
        )
        statements[iri] = st
        inspections[insp].statements.append(st)
    verdicts = _nodes(store, "?s a gk:RevisitVerdict")
    for props in verdicts.values():
        judged = statements.get(_one(props, "onWeakness", ""))
        if judged is not None:
            judged.verdict = _one(props, "sufficientProgress")
    for insp in inspections.values():
        insp.statements.sort(key=lambda s: (s.kind, s.ordinal))
    return statements, {iri: _one(p, "onWeakness", "") for iri, p in verdicts.items()}


def _load_documents(
    store: GraphStore,
    inspections: dict[str, Inspection],
    statements: dict[str, Statement],
    verdict_of: dict[str, str],
) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for iri, props in _nodes(store, "?s gk:about ?i ; gk:sourceFile ?f").items():
        stem = local(iri)
        doc = Document(
            iri=iri,
            graph=ID + "graph/" + stem,
            stem=stem,
            source=_one(props, "sourceFile", stem),
            title=_one(props, "http://purl.org/dc/terms/title", stem),
            kind=next(iter(_classes(props)), ""),
            inspection=_one(props, "about", ""),
            date=_one(props, "http://purl.org/dc/terms/date", ""),
            text=_one(props, "text", ""),
        )
        documents[iri] = doc
        if doc.inspection in inspections:
            inspections[doc.inspection].documents.append(iri)
    by_graph = {d.graph: d for d in documents.values()}
    classes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in store.query(_QUOTED_CLASSES):  # type: ignore[union-attr]
        classes[(row["g"].value, row["node"].value)].append(local(row["cls"].value))  # type: ignore[index]
    for row in store.query(_QUOTES):  # type: ignore[union-attr]
        quoting = by_graph.get(row["g"].value)  # type: ignore[index]
        if quoting is None:
            continue
        doc = quoting
        node = row["node"].value  # type: ignore[index]
        prop = row["prop"].value if row["prop"] is not None else ""  # type: ignore[index]
        vals = row["vals"].value.split("\u001f") if row["vals"] is not None and row["vals"].value else []  # type: ignore[index]
        start, end = int(row["start"].value), int(row["end"].value)  # type: ignore[index]
        doc.facts.append(
            Fact(row["q"].value, node, prop, start, end, row["exact"].value, vals, classes[(doc.graph, node)])  # type: ignore[index]
        )
        st = statements.get(node)
        if st is not None and prop == GK + "statementText" and st.start is None:
            st.document, st.start, st.end = doc.iri, start, end
        weakness = statements.get(verdict_of.get(node, ""))
        if weakness is not None and prop == GK + "sufficientProgress":
            weakness.verdict_document, weakness.verdict_start, weakness.verdict_end = doc.iri, start, end
    validation = {ID + "graph/validation/" + d.stem: d for d in documents.values()}
    for row in store.query(_FINDINGS):  # type: ignore[union-attr]
        checked = validation.get(row["g"].value)  # type: ignore[index]
        if checked is None:
            continue
        doc = checked
        focus = row["focus"].value  # type: ignore[index]
        path = row["path"].value if row["path"] is not None else ""  # type: ignore[index]
        severity = local(row["severity"].value)  # type: ignore[index]
        message = row["message"].value  # type: ignore[index]
        doc.findings.append((severity, focus, path, message))
        for fact in doc.facts if severity in ("Warning", "Violation") else ():  # Info is no doubt
            if fact.node == focus and (not path or not fact.prop or fact.prop == path):
                fact.doubts.append(f"{severity}: {message}")
    for doc in documents.values():
        doc.facts.sort(key=lambda f: (f.start, -f.end, f.prop, f.node, f.quote))
        doc.findings.sort()
    for iri, name in page_names({iri: d.stem for iri, d in documents.items()}).items():
        documents[iri].page = name
    return documents


_KEY_HASH = re.compile(r"-[0-9a-f]{12}$")  # the SHA-256 digits a document's key ends with
_RESERVED_PAGES = {"index"}  # documents/index.html lists the documents


def page_names(keys: dict[str, str]) -> dict[str, str]:
    """Each document's review page name (document IRI -> name, without ``.html``).

    A reader knows a letter by its file name, so a page is named by the slug of the file's stem
    (``bury-area-send-2024-02``): the document's key without the SHA-256 digits it ends with.
    Where that would not name one document only -- two documents with one stem (``x.pdf`` and
    its text copy ``x.txt``, one name in two folders), a stem that is another document's whole
    key, or ``index`` -- each of those pages takes the document's whole key, which no other
    document has. The names depend only on the documents in the store, not on their order.

    >>> page_names({"d1": "bury-area-send-2024-02-969f88836f7b", "d2": "x-0123456789ab", "d3": "x-ba9876543210"})
    {'d1': 'bury-area-send-2024-02', 'd2': 'x-0123456789ab', 'd3': 'x-ba9876543210'}
    """
    stems = {iri: _KEY_HASH.sub("", key) for iri, key in keys.items()}
    count: dict[str, int] = defaultdict(int)
    for stem in stems.values():
        count[stem] += 1
    whole_keys = set(keys.values())
    return {
        iri: stem
        if count[stem] == 1 and stem not in _RESERVED_PAGES and (stem == keys[iri] or stem not in whole_keys)
        else keys[iri]
        for iri, stem in stems.items()
    }


def _load_bodies(
    store: GraphStore, inspections: dict[str, Inspection], statements: dict[str, Statement], areas: dict[str, Area]
) -> dict[str, Body]:
    bodies: dict[str, Body] = {}
    pattern = "?s a ?c . VALUES ?c { " + " ".join("gk:" + k for k in BODY_KINDS) + " }"
    for iri, props in _nodes(store, pattern).items():
        kind = next((BODY_KINDS[c] for c in _classes(props) if c in BODY_KINDS), "body")
        labels = sorted({str(v) for v in props.get(_LABEL, []) + props.get(_PREF, [])}, key=lambda s: (-len(s), s))
        label = _one(props, _PREF) or (labels[0] if labels else local(iri))
        if kind == "local authority":
            label = max(props.get(_LABEL, [label]), key=len)
        body = Body(
            iri=iri,
            slug=id_path(iri).removeprefix("body/").replace("/", "-"),
            label=label,
            kind=kind,
            labels=labels,
            from_date=_one(props, "operatedFrom", ""),
            until=_one(props, "operatedUntil", ""),
        )
        body.areas.update(a for a in props.get(GK + "servesArea", []) if a in areas)
        bodies[iri] = body
    for insp in inspections.values():
        for b in insp.bodies:
            if b in bodies:
                bodies[b].inspections.add(insp.iri)
                bodies[b].areas.add(insp.area)
    for st in statements.values():
        for b in st.bodies:
            if b in bodies:
                bodies[b].statements.append(st)
                bodies[b].areas.add(inspections[st.inspection].area)
    return bodies


def _load_people(store: GraphStore, documents: dict[str, Document]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for iri, props in _nodes(store, "?s a foaf:Person").items():
        names = props.get("http://xmlns.com/foaf/0.1/name", [local(iri)])
        people[iri] = Person(iri, local(iri), sorted(names, key=lambda n: (len(n), n))[0])
    mentions = _nodes(store, "?s gk:person ?p")
    for row in store.query(_MENTIONS):  # type: ignore[union-attr]
        doc = documents.get(row["doc"].value)  # type: ignore[index]
        person = people.get(row["person"].value)  # type: ignore[index]
        mention = mentions.get(row["m"].value)  # type: ignore[index]
        if doc is None or person is None or mention is None:
            continue
        props = mention
        ctx = CONTEXT_WORDS.get(local(_one(props, "personContext", "")), "")
        classes = _classes(props)
        if "Addressee" in classes:
            ctx = "addressee"
        roles = [
            ROLE_WORDS[local(r)] for r in props.get("http://www.w3.org/ns/prov#hadRole", []) if local(r) in ROLE_WORDS
        ]
        label = ", ".join(sorted(set(roles), key=list(ROLE_WORDS.values()).index)) or "; ".join(
            props.get(GK + "roleLabel", [])
        )
        entry = (doc.inspection, doc.iri, ctx, label)
        if entry not in person.roles:
            person.roles.append(entry)
    return {k: p for k, p in people.items() if p.roles}


def _load_themes(store: GraphStore, statements: dict[str, Statement]) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for iri, props in _nodes(store, "?s a gk:Theme").items():
        themes[iri] = Theme(
            iri,
            _one(props, "http://www.w3.org/2004/02/skos/core#notation", local(iri)),
            _one(props, _PREF, local(iri)),
            _one(props, "http://www.w3.org/2004/02/skos/core#definition", ""),
        )
    for props in _nodes(store, "?s a gk:ThemeCoding").values():
        theme = themes.get(_one(props, "theme", ""))
        st = statements.get(_one(props, "codedStatement", ""))
        if theme is not None and st is not None and theme.iri not in st.themes:
            st.themes.append(theme.iri)
            theme.statements.append(st)
    return themes
