"""Forums, bodies, former CCGs and numbered items in fictional 2023-framework reports.

Each case is one way the real reports introduce a parent carer forum, list the responsible
bodies, name the clinical commissioning groups health commissioning passed from, or set out
their areas for improvement; the wording here is new and every area, body and name fictional
(apart from the names of real integrated care boards, which are reference data). Each report is
drawn as a PDF (``pdfgen``) and read twice: as the PDF and as a ``.txt`` copy of its text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")

from pdfgen import pdf_text, write_report  # noqa: E402
from test_report2023_variants import MARLOWE  # noqa: E402

from graphkit.extract import extract  # noqa: E402
from graphkit.extract.summary import to_summary  # noqa: E402
from graphkit.read import read_document  # noqa: E402

RESPONSIBLE = (
    "are jointly responsible for the planning and commissioning of services for children and young people "
    "with SEND in Northshire."
)


def _info(
    *forum: str, bodies: str = "Northshire County Council and NHS Fellside Integrated Care Board (ICB)"
) -> list[str]:
    return [f"{bodies} {RESPONSIBLE}", *forum]


def _read_both(tmp_path: Path, name: str, **changes: Any) -> list[dict[str, Any]]:
    report = replace(
        MARLOWE, area="Northshire", title=["Area SEND inspection of Northshire Local Area", "Partnership"], **changes
    )
    pdf = write_report(tmp_path / f"{name}.pdf", report)
    txt = tmp_path / f"{name}.txt"
    txt.write_text(pdf_text(pdf), encoding="utf-8")
    return [to_summary(extract(read_document(p))) for p in (pdf, txt)]


# --- the parent carer forum ----------------------------------------------------------------------

FORUMS: list[tuple[str, list[str], str | None]] = [
    (
        "quoted-before-generic",
        ["The ‘Speak Up Together’ parent carer forum has helped leaders to redesign the short breaks offer."],
        "Speak Up Together",
    ),
    (
        "acronym-then-expansion-in-brackets",
        [
            "Leaders meet every month with the FVN (Family Voices Northshire, which is Northshire’s parent carer "
            "forum) to check on progress."
        ],
        "Family Voices Northshire",
    ),
    (
        "name-before-lowercase-generic",
        ["Families share their views through the Stronger Together parent carer forum and local support groups."],
        "Stronger Together",
    ),
    (
        "known-in-area-as-with-acronym",
        ["The parent carer forum is known in Northshire as the Kinship Carers Alliance (KCA)."],
        "Kinship Carers Alliance",
    ),
    (
        "area-name-and-pcf",
        ["Health leaders work closely with Northshire PCF when they plan new services."],
        "Northshire PCF",
    ),
    (
        "apposition-name-with-lower-case-joiner-and-acronym",
        ["Leaders listen to the parent carer forum, Hands in Hand (HiH), when they set priorities."],
        "Hands in Hand",
    ),
    (
        "bracketed-name-or-acronym",
        ["Leaders value the parent carer forum (Northshire Parents United Network, or NPUN) as a partner."],
        "Northshire Parents United Network",
    ),
    (
        "known-as-in-brackets",
        ["Leaders meet the parent carer forum (known as Northshire Families Together) every term."],
        "Northshire Families Together",
    ),
    (
        "dash-apposition",
        ["Leaders listen to Open Doors Northshire – the local parent carer forum – when they plan services."],
        "Open Doors Northshire",
    ),
    (
        "name-is-the-forum",
        ["Speak Out Northshire is the recognised parent carer forum and sits on the SEND board."],
        "Speak Out Northshire",
    ),
    (
        "bare-title-is-not-a-name",
        ["Leaders meet regularly with the Parent Carer Forum (PCF) to review the local offer."],
        None,
    ),
    (
        "area-alone-is-not-a-name",
        ["Leaders meet regularly with the Northshire parent carer forum to review the local offer."],
        None,
    ),
]


@pytest.mark.parametrize("case, sentences, expected", FORUMS, ids=[c[0] for c in FORUMS])
def test_parent_carer_forum(tmp_path: Path, case: str, sentences: list[str], expected: str | None) -> None:
    for got in _read_both(tmp_path, case, info=_info(*sentences)):
        assert got["parent_carer_forum"] == expected


# --- responsible bodies: names with "and" in them, lists of bodies ----------------------------------

BODIES: list[tuple[str, str, str, list[str]]] = [
    (
        "borough-of-and-icb",
        "The London Borough of Northshire and North East Fellside Integrated Care Board (ICB)",
        "London Borough of Northshire",
        ["North East Fellside Integrated Care Board"],
    ),
    (
        "board-named-with-and-the",
        "Northshire Council and NHS Cornwall and the Isles of Scilly ICB",
        "Northshire Council",
        ["NHS Cornwall and the Isles of Scilly ICB"],
    ),
    (
        "board-named-with-commas-and-and",
        "Northshire Council and Bath and North East Somerset, Swindon and Wiltshire ICB",
        "Northshire Council",
        ["Bath and North East Somerset, Swindon and Wiltshire ICB"],
    ),
    (
        "council-with-and-then-two-boards",
        "Northshire and Westdale Council, the Kent and Medway ICB and the NHS Derby and Derbyshire ICB",
        "Northshire and Westdale Council",
        ["Kent and Medway ICB", "NHS Derby and Derbyshire ICB"],
    ),
]


@pytest.mark.parametrize("case, bodies, council, icbs", BODIES, ids=[c[0] for c in BODIES])
def test_bodies_with_and(tmp_path: Path, case: str, bodies: str, council: str, icbs: list[str]) -> None:
    details = [("Local authority", "Integrated care board"), (council, "\n".join(icbs))]
    for got in _read_both(tmp_path, case, info=_info(bodies=bodies), details=details):
        assert got["local_authority"] == council
        assert got["icbs"] == icbs


# --- former clinical commissioning groups ----------------------------------------------------------

CCGS: list[tuple[str, str, list[str]]] = [
    (
        "passed-from-plural-groups-to",
        "In July 2022, responsibility for health commissioning passed from the NHS Northshire and Westdale "
        "Clinical Commissioning Groups to the NHS Fellside ICB.",
        ["NHS Northshire and Westdale Clinical Commissioning Groups"],
    ),
    (
        "took-over-from-lower-case-group",
        "NHS Fellside ICB took over the commissioning of health services from Northshire clinical "
        "commissioning group in July 2022.",
        ["Northshire clinical commissioning group"],
    ),
    (
        "two-named-groups",
        "On 1 July 2022, NHS Fellside ICB took over the commissioning of health services from NHS Northshire "
        "CCG and NHS Westdale and Moor Clinical Commissioning Group.",
        ["NHS Northshire CCG", "NHS Westdale and Moor Clinical Commissioning Group"],
    ),
]


@pytest.mark.parametrize("case, sentence, expected", CCGS, ids=[c[0] for c in CCGS])
def test_former_ccgs(tmp_path: Path, case: str, sentence: str, expected: list[str]) -> None:
    for got in _read_both(tmp_path, case, info=_info(sentence)):
        assert got["ccgs"] == expected
        assert got["icbs"] == ["NHS Fellside Integrated Care Board"]


# --- numbered items in one block -----------------------------------------------------------------

IMPROVEMENTS = [
    "Leaders should check that every annual review leads to an updated plan.",
    "Health leaders should shorten the wait for a first appointment with the sensory service.",
    "Leaders across the partnership should publish a clear guide to the short breaks offer, so that "
    "families know what they can ask for.",
]


def test_numbered_improvements_in_one_block(tmp_path: Path) -> None:
    block = "\n".join(f"{n}. {item}" for n, item in enumerate(IMPROVEMENTS, start=1))
    for got in _read_both(tmp_path, "numbered", improvements=[block]):
        assert got["improvements"] == IMPROVEMENTS


def test_numbered_improvements_run_together(tmp_path: Path) -> None:
    # a copy that lost its line breaks: the numbers are the only marks left
    block = " ".join(f"{n}. {item}" for n, item in enumerate(IMPROVEMENTS, start=1))
    for got in _read_both(tmp_path, "run-together", improvements=[block]):
        assert got["improvements"] == IMPROVEMENTS


def test_numbered_priority_actions_in_one_cell(tmp_path: Path) -> None:
    actions = [
        "Leaders should make sure that plans are finished within 20 weeks.",
        "Leaders should make sure that children who are out of school get a suitable education quickly.",
    ]
    cell = [f"{n}. {a}" for n, a in enumerate(actions, start=1)]
    priority = [("Northshire County Council", cell)]
    for got in _read_both(tmp_path, "numbered-priority", priority=priority):
        assert [p["text"] for p in got["priority_actions"]] == actions
        assert [p["responsible_body"] for p in got["priority_actions"]] == ["Northshire County Council"] * 2


# --- boards valid on the report's date (validate's self-check) ------------------------------------

BOARD_DATES: list[tuple[str, str, str, bool]] = [
    # (case, visit dates, the board as the report names it, whether validate warns)
    ("board-not-yet-set-up", "4 to 8 March 2024", "NHS Essex Integrated Care Board", True),
    ("board-set-up-by-then", "4 to 8 May 2026", "NHS Essex Integrated Care Board", False),
    ("board-abolished-by-then", "4 to 8 May 2026", "NHS Mid and South Essex Integrated Care Board", True),
    ("board-valid-then", "4 to 8 March 2024", "NHS Cornwall and the Isles of Scilly Integrated Care Board", False),
]


@pytest.mark.parametrize("case, dates, board, warns", BOARD_DATES, ids=[c[0] for c in BOARD_DATES])
def test_board_valid_on_the_report_date(tmp_path: Path, case: str, dates: str, board: str, warns: bool) -> None:
    from graphkit.check.validate import validate_inputs

    details = [("Local authority", "Integrated care board"), ("Northshire County Council", board)]
    report = replace(
        MARLOWE,
        area="Northshire",
        title=["Area SEND inspection of Northshire Local Area", "Partnership"],
        dates=dates,
        info=_info(bodies=f"Northshire County Council and {board}"),
        details=details,
    )
    pdf = write_report(tmp_path / f"{case}.pdf", report)
    assert to_summary(extract(read_document(pdf)))["icbs"] == [board]
    results = validate_inputs([pdf]).results
    board_warnings = [r for r in results if r.shape.endswith("#BoardValidOnDateShape")]
    assert [r.severity for r in board_warnings] == (["warning"] if warns else [])
    assert not [r for r in results if r.shape.endswith("#BodyNameHoldsAnotherShape")]


def test_board_node_carries_codes_dates_and_successors(tmp_path: Path) -> None:
    from rdflib import Literal, URIRef

    from graphkit.graph.rdf import GK, ID
    from graphkit.pipeline import letter_graph, read_letter

    board = "NHS Hertfordshire and West Essex Integrated Care Board"
    report = replace(
        MARLOWE,
        area="Northshire",
        title=["Area SEND inspection of Northshire Local Area", "Partnership"],
        dates="4 to 8 March 2024",
        info=_info(bodies=f"Northshire County Council and {board}"),
        details=[("Local authority", "Integrated care board"), ("Northshire County Council", board)],
    )
    _, g = letter_graph(read_letter(write_report(tmp_path / "herts.pdf", report)))
    node = ID["body/icb/hertfordshire-and-west-essex"]
    assert g.value(node, GK.odsCode) == Literal("QM7")
    assert set(g.objects(node, GK.gssCode)) == {Literal("E54000025")}
    assert str(g.value(node, GK.operatedUntil)) == "2026-03-31"
    # split between two boards of 2026, each recorded with the kind of change
    assert set(g.objects(node, GK.successor)) == {ID["body/icb/central-east"], ID["body/icb/essex"]}
    kinds = {str(g.value(s, GK.successionType)) for s in g.subjects(GK.fromBoard, node)}
    assert kinds == {"split"}
    # the new board's GSS code is uncertain in the source: the note is kept with the code
    code = URIRef(f"{ID['body/icb/essex']}/code/gss/E54000066")
    assert "derived list" in str(g.value(code, GK.sourceNote))
