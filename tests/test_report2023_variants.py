"""The 2023-framework report extractor over fictional reports drawn at test time (``pdfgen``).

Each report combines variations the real reports show (``shared/VARIATIONS.md`` §2d) that the
24 real PDFs lack; every area, body, person and sentence here is fictional. Each report is read
twice: as its PDF (tables read by position) and as a ``.txt`` copy of the PDF's text (tables
read from the flattened text), and the summary fields it states are asserted exactly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")

from pdfgen import Report, pdf_text, write_report  # noqa: E402

from graphkit.extract import extract  # noqa: E402
from graphkit.extract.summary import to_summary  # noqa: E402
from graphkit.model import Extraction  # noqa: E402
from graphkit.read.document import read_document  # noqa: E402

# --- shared wording ----------------------------------------------------------------------------

WIDESPREAD = (
    "There are widespread and/or systemic failings leading to significant concerns about the experiences and "
    "outcomes of children and young people with special educational needs and/or disabilities (SEND), which "
    "the local area partnership must address urgently."
)
MONITORING = (
    "A monitoring inspection will be carried out within approximately 18 months. The next full reinspection "
    "will be within approximately three years."
)
POSITIVE = (
    "The local area partnership’s special educational needs and/or disabilities (SEND) arrangements typically "
    "lead to positive experiences and outcomes for children and young people with SEND. The local area "
    "partnership is taking action where improvements are needed."
)
INCONSISTENT = (
    "The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children and "
    "young people with special educational needs and/or disabilities (SEND). The local area partnership must "
    "work jointly to make improvements."
)
ASK = (
    "Ofsted and the CQC ask that the local area partnership updates and strengthens its strategic plan based "
    "on the recommendations set out in this report."
)


def _lorem(place: str, n: int) -> str:
    sentences = [
        f"Children and young people in {place} usually get the help they need from the people who know them.",
        "Families say that staff listen to them and explain what will happen next.",
        "Some young people told inspectors that they would like more say in the plans made for them.",
        "Waiting times for some therapies remain too long, although they are shorter than last year.",
    ]
    return " ".join(sentences[k % len(sentences)] for k in range(n))


def _narrative(place: str) -> dict[str, Any]:
    return {
        "like": [_lorem(place, 5), _lorem(place, 3), _lorem(place, 6)],
        "effective": [_lorem(place, 3), _lorem(place, 2), _lorem(place, 4)],
        "better": [_lorem(place, 2), _lorem(place, 3)],
    }


ABOUT_TEAM = (
    "The inspection was led by one of His Majesty’s Inspectors (HMI) from Ofsted, with a team of inspectors "
    "including an HMI from social care and an Ofsted Inspector from education; a lead Children’s Services "
    "Inspector from the Care Quality Commission (CQC); and another Children’s Services Inspector from the CQC."
)

# --- the reports -------------------------------------------------------------------------------

ASHBY = Report(
    area="Ashby-on-Wold",
    title=["Area SEND inspection of Ashby-on-", "Wold Local Area Partnership"],  # name wrapped at its hyphen
    cover_label="Local Area Partnership report",
    dates="29 January 2024 to 6 February 2024",  # a 9-day span across months
    previous_label="Dates of previous inspections:",
    previous="9 to 13 October 2017",
    outcome=[
        WIDESPREAD,
        MONITORING,
        "As a result of this inspection, His Majesty’s Chief Inspector requires the local area partnership to "
        "prepare and submit a priority action plan (area SEND) to address the identified areas for priority action.",
    ],
    info=[
        "Ashby-on-Wold Borough Council and NHS Wold and Fenland Integrated Care Board (ICB) are jointly "
        "responsible for the planning and commissioning of services for children and young people with SEND in "
        "Ashby-on-Wold.",
        "The commissioning of health services changed across England in 2022. On 1 July 2022, NHS Wold and "
        "Fenland ICB took over the commissioning of health services from NHS Ashby CCG and NHS Upper Wold "
        "Clinical Commissioning Group.",
        "Leaders work with the parent carer forum, known as Wold Voices Together, to shape new services.",
    ],
    **_narrative("Ashby-on-Wold"),
    priority=[
        (
            "Ashby-on-Wold Borough Council and NHS Wold and Fenland ICB",
            [
                "Leaders should act quickly to reduce the waiting times for speech and language therapy so that "
                "children get help early."
            ],
        ),
        (
            "Ashby-on-Wold Borough Council",
            [
                "Leaders should improve the timeliness and quality of education, health and care plans. This "
                "should include:",
                "• making sure that advice from health professionals arrives on time",
                "• checking that plans are reviewed every year and updated promptly",
                "• making sure that plans describe what children and young people want to achieve as they grow "
                "older and prepare for adult life.",
            ],
        ),
        (
            "NHS Wold and Fenland ICB",
            ["Leaders should make sure that young people moving to adult health services are well prepared."],
        ),
    ],
    improvements=[
        "Leaders should strengthen how they gather the views of children and young people. They should use these "
        "views to plan services.",
        "Leaders should make sure that the local offer is accurate and easy to use.",
    ],
    details=[
        ("Local authority", "Integrated care board"),
        ("Ashby-on-Wold Borough Council", "NHS Wold and Fenland Integrated Care Board"),
        ("Ms Petra Quennell, Director of Children’s Services", "Dr Malcolm Ostrander CBE, Chief Executive"),
        ("www.ashby-on-wold.gov.uk", "www.woldfenland.icb.nhs.uk"),
        ("Civic Centre\nAshby-on-Wold\nAW1 2XY", "Fen House\nWoldham\nWF3 4ZZ"),
    ],
    about=[ABOUT_TEAM],
    team=[
        ("Nadia Penhallow HMI, Ofsted Lead inspector", "Owen Threlfall, CQC Lead inspector"),
        ("Rory Castellane, Ofsted HMI, Lead inspector", "Tamsin Greaves, CQC inspector"),
        ("Felicity Ambler, Ofsted HMI (social care)", ""),
        ("Mr Ivor Blakeney, Ofsted Inspector", ""),
    ],
)

ASHBY_EXPECTED: dict[str, Any] = {
    "kind": "area_send_2023",
    "area": "Ashby-on-Wold",
    "visit_start": "2024-01-29",
    "visit_end": "2024-02-06",
    "previous_inspection": "9 to 13 October 2017",
    "outcome": "widespread_failings",
    "monitoring_inspection_within_months": 18,
    "next_full_inspection_within_years": 3,
    "priority_action_plan_required": True,
    "local_authority": "Ashby-on-Wold Borough Council",
    "icbs": ["NHS Wold and Fenland Integrated Care Board"],
    "ccgs": ["NHS Ashby CCG", "NHS Upper Wold Clinical Commissioning Group"],
    "parent_carer_forum": "Wold Voices Together",
    "priority_actions": [
        {
            "responsible_body": "Ashby-on-Wold Borough Council and NHS Wold and Fenland ICB",
            "text": ASHBY.priority[0][1][0],
        },
        {"responsible_body": "Ashby-on-Wold Borough Council", "text": " ".join(ASHBY.priority[1][1])},
        {"responsible_body": "NHS Wold and Fenland ICB", "text": ASHBY.priority[2][1][0]},
    ],
    "improvements": ASHBY.improvements,
    "people": [
        {"name": "Nadia Penhallow", "roles": ["HMI", "Ofsted Lead inspector"], "organisation": "Ofsted"},
        {"name": "Rory Castellane", "roles": ["Ofsted HMI", "Lead inspector"], "organisation": "Ofsted"},
        {"name": "Felicity Ambler", "roles": ["Ofsted HMI (social care)"], "organisation": "Ofsted"},
        {"name": "Ivor Blakeney", "roles": ["Ofsted Inspector"], "organisation": "Ofsted"},
        {"name": "Owen Threlfall", "roles": ["CQC Lead inspector"], "organisation": "CQC"},
        {"name": "Tamsin Greaves", "roles": ["CQC inspector"], "organisation": "CQC"},
        {
            "name": "Petra Quennell",
            "roles": ["Director of Children’s Services"],
            "organisation": "Ashby-on-Wold Borough Council",
        },
        {
            "name": "Malcolm Ostrander",
            "roles": ["Chief Executive"],
            "organisation": "NHS Wold and Fenland Integrated Care Board",
        },
    ],
}

MARLOWE = Report(
    area="Marlowe",
    title=["Area SEND inspection of the Marlowe", "Local Area Partnership"],
    dates="23 September to 27 September 2024",
    previous_label="Date of previous inspection:",
    previous="16 May 2016",
    outcome=[
        POSITIVE,
        ASK,
        "The next full area SEND inspection will be within approximately 5 years.",
    ],
    info=[
        "Marlowe County Council, NHS North Fen Integrated Care Board, NHS Saltmarsh ICB and NHS Three Rivers ICB "
        "are jointly responsible for the planning and commissioning of services for children and young people "
        "with SEND in Marlowe.",
        "In July 2022, the three ICBs took over the commissioning of health services from 5 clinical "
        "commissioning groups across the county.",
        "‘Marlowe Parents Together’, the local parent carer forum, works closely with leaders.",
    ],
    like_heading="What is it like to be a child or young person in this area?",
    bullet="▪",
    **_narrative("Marlowe"),
    improvements=[
        "Leaders should improve how quickly children and young people are assessed for autism. They should "
        "check that families know how to get support while they wait.",
        "Leaders should make sure that annual reviews of education, health and care plans take place on time.",
        "Leaders should develop the range of alternative provision so that pupils who cannot attend school get "
        "a good education.",
    ],
    details=[
        ("Local authority", "Integrated care boards"),
        ("Marlowe County Council", "NHS North Fen ICB\nNHS Saltmarsh ICB\nNHS Three Rivers ICB"),
        (
            "Mrs Harriet Sandoval (OBE), Executive Lead for SEND",
            "Gwendolyn Marsh, Chief Executive, North Fen ICB\nDr Caspar Whitlow, Chief Executive Officer, "
            "Saltmarsh ICB\nKwame Asante, Place Director, Three Rivers ICB",
        ),
        ("www.marlowe.gov.uk", "www.northfen.icb.nhs.uk"),
    ],
    team=[
        ("Beatrix Lumley, Ofsted HMI Lead inspector", "Soren Achterberg, CQC Lead inspector"),
        ("Conrad Feld, HMI, Lead inspector", "Ines Calloway, CQC inspector"),
        ("Deirdre Okafor, Ofsted HMI, Social Care", ""),
    ],
)

MARLOWE_EXPECTED: dict[str, Any] = {
    "area": "Marlowe",
    "visit_start": "2024-09-23",
    "visit_end": "2024-09-27",
    "previous_inspection": "16 May 2016",
    "outcome": "positive",
    "monitoring_inspection_within_months": None,
    "next_full_inspection_within_years": 5,
    "priority_action_plan_required": False,
    "local_authority": "Marlowe County Council",
    "icbs": ["NHS North Fen Integrated Care Board", "NHS Saltmarsh ICB", "NHS Three Rivers ICB"],
    "ccgs": [],
    "parent_carer_forum": "Marlowe Parents Together",
    "priority_actions": [],
    "improvements": MARLOWE.improvements,
    "people": [
        {"name": "Beatrix Lumley", "roles": ["Ofsted HMI Lead inspector"], "organisation": "Ofsted"},
        {"name": "Conrad Feld", "roles": ["HMI", "Lead inspector"], "organisation": "Ofsted"},
        {"name": "Deirdre Okafor", "roles": ["Ofsted HMI", "Social Care"], "organisation": "Ofsted"},
        {"name": "Soren Achterberg", "roles": ["CQC Lead inspector"], "organisation": "CQC"},
        {"name": "Ines Calloway", "roles": ["CQC inspector"], "organisation": "CQC"},
        {"name": "Harriet Sandoval", "roles": ["Executive Lead for SEND"], "organisation": "Marlowe County Council"},
        {
            "name": "Gwendolyn Marsh",
            "roles": ["Chief Executive, North Fen ICB"],
            "organisation": "NHS North Fen ICB",
        },
        {
            "name": "Caspar Whitlow",
            "roles": ["Chief Executive Officer, Saltmarsh ICB"],
            "organisation": "NHS Saltmarsh ICB",
        },
        {
            "name": "Kwame Asante",
            "roles": ["Place Director, Three Rivers ICB"],
            "organisation": "NHS Three Rivers ICB",
        },
    ],
}

DUNMORE = Report(
    area="West Dunmore",
    title=["Area SEND inspection of West Dunmore", "Local Area Partnership"],
    dates="11 to 15 March 2024",
    footer_comma=True,
    previous="The previous full inspection was on 19 March 2018. There was a subsequent revisit on 24 March 2020.",
    outcome=[
        "The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children "
        "and young people with special educational needs and/disabilities (SEND). The local area partnership "
        "must work jointly to make improvements.",
        "Ofsted and Care Quality Commission (CQC) ask that the local area partnership updates and strengthens its "
        "strategic plan based on the recommendations set out in this report.",
        "The next full reinspection will take place within approximately 3 years.",
    ],
    info=[
        "West Dunmore Council, Dunmore Children’s Trust and NHS Dunmore and Vale Integrated Care Board are "
        "jointly responsible for the planning and commissioning of services for children and young people with "
        "SEND in West Dunmore.",
        "Dunmore Children’s Trust delivers children’s social care on behalf of North Dunmore Council and West "
        "Dunmore Council. The parent carer forum (PCF) is represented on the SEND partnership board.",
        "The commissioning of health services changed across England in 2022. On 1 July 2022, NHS Dunmore and "
        "Vale ICB became responsible for the commissioning of health services in West Dunmore.",
    ],
    **_narrative("West Dunmore"),
    improvements=[
        "Leaders should improve the quality of information shared between schools and health services when "
        "children move between settings.",
        "Leaders should check that the impact of their work is measured well, so that they know which actions "
        "make the greatest difference.",
    ],
    details=[
        ("Local authority", "Integrated care board"),
        ("West Dunmore Council", "NHS Dunmore and Vale Integrated Care Board"),
        ("Alun Pryce", "Rosalind Tremaine, Director of Nursing"),
        ("www.westdunmore.gov.uk", "www.dunmorevale.icb.nhs.uk"),
    ],
    team=[
        ("Mr Tobias Renwick, Ofsted Lead inspector", "Priya Halloran, CQC Lead inspector"),
        ("Yasmin Stroud, Ofsted HMI, Social Care", "Gareth Lund, CQC inspector"),
    ],
)

DUNMORE_EXPECTED: dict[str, Any] = {
    "area": "West Dunmore",
    "visit_start": "2024-03-11",
    "visit_end": "2024-03-15",
    "previous_inspection": DUNMORE.previous,
    "outcome": "inconsistent",
    "monitoring_inspection_within_months": None,
    "next_full_inspection_within_years": 3,
    "priority_action_plan_required": False,
    "local_authority": "West Dunmore Council",
    "icbs": ["NHS Dunmore and Vale Integrated Care Board"],
    "ccgs": [],
    "parent_carer_forum": None,
    "priority_actions": [],
    "improvements": DUNMORE.improvements,
    "people": [
        {"name": "Tobias Renwick", "roles": ["Ofsted Lead inspector"], "organisation": "Ofsted"},
        {"name": "Yasmin Stroud", "roles": ["Ofsted HMI", "Social Care"], "organisation": "Ofsted"},
        {"name": "Priya Halloran", "roles": ["CQC Lead inspector"], "organisation": "CQC"},
        {"name": "Gareth Lund", "roles": ["CQC inspector"], "organisation": "CQC"},
        {"name": "Alun Pryce", "roles": [], "organisation": "West Dunmore Council"},
        {
            "name": "Rosalind Tremaine",
            "roles": ["Director of Nursing"],
            "organisation": "NHS Dunmore and Vale Integrated Care Board",
        },
    ],
}

EASTMERE = Report(
    area="Eastmere",
    title=["Area SEND inspection of Eastmere Local", "Area Partnership"],
    dates="13 May 2024 to 17 May 2024",
    previous="3 June 2019",
    outcome=[
        "The local area partnership’s special educational needs and/or disability (SEND) arrangements typically "
        "lead to positive experiences and outcomes for children and young people with SEND.",
        "Ofsted and the Quality Care Commission (CQC) ask that the local area partnership updates and strengthens "
        "its strategic plan based on the recommendations set out in this report.",
        "The next full reinspection will be within five years.",
    ],
    info=[
        "Eastmere County Council, NHS Eastmere and Fens ICB and NHS Northmarsh ICB are jointly responsible for the "
        "planning and commissioning of services for children and young people with SEND in Eastmere.",
        "The commissioning of health services changed across England in 2022. On 1 July 2022, the two ICBs "
        "took over the commissioning of health services from three CCGs (Eastmere, Northmarsh and Fenby & Holme).",
        "Leaders work with Eastmere Family Voice, the local parent carer forum.",
    ],
    **_narrative("Eastmere"),
    improvements=[
        "Leaders should make sure that all schools use the new guidance on the graduated approach.",
        "Leaders should improve the sufficiency of specialist places close to home.",
    ],
    details=[
        ("Local authority", "Integrated care boards"),
        (
            "Name of authority: Eastmere County Council",
            "Name of ICB: NHS Eastmere and Fens ICB\nName of ICB: NHS Northmarsh ICB",
        ),
        (
            "Name of lead person: Ms Lorna Vickery, Corporate Director",
            "Name of lead person: Dr Idris Fairweather, Chief Executive",
        ),
        ("www.eastmere.gov.uk", "www.eastmerefens.icb.nhs.uk"),
    ],
    team=[
        ("Hester Quayle, Ofsted HMI Lead inspector", "Lionel Okonjo, CQC Lead inspector"),
        ("Magnus Oduya, Ofsted Inspector", "Clara Benning, CQC inspector"),
    ],
)

EASTMERE_EXPECTED: dict[str, Any] = {
    "area": "Eastmere",
    "visit_start": "2024-05-13",
    "visit_end": "2024-05-17",
    "previous_inspection": "3 June 2019",
    "outcome": "positive",
    "monitoring_inspection_within_months": None,
    "next_full_inspection_within_years": 5,
    "priority_action_plan_required": False,
    "local_authority": "Eastmere County Council",
    "icbs": ["NHS Eastmere and Fens ICB", "NHS Northmarsh ICB"],
    "ccgs": [],
    "parent_carer_forum": "Eastmere Family Voice",
    "priority_actions": [],
    "improvements": EASTMERE.improvements,
    "people": [
        {"name": "Hester Quayle", "roles": ["Ofsted HMI Lead inspector"], "organisation": "Ofsted"},
        {"name": "Magnus Oduya", "roles": ["Ofsted Inspector"], "organisation": "Ofsted"},
        {"name": "Lionel Okonjo", "roles": ["CQC Lead inspector"], "organisation": "CQC"},
        {"name": "Clara Benning", "roles": ["CQC inspector"], "organisation": "CQC"},
        {"name": "Lorna Vickery", "roles": ["Corporate Director"], "organisation": "Eastmere County Council"},
        {"name": "Idris Fairweather", "roles": ["Chief Executive"], "organisation": "NHS Eastmere and Fens ICB"},
    ],
}

TYNEBURY = Report(
    area="Tynebury",
    title=["Area SEND inspection of Tynebury Local Area Partnership"],
    dates="4 November 2024 to 8 November 2024",
    previous="Not previously inspected",
    outcome=[
        WIDESPREAD,
        MONITORING,
        "As a result of this inspection, HMCI requires the local area partnership to "
        "prepare and submit a priority action plan (area SEND) to address the identified areas for priority "
        "action.",
    ],
    info=[
        "The commissioning of health services changed across England in 2022. On 1 July 2022, NHS Northern Lights "
        "Integrated Care Board became responsible for the commissioning of health services in Tynebury.",
        "Tynebury commissions alternative provision for pupils who cannot attend school.",
    ],
    bullet="▪",
    **_narrative("Tynebury"),
    spacer_before_priority=120.0,  # the second row's body cell breaks across the page
    priority=[
        (
            "Tynebury Metropolitan Borough Council and NHS Northern Lights Integrated Care Board (ICB)",
            ["Leaders should urgently improve the timeliness of assessments for children who may have autism."],
        ),
        (
            "Tynebury Metropolitan Borough Council, NHS Northern Lights Integrated Care Board (ICB) and the "
            "Tynebury and Coast Community Health Foundation Trust",
            ["Leaders should improve access to therapies for young people aged 16 to 25."],
        ),
    ],
    improvements=["Leaders should make sure that the views of children are recorded in their plans."],
    details=[
        ("Local authority", "Integrated care board"),
        ("Tynebury Metropolitan Borough Council", "NHS Northern Lights Integrated Care Board"),
        ("Esme Fairclough, Strategic Director, Children", "Professor Rupert Ashdown, Chief Executive"),
        ("www.tynebury.gov.uk", "www.northernlights.icb.nhs.uk"),
    ],
    team=[
        ("Gideon Marr, Ofsted HMI Lead inspector", "Yvette Pascoe, CQC Lead inspector"),
        ("Annika Voss, Ofsted HMI Lead inspector", "Hamish Teague, CQC inspector"),
        ("Rhiannon Pugh, Ofsted Inspector", ""),
    ],
)

TYNEBURY_EXPECTED: dict[str, Any] = {
    "area": "Tynebury",
    "visit_start": "2024-11-04",
    "visit_end": "2024-11-08",
    "previous_inspection": "Not previously inspected",
    "outcome": "widespread_failings",
    "monitoring_inspection_within_months": 18,
    "next_full_inspection_within_years": 3,
    "priority_action_plan_required": True,
    "local_authority": "Tynebury Metropolitan Borough Council",
    "icbs": ["NHS Northern Lights Integrated Care Board"],
    "ccgs": [],
    "parent_carer_forum": None,
    "priority_actions": [
        {
            "responsible_body": TYNEBURY.priority[0][0],
            "text": TYNEBURY.priority[0][1][0],
        },
        {
            "responsible_body": TYNEBURY.priority[1][0],
            "text": TYNEBURY.priority[1][1][0],
        },
    ],
    "improvements": TYNEBURY.improvements,
    "people": [
        {"name": "Gideon Marr", "roles": ["Ofsted HMI Lead inspector"], "organisation": "Ofsted"},
        {"name": "Annika Voss", "roles": ["Ofsted HMI Lead inspector"], "organisation": "Ofsted"},
        {"name": "Rhiannon Pugh", "roles": ["Ofsted Inspector"], "organisation": "Ofsted"},
        {"name": "Yvette Pascoe", "roles": ["CQC Lead inspector"], "organisation": "CQC"},
        {"name": "Hamish Teague", "roles": ["CQC inspector"], "organisation": "CQC"},
        {
            "name": "Esme Fairclough",
            "roles": ["Strategic Director, Children"],
            "organisation": "Tynebury Metropolitan Borough Council",
        },
        {
            "name": "Rupert Ashdown",
            "roles": ["Chief Executive"],
            "organisation": "NHS Northern Lights Integrated Care Board",
        },
    ],
}

RIVERSIDE = Report(
    area="Riverside",
    title=["Area SEND inspection of Riverside Local", "Area Partnership"],
    dates="2 to 6 December 2024",
    previous="14 to 18 November 2016",
    outcome=[
        INCONSISTENT,
        "Ofsted and the CQC ask that the local area partnership updates and strengthens its strategic plan.",
        "The next full area SEND inspection will be within approximately three years.",
    ],
    info=[
        "Riverside Borough Council, Bright Futures for Children (BFfC) and NHS South Riverside Integrated Care "
        "Board (ICB) are jointly responsible for the planning and commissioning of services for children and young "
        "people with SEND in Riverside.",
        "In 2022, NHS South Riverside ICB took over the commissioning of health services from NHS Riverside "
        "Clinical Commissioning Group (CCG).",
        "Leaders listen to the parent carer forum, Riverside Voices.",
    ],
    **_narrative("Riverside"),
    improvements=["Leaders should improve the transition from children’s to adult health services."],
    details=[
        ("Local authority", "Integrated care board"),
        ("Riverside Borough Council", "NHS South Riverside Integrated Care Board"),
        ("Celia Drummond, DCS", "Hugo Lanyon"),
        ("www.riverside.gov.uk", "www.southriverside.icb.nhs.uk"),
    ],
    team=[
        ("Petronella Ashe, Ofsted HMI, Lead inspector", "Wilfred Kaur, CQC Lead inspector"),
    ],
)

RIVERSIDE_EXPECTED: dict[str, Any] = {
    "area": "Riverside",
    "visit_start": "2024-12-02",
    "visit_end": "2024-12-06",
    "previous_inspection": "14 to 18 November 2016",
    "outcome": "inconsistent",
    "monitoring_inspection_within_months": None,
    "next_full_inspection_within_years": 3,
    "priority_action_plan_required": False,
    "local_authority": "Riverside Borough Council",
    "icbs": ["NHS South Riverside Integrated Care Board"],
    "ccgs": ["NHS Riverside Clinical Commissioning Group"],
    "parent_carer_forum": "Riverside Voices",
    "priority_actions": [],
    "improvements": RIVERSIDE.improvements,
    "people": [
        {"name": "Petronella Ashe", "roles": ["Ofsted HMI", "Lead inspector"], "organisation": "Ofsted"},
        {"name": "Wilfred Kaur", "roles": ["CQC Lead inspector"], "organisation": "CQC"},
        {"name": "Celia Drummond", "roles": ["DCS"], "organisation": "Riverside Borough Council"},
        {"name": "Hugo Lanyon", "roles": [], "organisation": "NHS South Riverside Integrated Care Board"},
    ],
}

REPORTS: dict[str, tuple[Report, dict[str, Any]]] = {
    "ashby-on-wold": (ASHBY, ASHBY_EXPECTED),
    "marlowe": (MARLOWE, MARLOWE_EXPECTED),
    "west-dunmore": (DUNMORE, DUNMORE_EXPECTED),
    "eastmere": (EASTMERE, EASTMERE_EXPECTED),
    "tynebury": (TYNEBURY, TYNEBURY_EXPECTED),
    "riverside": (RIVERSIDE, RIVERSIDE_EXPECTED),
}

# the flattened text cannot tell a bare name beside another entry on the same line from one long
# name ("Alun Pryce Rosalind Tremaine, Director of Nursing"): such tables are read only from PDFs
TEXT_LIMITS: dict[str, set[str]] = {"west-dunmore": {"people"}}

SUMMARY_FIELDS = (
    "kind",
    "area",
    "visit_start",
    "visit_end",
    "previous_inspection",
    "outcome",
    "monitoring_inspection_within_months",
    "next_full_inspection_within_years",
    "priority_action_plan_required",
    "local_authority",
    "icbs",
    "ccgs",
    "parent_carer_forum",
    "priority_actions",
    "improvements",
    "people",
)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fictional report as a PDF, and beside it a .txt copy of its text."""
    folder = tmp_path_factory.mktemp("reports2023")
    out: dict[str, Path] = {}
    for name, (report, _) in REPORTS.items():
        pdf = write_report(folder / f"{name}.pdf", report)
        (folder / f"{name}.txt").write_text(pdf_text(pdf), encoding="utf-8")
        out[name] = pdf
    return out


