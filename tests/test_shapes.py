"""Every SHACL shape in shapes/: a tiny graph that conforms, a tiny one that fails, exact IRI and severity.

The conforming graph (``BASE``) is a whole little world in TriG: an initial letter, its revisit,
a 2023 report, a look-alike and the official statistics, each in its own named graph. It raises
no result at all. Each case in ``CASES`` is one SPARQL Update that breaks exactly one rule, and
the test asserts that the shape for that rule reports it, with the expected severity.
"""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDFS

from graphkit.check.validate import Report, validate_graph
from graphkit.resources import resource_dir

SH = "http://www.w3.org/ns/shacl#"
GKSH = "https://w3id.org/graphkit/shapes#"

# --- the conforming world ---------------------------------------------------------------------

INITIAL_TEXT = "Joint local area SEND inspection in Testshire \u2019\U0001f600.\nWeakness one text.\nJo Bloggs\n"
REVISIT_TEXT = "Joint local area SEND revisit in Testshire.\nThe initial inspection found that: Weakness one text.\n"
REPORT_TEXT = "Area SEND inspection of Testshire Local Area Partnership.\nLeaders should act now.\n"


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)  # Python counts code points, as Web Annotation offsets do
    return start, start + len(words)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


WS = _span(INITIAL_TEXT, "Weakness one text.")
JO = _span(INITIAL_TEXT, "Jo Bloggs")
SHA = "0" * 64

PREFIXES = """
PREFIX gk: <https://w3id.org/graphkit/def#>
PREFIX gkid: <https://w3id.org/graphkit/id/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

I1 = "<https://w3id.org/graphkit/id/inspection/testshire/initial/2019-01>"
RV = "<https://w3id.org/graphkit/id/inspection/testshire/revisit/2021-01>"
AS = "<https://w3id.org/graphkit/id/inspection/testshire/area-send/2024-02>"
WK = "<https://w3id.org/graphkit/id/inspection/testshire/initial/2019-01/weakness/0>"
RW = "<https://w3id.org/graphkit/id/inspection/testshire/revisit/2021-01/weakness/0>"
V = "<https://w3id.org/graphkit/id/inspection/testshire/revisit/2021-01/verdict/0>"
V2 = "<https://w3id.org/graphkit/id/inspection/testshire/revisit/2021-01/verdict/1>"
PA = "<https://w3id.org/graphkit/id/inspection/testshire/area-send/2024-02/priority-action/1>"
IM = "<https://w3id.org/graphkit/id/inspection/testshire/area-send/2024-02/improvement/1>"
WSOA = "<https://w3id.org/graphkit/id/inspection/testshire/initial/2019-01/wsoa>"
Q = f"<https://w3id.org/graphkit/id/doc/initial-x/quote/{WS[0]}-{WS[1]}>"
QP = f"<https://w3id.org/graphkit/id/doc/initial-x/quote/{WS[0]}-{WS[1]}/position>"
QE = f"<https://w3id.org/graphkit/id/doc/initial-x/quote/{WS[0]}-{WS[1]}/exact>"
G_INITIAL = "gkid:graph/initial-x"
G_REVISIT = "gkid:graph/revisit-x"
G_REPORT = "gkid:graph/report-x"
G_OTHER = "gkid:graph/other-x"
G_STATS = "gkid:graph/statistics"

AREA = """
    gkid:area/testshire a gk:LocalArea ; rdfs:label "Testshire" ; gk:gssCode "E06000099" .
"""
OFSTED = "gkid:body/inspectorate/ofsted a gk:Inspectorate ."
COUNCIL = """gkid:body/local_authority/testshire a gk:LocalAuthority ; rdfs:label "Testshire Council" ;
        gk:servesArea gkid:area/testshire ."""


def _lead(doc: str, n: int, inspection: str, name: str, key: str) -> str:
    return f"""
    gkid:doc/{doc}/person/{n} a gk:PersonMention, prov:Association ;
        gk:nameAsWritten "{name}" ; gk:person gkid:person/{key} ; gk:personContext gk:Signatory ;
        gk:roleLabel "HMI Lead Inspector" ; prov:hadRole gk:LeadInspector ;
        gk:organisation gkid:body/inspectorate/ofsted ; prov:agent gkid:person/{key} .
    gkid:person/{key} a foaf:Person ; foaf:name "{name}" .
    {inspection} prov:qualifiedAssociation gkid:doc/{doc}/person/{n} .
    {OFSTED}
