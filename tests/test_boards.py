"""The bundled integrated care boards: valid on their dates, with their codes, as the sources give them."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from graphkit.resolve import all_boards, board_successions, boards_covering, resolve_area, resolve_board


def test_boards_valid_on_each_date() -> None:
    assert sum(b.valid_on(date(2022, 6, 30)) for b in all_boards()) == 0
    assert sum(b.valid_on(date(2022, 7, 1)) for b in all_boards()) == 42
    assert sum(b.valid_on(date(2026, 3, 31)) for b in all_boards()) == 42
    assert sum(b.valid_on(date(2026, 4, 1)) for b in all_boards()) == 36


def test_the_bundled_boards_match_the_sources(shared: Path) -> None:
    folder = shared / "reference" / "icb"
    by_ods = {b.ods: b for b in all_boards()}
    with (folder / "icb_2022.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            board = by_ods[row["ods"]]
            assert board.statutory_name == row["name"] and board.gss_codes[0] == row["gss"]
            assert board.established == date(2022, 7, 1)
    with (folder / "icb_2026.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            board = by_ods[row["ods"]]
            assert board.valid_on(date(2026, 4, 1)) and board.gss_codes[-1] == row["gss"]
            notes = [c.note for c in board.codes if c.scheme == "GSS" and c.value == row["gss"]]
            # a code the source does not give with high confidence keeps its note
            assert notes[-1] == ("" if row["gss_confidence"].startswith("high") else row["gss_confidence"])
    with (folder / "icb_changes_2026.csv").open(encoding="utf-8") as fh:
        changes = {(r["predecessor_ods"], r["successor_ods"], r["succession_type"]) for r in csv.DictReader(fh)}
    assert {(s.predecessor.ods, s.successor.ods, s.kind) for s in board_successions()} == changes


def test_a_name_resolves_against_the_boards_of_its_date() -> None:
    assert resolve_board("NHS Essex ICB", date(2026, 1, 15)) is None
    assert resolve_board("NHS Essex ICB", date(2026, 4, 1)) is not None
    assert resolve_board("NHS Mid and South Essex ICB", date(2026, 1, 15)) is not None
    assert resolve_board("NHS Mid and South Essex ICB", date(2026, 4, 1)) is None
    # one board through a change of GSS code (Hampshire and Isle of Wight kept its ODS code)
    hiow = resolve_board("HIOW ICB")
    assert hiow is not None and hiow.ods == "QRL" and hiow.gss_codes == ("E54000042", "E54000067")
    assert resolve_board("NHS Gotham ICB") is None


def test_areas_covered_at_a_date() -> None:
    herts = resolve_area("Hertfordshire")
    assert herts is not None
    # a district (North Hertfordshire) is shared with Cambridgeshire and Peterborough
    covers = {c.board.name: c.partial for c in boards_covering(herts, date(2024, 1, 1))}
    assert covers == {"Hertfordshire and West Essex": True, "Cambridgeshire and Peterborough": True}
    # from 2026, Cambridgeshire and Peterborough merged whole into Central East; Hertfordshire and
    # West Essex was split, and which successor covers which area is not in the data: not claimed
    assert [c.board.name for c in boards_covering(herts, date(2026, 5, 1))] == ["Central East"]
    camden = resolve_area("Camden")
    assert camden is not None
    assert [c.board.name for c in boards_covering(camden, date(2026, 5, 1))] == ["West and North London"]
