"""The 2023-framework report extractor over the real reports in ``../shared/letters/2023-framework``."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import score_summaries

from graphkit.extract import extract
from graphkit.extract.summary import to_summary
from graphkit.model import Extraction, Fact
from graphkit.read.document import read_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPORTS = SHARED / "letters" / "2023-framework"
SCORE = SHARED / "tools" / "score.py"

if not REPORTS.is_dir():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{REPORTS} is missing: the real reports are required in CI")
    pytest.skip(f"the real reports are not here ({REPORTS} is missing)", allow_module_level=True)

PDFS = sorted(REPORTS.glob("*.pdf"))


def _read(stem: str) -> tuple[object, Extraction]:
    doc = read_document(REPORTS / f"{stem}.pdf")
    return doc, extract(doc)


def _facts(x: Extraction) -> list[Fact]:  # type: ignore[type-arg]
    out: list[Fact] = []  # type: ignore[type-arg]
    for name in (
        "area",
        "title",
        "visit_start",
        "visit_end",
        "local_authority",
        "outcome",
        "previous_inspection",
        "next_full_inspection_within_years",
        "monitoring_inspection_within_months",
        "priority_action_plan_required",
        "parent_carer_forum",
    ):
        f = getattr(x, name)
        if f is not None:
            out.append(f)
    out += [*x.icbs, *x.ccgs, *x.other_partners]
    for pa in x.priority_actions:
        out.append(pa.text)
        if pa.responsible_body:
            out.append(pa.responsible_body)
    out += [i.text for i in x.improvements]
    out += [f.text for f in x.findings]
    for p in x.people:
        out.append(p.name)
        out += list(p.roles)
        if p.organisation:
            out.append(p.organisation)
    return out


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_every_span_quotes_the_text(pdf: Path) -> None:
    doc = read_document(pdf)
    x = extract(doc)
    assert x.kind == "area_send_2023"
    for f in _facts(x):
        assert f.span is not None, f
        assert doc.text[f.span.start : f.span.end] == f.span.quote, f


def test_bury_priority_actions_and_facts() -> None:
    _, x = _read("bury-area-send-2024-02")
    assert x.area and x.area.value == "Bury"
    assert x.visit_start and x.visit_start.value == date(2024, 2, 12)
    assert x.visit_end and x.visit_end.value == date(2024, 2, 16)
    assert x.outcome and x.outcome.value == "widespread_failings"
    assert x.monitoring_inspection_within_months and x.monitoring_inspection_within_months.value == 18
    assert x.next_full_inspection_within_years and x.next_full_inspection_within_years.value == 3
    assert x.priority_action_plan_required and x.priority_action_plan_required.value is True
    assert x.previous_inspection and x.previous_inspection.value == "13 to 15 May 2019"
    assert (x.previous_inspection_start, x.previous_inspection_end) == (date(2019, 5, 13), date(2019, 5, 15))
    assert x.local_authority and x.local_authority.value == "Bury Council"
    assert [i.value for i in x.icbs] == ["NHS Greater Manchester Integrated Care Board"]
    assert len(x.priority_actions) == 6
    assert {p.responsible_body.value for p in x.priority_actions if p.responsible_body} == {
        "Bury Metropolitan Borough Council and NHS Greater Manchester ICB"
    }
    third = x.priority_actions[2].text.value
    assert third.startswith("Leaders across the partnership should improve the quality and availability")
    assert third.endswith("locally agreed neurodevelopmental diagnostic pathway.")
    assert len(x.improvements) == 3
    assert x.parent_carer_forum and x.parent_carer_forum.value == "Bury2gether"
    lead = next(p for p in x.people if p.name.value == "Adam Sproston")
    assert [r.value for r in lead.roles] == ["HMI", "Ofsted lead inspector"]
    assert lead.organisation and lead.organisation.value == "Ofsted"


def test_priority_action_cells_spanning_pages_and_interleaved() -> None:
    # Halton's third row breaks across a page; Derbyshire's body cell ends on the next page
    _, halton = _read("halton-area-send-2023-11")
    assert len(halton.priority_actions) == 5
    third = halton.priority_actions[2]
    assert third.text.value.endswith("sufficient support to have their needs met effectively.")
    assert third.responsible_body and third.responsible_body.value == (
        "Halton Borough Council and NHS Cheshire and Merseyside Integrated Care Board (ICB)"
    )
    _, derby = _read("derbyshire-area-send-2024-09")
    assert len(derby.priority_actions) == 6
    body = derby.priority_actions[1].responsible_body
    assert body and body.value.endswith("Derbyshire Integrated Care Board")
    _, notts = _read("nottinghamshire-area-send-2023-01")
    assert [p.responsible_body.value for p in notts.priority_actions if p.responsible_body][1] == (
        "NHS Nottingham and Nottinghamshire Integrated Care Board"
    )


@pytest.mark.parametrize(
    "stem, outcome, years, months",
    [
        ("bolton-area-send-2024-06", "positive", 5, None),
        ("enfield-area-send-2023-03", "inconsistent", 3, None),  # "needs and/disabilities"
        ("wiltshire-area-send-2024-10", "positive", 5, None),  # "within five years", no "approximately"
        ("nottinghamshire-area-send-2023-01", "widespread_failings", 3, 18),
    ],
)
def test_outcomes_and_intervals(stem: str, outcome: str, years: int, months: int | None) -> None:
    _, x = _read(stem)
    assert x.outcome and x.outcome.value == outcome
    assert x.next_full_inspection_within_years and x.next_full_inspection_within_years.value == years
    assert (x.monitoring_inspection_within_months.value if x.monitoring_inspection_within_months else None) == months
    assert x.priority_action_plan_required and x.priority_action_plan_required.value is (
        outcome == "widespread_failings"
    )


def test_bodies_and_former_ccgs() -> None:
    _, essex = _read("essex-area-send-2026-01")
    assert len(essex.icbs) == 3 and essex.ccgs == ()  # "5 clinical commissioning groups" is generic
    _, notts = _read("nottinghamshire-area-send-2023-01")
    assert [c.value for c in notts.ccgs] == [
        "Nottingham and Nottinghamshire Clinical Commissioning Group",
        "Bassetlaw CCG",
    ]
    _, sussex = _read("east-sussex-area-send-2024-11")
    assert sussex.ccgs == ()
    _, gates = _read("gateshead-area-send-2023-05")  # no responsible-bodies sentence
    assert gates.local_authority and gates.local_authority.value == "Gateshead Metropolitan Borough Council"
    assert [i.value for i in gates.icbs] == ["North East and North Cumbria Integrated Care Board"]


def test_partnership_people() -> None:
    _, bolton = _read("bolton-area-send-2024-06")
    brown = next(p for p in bolton.people if p.name.value == "Bernie Brown")
    assert brown.honorific == "Ms" and brown.context == "partnership"
    assert brown.organisation and brown.organisation.value == "Bolton Council"
    _, hull = _read("kingston-upon-hull-area-send-2023-11")
    eames = next(p for p in hull.people if p.name.value == "Stephen Eames")
    assert eames.post_nominals == ("CBE",)
    _, ny = _read("north-yorkshire-area-send-2024-04")
    orgs = {p.name.value: p.organisation.value for p in ny.people if p.organisation}
    assert orgs["Rob Webster"] == "West Yorkshire ICB"
    assert orgs["Stephen Eames"] == "NHS Humber and North Yorkshire ICB"


def test_findings() -> None:
    _, x = _read("bury-area-send-2024-02")
    strengths = [f for f in x.findings if f.polarity == "strength"]
    weaknesses = [f for f in x.findings if f.polarity == "weakness"]
    assert len(strengths) == 13 and len(weaknesses) == 18
    assert any(f.polarity == "neutral" for f in x.findings)


@pytest.mark.skipif(not SCORE.is_file(), reason="score.py is missing")
def test_micro_f1_against_answer_keys(tmp_path: Path) -> None:
    summaries = []
    for pdf in PDFS:
        summaries.append(to_summary(extract(read_document(pdf)), source=pdf.name))
    f1, report, _ = score_summaries(SHARED, summaries, tmp_path, misses=40)
    print(report)
    assert f1 >= 0.98, report


@pytest.mark.skipif(not SCORE.is_file(), reason="score.py is missing")
def test_text_copies_against_answer_keys(tmp_path: Path) -> None:
    """The same reports given as text copied from the PDF (PDFium's page text; nothing is kept in
    the repo): the tables are read from the flattened text."""
    import pypdfium2 as pdfium

    summaries = []
    for pdf in PDFS:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()
        txt = tmp_path / f"{pdf.stem}.txt"
        txt.write_text(text.replace("\r\n", "\n"), encoding="utf-8")
        summaries.append(to_summary(extract(read_document(txt)), source=txt.name))
    f1, report, _ = score_summaries(SHARED, summaries, tmp_path, misses=40)
    print(report)
    assert f1 >= 0.99, report
