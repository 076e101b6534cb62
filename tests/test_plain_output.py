"""Output for people: plain csv/tsv/table cells, and spreadsheets (xlsx) with typed cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run_cli


@pytest.fixture(scope="module")
def graph_file(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graphkit.store.db import open_store

    path = tmp_path_factory.mktemp("plain") / "send.trig"
    store = open_store(built_store, create=False)
    store.dump(path)
    del store
    return path


def test_csv_cells_are_plain(graph_file: Path) -> None:
    code, out, err = run_cli(
        ["query", "area-history", "--graph", str(graph_file), "--param", "area=Bury", "--format", "csv"]
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert "https://" not in out and "^^" not in out
    assert rows[0]["inspection"] == "inspection/bury/initial/2017-06"  # a short id where the query asks for one
    assert rows[0]["start"] == "2017-06-12" and rows[0]["weaknessCount"] == "8"
    code, out, err = run_cli(
        ["query", "node", "--graph", str(graph_file), "--param", "node=Adam Sproston", "--format", "tsv"]
    )
    # words, not vocabulary terms: FOAF's name and type as a reader says them ("name", "kind")
    assert code == 0 and "\tname\tAdam Sproston\t" in out and "\tkind\tperson\t" in out, out
    assert not re.search(r"\b(?:foaf|prov|rdf|rdfs|skos|dcterms|oa|org|owl):|\((?:FOAF|PROV-O|RDF)\)", out), out


def test_xlsx_has_typed_cells_a_header_and_frozen_panes(graph_file: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "history.xlsx"
    code, _, err = run_cli(
        [
            "query",
            "area-history",
            "--graph",
            str(graph_file),
            "--param",
            "area=Bury",
            "--format",
            "xlsx",
            "-o",
            str(out),
        ]
    )
    assert code == 0, err
    ws = load_workbook(out).active
    assert ws.title == "area-history" and ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:3] == ["inspection", "kind", "start"] and ws["A1"].font.bold
    first = {h: c.value for h, c in zip(header, ws[2], strict=True)}
    assert first["start"] == dt.datetime(2017, 6, 12) and ws["C2"].is_date
    assert first["weaknessCount"] == 8 and first["wsoaRequired"] is True
    assert ws.column_dimensions["A"].width > 20


def test_xlsx_needs_an_output_file(graph_file: Path, tmp_path: Path) -> None:
    code, out, err = run_cli(["query", "themes", "--graph", str(graph_file), "--format", "xlsx"])
    assert_one_line_error(code, out, err, "--format xlsx", "written to a file")
    code, out, err = run_cli(
        ["query", "themes", "--graph", str(graph_file), "--format", "xlsx", "-o", str(tmp_path / "t.csv")]
    )
    assert_one_line_error(code, out, err, "t.csv", ".xlsx suffix")
    assert not list(tmp_path.iterdir())