"""


BASE = (
    PREFIXES
    + f"""
GRAPH {G_INITIAL} {{
    gkid:doc/initial-x a gk:InitialLetter ; gk:sourceFile "initial-x.txt" ; gk:sha256 "{SHA}" ;
        gk:text {_literal(INITIAL_TEXT)} ; dcterms:date "2019-03-01"^^xsd:date ;
        gk:about {I1} ; prov:wasGeneratedBy {I1} ;
        gk:addressee gkid:doc/initial-x/addressee/0 ;
        gk:mentions gkid:doc/initial-x/mention/0, gkid:doc/initial-x/person/1 ;
        gk:finding gkid:doc/initial-x/finding/0 .
    {AREA}
    {COUNCIL}
    {I1} a gk:InitialInspection ; gk:area gkid:area/testshire ;
        gk:startDate "2019-01-07"^^xsd:date ; gk:endDate "2019-01-11"^^xsd:date ; gk:wsoaRequired true ;
        gk:localAuthority gkid:body/local_authority/testshire .
    {WSOA} a gk:WrittenStatementOfAction ; gk:wsoaFor {I1} ;
        gk:issuedOn "2019-04-01"^^xsd:date ; gk:fitForPurposeOn "2019-06-01"^^xsd:date .
    {WK} a gk:SignificantWeakness ; gk:statementText "Weakness one text." ; gk:ordinal 0 ;
        gk:weaknessOf {I1} ; gk:addressedBy {WSOA} ; prov:wasDerivedFrom gkid:doc/initial-x .
    {Q} a gk:Quote ; oa:hasSource gkid:doc/initial-x ; oa:hasSelector {QP}, {QE} ;
        gk:quoteFor {WK} ; gk:quoteOfProperty gk:statementText .
    {QP} a oa:TextPositionSelector ; oa:start "{WS[0]}"^^xsd:nonNegativeInteger ; oa:end "{WS[1]}"^^xsd:nonNegativeInteger .
    {QE} a oa:TextQuoteSelector ; oa:exact "Weakness one text." .
    gkid:doc/initial-x/quote/{JO[0]}-{JO[1]} a gk:Quote ; oa:hasSource gkid:doc/initial-x ;
        oa:hasSelector gkid:doc/initial-x/quote/{JO[0]}-{JO[1]}/position, gkid:doc/initial-x/quote/{JO[0]}-{JO[1]}/exact ;
        gk:quoteFor gkid:doc/initial-x/person/1 ; gk:quoteOfProperty gk:nameAsWritten .
    gkid:doc/initial-x/quote/{JO[0]}-{JO[1]}/position a oa:TextPositionSelector ;
        oa:start {JO[0]} ; oa:end {JO[1]} .
    gkid:doc/initial-x/quote/{JO[0]}-{JO[1]}/exact a oa:TextQuoteSelector ; oa:exact "Jo Bloggs" .
    {_lead("initial-x", 1, I1, "Jo Bloggs", "jo-bloggs")}
    gkid:doc/initial-x/addressee/0 a gk:Addressee ; gk:nameAsWritten "Sam Smith" ;
        gk:person gkid:person/sam-smith ; gk:roleLabel "Local Area Nominated Officer" .
    gkid:person/sam-smith a foaf:Person ; foaf:name "Sam Smith" .
    gkid:doc/initial-x/mention/0 a gk:BodyMention ; gk:nameAsWritten "Testshire Council" ;
        gk:body gkid:body/local_authority/testshire ; gk:mentionRole gk:LocalAuthorityRole .
    gkid:doc/initial-x/finding/0 a gk:Finding ; gk:statementText "Leaders know the area." ;
        gk:polarity gk:Strength ; gk:section "main findings" .
}}
GRAPH {G_REVISIT} {{
    gkid:doc/revisit-x a gk:RevisitLetter ; gk:sourceFile "revisit-x.txt" ; gk:sha256 "{SHA}" ;
        gk:text {_literal(REVISIT_TEXT)} ; dcterms:date "2021-02-01"^^xsd:date ; gk:about {RV} .
    {AREA}
    {RV} a gk:Revisit ; gk:area gkid:area/testshire ; gk:revisitOf {I1} ;
        gk:startDate "2021-01-11"^^xsd:date ; gk:endDate "2021-01-13"^^xsd:date ; gk:overallProgress gk:AllImproved .
    {I1} a gk:InitialInspection ; gk:area gkid:area/testshire .
    {RW} a gk:SignificantWeakness ; gk:statementText "Weakness one text." ; gk:ordinal 0 ;
        gk:weaknessOf {I1} ; prov:wasDerivedFrom gkid:doc/revisit-x .
    {V} a gk:RevisitVerdict ; gk:verdictOf {RV} ; gk:onWeakness {RW} ; gk:sufficientProgress true ; gk:ordinal 0 .
    {_lead("revisit-x", 1, RV, "Kim Lee", "kim-lee")}
}}
GRAPH {G_REPORT} {{
    gkid:doc/report-x a gk:AreaSendReport ; gk:sourceFile "report-x.pdf" ; gk:sha256 "{SHA}" ;
        gk:text {_literal(REPORT_TEXT)} ; gk:about {AS} .
    {AREA}
    {COUNCIL}
    {AS} a gk:AreaSendInspection ; gk:area gkid:area/testshire ;
        gk:startDate "2024-02-05"^^xsd:date ; gk:endDate "2024-02-09"^^xsd:date ;
        gk:outcome gk:WidespreadFailingsOutcome ;
        gk:previousInspectionStart "2019-01-07"^^xsd:date ; gk:previousInspectionEnd "2019-01-11"^^xsd:date .
    {PA} a gk:PriorityAction ; gk:statementText "Leaders should act now." ; gk:ordinal 1 ;
        gk:actionOf {AS} ; gk:responsibleBody gkid:body/local_authority/testshire .
    {IM} a gk:AreaForImprovement ; gk:statementText "Leaders should improve the local offer." ; gk:ordinal 1 ;
        gk:actionOf {AS} .
    {_lead("report-x", 1, AS, "Ann Bell", "ann-bell")}
    gkid:doc/report-x/person/2 a gk:PersonMention, org:Membership ; gk:nameAsWritten "Pat Jones" ;
        gk:person gkid:person/pat-jones ; gk:personContext gk:PartnershipLeader ;
        gk:organisation gkid:body/local_authority/testshire .
    gkid:person/pat-jones a foaf:Person ; foaf:name "Pat Jones" .
}}
GRAPH {G_OTHER} {{
    gkid:doc/other-x a gk:OtherDocument ; gk:sourceFile "other-x.txt" ; gk:sha256 "{SHA}" ;
        gk:text "Dear colleague, this letter from the Department for Education ..." ;
        gk:notInspectionReason "a DfE letter about a written statement of action" .
}}
GRAPH {G_STATS} {{
    {AREA}
    {I1} a gk:InitialInspection ; gk:area gkid:area/testshire ; gk:startDate "2019-01-07"^^xsd:date .
}}
"""
)


def _world(update: str | None = None) -> Dataset:
    ds = Dataset()
    ds.update(_iris(PREFIXES + "INSERT DATA {" + BASE[len(PREFIXES) :] + "}"))
    if update:
        ds.update(_iris(PREFIXES + update))
    return ds


def _iris(sparql: str) -> str:
    """``gkid:doc/x/quote/1-2`` written as a full IRI (SPARQL local names cannot hold "/")."""
    return re.sub(r"\bgkid:([A-Za-z0-9_\-/]+)", r"<https://w3id.org/graphkit/id/\1>", sparql)


def _fired(report: Report, shape: str) -> list[str]:
    return [r.severity for r in report.results if r.shape == GKSH + shape]


@pytest.fixture(scope="module")
def base_report() -> Report:
    return validate_graph(_world())


def test_the_conforming_world_raises_nothing(base_report: Report) -> None:
    assert base_report.documents == 4
    assert base_report.results == [], "\n".join(f"{r.shape} {r.focus} {r.message}" for r in base_report.results)


def _del(graph: str, triples: str) -> str:
    return f"DELETE DATA {{ GRAPH {graph} {{ {triples} }} }}"


def _ins(graph: str, triples: str) -> str:
    return f"INSERT DATA {{ GRAPH {graph} {{ {triples} }} }}"


def _swap(graph: str, old: str, new: str) -> str:
    return f"{_del(graph, old)} ; {_ins(graph, new)}"


def _drop_node(graph: str, node: str) -> str:
    return f"DELETE WHERE {{ GRAPH {graph} {{ {node} ?p ?o }} }}"


P1 = "gkid:doc/initial-x/person/1"

# shape local name -> (severity, update that breaks exactly that rule)
CASES: dict[str, tuple[str, str]] = {
    # documents
    "DocumentSourceFileShape": ("violation", _del(G_INITIAL, 'gkid:doc/initial-x gk:sourceFile "initial-x.txt"')),
    "DocumentSha256Shape": (
        "violation",
        _swap(G_REPORT, f'gkid:doc/report-x gk:sha256 "{SHA}"', 'gkid:doc/report-x gk:sha256 "xyz"'),
    ),
    "DocumentTextShape": ("violation", "DELETE WHERE { GRAPH gkid:graph/other-x { gkid:doc/other-x gk:text ?t } }"),
    "DocumentDateTypeShape": (
        "violation",
        _swap(
            G_INITIAL,
            'gkid:doc/initial-x dcterms:date "2019-03-01"^^xsd:date',
            'gkid:doc/initial-x dcterms:date "March 2019"',
        ),
    ),
    "DocumentAboutShape": ("violation", _del(G_REPORT, f"gkid:doc/report-x gk:about {AS}")),
    "LetterDatePresentShape": ("info", _del(G_INITIAL, 'gkid:doc/initial-x dcterms:date "2019-03-01"^^xsd:date')),
    "OtherDocumentReasonShape": (
        "warning",
        "DELETE WHERE { GRAPH gkid:graph/other-x { ?d gk:notInspectionReason ?r } }",
    ),
    # inspections
    "InspectionAreaKnownShape": ("violation", _del(G_REPORT, f"{AS} gk:area gkid:area/testshire")),
    "InspectionAreaShape": ("violation", _ins(G_REPORT, f"{AS} gk:area gkid:area/otherplace")),
    "PartialCopyShape": ("warning", _ins(G_REPORT, 'gkid:doc/report-x gk:partialCopyReason "no title page"')),
    "InspectionStartDateShape": ("violation", _ins(G_REPORT, f'{AS} gk:startDate "2024-02-06"^^xsd:date')),
    "InspectionEndDateShape": (
        "violation",
        _swap(G_REPORT, f'{AS} gk:endDate "2024-02-09"^^xsd:date', f'{AS} gk:endDate "Friday"'),
    ),
    "InspectionDatesInOrderShape": (
        "violation",
        _swap(G_REPORT, f'{AS} gk:endDate "2024-02-09"^^xsd:date', f'{AS} gk:endDate "2024-02-01"^^xsd:date'),
    ),
    "LeadInspectorShape": (
        "warning",
        "DELETE WHERE { GRAPH gkid:graph/report-x { gkid:doc/report-x/person/1 prov:hadRole ?r ; gk:roleLabel ?l } }",
    ),
    "InspectionVisitStartShape": (
        "warning",
        _del(G_REPORT, f'{AS} gk:startDate "2024-02-05"^^xsd:date . {AS} gk:endDate "2024-02-09"^^xsd:date'),
    ),
    "WsoaRequiredTypeShape": (
        "violation",
        _swap(G_INITIAL, f"{I1} gk:wsoaRequired true", f'{I1} gk:wsoaRequired "yes"'),
    ),
    "WsoaLetterWeaknessesShape": ("warning", _drop_node(G_INITIAL, WK)),
    "RevisitOfShape": ("violation", _del(G_REVISIT, f"{RV} gk:revisitOf {I1}")),
    "RevisitProgressShape": (
        "violation",
        _swap(G_REVISIT, f"{RV} gk:overallProgress gk:AllImproved", f"{RV} gk:overallProgress gk:Maybe"),
    ),
    "RevisitVerdictCountShape": ("warning", _drop_node(G_REVISIT, V)),
    "OutcomeShape": ("violation", _del(G_REPORT, f"{AS} gk:outcome gk:WidespreadFailingsOutcome")),
    "PreviousInspectionDatesInOrderShape": (
        "violation",
        _swap(
            G_REPORT,
            f'{AS} gk:previousInspectionEnd "2019-01-11"^^xsd:date',
            f'{AS} gk:previousInspectionEnd "2018-12-01"^^xsd:date',
        ),
    ),
    "FormerCCGShape": (
        "info",
        _ins(
            G_REPORT,
            f'{AS} gk:formerCCG gkid:body/ccg/testshire . gkid:body/ccg/testshire a gk:ClinicalCommissioningGroup ; rdfs:label "NHS Testshire CCG"',
        ),
    ),
    # a board not in the bundled list (so valid on no date), and one valid only from 2026
    "BoardValidOnDateShape": (
        "warning",
        _ins(
            G_REPORT,
            f"{AS} gk:integratedCareBoard gkid:body/icb/fenland . gkid:body/icb/fenland a gk:IntegratedCareBoard ; "
            'rdfs:label "NHS Fenland ICB"',
        ),
    ),
    "BodyNameHoldsAnotherShape": (
        "warning",
        _ins(
            G_REPORT,
            "gkid:doc/report-x gk:mentions gkid:doc/report-x/mention/9 . gkid:doc/report-x/mention/9 a gk:BodyMention ; "
            'gk:nameAsWritten "Testshire Council and NHS Fenland ICB" ; gk:body gkid:body/icb/fenland ; '
            "gk:mentionRole gk:ICBRole . gkid:body/icb/fenland a gk:IntegratedCareBoard",
        ),
    ),
    "WidespreadFailingsPriorityActionsShape": ("warning", _drop_node(G_REPORT, PA)),
    # written statement of action
    "WsoaForShape": ("violation", _del(G_INITIAL, f"{WSOA} gk:wsoaFor {I1}")),
    "WsoaIssuedTypeShape": (
        "violation",
        _swap(G_INITIAL, f'{WSOA} gk:issuedOn "2019-04-01"^^xsd:date', f'{WSOA} gk:issuedOn "April"'),
    ),
    "WsoaFitTypeShape": (
        "violation",
        _swap(G_INITIAL, f'{WSOA} gk:fitForPurposeOn "2019-06-01"^^xsd:date', f'{WSOA} gk:fitForPurposeOn "June"'),
    ),
    "WsoaDatesInOrderShape": (
        "violation",
        _swap(
            G_INITIAL,
            f'{WSOA} gk:fitForPurposeOn "2019-06-01"^^xsd:date',
            f'{WSOA} gk:fitForPurposeOn "2019-03-01"^^xsd:date',
        ),
    ),
    # weaknesses and verdicts
    "WeaknessTextShape": ("violation", _del(G_INITIAL, f'{WK} gk:statementText "Weakness one text."')),
    "WeaknessOneTextShape": ("violation", _ins(G_INITIAL, f'{WK} gk:statementText "Another weakness."')),
    "WeaknessOfShape": ("violation", _del(G_INITIAL, f"{WK} gk:weaknessOf {I1}")),
    "WeaknessOneVerdictShape": (
        "violation",
        _ins(
            G_REVISIT,
            f"{V2} a gk:RevisitVerdict ; gk:verdictOf {RV} ; gk:onWeakness {RW} ; gk:sufficientProgress false",
        ),
    ),
    "VerdictOnWeaknessShape": ("violation", _del(G_REVISIT, f"{V} gk:onWeakness {RW}")),
    "VerdictOfShape": ("violation", _del(G_REVISIT, f"{V} gk:verdictOf {RV}")),
    "VerdictProgressShape": ("violation", _del(G_REVISIT, f"{V} gk:sufficientProgress true")),
    # priority actions, improvements, findings
    "PriorityActionTextShape": (
        "violation",
        _swap(G_REPORT, f'{PA} gk:statementText "Leaders should act now."', f'{PA} gk:statementText "  "'),
    ),
    "PriorityActionOneTextShape": ("violation", _ins(G_REPORT, f'{PA} gk:statementText "Leaders should act later."')),
    "PriorityActionOfShape": ("violation", _del(G_REPORT, f"{PA} gk:actionOf {AS}")),
    "PriorityActionBodyShape": (
        "warning",
        _del(G_REPORT, f"{PA} gk:responsibleBody gkid:body/local_authority/testshire"),
    ),
    "ImprovementTextShape": (
        "violation",
        _del(G_REPORT, f'{IM} gk:statementText "Leaders should improve the local offer."'),
    ),
    "ImprovementOneTextShape": ("violation", _ins(G_REPORT, f'{IM} gk:statementText "Something else."')),
    "ImprovementOfShape": ("violation", _del(G_REPORT, f"{IM} gk:actionOf {AS}")),
    "FindingTextShape": (
        "violation",
        _del(G_INITIAL, 'gkid:doc/initial-x/finding/0 gk:statementText "Leaders know the area."'),
    ),
    "FindingOneTextShape": (
        "violation",
        _ins(G_INITIAL, 'gkid:doc/initial-x/finding/0 gk:statementText "Another finding."'),
    ),
    "FindingPolarityShape": ("violation", _ins(G_INITIAL, "gkid:doc/initial-x/finding/0 gk:polarity gk:Concern")),
    # people
    "PersonMentionNameShape": ("violation", _del(G_INITIAL, f'{P1} gk:nameAsWritten "Jo Bloggs"')),
    "PersonMentionPersonShape": ("violation", _del(G_INITIAL, f"{P1} gk:person gkid:person/jo-bloggs")),
    "PersonMentionContextShape": (
        "violation",
        _swap(G_INITIAL, f"{P1} gk:personContext gk:Signatory", f"{P1} gk:personContext gk:Bystander"),
    ),
    "PersonMentionOrganisationPresentShape": (
        "warning",
        _del(G_INITIAL, f"{P1} gk:organisation gkid:body/inspectorate/ofsted"),
    ),
    "PersonNameShape": ("violation", _del(G_INITIAL, 'gkid:person/jo-bloggs foaf:name "Jo Bloggs"')),
    # bodies and areas
    "BodyMentionNameShape": (
        "violation",
        _del(G_INITIAL, 'gkid:doc/initial-x/mention/0 gk:nameAsWritten "Testshire Council"'),
    ),
    "BodyMentionRoleShape": (
        "violation",
        _del(G_INITIAL, "gkid:doc/initial-x/mention/0 gk:mentionRole gk:LocalAuthorityRole"),
    ),
    "BodyMentionBodyShape": (
        "violation",
        _swap(
            G_INITIAL,
            "gkid:doc/initial-x/mention/0 gk:body gkid:body/local_authority/testshire",
            "gkid:doc/initial-x/mention/0 gk:body gkid:area/testshire",
        ),
    ),
    "BodyServesAreaShape": (
        "violation",
        _ins(G_INITIAL, "gkid:body/local_authority/testshire gk:servesArea gkid:body/inspectorate/ofsted"),
    ),
    "BodyLabelShape": ("violation", _ins(G_INITIAL, 'gkid:body/inspectorate/ofsted rdfs:label " "')),
    "LocalAreaLabelShape": (
        "violation",
        "DELETE WHERE { GRAPH gkid:graph/initial-x { gkid:area/testshire rdfs:label ?l } }",
    ),
    "LocalAreaGssShape": (
        "warning",
        "DELETE WHERE { GRAPH gkid:graph/report-x { gkid:area/testshire gk:gssCode ?c } }",
    ),
    "LocalAreaGssFormatShape": (
        "violation",
        _swap(G_REPORT, 'gkid:area/testshire gk:gssCode "E06000099"', 'gkid:area/testshire gk:gssCode "6000099"'),
    ),
    # quotes
    "QuoteSourceShape": ("violation", _del(G_INITIAL, f"{Q} oa:hasSource gkid:doc/initial-x")),
    "QuoteForShape": ("violation", _del(G_INITIAL, f"{Q} gk:quoteFor {WK}")),
    "QuotePositionShape": ("violation", _del(G_INITIAL, f"{Q} oa:hasSelector {QP}")),
    "QuoteExactShape": ("violation", _del(G_INITIAL, f"{Q} oa:hasSelector {QE}")),
    "SelectorStartShape": ("violation", f"DELETE WHERE {{ GRAPH {G_INITIAL} {{ {QP} oa:start ?s }} }}"),
    "SelectorEndShape": (
        "violation",
        f"DELETE WHERE {{ GRAPH {G_INITIAL} {{ {QP} oa:end ?e }} }} ; {_ins(G_INITIAL, f'{QP} oa:end -3')}",
    ),
    "SelectorOffsetsInOrderShape": (
        "violation",
        f"DELETE WHERE {{ GRAPH {G_INITIAL} {{ {QP} oa:end ?e }} }} ; {_ins(G_INITIAL, f'{QP} oa:end {WS[0] - 1}')}",
    ),
    "SelectorExactShape": ("violation", _del(G_INITIAL, f'{QE} oa:exact "Weakness one text."')),
    "QuoteMatchesTextShape": (
        "violation",
        _swap(G_INITIAL, f'{QE} oa:exact "Weakness one text."', f'{QE} oa:exact "Weakness two text."'),
    ),
    # across documents
    "VerdictOnSameAreaWeaknessShape": (
        "violation",
        _swap(G_REVISIT, f"{V} gk:onWeakness {RW}", f"{V} gk:onWeakness gkid:area/testshire"),
    ),
    "OneInspectionPerAreaAndStartShape": (
        "violation",
        _ins(
            G_STATS,
            'gkid:inspection/testshire/initial/2019-01-07 a gk:InitialInspection ; gk:area gkid:area/testshire ; gk:startDate "2019-01-07"^^xsd:date',
        ),
    ),
    "PreviousInspectionKnownShape": (
        "warning",
        _swap(
            G_REPORT,
            f'{AS} gk:previousInspectionStart "2019-01-07"^^xsd:date',
            f'{AS} gk:previousInspectionStart "2018-05-14"^^xsd:date',
        ),
    ),
}


@pytest.mark.parametrize("shape", sorted(CASES))
def test_shape_fires_on_its_failing_graph(shape: str, base_report: Report) -> None:
    severity, update = CASES[shape]
    assert not _fired(base_report, shape), f"{shape} fires on the conforming world"
    report = validate_graph(_world(update))
    fired = _fired(report, shape)
    assert fired, f"{shape} did not fire; got {sorted({r.shape.split('#')[-1] for r in report.results})}"
    assert set(fired) == {severity}
    assert report.exit_code() == (1 if severity == "violation" else 0)
    assert report.exit_code(strict=True) == (0 if severity == "info" else 1)


def _shapes_graph() -> Graph:
    g = Graph()
    for f in sorted(resource_dir("shapes").glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


def _reporting_shapes(g: Graph) -> set[str]:
    """Shapes that can report a result: they carry a severity and a message or SPARQL constraint."""
    out = set()
    for s in set(g.subjects(URIRef(SH + "severity"), None)):
        out.add(str(s))
    return out


def test_every_reporting_shape_has_a_case() -> None:
    names = {s.removeprefix(GKSH) for s in _reporting_shapes(_shapes_graph())}
    assert names - set(CASES) == set(), "shapes without a conforming/failing test case"
    assert set(CASES) - names == set(), "cases for shapes that do not exist"


def test_shapes_have_iris_messages_and_severities() -> None:
    g = _shapes_graph()
    shape_types = {URIRef(SH + "NodeShape"), URIRef(SH + "PropertyShape")}
    for t in shape_types:
        for s in g.subjects(RDF.type, t):
            assert isinstance(s, URIRef) and str(s).startswith(GKSH), f"shape without a gksh: IRI: {s}"
    # no anonymous shapes hiding in sh:property / sh:node / qualified value shapes
    for p in ("property", "node", "qualifiedValueShape", "not"):
        for o in g.objects(None, URIRef(SH + p)):
            assert isinstance(o, URIRef), f"blank-node shape under sh:{p}"
    for s in _reporting_shapes(g):
        node = URIRef(s)
        sparql = list(g.objects(node, URIRef(SH + "sparql")))
        messages = [m for c in sparql for m in g.objects(c, URIRef(SH + "message"))] + list(
            g.objects(node, URIRef(SH + "message"))
        )
        assert messages, f"{s} has no sh:message"
        assert all(len(str(m)) > 30 for m in messages), f"{s}: write the message for a person"
        assert g.value(node, URIRef(SH + "severity")) in {URIRef(SH + x) for x in ("Violation", "Warning", "Info")}
    for c in g.objects(None, URIRef(SH + "sparql")):
        assert isinstance(c, BNode) or isinstance(c, URIRef)
        assert g.value(c, URIRef(SH + "message")) is not None


def test_every_class_the_graph_holds_has_a_shape() -> None:
    g = _shapes_graph()
    targeted = {str(o) for o in g.objects(None, URIRef(SH + "targetClass"))}
    gk = "https://w3id.org/graphkit/def#"
    needed = {
        "Document",
        "InitialLetter",
        "RevisitLetter",
        "AreaSendReport",
        "OtherDocument",
        "Inspection",
        "InitialInspection",
        "Revisit",
        "AreaSendInspection",
        "WrittenStatementOfAction",
        "SignificantWeakness",
        "RevisitVerdict",
        "PriorityAction",
        "AreaForImprovement",
        "Finding",
        "PersonMention",
        "BodyMention",
        "Body",
        "LocalArea",
        "Quote",
    }
    assert {gk + n for n in needed} - targeted == set()


# --- quotes: offsets are code points ------------------------------------------------------------


def test_quote_offsets_count_code_points_not_utf16_units() -> None:
    # the text before the quote holds a curly apostrophe and an emoji (two UTF-16 units, one code point)
    assert "\U0001f600" in INITIAL_TEXT[: WS[0]]
    report = validate_graph(_world())
    assert not _fired(report, "QuoteMatchesTextShape")
    shifted = _swap(
        G_INITIAL,
        f'{QP} oa:start "{WS[0]}"^^xsd:nonNegativeInteger',
        f'{QP} oa:start "{WS[0] + 1}"^^xsd:nonNegativeInteger',
    )
    assert _fired(validate_graph(_world(shifted)), "QuoteMatchesTextShape") == ["violation"]


def test_quote_shape_reports_the_quote_and_readable_focus() -> None:
    update = CASES["QuoteMatchesTextShape"][1]
    [r] = [r for r in validate_graph(_world(update)).results if r.shape == GKSH + "QuoteMatchesTextShape"]
    assert r.document == "initial-x.txt"
    assert r.focus == f"quote {WS[0]}-{WS[1]} of initial-x"
    assert r.quote == "Weakness two text."
    assert str(WS[0]) in r.message and str(WS[1]) in r.message


def test_weakness_result_names_weakness_and_document() -> None:
    [r] = [
        r
        for r in validate_graph(_world(CASES["WeaknessOneTextShape"][1])).results
        if r.shape == GKSH + "WeaknessOneTextShape"
    ]
    assert r.focus == "weakness 1 of initial-x"
    assert r.document == "initial-x.txt"
    assert r.path == "gk:statementText"


def test_previous_inspection_not_expected_beyond_the_statistics() -> None:
    newer = _swap(
        G_REPORT,
        f'{AS} gk:previousInspectionStart "2019-01-07"^^xsd:date',
        f'{AS} gk:previousInspectionStart "2023-05-15"^^xsd:date',
    )
    assert not _fired(validate_graph(_world(newer)), "PreviousInspectionKnownShape")
    same_month = _swap(
        G_REPORT,
        f'{AS} gk:previousInspectionStart "2019-01-07"^^xsd:date',
        f'{AS} gk:previousInspectionStart "2019-01-14"^^xsd:date',
    )
    assert not _fired(validate_graph(_world(same_month)), "PreviousInspectionKnownShape")
    no_stats = "DROP GRAPH gkid:graph/statistics ; " + CASES["PreviousInspectionKnownShape"][1]
    assert not _fired(validate_graph(_world(no_stats)), "PreviousInspectionKnownShape")


def test_verdict_on_weakness_of_another_area_is_a_violation() -> None:
    other = _ins(
        G_REVISIT,
        'gkid:area/elsewhere a gk:LocalArea ; rdfs:label "Elsewhere" ; gk:gssCode "E06000098" . '
        "gkid:inspection/elsewhere/initial/2018-01 a gk:InitialInspection ; gk:area gkid:area/elsewhere . "
        'gkid:inspection/elsewhere/initial/2018-01/weakness/0 a gk:SignificantWeakness ; gk:statementText "W" ; '
        "gk:weaknessOf gkid:inspection/elsewhere/initial/2018-01",
    )
    update = (
        other
        + " ; "
        + _swap(
            G_REVISIT,
            f"{V} gk:onWeakness {RW}",
            f"{V} gk:onWeakness gkid:inspection/elsewhere/initial/2018-01/weakness/0",
        )
    )
    assert _fired(validate_graph(_world(update)), "VerdictOnSameAreaWeaknessShape") == ["violation"]


def test_plain_graph_is_validated_as_one_unit() -> None:
    ds = _world()
    g = Graph()
    for t in ds.graph(URIRef("https://w3id.org/graphkit/id/graph/initial-x")):
        g.add(t)
    report = validate_graph(g)
    assert report.documents == 1 and report.results == []
    g.remove((URIRef(WK[1:-1]), URIRef("https://w3id.org/graphkit/def#statementText"), None))
    assert _fired(validate_graph(g), "WeaknessTextShape") == ["violation"]


def test_validation_leaves_the_dataset_alone() -> None:
    ds = _world()
    before = len(ds)
    validate_graph(ds)
    assert len(ds) == before
    assert not any(q[1] == RDFS.subClassOf for q in ds)