def _read(path: Path) -> tuple[Any, Extraction]:
    doc = read_document(path)
    return doc, extract(doc)


def _spans(doc: Any, x: Extraction) -> None:
    facts = [getattr(x, k) for k in ("area", "title", "visit_start", "outcome", "local_authority")]
    facts += [*x.icbs, *x.ccgs, *x.other_partners, *(i.text for i in x.improvements), *(f.text for f in x.findings)]
    for pa in x.priority_actions:
        facts += [pa.text, pa.responsible_body]
    for p in x.people:
        facts += [p.name, *p.roles, p.organisation]
    for f in facts:
        if f is not None and f.span is not None:
            assert doc.text[f.span.start : f.span.end] == f.span.quote, f


def _expected(name: str, fields: tuple[str, ...]) -> dict[str, Any]:
    exp = {"kind": "area_send_2023", **REPORTS[name][1]}
    return {k: exp[k] for k in fields if k in exp}


@pytest.mark.parametrize("name", list(REPORTS))
def test_pdf_summary(drawn: dict[str, Path], name: str) -> None:
    doc, x = _read(drawn[name])
    got = to_summary(x)
    exp = _expected(name, SUMMARY_FIELDS)
    assert {k: got[k] for k in exp} == exp
    _spans(doc, x)


@pytest.mark.parametrize("name", list(REPORTS))
def test_txt_summary(drawn: dict[str, Path], name: str) -> None:
    doc, x = _read(drawn[name].with_suffix(".txt"))
    assert doc.pdf is None
    got = to_summary(x)
    exp = _expected(name, tuple(f for f in SUMMARY_FIELDS if f not in TEXT_LIMITS.get(name, set())))
    assert {k: got[k] for k in exp} == exp
    _spans(doc, x)


