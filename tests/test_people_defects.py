"""Defects a new user hit (issue 15): stores, build inputs, people decisions, names as parameters,
tables never cut, graph files given to show, the documents date, weakness numbers, skip reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run_cli

from graphkit.ask.query import render, run_query
from graphkit.extract.kind import classify
from graphkit.store.db import open_store

TEXT_LETTERS = Path(__file__).resolve().parent / "data"


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _a_letter(shared: Path) -> Path:
    return sorted((shared / "letters" / "2016-framework").glob("*.txt"))[0]


def test_read_commands_refuse_a_folder_that_is_not_a_store(shared: Path, tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    shutil.copy(_a_letter(shared), letters)
    before = _listing(tmp_path)
    for args in (
        ["query", "documents", "--db", str(letters)],
        ["reconcile", "--db", str(letters)],
        ["people", "--db", str(letters)],
        ["export", "--db", str(letters), "--to", "csv", "-o", str(tmp_path / "out.csv")],
    ):
        code, out, err = run_cli(args)
        assert_one_line_error(code, out, err, str(letters), "not a graphkit store")
    code, out, err = run_cli(["build", str(letters), "--db", str(letters)])
    assert_one_line_error(code, out, err, str(letters), "neither empty nor a graphkit store")
    assert _listing(tmp_path) == before  # nothing written into the folder, no lock beside it


def test_build_refuses_a_missing_input_or_a_folder_without_letters(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not a letter", encoding="utf-8")
    before = _listing(tmp_path)
    code, out, err = run_cli(["build", str(tmp_path / "no" / "such" / "path"), "--db", str(tmp_path / "new.db")])
    assert_one_line_error(code, out, err, "no/such/path", "no such file or folder")
    code, out, err = run_cli(["build", str(empty), "--db", str(tmp_path / "x")])
    assert_one_line_error(code, out, err, str(empty), "no letters or reports in this folder")
    assert _listing(tmp_path) == before  # no store, no lock file created


@pytest.fixture(scope="module")
def own_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built store that tests here may change."""
    db = tmp_path_factory.mktemp("people") / "send.db"
    shutil.copytree(built_store, db)
    return db


def test_accepting_two_names_makes_them_one_person_everywhere(own_store: Path, shared: Path) -> None:
    code, out, err = run_cli(["people", "--db", str(own_store), "--review"])
    assert code == 0, err
    assert '"Dan Carrick"  ~  "Daniel Carrick"' in out
    # each name with the documents, areas and roles it appears with
    assert "Daniel Carrick: CQC lead inspector, Hertfordshire (hertfordshire-area-send-2023-07.pdf)" in out
    assert "Dan Carrick: CQC inspector, Wiltshire (wiltshire-area-send-2024-10.pdf)" in out
    code, out, err = run_cli(["people", "--db", str(own_store), "--accept", "Dan Carrick", "Daniel Carrick"])
    assert code == 0 and "Warning" not in err and "decision/same/daniel-carrick--dan-carrick" in out, err

    def check() -> None:
        store = open_store(own_store, create=False)
        several = {r["person"]: r for r in run_query(store, "people-in-several-areas").dicts()}
        carrick = several["https://w3id.org/graphkit/id/person/daniel-carrick"]
        assert set(str(carrick["areaNames"]).split("; ")) >= {"Hertfordshire", "North Yorkshire", "Wiltshire"}
        assert "https://w3id.org/graphkit/id/person/dan-carrick" not in several
        facts = run_query(store, "node", {"node": "Dan Carrick"}).dicts()
        same = [r for r in facts if r["property"] == "http://www.w3.org/2002/07/owl#sameAs"]
        assert same and same[0]["value"].endswith("/person/dan-carrick")  # the decision, as provenance
        del store

    check()
    code, out, err = run_cli(["people", "--db", str(own_store), "--review"])
    assert "Carrick" not in out
    # a rebuild that re-reads a document naming "Dan Carrick" keeps them one person
    wiltshire = shared / "letters" / "2023-framework" / "wiltshire-area-send-2024-10.pdf"
    code, out, err = run_cli(["build", "--db", str(own_store), "--remove", wiltshire.name])
    assert code == 0, err
    code, out, err = run_cli(["build", str(wiltshire), "--db", str(own_store)])
    assert code == 0 and "1 added" in err, err
    check()
    code, out, err = run_cli(["people", "--db", str(own_store), "--accept", "Dan Carick", "Liz Fox"])
    assert_one_line_error(code, out, err, "Dan Carick", "no person of that name")
    assert 'Did you mean "Dan Carrick"' in err


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hull", "kingston-upon-hull"),
        ("Bedford Borough", "bedford"),
        ("County Durham", "durham"),
        ("E08000002", "bury"),
    ],
)
def test_area_parameters_take_the_names_people_use(built_store: Path, name: str, slug: str) -> None:
    store = open_store(built_store, create=False)
    rows = run_query(store, "area-history", {"area": name}).dicts()
    assert rows and all(f"/inspection/{slug}/" in str(r["inspection"]) for r in rows)


