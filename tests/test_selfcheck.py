"""Self-checks (graphkit/check/selfcheck.py): each fires on a planted misread of a fictional
letter and stays quiet on the letter as read; validate reports them, and nothing on the real letters."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pdfgen import pdf_text, write_report
from rdflib import URIRef
from test_report2023_variants import ASHBY, REPORTS

from graphkit.check import selfcheck as sc
from graphkit.check.validate import validate_inputs
from graphkit.model import Fact, Improvement, Span
from graphkit.pipeline import Letter, letter_graph, read_letter

LETTERS = Path(__file__).parent / "data" / "letters"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Letter]:
    """The fictional 2023 reports drawn as PDFs, and a text copy of one, read."""
    folder = tmp_path_factory.mktemp("selfcheck")
    out = {name: read_letter(write_report(folder / f"{name}.pdf", r)) for name, (r, _) in REPORTS.items()}
    ashby = write_report(folder / "ashby.pdf", ASHBY)
    copy = folder / "ashby-copy.txt"
    copy.write_text(pdf_text(ashby), encoding="utf-8")
    return {**out, "ashby": read_letter(ashby), "copy": read_letter(copy)}


def _checks(letter: Letter, **changes: object) -> set[URIRef]:
    """The self-checks firing on ``letter`` read with ``changes`` planted into its extraction."""
    x = dataclasses.replace(letter.extraction, **changes)
    _, g = letter_graph(Letter(letter.doc, x))
    return {f.check for f in sc.check_document(g)}


def test_quiet_on_fictional_letters_as_read(reports: dict[str, Letter]) -> None:
    for letter in reports.values():
        assert _checks(letter) == set(), letter.name
    for path in sorted(LETTERS.glob("*.txt")):
        if path.name.startswith("half-"):
            continue
        letter = read_letter(path)
        if letter.extraction.kind != "other":
            assert _checks(letter) == set(), path.name


def _rename(letter: Letter, i: int, **person_changes: object) -> tuple:
    people = list(letter.extraction.people)
    people[i] = dataclasses.replace(people[i], **person_changes)
    return tuple(people)


@pytest.mark.parametrize(
    "name",
    [
        "Petra Quennell Malcolm Ostrander",  # two people in one cell
        "Petra Quennell – Director",  # name and role joined by a dash
        "Petra Quennell (interim)",  # a bracket
        "Ashby-on-Wold Local Area Partnership",  # a running header's words read as a name
        "Care Quality Commission",  # a column heading read as a name
    ],
)
def test_person_name_misread(reports: dict[str, Letter], name: str) -> None:
    letter = reports["ashby"]
    person = letter.extraction.people[0]
    people = _rename(letter, 0, name=Fact(name, person.name.span))
    assert sc.PERSON_NAME in _checks(letter, people=people)


def test_person_name_conforming(reports: dict[str, Letter]) -> None:
    letter = reports["ashby"]
    person = letter.extraction.people[0]
    for name in ("Petra Quennell-Ostrander", "Mary Jane van der Berg", "Siobhan O’Neill"):
        people = _rename(letter, 0, name=Fact(name, person.name.span))
        assert sc.PERSON_NAME not in _checks(letter, people=people), name


def test_role_holding_running_header(reports: dict[str, Letter]) -> None:
    letter = reports["ashby"]
    team = next(i for i, p in enumerate(letter.extraction.people) if p.context == "team")
    role = Fact("Ofsted Inspector Area SEND inspection report: Ashby-on-Wold Local Area Partnership", None)
    assert sc.RUNNING_HEADER in _checks(letter, people=_rename(letter, team, roles=(role,)))
    page = Fact("29 January 2024 to 6 February 2024 8", None)
    assert sc.RUNNING_HEADER in _checks(letter, people=_rename(letter, team, roles=(page,)))


def test_list_item_with_its_number_or_a_header(reports: dict[str, Letter]) -> None:
    letter = reports["ashby"]
    first, second = letter.extraction.improvements[:2]
    numbered = dataclasses.replace(first, text=Fact("1. " + first.text.value, first.text.span))
    assert sc.LIST_ITEM in _checks(letter, improvements=(numbered, second))
    block = dataclasses.replace(first, text=Fact(first.text.value + " 2. " + second.text.value, first.text.span))
    assert sc.LIST_ITEM in _checks(letter, improvements=(block,))
    header = dataclasses.replace(
        first,
        text=Fact(first.text.value + " Joint local area SEND inspection in Ashby-on-Wold 6", first.text.span),
    )
    assert sc.RUNNING_HEADER in _checks(letter, improvements=(header, second))
    # numbers inside a sentence are not item numbers
    fine = dataclasses.replace(first, text=Fact(first.text.value + " About 2. 5% wait.", first.text.span))
    assert sc.LIST_ITEM not in _checks(letter, improvements=(fine, second))


def test_role_holding_running_text(reports: dict[str, Letter]) -> None:
    letter = reports["ashby"]
    team = next(i for i, p in enumerate(letter.extraction.people) if p.context == "team")
    role = Fact("CQC inspector If you are not happy with the inspection or the report, you can complain", None)
    assert sc.RUNNING_HEADER in _checks(letter, people=_rename(letter, team, roles=(role,)))
    fine = Fact("Deputy Chief Inspector, Primary Medical Services, Children Health and Justice", None)
    assert sc.RUNNING_HEADER not in _checks(letter, people=_rename(letter, team, roles=(fine,)))


def test_list_read_past_its_section(reports: dict[str, Letter]) -> None:
    letter = reports["ashby"]
    *rest, last = letter.extraction.improvements
    runaway = dataclasses.replace(
        last, text=Fact(last.text.value + " Local area partnership details Local authority", last.text.span)
    )
    assert sc.LIST_ITEM in _checks(letter, improvements=(*rest, runaway))


@pytest.mark.parametrize(
    "lost",
    [
        {"improvements": ()},
        {"priority_actions": ()},
    ],
)
def test_section_heading_with_nothing_read(reports: dict[str, Letter], lost: dict) -> None:
    assert sc.SECTION_EMPTY in _checks(reports["ashby"], **lost)


def test_tables_with_nobody_read(reports: dict[str, Letter]) -> None:
    letter = reports["ashby"]
    no_partnership = tuple(p for p in letter.extraction.people if p.context != "partnership")
    assert sc.SECTION_EMPTY in _checks(letter, people=no_partnership)
    assert sc.SECTION_EMPTY in _checks(letter, people=())


@pytest.mark.parametrize("which", ["ashby", "copy"])
def test_items_read_as_one(reports: dict[str, Letter], which: str) -> None:
    """Two areas for improvement read as one item (the list read is shorter than the report's)."""
    letter = reports[which]
    first, second = letter.extraction.improvements[:2]
    assert first.text.span and second.text.span
    text = letter.doc.text
    merged = Improvement(
        Fact(first.text.value + " " + second.text.value, Span.of(text, first.text.span.start, second.text.span.end)),
        first.ordinal,
    )
    assert sc.MERGED_ITEMS in _checks(letter, improvements=(merged,))


def test_team_shorter_than_its_sentence(reports: dict[str, Letter]) -> None:
    """The team table's CQC rows lost at a page break: fewer than the team sentence names."""
    letter = reports["ashby"]
    people = letter.extraction.people
    no_cqc = tuple(p for p in people if not (p.organisation and "CQC" in p.organisation.value))
    assert len(no_cqc) < len(people)
    assert sc.TEAM_COUNT in _checks(letter, people=no_cqc)
    ofsted = [i for i, p in enumerate(people) if p.organisation and p.organisation.value == "Ofsted"]
    fewer = tuple(p for i, p in enumerate(people) if i not in ofsted[-2:])  # the sentence names three
    assert sc.TEAM_COUNT in _checks(letter, people=fewer)


def test_team_with_no_cqc_inspector_without_a_sentence() -> None:
    """A 2016-22 letter whose signature table lost its CQC column."""
    letter = read_letter(LETTERS / "revisit-2021-northcliffe.txt")
    people = tuple(p for p in letter.extraction.people if not (p.organisation and "CQC" in p.organisation.value))
    assert sc.TEAM_COUNT in _checks(letter, people=people)


def test_signatory_missing_from_the_people_read() -> None:
    """The letter's signature names its lead inspector; the table holding them was lost."""
    letter = read_letter(LETTERS / "revisit-2021-northcliffe.txt")  # signed by its lead inspector
    lead = letter.extraction.people[0]
    assert sc.TEAM_COUNT not in _checks(letter)
    assert sc.TEAM_COUNT in _checks(letter, people=tuple(p for p in letter.extraction.people if p is not lead))


def test_weakness_count_against_the_letter() -> None:
    letter = read_letter(LETTERS / "revisit-2021-northcliffe.txt")  # "the three areas of significant weakness"
    x = letter.extraction
    assert len(x.weaknesses) == 3 and sc.WEAKNESS_COUNT not in _checks(letter)
    assert sc.WEAKNESS_COUNT in _checks(letter, weaknesses=x.weaknesses[:2], verdicts=x.verdicts[:2])


def test_forum_named_but_not_read(reports: dict[str, Letter]) -> None:
    letter = reports["ashby"]  # "the parent carer forum, known as Wold Voices Together"
    assert letter.extraction.parent_carer_forum is not None
    assert sc.FORUM_NAMED in _checks(letter, parent_carer_forum=None)
    # a forum mentioned but not named: nothing to read, nothing to report
    bare = read_letter(LETTERS / "revisit-2019-none-office-header-saltby.txt")
    assert bare.extraction.parent_carer_forum is None and sc.FORUM_NAMED not in _checks(bare)


def test_validate_reports_a_self_check_like_a_shape(reports: dict[str, Letter], tmp_path: Path) -> None:
    """Through graphkit validate on a text copy with a planted misread: a warning, its check's IRI, the quote."""
    from cli_helpers import run_cli

    text = reports["copy"].doc.text
    person = next(p for p in reports["copy"].extraction.people if p.context == "team")
    name = person.name.value
    nxt = text.index("\n", text.index(name))
    planted = tmp_path / "planted.txt"  # the role's line joined to the name's (one cell read as a name)
    planted.write_text(text[:nxt] + " Area SEND inspection report:" + text[nxt:], encoding="utf-8")
    code, out, err = run_cli(["validate", str(planted)])
    assert code == 0, err
    assert "gksh:" in out and "WARNING: planted.txt" in out


def test_real_letters_no_warnings(real_letters: list[Path]) -> None:
    """All 26 real documents: the shapes and the self-checks find nothing to warn about (0 warnings)."""
    report = validate_inputs(real_letters)
    assert report.documents == len(real_letters) == 26
    assert report.violations == 0
    assert [r.message for r in report.results if r.severity == "warning"] == []


def test_build_stores_what_validate_reports_across_documents_too(tmp_path: Path, shared: Path) -> None:
    """A text copy of a real report with two planted misreads: its last team row lost (a self-check)
    and its previous inspection's year misread (a check across documents, against the statistics).
    build stores exactly the warnings validate --db reports, and says so."""
    import json

    from cli_helpers import run_cli

    from graphkit.ask.query import run_query
    from graphkit.read import read_document
    from graphkit.store.db import open_store

    text = read_document(shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf").text
    team = text.index("Inspection team")
    rows = text[team:].split("\n")
    last_row = next(line for line in rows[2:] if "CQC inspector" in line and "Ofsted" in line and line != rows[2])
    planted = text.replace("\n" + last_row, "", 1)
    previous = re.search(r"(Dates? of previous inspection:[^\n]*?)(\d{4})", planted)
    assert previous and last_row not in planted
    planted = planted[: previous.start(2)] + str(int(previous.group(2)) - 7) + planted[previous.end(2) :]
    copy = tmp_path / "bury-copy.txt"
    copy.write_text(planted, encoding="utf-8")
    db = tmp_path / "db"
    code, _, err = run_cli(["build", str(copy), "--db", str(db)])
    assert code == 0, err
    assert "bury-copy.txt (1)" in err and "(across documents) (1)" in err
    stored = run_query(open_store(db, create=False), "validation-warnings", {})
    stored_found = {(r["shape"], r["message"]) for r in stored.dicts()}
    code, out, err = run_cli(["validate", "--db", str(db), "--format", "json"])
    validated = {(r["shape"], r["message"]) for r in json.loads(out)["results"] if r["severity"] == "warning"}
    assert stored_found == validated
    assert {shape.rsplit("#", 1)[1] for shape, _ in validated} == {
        "InspectionTeamShorterThanTextCheck",
        "PreviousInspectionKnownShape",
    }


def test_every_cross_document_shape_is_run() -> None:
    """Cross-document shapes are run as one query each: every shape there must be SPARQL-based."""
    from rdflib import RDF, Graph, Namespace

    from graphkit.check.validate import across_checks
    from graphkit.resources import resource_dir

    sh = Namespace("http://www.w3.org/ns/shacl#")
    g = Graph().parse(resource_dir("shapes") / "graphkit-cross-document-shapes.ttl")
    shapes = {str(s) for s in g.subjects(RDF.type, sh.NodeShape)}
    assert shapes and shapes == {c.shape for c in across_checks()}
    assert not set(g.subjects(sh.property, None)) and not set(g.subjects(sh.path, None))