def test_txt_bare_name_beside_entry_is_one_name(drawn: dict[str, Path]) -> None:
    # the documented limit of the text fallback: the PDF reads both people (test_pdf_summary)
    _, x = _read(drawn["west-dunmore"].with_suffix(".txt"))
    names = [p.name.value for p in x.people if p.context == "partnership"]
    assert names == ["Alun Pryce Rosalind Tremaine"]


def test_cells_across_page_breaks(drawn: dict[str, Path]) -> None:
    doc, x = _read(drawn["ashby-on-wold"])
    second = x.priority_actions[1].text.span
    assert second is not None and doc.page_of(second.start) != doc.page_of(second.end - 1)
    doc, x = _read(drawn["tynebury"])
    body = x.priority_actions[1].responsible_body
    assert body is not None and body.span is not None
    assert doc.page_of(body.span.start) != doc.page_of(body.span.end - 1)
    # the partnership details table of Marlowe and Eastmere starts on one page and ends on the next
    for name in ("marlowe", "eastmere", "west-dunmore"):
        _, x = _read(drawn[name])
        assert any(p.context == "partnership" for p in x.people), name


def test_other_partners_previous_dates_and_honorifics(drawn: dict[str, Path]) -> None:
    _, dunmore = _read(drawn["west-dunmore"])
    assert [o.value for o in dunmore.other_partners] == ["Dunmore Children’s Trust"]
    # free text naming a full inspection and a revisit: the full inspection's date
    assert (dunmore.previous_inspection_start, dunmore.previous_inspection_end) == (
        date(2018, 3, 19),
        date(2018, 3, 19),
    )
    _, riverside = _read(drawn["riverside"])
    assert [o.value for o in riverside.other_partners] == ["Bright Futures for Children (BFfC)"]
    _, tynebury = _read(drawn["tynebury"])
    assert (tynebury.previous_inspection_start, tynebury.previous_inspection_end) == (None, None)
    _, marlowe = _read(drawn["marlowe"])
    assert (marlowe.previous_inspection_start, marlowe.previous_inspection_end) == (date(2016, 5, 16),) * 2
    sandoval = next(p for p in marlowe.people if p.name.value == "Harriet Sandoval")
    assert (sandoval.honorific, sandoval.post_nominals) == ("Mrs", ("OBE",))
    _, ashby = _read(drawn["ashby-on-wold"])
    ostrander = next(p for p in ashby.people if p.name.value == "Malcolm Ostrander")
    assert (ostrander.honorific, ostrander.post_nominals) == ("Dr", ("CBE",))
    blakeney = next(p for p in ashby.people if p.name.value == "Ivor Blakeney")
    assert blakeney.honorific == "Mr"
    _, eastmere = _read(drawn["eastmere"])
    vickery = next(p for p in eastmere.people if p.name.value == "Lorna Vickery")
    assert vickery.honorific == "Ms"


