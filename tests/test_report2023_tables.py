"""People tables of the 2023 reports in layouts the 24 real PDFs lack, drawn at test time (``pdfgen``):

* an inspection team table that runs on past a page break (the rows after it were lost),
* partnership leaders whose name and role share a cell without a comma ("Name – role",
  "Name - role", "Name Role"), or two to a cell each with a role in brackets naming their own board,
* each leader's organisation read from their own entry, not the union of the boards the column lists,
* running footers after the last item of a list, as other PDF libraries copy them.

Each report is read as its PDF, as PDFium's text copy and (where installed) as copies by pypdf and
pdftotext. Every area, body, person and sentence here is fictional.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")

from pdfgen import Report, pdf_text, write_report  # noqa: E402
from test_report2023_variants import ABOUT_TEAM, INCONSISTENT, _narrative  # noqa: E402

from graphkit.extract import extract  # noqa: E402
from graphkit.model import Extraction  # noqa: E402
from graphkit.read import read_document  # noqa: E402

try:  # the summary's home after the modules move into sub-packages
    from graphkit.extract.summary import to_summary
except ImportError:  # pragma: no cover - before the move
    from graphkit.extract.summary import to_summary  # type: ignore[no-redef]

TEAM = [
    ("Hollis Varga, Ofsted Lead inspector", "Ines Morrow, CQC Lead inspector"),
    ("Osric Penhale, Ofsted HMI", "Thea Rookwood, CQC inspector"),
    ("Wendell Saffery, Ofsted HMI", "Marisol Kettering, CQC inspector"),
    ("Corin Ashdown, Ofsted Inspector", "Lowri Fenchurch, CQC inspector"),
]
TEAM_PEOPLE = [
    {"name": "Hollis Varga", "roles": ["Ofsted Lead inspector"], "organisation": "Ofsted"},
    {"name": "Osric Penhale", "roles": ["Ofsted HMI"], "organisation": "Ofsted"},
    {"name": "Wendell Saffery", "roles": ["Ofsted HMI"], "organisation": "Ofsted"},
    {"name": "Corin Ashdown", "roles": ["Ofsted Inspector"], "organisation": "Ofsted"},
    {"name": "Ines Morrow", "roles": ["CQC Lead inspector"], "organisation": "CQC"},
    {"name": "Thea Rookwood", "roles": ["CQC inspector"], "organisation": "CQC"},
    {"name": "Marisol Kettering", "roles": ["CQC inspector"], "organisation": "CQC"},
    {"name": "Lowri Fenchurch", "roles": ["CQC inspector"], "organisation": "CQC"},
]

FENWICK = Report(
    area="Fenwick",
    title=["Area SEND inspection of Fenwick Local", "Area Partnership"],
    dates="3 to 7 March 2025",
    previous="Not previously inspected",
    outcome=[
        INCONSISTENT,
        "The next full area SEND inspection will be within approximately three years.",
    ],
    info=[
        "Fenwick Borough Council, NHS Northfen ICB and NHS Southfen ICB are jointly responsible for the "
        "planning and commissioning of services for children and young people with SEND in Fenwick.",
    ],
    **_narrative("Fenwick"),
    improvements=[
        "Leaders should make sure that families know where to find help while they wait for an assessment.",
        "Leaders should improve how quickly plans are updated after each annual review.",
    ],
    details=[
        ("Local authority", "Integrated care boards"),
        ("Fenwick Borough Council", "NHS Northfen ICB and NHS Southfen ICB"),
        (
            "Jo Tranter – Corporate Director of Children’s Services",
            "Dr Amara Quist (Chief Executive, NHS Southfen ICB) Beatrix Lowe (Chief Executive, NHS Northfen ICB)",
        ),
        ("www.fenwick.gov.uk", "www.northfen.icb.nhs.uk"),
    ],
    about=[ABOUT_TEAM],
    team=TEAM,
    spacer_before_team=540.0,  # the team table starts low on a page; two of its rows are on the next
)

LEADERS = [
    {
        "name": "Jo Tranter",
        "roles": ["Corporate Director of Children’s Services"],
        "organisation": "Fenwick Borough Council",
    },
    {"name": "Amara Quist", "roles": ["Chief Executive, NHS Southfen ICB"], "organisation": "NHS Southfen ICB"},
    {"name": "Beatrix Lowe", "roles": ["Chief Executive, NHS Northfen ICB"], "organisation": "NHS Northfen ICB"},
]


def _people(x: Extraction) -> list[dict[str, Any]]:
    return to_summary(x)["people"]


def _copies(pdf: Path) -> dict[str, Path]:
    """The PDF, PDFium's text copy, and pypdf's and pdftotext's copies where those are installed."""
    out = {"pdf": pdf}
    txt = pdf.with_suffix(".pdfium.txt")
    txt.write_text(pdf_text(pdf), encoding="utf-8")
    out["pdfium-text"] = txt
    try:
        from pypdf import PdfReader

        t = pdf.with_suffix(".pypdf.txt")
        t.write_text("\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages), encoding="utf-8")
        out["pypdf"] = t
    except ImportError:
        pass
    if shutil.which("pdftotext"):
        for name, args in (("pdftotext", []), ("pdftotext-layout", ["-layout"])):
            t = pdf.with_suffix(f".{name}.txt")
            subprocess.run(["pdftotext", *args, "-enc", "UTF-8", str(pdf), str(t)], check=True)
            out[name] = t
    return out


@pytest.fixture(scope="module")
def fenwick(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _copies(write_report(tmp_path_factory.mktemp("fenwick") / "fenwick.pdf", FENWICK))


def test_the_team_table_runs_on_past_a_page_break(fenwick: dict[str, Path]) -> None:
    doc = read_document(fenwick["pdf"])
    team_page = doc.page_of(doc.text.index("Inspection team"))
    assert doc.page_of(doc.text.index("Lowri Fenchurch")) == team_page + 1  # the drawing breaks the table
    for route, path in fenwick.items():
        people = [p for p in _people(extract(read_document(path))) if p["organisation"] in ("Ofsted", "CQC")]
        assert people == TEAM_PEOPLE, route


def test_leaders_name_and_role_without_a_comma_and_each_own_board(fenwick: dict[str, Path]) -> None:
    for route, path in fenwick.items():
        x = extract(read_document(path))
        leaders = [p for p in _people(x) if p["organisation"] not in ("Ofsted", "CQC")]
        assert leaders == LEADERS, route
        summary = to_summary(x)
        assert summary["local_authority"] == "Fenwick Borough Council", route


@pytest.mark.parametrize(
    "cell, name, role",
    [
        (
            "Jo Tranter - Corporate Director of Children’s Services",
            "Jo Tranter",
            "Corporate Director of Children’s Services",
        ),
        ("Jo Tranter Director of Children’s Services", "Jo Tranter", "Director of Children’s Services"),
        ("Mx Jo Tranter – Interim Director of Education", "Jo Tranter", "Interim Director of Education"),
    ],
    ids=["hyphen", "no-separator", "honorific-en-dash"],
)
def test_name_and_role_forms(tmp_path: Path, cell: str, name: str, role: str) -> None:
    details = [FENWICK.details[0], FENWICK.details[1], (cell, FENWICK.details[2][1]), FENWICK.details[3]]
    report = replace(FENWICK, details=details, team=TEAM[:2], spacer_before_team=0.0)
    pdf = write_report(tmp_path / "fenwick-form.pdf", report)
    txt = tmp_path / "fenwick-form.txt"
    txt.write_text(pdf_text(pdf), encoding="utf-8")
    for path in (pdf, txt):
        council = [p for p in _people(extract(read_document(path))) if p["organisation"] == "Fenwick Borough Council"]
        assert council == [{"name": name, "roles": [role], "organisation": "Fenwick Borough Council"}], path.suffix


def test_no_running_footer_in_the_last_item_of_a_list(fenwick: dict[str, Path]) -> None:
    # the narrative lists end at page breaks in this drawing: whatever the library, no item keeps
    # the running footer ("Area SEND inspection report: Fenwick Local Area Partnership …")
    for route, path in fenwick.items():
        doc = read_document(path)
        assert "inspection report" not in doc.text.lower(), route
        x = extract(doc)
        for f in [*x.findings, *x.improvements]:
            assert "Local Area Partnership" not in f.text.value, (route, f.text.value)


MORE_LEADERS = [
    *FENWICK.details[:3],
    ("Sol Byrne, Director of Education", "Cara Vance, Director of Nursing, NHS Northfen ICB"),
    FENWICK.details[3],
]


@pytest.mark.parametrize(
    "spacer, broken_after",
    [(0.0, "Cara Vance"), (20.0, "Jo Tranter"), (70.0, "Fenwick Borough Council")],
    ids=["web-addresses-on-the-next-page", "a-leaders-row-on-the-next-page", "all-leaders-on-the-next-page"],
)
def test_partnership_table_across_a_page_break(tmp_path: Path, spacer: float, broken_after: str) -> None:
    report = replace(FENWICK, details=MORE_LEADERS, spacer_before_details=spacer, team=TEAM[:2], spacer_before_team=0.0)
    copies = _copies(write_report(tmp_path / "fenwick-break.pdf", report))
    doc = read_document(copies["pdf"])
    table = doc.text.index("Local area partnership details")
    row_page = doc.page_of(doc.text.index(broken_after, table))
    assert doc.page_of(doc.text.index("www.fenwick.gov.uk", table)) == row_page + 1  # the drawing breaks there
    expected = [
        LEADERS[0],
        {"name": "Sol Byrne", "roles": ["Director of Education"], "organisation": "Fenwick Borough Council"},
        *LEADERS[1:],
        {"name": "Cara Vance", "roles": ["Director of Nursing, NHS Northfen ICB"], "organisation": "NHS Northfen ICB"},
    ]
    wrong = {}
    for route, path in copies.items():
        leaders = [p for p in _people(extract(read_document(path))) if p["organisation"] not in ("Ofsted", "CQC")]
        if route in ("pypdf", "pdftotext"):
            # these may give a row's cells one after the other, a line or block each: nothing there
            # tells which column a second leader whose role names no body sits in, so only names
            # and roles are asserted (the PDF, PDFium's and the layout copy keep the columns)
            leaders = [{**p, "organisation": None} for p in leaders]
            want = [{**p, "organisation": None} for p in expected]
        else:
            want = expected
        if sorted(leaders, key=str) != sorted(want, key=str):
            wrong[route] = leaders
    assert not wrong


# The fictional reports of test_report2023_variants, copied by the other libraries: their people
# tables come out row by row, a cell a line, column by column or side by side. (The drawn 24-point
# title line of Eastmere and Tynebury runs past the page's right edge, where pdftotext drops its last
# letter, so those two copies are not reports to it; the real reports' titles are kept, see
# test_text_routes.)
_ROUTES = ("pypdf", "pdfminer", "pdftotext", "pdftotext-layout")
_PAIRS = [
    (name, route)
    for name in ("ashby-on-wold", "marlowe", "west-dunmore", "eastmere", "tynebury", "riverside")
    for route in _ROUTES
    if not (name in ("eastmere", "tynebury") and route.startswith("pdftotext"))
]


@pytest.mark.parametrize("name, route", _PAIRS, ids=[f"{n}-{r}" for n, r in _PAIRS])
def test_variant_reports_people_in_other_libraries_copies(tmp_path: Path, name: str, route: str) -> None:
    from test_report2023_variants import REPORTS

    if route == "pdfminer":
        pytest.importorskip("pdfminer.high_level")
    if route.startswith("pdftotext") and not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed")
    report, expected = REPORTS[name]
    pdf = write_report(tmp_path / f"{name}.pdf", report)
    txt = tmp_path / f"{name}.{route}.txt"
    if route == "pdfminer":
        from pdfminer.high_level import extract_text

        txt.write_text(extract_text(str(pdf)), encoding="utf-8")
    else:
        txt = _copies(pdf)[route]
    got = _people(extract(read_document(txt)))
    assert sorted(got, key=str) == sorted(expected["people"], key=str)