def test_unknown_area_is_an_error_with_suggestions(built_store: Path) -> None:
    code, out, err = run_cli(["query", "area-history", "--db", str(built_store), "--param", "area=Middlesborough"])
    assert_one_line_error(code, out, err, "area=Middlesborough", "no area of that name")
    assert 'Did you mean "Middlesbrough"' in err


def test_node_takes_a_name(built_store: Path) -> None:
    code, out, err = run_cli(["query", "node", "--db", str(built_store), "--param", "node=Nobody Atall"])
    assert_one_line_error(code, out, err, "node=Nobody Atall", "no area, person or body of that name")
    store = open_store(built_store, create=False)
    by_name = run_query(store, "node", {"node": "Bury"}).dicts()
    by_iri = run_query(store, "node", {"node": "gkid:area/bury"}).dicts()
    assert by_name == by_iri and by_name
    person = run_query(store, "node", {"node": "Adam Sproston"}).dicts()
    assert any(r["value"] == "Adam Sproston" for r in person)


@pytest.mark.parametrize("width", [80, 100, 120])
def test_the_table_never_cuts_a_value(built_store: Path, width: int) -> None:
    store = open_store(built_store, create=False)
    for name in ("wsoa-areas", "area-history", "lead-inspectors"):
        table = run_query(store, name, {"area": "Bury"} if name == "area-history" else {})
        out = render(table, "table", width=width)
        assert "…" not in out
        assert all(len(line) <= width for line in out.splitlines()), name
        words = set(out.split())
        for row in table.dicts():
            for value in row.values():
                if value and not value.startswith("http"):
                    assert {w for w in value.split() if len(w) <= 20} <= words, (name, value)


def test_a_graph_file_given_to_show_gets_a_hint(tmp_path: Path) -> None:
    trig = tmp_path / "two.trig"
    trig.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n", encoding="utf-8")
    code, out, err = run_cli(["show", str(trig)])
    assert_one_line_error(code, out, err, "two.trig", "is a graph file")
    assert "graphkit validate" in err and "graphkit query" in err


def test_documents_dates_and_weakness_numbers(built_store: Path) -> None:
    store = open_store(built_store, create=False)
    docs = {r["document"]: r for r in run_query(store, "documents").dicts()}
    assert all(r["date"] for r in docs.values())
    assert docs["bury-area-send-2024-02.pdf"]["date"] == "2024-02-16"  # the inspection's last day
    stockton = [r for r in run_query(store, "wsoa-areas").dicts() if r["area"] == "Stockton-on-Tees"]
    assert [r["ordinal"] for r in stockton] == ["1", "2", "3", "4"]


def test_remove_hint_names_a_command_that_lists_documents(built_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "send.db"
    shutil.copytree(built_store, db)
    code, out, err = run_cli(["build", "--db", str(db), "--remove", "no-such-letter.pdf"])
    assert_one_line_error(code, out, err, "no-such-letter.pdf", "no such document in the store")
    assert "graphkit query documents" in err


@pytest.mark.parametrize(
    ("heading", "what"),
    [
        ("Inspection of Gotham City Council children\u2019s services\nInspection dates: 3 to 14 March 2025", "ILACS"),
        ("Focused visit to Gotham City Council local authority children\u2019s services", "focused-visit"),
        ("Joint targeted area inspection of the multi-agency response to children in Gotham", "JTAI"),
    ],
)
def test_skip_reasons_name_other_inspections(heading: str, what: str) -> None:
    text = (
        heading + "\n\nDear Ms Wayne\n\nThe local area has made sufficient progress in a written statement of action.\n"
    )
    kind, notes = classify(text)
    assert kind == "other" and what in notes[0] and "paraphrase" not in notes[0]