# --- wording variants of the cover and outcome, one report each ---------------------------------

_VARIANTS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "positive-5-digits",
        {"outcome": [POSITIVE, ASK, "The next full area SEND inspection will be within approximately 5 years."]},
        {"outcome": "positive", "next_full_inspection_within_years": 5, "priority_action_plan_required": False},
    ),
    (
        "positive-disability-five-no-approximately",
        {
            "outcome": [
                "The local area partnership’s special educational needs and/or disability (SEND) arrangements "
                "typically lead to positive experiences and outcomes for children and young people with SEND.",
                "Ofsted and the Quality Care Commission (CQC) ask that the local area partnership updates its plan.",
                "The next full reinspection will be within five years.",
            ]
        },
        {"outcome": "positive", "next_full_inspection_within_years": 5},
    ),
    (
        "inconsistent-typo-take-place-3",
        {
            "outcome": [
                "The local area partnership’s arrangements lead to inconsistent experiences and outcomes for "
                "children and young people with special educational needs and/disabilities (SEND).",
                "Ofsted and Care Quality Commission (CQC) ask that the local area partnership updates its plan.",
                "The next full reinspection will take place within approximately 3 years.",
            ]
        },
        {"outcome": "inconsistent", "next_full_inspection_within_years": 3, "priority_action_plan_required": False},
    ),
    (
        "inconsistent-three-years",
        {
            "outcome": [
                INCONSISTENT,
                ASK,
                "The next full area SEND inspection will be within approximately three years.",
            ]
        },
        {"outcome": "inconsistent", "next_full_inspection_within_years": 3},
    ),
    (
        "widespread-hmci",
        {
            "outcome": [
                WIDESPREAD,
                MONITORING,
                "As a result of this inspection, HMCI requires the local area partnership to prepare and submit a "
                "priority action plan (area SEND) to address the identified areas for priority action.",
            ]
        },
        {
            "outcome": "widespread_failings",
            "monitoring_inspection_within_months": 18,
            "next_full_inspection_within_years": 3,
            "priority_action_plan_required": True,
        },
    ),
    (
        "widespread-his-majestys-chief-inspector",
        {
            "outcome": [
                WIDESPREAD,
                MONITORING,
                "As a result of this inspection, His Majesty’s Chief Inspector requires the local area partnership "
                "to prepare and submit a priority action plan (area SEND) to address the identified areas.",
            ]
        },
        {"outcome": "widespread_failings", "priority_action_plan_required": True},
    ),
    (
        "dates-full-both-sides-across-years",
        {"dates": "31 December 2024 to 8 January 2025"},
        {"visit_start": "2024-12-31", "visit_end": "2025-01-08"},
    ),
    (
        "dates-month-repeated-no-first-year",
        {"dates": "23 September to 27 September 2024"},
        {"visit_start": "2024-09-23", "visit_end": "2024-09-27"},
    ),
    (
        "previous-revisit-range",
        {"previous_label": "Dates of previous inspection:", "previous": "13 to 15 May 2019"},
        {"previous_inspection": "13 to 15 May 2019"},
    ),
    (
        "previous-not-inspected",
        {"previous": "Not previously inspected"},
        {"previous_inspection": "Not previously inspected"},
    ),
]


@pytest.mark.parametrize("variant, changes, expected", _VARIANTS, ids=[v[0] for v in _VARIANTS])
def test_wording_variants(tmp_path: Path, variant: str, changes: dict[str, Any], expected: dict[str, Any]) -> None:
    report = replace(MARLOWE, **changes)
    pdf = write_report(tmp_path / f"{variant}.pdf", report)
    got = to_summary(extract(read_document(pdf)))
    assert {k: got[k] for k in expected} == expected
    txt = tmp_path / f"{variant}.txt"
    txt.write_text(pdf_text(pdf), encoding="utf-8")
    got = to_summary(extract(read_document(txt)))
    assert {k: got[k] for k in expected} == expected
